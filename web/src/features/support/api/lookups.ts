import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { entitySettingsSchema, personSearchPageSchema, referentOptionsSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

/** Fewer characters than this search nothing (as the persons' own search). */
export const PERSON_SEARCH_MIN_LENGTH = 2;
const PERSON_SEARCH_LIMIT = 8;

/** The person records matching `q` (a name in any order, or a document) the user may see. */
export function usePersonCandidates(q: string) {
  const enabled = q.length >= PERSON_SEARCH_MIN_LENGTH;
  return useQuery({
    queryKey: ['support', 'person-candidates', q],
    queryFn: ({ signal }) =>
      apiJson(
        `/api/persons?${new URLSearchParams({ q, limit: String(PERSON_SEARCH_LIMIT) }).toString()}`,
        personSearchPageSchema,
        { signal },
      ),
    enabled,
    placeholderData: enabled ? keepPreviousData : undefined,
    staleTime: 30_000,
  });
}

/** The entity's active technicians and coordinators (the professionals a case file may name). */
export function useProfessionalOptions() {
  return useQuery({
    queryKey: ['support', 'professionals'],
    queryFn: async ({ signal }) =>
      (await apiJson('/api/persons/referents', referentOptionsSchema, { signal })).items,
    staleTime: 5 * 60_000,
  });
}

/** The entity's email domains, for those who may read its settings (others: none known). */
export function useEmailDomains(enabled: boolean) {
  return useQuery({
    queryKey: ['support', 'email-domains'],
    queryFn: async ({ signal }) =>
      (await apiJson('/api/entity', entitySettingsSchema, { signal })).emailDomains,
    enabled,
    staleTime: 5 * 60_000,
  });
}
