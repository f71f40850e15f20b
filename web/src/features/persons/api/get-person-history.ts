import { useInfiniteQuery } from '@tanstack/react-query';
import { personHistoryPageSchema, type PersonView } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { HISTORY_PAGE_SIZE } from './get-person';

export async function getPersonHistory(id: string, cursor: string | null, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: String(HISTORY_PAGE_SIZE) });
  if (cursor) params.set('cursor', cursor);
  return apiJson(
    `/api/persons/${encodeURIComponent(id)}/history?${params.toString()}`,
    personHistoryPageSchema,
    { signal },
  );
}

/**
 * The person's history (changes of referent, municipality, team, status), newest first: the
 * first page as the person's page read it, further pages on demand (each read is audited). Kept
 * apart from the person's queries, so that refreshing the page does not read the history again.
 */
export function usePersonHistory(id: string, first: NonNullable<PersonView['history']>) {
  return useInfiniteQuery({
    queryKey: ['person-history', id, first],
    queryFn: ({ pageParam, signal }) => getPersonHistory(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    initialData: { pages: [first], pageParams: [null] },
    staleTime: Infinity,
    gcTime: 0,
  });
}
