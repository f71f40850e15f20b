import { useInfiniteQuery } from '@tanstack/react-query';
import { interventionPageSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { interventionsKey, CONTENT_STALE_MS } from './keys';

/** How many interventions each page of their list holds. */
export const INTERVENTIONS_PAGE_SIZE = 50;

export async function listInterventions(id: string, cursor: string | null, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: String(INTERVENTIONS_PAGE_SIZE) });
  if (cursor) params.set('cursor', cursor);
  return apiJson(
    `/api/case-files/${encodeURIComponent(id)}/interventions?${params.toString()}`,
    interventionPageSchema,
    { signal },
  );
}

/**
 * A case file's interventions, most recent first, with the entries the system wrote (opened,
 * closed, reopened); older pages on demand. Every read is audited for each member of the file,
 * so nothing reads them unless the page shows them.
 */
export function useInterventions(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: interventionsKey(id),
    queryFn: ({ pageParam, signal }) => listInterventions(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    staleTime: CONTENT_STALE_MS,
    enabled,
  });
}
