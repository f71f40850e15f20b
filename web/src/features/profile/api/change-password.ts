import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';

export type PasswordChange = { currentPassword: string; newPassword: string };

/** Changes the signed-in user's password; their other sessions end. */
export async function changePassword(change: PasswordChange): Promise<void> {
  await apiRequest('/api/me/password', { method: 'PUT', body: change });
}

export function useChangePassword() {
  return useMutation({ mutationFn: changePassword });
}
