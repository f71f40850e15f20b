import { useMutation, useQueryClient } from '@tanstack/react-query';
import { meSchema } from '@caliu/common';
import type { LoginRequest, Me } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { meQueryKey, startSession } from '@/lib/auth';

export async function login(credentials: LoginRequest): Promise<Me> {
  return apiJson('/api/auth/login', meSchema, { method: 'POST', body: credentials });
}

/** Signs in; on success the console holds the new user. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (me) => {
      startSession(me);
      queryClient.setQueryData(meQueryKey, me);
    },
  });
}
