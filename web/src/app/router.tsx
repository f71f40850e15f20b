import { createBrowserRouter } from 'react-router';
import { CalendarFeedPage } from '@/features/agenda/settings/components/calendar-feed-page';
import { HolidaysPage } from '@/features/agenda/settings/components/holidays-page';
import { WorkingHoursPage } from '@/features/agenda/settings/components/working-hours-page';
import { ActivationPage } from '@/features/auth/components/activation-page';
import { ForgotPasswordPage } from '@/features/auth/components/forgot-password-page';
import { LoginPage } from '@/features/auth/components/login-page';
import { ResetPasswordPage } from '@/features/auth/components/reset-password-page';
import { HelpConfirmPage } from '@/features/public-help/components/confirm-page';
import { HelpPage } from '@/features/public-help/components/help-page';
import { AlertRecordsPage } from '@/features/home/components/alert-records-page';
import { HomePage } from '@/features/home/components/home-page';
import { ProfilePage } from '@/features/profile/components/profile-page';
import { MyTicketPage } from '@/features/support/components/my-ticket-page';
import { NotFoundPage } from '@/features/shell/components/not-found-page';
import { ConsoleLayout } from './layout/console-layout';
import { RequirePermission } from './layout/require-permission';
import { RouteError } from './layout/route-error';
import { sectionRoutes } from './navigation';

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
    // Pages open to anyone: links from emails and SMS (their token after '#'), a lost password.
    { path: '/activate', element: <ActivationPage />, errorElement: <RouteError /> },
    { path: '/reset-password', element: <ResetPasswordPage />, errorElement: <RouteError /> },
    { path: '/forgot-password', element: <ForgotPasswordPage />, errorElement: <RouteError /> },
    // The help form for whoever cannot sign in, and its confirmation link (token after '#').
    { path: '/help', element: <HelpPage />, errorElement: <RouteError /> },
    { path: '/help/confirm', element: <HelpConfirmPage />, errorElement: <RouteError /> },
    {
      element: <ConsoleLayout />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <HomePage /> },
        { path: '/profile', element: <ProfilePage /> },
        // The agenda settings, for whoever has an agenda (linked from the agenda's pages).
        ...[
          { path: '/agenda/settings', page: WorkingHoursPage },
          { path: '/agenda/settings/holidays', page: HolidaysPage },
          { path: '/agenda/settings/calendar', page: CalendarFeedPage },
        ].map(({ path, page: Page }) => ({
          path,
          element: (
            <RequirePermission permission="agenda.view">
              <Page />
            </RequirePermission>
          ),
        })),
        {
          path: '/my-tickets/:id',
          element: (
            <RequirePermission permission="support.open_ticket">
              <MyTicketPage />
            </RequirePermission>
          ),
        },
        {
          path: '/alerts/:kind',
          element: (
            <RequirePermission permission="content.view">
              <AlertRecordsPage />
            </RequirePermission>
          ),
        },
        ...sectionRoutes().map(({ path, permission, page: Page }) => ({
          path,
          element: (
            <RequirePermission permission={permission}>
              <Page />
            </RequirePermission>
          ),
        })),
        { path: '*', element: <NotFoundPage /> },
      ],
    },
  ]);
}
