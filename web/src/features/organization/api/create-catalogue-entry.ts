import { useMutation, useQueryClient } from '@tanstack/react-query';
import { catalogueAdminEntrySchema } from '@caliu/common';
import type { Catalogue, CatalogueEntryInput } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { catalogueEntriesKey } from './get-catalogue-entries';

export async function createCatalogueEntry(catalogue: Catalogue, input: CatalogueEntryInput) {
  return apiJson(`/api/catalogues/${catalogue}/entries`, catalogueAdminEntrySchema, {
    method: 'POST',
    body: input,
  });
}

/** Adds an entry to a catalogue; the catalogue's list is read again. */
export function useCreateCatalogueEntry(catalogue: Catalogue) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CatalogueEntryInput) => createCatalogueEntry(catalogue, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogueEntriesKey(catalogue) }),
  });
}
