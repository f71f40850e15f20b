import { useQuery } from '@tanstack/react-query';
import { personLookupResultSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

/** A look-up of a data subject: by identity document (exact) or by name; `attempt` repeats it. */
export type PersonLookup = { by: 'document' | 'name'; value: string; attempt: number };

export async function lookupPerson({ by, value }: PersonLookup, signal?: AbortSignal) {
  const params = new URLSearchParams({ [by]: value });
  return apiJson(`/api/audit/person-lookup?${params.toString()}`, personLookupResultSchema, {
    signal,
  });
}

/**
 * The persons a look-up identifies (identification only). Each look-up is recorded in the audit
 * log, so it runs once per submitted form, never again in the background.
 */
export function usePersonLookup(lookup: PersonLookup | null) {
  return useQuery({
    queryKey: ['audit', 'person-lookup', lookup],
    queryFn: ({ signal }) =>
      lookup ? lookupPerson(lookup, signal) : Promise.resolve({ items: [] }),
    enabled: lookup !== null,
    // Kept a while, so that Back from a report shows the same look-up without running it again.
    staleTime: Infinity,
    gcTime: 10 * 60_000,
  });
}
