import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';

export type PasswordResetRequest = { entity: string; email: string };

/** Asks for a reset link; the server answers the same whether or not the account exists. */
export async function requestPasswordReset(request: PasswordResetRequest): Promise<void> {
  await apiRequest('/api/auth/password-reset-requests', { method: 'POST', body: request });
}

export function useRequestPasswordReset() {
  return useMutation({ mutationFn: requestPasswordReset });
}
