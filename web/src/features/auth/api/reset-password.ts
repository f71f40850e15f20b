import { useMutation } from '@tanstack/react-query';
import { accountReadySchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import type { LinkPassword } from './activate';

/** Sets a new password through a reset link; answers entity and username. */
export async function resetPassword(input: LinkPassword) {
  return apiJson('/api/auth/password-reset', accountReadySchema, { method: 'POST', body: input });
}

export function useResetPassword() {
  return useMutation({ mutationFn: resetPassword });
}
