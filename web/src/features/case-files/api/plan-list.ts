import { useInfiniteQuery } from '@tanstack/react-query';
import { planPageSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { plansKey, CONTENT_STALE_MS } from './keys';

/** How many plans each page holds (a case file has a few: one active, older ones closed). */
export const PLANS_PAGE_SIZE = 20;

export async function listPlans(id: string, cursor: string | null, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: String(PLANS_PAGE_SIZE) });
  if (cursor) params.set('cursor', cursor);
  return apiJson(
    `/api/case-files/${encodeURIComponent(id)}/plans?${params.toString()}`,
    planPageSchema,
    { signal },
  );
}

/** A case file's intervention plans, in the API's order; older pages on demand. */
export function usePlans(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: plansKey(id),
    queryFn: ({ pageParam, signal }) => listPlans(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    staleTime: CONTENT_STALE_MS,
    enabled,
  });
}
