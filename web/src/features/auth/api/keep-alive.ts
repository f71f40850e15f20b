import { useMutation } from '@tanstack/react-query';
import { sessionInfoSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { recordSessionExpiry } from '@/lib/session-expiry';

export async function keepAlive() {
  return apiJson('/api/auth/keep-alive', sessionInfoSchema, { method: 'POST' });
}

/** Extends the session's idle expiry. */
export function useKeepAlive() {
  return useMutation({ mutationFn: keepAlive, onSuccess: (info) => recordSessionExpiry(info) });
}
