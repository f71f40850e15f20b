import { useTranslation } from 'react-i18next';
import type { Professional } from '@caliu/common';
import { useTeams } from '@/lib/api/organization';

/** A professional's record as those who may not edit it see it. */
export function ProfessionalSummary({ professional }: { professional: Professional }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const teamName = new Map((teams.data ?? []).map((team) => [team.id, team.name]));
  return (
    <section className="card" aria-labelledby="professional-summary">
      <h2 id="professional-summary" className="section-title">
        {t('professionals.summary')}
      </h2>
      <dl className="account-facts">
        <div>
          <dt>{t('auth.fields.username')}</dt>
          <dd className="account-facts__code">{professional.username}</dd>
        </div>
        <div>
          <dt>{t('professionals.fields.email')}</dt>
          <dd>{professional.email}</dd>
        </div>
        <div>
          <dt>{t('professionals.fields.roles')}</dt>
          <dd>{professional.roles.map((role) => t(`roles.${role}`)).join(', ')}</dd>
        </div>
        <div>
          <dt>{t('professionals.fields.teams')}</dt>
          <dd>
            {professional.teams
              .map((m) => {
                const name = teamName.get(m.teamId) ?? '…';
                return m.isCoordinator ? t('professionals.coordinatorOf', { team: name }) : name;
              })
              .join(', ') || '—'}
          </dd>
        </div>
      </dl>
    </section>
  );
}
