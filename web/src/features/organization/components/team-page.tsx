import { useId, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/ui/alert';
import { QueryState } from '@/components/ui/query-state';
import { useTeam } from '@/lib/api/organization';
import { useCurrentUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { buttonClass } from '@/components/ui/button';
import { TeamForm } from './team-form';
import { TeamMembers } from './team-members';
import { useTerritory } from './use-territory';
import { cx } from '@/lib/cx';
import styles from '../organization.module.css';

/** What the new-team page passes on. */
export type TeamLocationState = { created?: boolean };

/** One team: its details (the administrator edits them) and its members (who configures them). */
export function TeamPage() {
  const { t } = useTranslation();
  const { teamId = '' } = useParams();
  const location = useLocation();
  const created = (location.state as TeamLocationState | null)?.created === true;
  const me = useCurrentUser();
  const team = useTeam(teamId);
  const territory = useTerritory();
  const id = useId();
  const [saved, setSaved] = useState(false);
  useDocumentTitle(team.data?.name ?? t('organization.teams.title'));

  if (!team.data) {
    return (
      <div className="page">
        <QueryState query={team}>{() => null}</QueryState>
      </div>
    );
  }
  const current = team.data;
  return (
    <div className="page">
      <p className="breadcrumb">
        <Link to="/teams">{t('organization.teams.back')}</Link>
      </p>
      <h1 className="page__title">
        {current.name}
        {!current.active && (
          <span className="badge badge--off title-badge">{t('forms.inactive')}</span>
        )}
      </h1>
      {current.can.configureMembers && me.permissions.includes('caseload.manage') && (
        <p>
          <Link
            to={`/teams/${current.id}/caseload`}
            className={buttonClass({ variant: 'secondary' })}
          >
            {t('caseload.link')}
          </Link>
        </p>
      )}
      {(saved || created) && (
        <Notice>
          {created
            ? t('organization.teams.created')
            : t('organization.saved', { name: current.name })}
        </Notice>
      )}
      {current.can.edit && (
        <section className={cx(styles.teamDetails, 'card')} aria-labelledby={`${id}-details`}>
          <h2 id={`${id}-details`} className="section-title">
            {t('organization.teams.details')}
          </h2>
          <QueryState query={territory}>
            {({ sectors, municipalities }) => (
              <TeamForm
                key={current.id}
                editing={current}
                sectors={sectors}
                municipalities={municipalities}
                onSaved={() => setSaved(true)}
              />
            )}
          </QueryState>
        </section>
      )}
      {current.can.configureMembers && <TeamMembers team={current} />}
    </div>
  );
}
