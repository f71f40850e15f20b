import { useQuery } from '@tanstack/react-query';
import { catalogueAdminListSchema } from '@caliu/common';
import type { Catalogue } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { organizationKeys } from '@/lib/api/organization';

export const catalogueEntriesKey = (catalogue: Catalogue) =>
  [...organizationKeys.all, 'catalogues', catalogue] as const;

export async function getCatalogueEntries(catalogue: Catalogue, signal?: AbortSignal) {
  const answer = await apiJson(`/api/catalogues/${catalogue}/entries`, catalogueAdminListSchema, {
    signal,
  });
  return answer.items;
}

/**
 * Every entry of one of the entity's catalogues, retired ones included, in order: its labels in
 * the four languages, codes, state and how many records use it.
 */
export function useCatalogueEntries(catalogue: Catalogue) {
  return useQuery({
    queryKey: catalogueEntriesKey(catalogue),
    queryFn: ({ signal }) => getCatalogueEntries(catalogue, signal),
  });
}
