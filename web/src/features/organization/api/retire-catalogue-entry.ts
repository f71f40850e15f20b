import { useMutation, useQueryClient } from '@tanstack/react-query';
import { catalogueAdminEntrySchema } from '@caliu/common';
import type { Catalogue } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { catalogueEntriesKey } from './get-catalogue-entries';

export async function retireCatalogueEntry(catalogue: Catalogue, id: string) {
  return apiJson(`/api/catalogues/${catalogue}/entries/${id}/retire`, catalogueAdminEntrySchema, {
    method: 'POST',
  });
}

/**
 * Retires an entry: no longer offered for new records, still shown on those that use it
 * (refused for the catalogue's last active entry).
 */
export function useRetireCatalogueEntry(catalogue: Catalogue) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => retireCatalogueEntry(catalogue, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogueEntriesKey(catalogue) }),
  });
}
