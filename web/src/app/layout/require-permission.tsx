import type { ReactNode } from 'react';
import type { Permission } from '@caliu/common';
import { NotFoundPage } from '@/features/shell/components/not-found-page';
import { useCurrentUser } from '@/lib/auth';

/**
 * Renders its children only for a user who holds `permission`; anyone else gets the same page as
 * for an unknown address (the server refuses the section's API calls anyway).
 */
export function RequirePermission({
  permission,
  children,
}: {
  permission: Permission;
  children: ReactNode;
}) {
  const me = useCurrentUser();
  return me.permissions.includes(permission) ? children : <NotFoundPage />;
}
