import { createBrowserRouter } from 'react-router';
import { ActivationPage } from '@/features/auth/components/activation-page';
import { ForgotPasswordPage } from '@/features/auth/components/forgot-password-page';
import { LoginPage } from '@/features/auth/components/login-page';
import { ResetPasswordPage } from '@/features/auth/components/reset-password-page';
import { AlertRecordsPage } from '@/features/home/components/alert-records-page';
import { HomePage } from '@/features/home/components/home-page';
import { ProfilePage } from '@/features/profile/components/profile-page';
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
    {
      element: <ConsoleLayout />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <HomePage /> },
        { path: '/profile', element: <ProfilePage /> },
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
