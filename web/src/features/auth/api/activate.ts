import { useMutation } from '@tanstack/react-query';
import { accountReadySchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

export type LinkPassword = { token: string; password: string };

/** First access: sets the password through the activation link; answers entity and username. */
export async function activate(input: LinkPassword) {
  return apiJson('/api/auth/activate', accountReadySchema, { method: 'POST', body: input });
}

export function useActivate() {
  return useMutation({ mutationFn: activate });
}
