import { keepPreviousData, useInfiniteQuery } from '@tanstack/react-query';
import { type CaseFileFilters, listCaseFiles } from '@/lib/api/case-files';
import { caseFileListKey } from './keys';

/** How many case files each page of the list holds. */
export const LIST_PAGE_SIZE = 25;

/**
 * The case files matching `filters`, page by page ("load more"); the previous results stay on
 * screen while other filters load, so the table does not flicker.
 */
export function useCaseFiles(filters: CaseFileFilters) {
  return useInfiniteQuery({
    queryKey: [...caseFileListKey, filters],
    queryFn: ({ pageParam, signal }) => listCaseFiles(filters, pageParam, LIST_PAGE_SIZE, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    placeholderData: keepPreviousData,
  });
}
