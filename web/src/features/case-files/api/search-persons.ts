import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { personSearchPageSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { caseFilesKey } from './keys';

/** Fewer characters than this search nothing. */
export const PERSON_SEARCH_MIN_LENGTH = 2;
/** How many persons the member search offers (a name narrows it). */
const PERSON_SEARCH_LIMIT = 10;

export async function searchPersons(q: string, signal?: AbortSignal) {
  const params = new URLSearchParams({ q, limit: String(PERSON_SEARCH_LIMIT) });
  return apiJson(`/api/persons?${params.toString()}`, personSearchPageSchema, { signal });
}

/** The persons matching `q` (a name in any order, or a document), to link to a case file. */
export function usePersonCandidates(q: string) {
  const enabled = q.length >= PERSON_SEARCH_MIN_LENGTH;
  return useQuery({
    queryKey: [...caseFilesKey, 'person-candidates', q],
    queryFn: ({ signal }) => searchPersons(q, signal),
    enabled,
    placeholderData: enabled ? keepPreviousData : undefined,
    staleTime: 30_000,
  });
}
