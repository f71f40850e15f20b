import { Link, useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/ui/query-state';
import { useDocumentTitle } from '@/lib/document-title';
import { TeamForm } from './team-form';
import type { TeamLocationState } from './team-page';
import { useTerritory } from './use-territory';
import { LEAVES_FORM } from '@/lib/use-form-draft';

/** The administrator creates a team, then goes on to its members. */
export function NewTeamPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('organization.teams.newTitle'));
  const navigate = useNavigate();
  const territory = useTerritory();
  return (
    <div className="page page--form">
      <p className="breadcrumb">
        <Link to="/teams">{t('organization.teams.back')}</Link>
      </p>
      <h1 className="page__title">{t('organization.teams.newTitle')}</h1>
      <p className="page__lead">{t('organization.teams.newLead')}</p>
      <div className="card">
        <QueryState query={territory}>
          {({ sectors, municipalities }) => (
            <TeamForm
              editing={null}
              sectors={sectors}
              municipalities={municipalities}
              onSaved={(team) => {
                const state: TeamLocationState = { created: true };
                navigate(`/teams/${team.id}`, { state });
              }}
              onCancel={() => navigate('/teams', { state: LEAVES_FORM })}
            />
          )}
        </QueryState>
      </div>
    </div>
  );
}
