import { useEffect, useId, useRef, useState } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/lib/document-title';
import { useTeam } from '../api/get-team';
import { QueryState } from './query-state';
import { TeamForm } from './team-form';
import { TeamMembers } from './team-members';
import { useTerritory } from './use-territory';

/** What the new-team page passes on. */
export type TeamLocationState = { created?: boolean };

/** One team: its details (the administrator edits them) and its members (who configures them). */
export function TeamPage() {
  const { t } = useTranslation();
  const { teamId = '' } = useParams();
  const location = useLocation();
  const created = (location.state as TeamLocationState | null)?.created === true;
  const team = useTeam(teamId);
  const territory = useTerritory();
  const id = useId();
  const [saved, setSaved] = useState(false);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useDocumentTitle(team.data?.name ?? t('organization.teams.title'));

  useEffect(() => {
    if (saved || created) noticeRef.current?.focus();
  }, [saved, created]);

  if (!team.data) {
    return (
      <div className="page">
        <QueryState error={team.error} onRetry={() => void team.refetch()} />
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
      {(saved || created) && (
        <p ref={noticeRef} tabIndex={-1} role="status" className="alert alert--success">
          {created
            ? t('organization.teams.created')
            : t('organization.saved', { name: current.name })}
        </p>
      )}
      {current.abilities.edit && (
        <section className="card team-details" aria-labelledby={`${id}-details`}>
          <h2 id={`${id}-details`} className="section-title">
            {t('organization.teams.details')}
          </h2>
          {territory.data ? (
            <TeamForm
              key={current.id}
              editing={current}
              sectors={territory.data.sectors}
              municipalities={territory.data.municipalities}
              onSaved={() => setSaved(true)}
            />
          ) : (
            <QueryState error={territory.error} onRetry={() => void territory.refetch()} />
          )}
        </section>
      )}
      {current.abilities.configureMembers && <TeamMembers team={current} />}
    </div>
  );
}
