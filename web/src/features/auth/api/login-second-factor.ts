import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meSchema } from '@caliu/common';
import type { Me } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { meQueryKey, startSession } from '@/lib/auth';

/** The second step of a sign-in: a code of the authenticator app, or a recovery code. */
export type SecondFactorAnswer =
  { challenge: string; code: string } | { challenge: string; recoveryCode: string };

export async function loginSecondFactor(answer: SecondFactorAnswer): Promise<Me> {
  return apiJson('/api/auth/login/second-factor', meSchema, { method: 'POST', body: answer });
}

/** Completes a sign-in with the second factor; on success the console holds the new user. */
export function useLoginSecondFactor() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: loginSecondFactor,
    onSuccess: (me) => {
      startSession(me);
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
