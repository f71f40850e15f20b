import { useQuery } from '@tanstack/react-query';
import { activationInfoSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

export async function getActivation(token: string, signal?: AbortSignal) {
  const query = new URLSearchParams({ token }).toString();
  return apiJson(`/api/auth/activation?${query}`, activationInfoSchema, { signal });
}

/** Who an activation link is for; an error when the link is no longer live. */
export function useActivation(token: string | null) {
  return useQuery({
    queryKey: ['auth', 'activation', token],
    queryFn: ({ signal }) => getActivation(token ?? '', signal),
    enabled: token !== null,
    retry: false,
    // The token is a secret: keep it in memory no longer than the page needs it.
    gcTime: 0,
    staleTime: Infinity,
  });
}
