import { useQuery } from '@tanstack/react-query';
import { caseFilePageSchema } from '@caliu/common';
import type { CaseFileListQuery } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

/**
 * Case files as every feature reads them (the case files' pages, a person's search box): one root
 * key, so that opening, editing or closing a case file refreshes every list and number search.
 */
export const caseFilesKey = ['case-files'] as const;

/** The filters of a list of case files, as the API takes them (the page apart). */
export type CaseFileFilters = Partial<
  Pick<
    CaseFileListQuery,
    'professionalId' | 'teamId' | 'personId' | 'scope' | 'state' | 'municipalityId' | 'number'
  >
>;

/** One page of the case files the user may see that match `filters`, newest number first. */
export async function listCaseFiles(
  filters: CaseFileFilters,
  cursor: string | null,
  limit: number,
  signal?: AbortSignal,
) {
  const params = new URLSearchParams({ limit: String(limit) });
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  if (cursor) params.set('cursor', cursor);
  return apiJson(`/api/case-files?${params.toString()}`, caseFilePageSchema, { signal });
}

/** How many case files a number search shows (a number matches one per year at most). */
const NUMBER_MATCHES = 10;

/**
 * The case files whose number is `number` as typed (`123`, `2026/123`), among those the user may
 * see; nothing is asked while `enabled` is false.
 */
export function useCaseFileNumberSearch(number: string, enabled: boolean) {
  return useQuery({
    queryKey: [...caseFilesKey, 'number', number],
    queryFn: ({ signal }) => listCaseFiles({ number }, null, NUMBER_MATCHES, signal),
    enabled,
    staleTime: 30_000,
  });
}
