import { createBrowserRouter } from 'react-router';
import { LoginPage } from '@/features/auth/components/login-page';
import { HomePage } from '@/features/home/components/home-page';
import { NotFoundPage } from '@/features/shell/components/not-found-page';
import { ConsoleLayout } from './layout/console-layout';
import { RequirePermission } from './layout/require-permission';
import { RouteError } from './layout/route-error';
import { SECTIONS } from './navigation';

export function createRouter() {
  return createBrowserRouter([
    { path: '/login', element: <LoginPage />, errorElement: <RouteError /> },
    {
      element: <ConsoleLayout />,
      errorElement: <RouteError />,
      children: [
        { index: true, element: <HomePage /> },
        ...SECTIONS.map(({ path, permission, page: Page }) => ({
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
