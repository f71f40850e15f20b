import { useInfiniteQuery } from '@tanstack/react-query';
import { personHistoryPageSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { personKey } from './keys';

const HISTORY_PAGE_SIZE = 20;

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
 * The person's history (changes of referent, municipality, team, status), newest first. Only
 * asked for when the record says the user may see the full record: reading it is audited.
 */
export function usePersonHistory(id: string, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...personKey(id), 'history'],
    queryFn: ({ pageParam, signal }) => getPersonHistory(id, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    enabled,
  });
}
