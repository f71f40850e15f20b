import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { timelinePageSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { timelineSearch } from '../timeline-filters';
import type { TimelineFilters } from '../timeline-filters';
import { timelineKey, CONTENT_STALE_MS } from './keys';

/** How many entries each page of the timeline holds. */
export const TIMELINE_PAGE_SIZE = 50;

export async function getTimeline(
  id: string,
  filters: TimelineFilters,
  cursor: string | null,
  signal?: AbortSignal,
) {
  const search = timelineSearch(filters, cursor, TIMELINE_PAGE_SIZE);
  return apiJson(
    `/api/case-files/${encodeURIComponent(id)}/timeline?${search}`,
    timelinePageSchema,
    { signal },
  );
}

/**
 * Everything recorded in a case file in date order, most recent first, as `filters` narrow it;
 * older pages on demand. The previous entries stay on screen while other filters load.
 */
export function useTimeline(id: string, filters: TimelineFilters, enabled: boolean) {
  return useInfiniteQuery({
    queryKey: [...timelineKey(id), filters],
    queryFn: ({ pageParam, signal }) => getTimeline(id, filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    staleTime: CONTENT_STALE_MS,
    placeholderData: keepPreviousData,
    enabled,
  });
}
