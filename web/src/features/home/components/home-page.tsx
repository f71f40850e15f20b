import { useTranslation } from 'react-i18next';
import { TodayAppointments } from '@/lib/agenda-slot';
import { useCurrentUser } from '@/lib/auth';
import { PendingTransfers, SupportPendingTransfers } from '@/lib/caseload-transfers-home';
import { CoordinatorRequestsHome, MyCoordinatorRequests } from '@/lib/coordinator-requests-home';
import { useDocumentTitle } from '@/lib/document-title';
import { AlertsPanel } from './alerts-panel';
import { HomeSearch } from './home-search';
import { AssignmentNotices } from './assignment-notices';
import { MyCovers } from './my-covers';
import { MyTickets } from './my-tickets';
import { RecentCaseFiles } from './recent-case-files';

/**
 * Each professional's starting point, by what their roles let them do: the search box first (who
 * sees persons), their recent case files (who sees case files), their alerts (who reads case-file
 * content), their own support tickets and their requests to coordinators; the caseload transfers
 * waiting for them as a second approver (a coordinator's, or every council's for a support
 * agent). An administrator gets the greeting and the tickets.
 */
export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  useDocumentTitle(t('home.title'));
  const may = (permission: (typeof me.permissions)[number]) => me.permissions.includes(permission);
  return (
    <div className="page home-page">
      <h1 className="page__title">{t('home.greeting', { name: me.givenName || me.username })}</h1>
      <p className="page__lead">{t('home.entity', { entity: me.entity.name })}</p>
      {may('persons.view_basic') && <HomeSearch />}
      <AssignmentNotices />
      {may('support.coordinator_requests') && <CoordinatorRequestsHome />}
      {may('caseload.manage') && <PendingTransfers quiet />}
      {may('support.resolve') && <SupportPendingTransfers />}
      {may('case_files.view') && <MyCovers />}
      <div className="panels">
        <TodayAppointments />
        {may('content.view') && <AlertsPanel />}
        {may('case_files.view') && <RecentCaseFiles />}
        {may('support.open_ticket') && <MyTickets />}
        {may('support.open_ticket') && <MyCoordinatorRequests />}
        <section className="card" aria-labelledby="home-roles">
          <h2 id="home-roles" className="section-title">
            {t('home.rolesTitle')}
          </h2>
          {me.roles.length > 0 ? (
            <ul className="role-list">
              {me.roles.map((role) => (
                <li key={role} className="role-list__item">
                  {t(`roles.${role}`)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('home.noRoles')}</p>
          )}
        </section>
      </div>
    </div>
  );
}
