import { useInfiniteQuery } from '@tanstack/react-query';
import { duplicatePairsPageSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { duplicatesKey } from './keys';

/** How many pairs each page holds. */
export const DUPLICATES_PAGE_SIZE = 20;

export async function listDuplicates(cursor: string | null, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: String(DUPLICATES_PAGE_SIZE) });
  if (cursor) params.set('cursor', cursor);
  return apiJson(`/api/persons/duplicates?${params.toString()}`, duplicatePairsPageSchema, {
    signal,
  });
}

/**
 * The likely duplicate records of the teams the user coordinates, strongest first, page by page.
 * Read afresh each time the page opens (someone may have dismissed or merged a pair since).
 */
export function useDuplicates() {
  return useInfiniteQuery({
    queryKey: duplicatesKey,
    queryFn: ({ pageParam, signal }) => listDuplicates(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    staleTime: 0,
    // A refetch would drop the pairs just dismissed, and with them their "undo".
    refetchOnWindowFocus: false,
  });
}
