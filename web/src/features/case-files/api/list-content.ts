import { useInfiniteQuery } from '@tanstack/react-query';
import { apiJson } from '@/lib/api-client';
import { contentPath, kindApi } from './content-api';
import type { RecordKind } from './content-api';
import { contentListKey, CONTENT_STALE_MS } from './keys';

/** How many entries each page of a kind's list holds. */
export const CONTENT_PAGE_SIZE = 50;

export async function listContent<K extends RecordKind>(
  kind: K,
  caseFileId: string,
  cursor: string | null,
  signal?: AbortSignal,
) {
  const params = new URLSearchParams({ limit: String(CONTENT_PAGE_SIZE) });
  if (cursor) params.set('cursor', cursor);
  return apiJson(`${contentPath(caseFileId, kind)}?${params.toString()}`, kindApi(kind).page, {
    signal,
  });
}

/**
 * A case file's demands, problems, resources or procedures, most recent first; older pages on
 * demand. Each read is audited, so only the tab that shows them reads them.
 */
export function useContentList<K extends RecordKind>(kind: K, caseFileId: string) {
  return useInfiniteQuery({
    queryKey: contentListKey(caseFileId, kind),
    queryFn: ({ pageParam, signal }) => listContent(kind, caseFileId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    staleTime: CONTENT_STALE_MS,
  });
}
