import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { personSearchPageSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { personsKey } from './keys';

/** How many results each page holds. */
export const SEARCH_PAGE_SIZE = 20;
/** Fewer characters than this search nothing: the box says to type more. */
export const SEARCH_MIN_LENGTH = 2;

export async function searchPersons(q: string, cursor: string | null, signal?: AbortSignal) {
  const params = new URLSearchParams({ q, limit: String(SEARCH_PAGE_SIZE) });
  if (cursor) params.set('cursor', cursor);
  return apiJson(`/api/persons?${params.toString()}`, personSearchPageSchema, { signal });
}

export const personSearchKey = (q: string) => [...personsKey, 'search', q] as const;

/**
 * The persons matching `q` (a name in any order, or a document), page by page. A search that is
 * no longer wanted (the user typed on) is cancelled: its request is aborted once nothing shows it.
 * The previous results stay on screen while the next ones load, so the list does not flicker.
 */
export function usePersonSearch(q: string) {
  const enabled = q.length >= SEARCH_MIN_LENGTH;
  return useInfiniteQuery({
    queryKey: personSearchKey(q),
    queryFn: ({ pageParam, signal }) => searchPersons(q, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled,
    placeholderData: enabled ? keepPreviousData : undefined,
    staleTime: 30_000,
  });
}
