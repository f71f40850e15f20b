import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Team } from '@caliu/common';
import { useCurrentUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { useTeams } from '../api/get-teams';
import { namesOf } from '../names';
import { QueryState } from './query-state';
import { useTerritory } from './use-territory';

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
          <Link to="/teams/new" className="button button--primary">
            {t('organization.teams.new')}
          </Link>
        )}
      </div>
      {!teams.data ? (
        <QueryState error={teams.error} onRetry={() => void teams.refetch()} />
      ) : teams.data.length === 0 ? (
        <p className="empty-state">
          {manages ? t('organization.teams.empty') : t('organization.teams.emptyCoordinator')}
        </p>
      ) : (
        <div className="table-scroll">
          <table className="data-table">
            <caption className="visually-hidden">{t('organization.teams.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('organization.teams.name')}</th>
                <th scope="col">{t('organization.teams.territory')}</th>
                <th scope="col">{t('organization.teams.members')}</th>
                <th scope="col">{t('organization.teams.status')}</th>
              </tr>
            </thead>
            <tbody>
              {teams.data.map((team) => (
                <tr key={team.id}>
                  <th scope="row">
                    <Link to={`/teams/${team.id}`}>{team.name}</Link>
                  </th>
                  <td>{territoryOf(team)}</td>
                  <td>{team.memberCount}</td>
                  <td>
                    <span className={team.active ? 'badge badge--on' : 'badge badge--off'}>
                      {team.active ? t('forms.active') : t('forms.inactive')}
                    </span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
