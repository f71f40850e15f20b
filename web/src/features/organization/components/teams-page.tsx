import { Link, useLocation } from 'react-router';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Team } from '@caliu/common';
import { alertClass, alertTitleClass } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { DataTable } from '@/components/ui/data-table';
import { QueryState } from '@/components/ui/query-state';
import { useTeams } from '@/lib/api/organization';
import { useCurrentUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { namesOf } from '../names';
import { useTerritory } from './use-territory';

/** What a team page passes on: the team whose coordination the user has just left. */
export type TeamsLocationState = { leftTeam?: string };

/**
 * The teams: the administrator sees every team of the entity and creates new ones; a coordinator
 * sees the teams they coordinate, whose members they configure.
 */
export function TeamsPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('organization.teams.title'));
  const me = useCurrentUser();
  const manages = me.permissions.includes('organization.manage');
  const teams = useTeams({ configurable: !manages });
  const territory = useTerritory();
  const leftTeam = (useLocation().state as TeamsLocationState | null)?.leftTeam;

  const territoryOf = (team: Team) => {
    if (!territory.data) return '';
    const names = [
      ...namesOf(team.sectorIds, territory.data.sectors),
      ...namesOf(team.municipalityIds, territory.data.municipalities),
    ];
    return names.join(', ') || '—';
  };

  return (
    <div className="page">
      <div className="page__header">
        <div>
          <h1 className="page__title">{t('organization.teams.title')}</h1>
          <p className="page__lead">
            {manages ? t('organization.teams.leadAdmin') : t('organization.teams.leadCoordinator')}
          </p>
        </div>
        {manages && (
          <Link to="/teams/new" className={buttonClass()}>
            {t('organization.teams.new')}
          </Link>
        )}
      </div>
      {leftTeam && <LeftTeamNotice team={leftTeam} />}
      <QueryState
        query={teams}
        empty={manages ? t('organization.teams.empty') : t('organization.teams.emptyCoordinator')}
      >
        {(rows) => (
          <DataTable
            caption={t('organization.teams.title')}
            columns={[
              {
                header: t('organization.teams.name'),
                cell: (team) => <Link to={`/teams/${team.id}`}>{team.name}</Link>,
              },
              { header: t('organization.teams.territory'), cell: territoryOf },
              { header: t('organization.teams.members'), cell: (team) => team.memberCount },
              {
                header: t('organization.teams.status'),
                cell: (team) => (
                  <span className={team.active ? 'badge badge--on' : 'badge badge--off'}>
                    {team.active ? t('forms.active') : t('forms.inactive')}
                  </span>
                ),
              },
            ]}
            rows={rows}
            rowKey={(team) => team.id}
          />
        )}
      </QueryState>
    </div>
  );
}

/** After a coordinator took their own flag off: what they lost, and where they can still go. */
function LeftTeamNotice({ team }: { team: string }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  return (
    <div ref={ref} tabIndex={-1} role="status" className={alertClass('info')}>
      <p className={alertTitleClass}>{t('organization.teams.leftTeam', { team })}</p>
      <p>{t('organization.teams.stillGo')}</p>
      <ul>
        <li>
          <Link to="/">{t('navigation.home')}</Link>
        </li>
        {me.permissions.includes('persons.view_basic') && (
          <li>
            <Link to="/persons">{t('navigation.sections.persons')}</Link>
          </li>
        )}
      </ul>
    </div>
  );
}
