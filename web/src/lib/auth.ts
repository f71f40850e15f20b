import { useQuery } from '@tanstack/react-query';
import type { QueryClient } from '@tanstack/react-query';
import { meSchema, sessionInfoSchema } from '@caliu/common';
import type { Me } from '@caliu/common';
import { ApiError, apiJson, setCsrfToken } from './api-client';
import { clearDrafts } from './form-drafts';
import { applyLanguage } from './i18n';
import { clearSessionExpiry, recordSessionExpiry } from './session-expiry';

/** Why the last session ended, to tell the user on the sign-in page. */
export type SessionEndReason = 'expired' | 'signed_out';

export const meQueryKey = ['me'] as const;

let lastSessionEnd: SessionEndReason | null = null;

/**
 * Makes `me` the signed-in user of this console (after sign-in or on load); the user's saved
 * language, when there is one, wins over this browser's.
 */
export function startSession(me: Me): void {
  lastSessionEnd = null;
  setCsrfToken(me.csrfToken);
  recordSessionExpiry(me.session);
  if (me.language) void applyLanguage(me.language);
}

/** The signed-in user, or null when nobody is signed in. */
export async function getMe(): Promise<Me | null> {
  try {
    const me = await apiJson('/api/me', meSchema);
    startSession(me);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meQueryKey, queryFn: getMe, staleTime: Infinity, retry: false });
}

/** The signed-in user; only for components rendered inside the signed-in area. */
export function useCurrentUser(): Me {
  const { data } = useMe();
  if (!data) throw new Error('useCurrentUser() is only available to signed-in pages');
  return data;
}

/** Extends the session's idle expiry, and records the new one. */
export async function keepAlive() {
  const info = await apiJson('/api/auth/keep-alive', sessionInfoSchema, { method: 'POST' });
  recordSessionExpiry(info);
  return info;
}

/** Forgets the session on this console and drops every cached answer. */
export function endSession(queryClient: QueryClient, reason: SessionEndReason): void {
  lastSessionEnd = reason;
  // Signing out drops this browser's drafts; an expired session keeps them for the next sign-in.
  if (reason === 'signed_out') clearDrafts();
  setCsrfToken(null);
  clearSessionExpiry();
  queryClient.removeQueries({ predicate: (query) => query.queryKey[0] !== meQueryKey[0] });
  queryClient.setQueryData(meQueryKey, null);
}

/** Why the last session on this page ended, if it did. */
export function sessionEndReason(): SessionEndReason | null {
  return lastSessionEnd;
}
