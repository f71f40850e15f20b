import { useInfiniteQuery } from '@tanstack/react-query';
import { auditEntrySchema, pageSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { filtersToSearchParams, type AuditFilters } from '../filters';

const auditPageSchema = pageSchema(auditEntrySchema);

/** How many entries each page of results holds. */
export const AUDIT_PAGE_SIZE = 50;

export async function searchAudit(
  filters: AuditFilters,
  cursor: string | null,
  signal?: AbortSignal,
) {
  const params = filtersToSearchParams(filters);
  params.set('limit', String(AUDIT_PAGE_SIZE));
  if (cursor) params.set('cursor', cursor);
  return apiJson(`/api/audit?${params.toString()}`, auditPageSchema, { signal });
}

export function auditSearchKey(filters: AuditFilters) {
  return ['audit', 'search', filters] as const;
}

/** The entity's audit log matching `filters`, newest first, one page more on each fetchNextPage. */
export function useAuditSearch(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditSearchKey(filters),
    queryFn: ({ pageParam, signal }) => searchAudit(filters, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    // Not kept once off screen: a later visit starts again from one fresh page, instead of
    // refetching every page loaded before (each fetch is a recorded search).
    gcTime: 0,
  });
}
