import { useMutation, useQueryClient } from '@tanstack/react-query';
import { catalogueAdminEntrySchema } from '@caliu/common';
import type { Catalogue, CatalogueEntryPatch } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { catalogueEntriesKey } from './get-catalogue-entries';

export async function updateCatalogueEntry(
  catalogue: Catalogue,
  { id, ...patch }: CatalogueEntryPatch & { id: string },
) {
  return apiJson(`/api/catalogues/${catalogue}/entries/${id}`, catalogueAdminEntrySchema, {
    method: 'PATCH',
    body: patch,
  });
}

/** Changes an entry's labels, official code or position (its code never changes). */
export function useUpdateCatalogueEntry(catalogue: Catalogue) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (patch: CatalogueEntryPatch & { id: string }) =>
      updateCatalogueEntry(catalogue, patch),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogueEntriesKey(catalogue) }),
  });
}
