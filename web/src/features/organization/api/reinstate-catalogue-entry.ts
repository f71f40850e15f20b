import { useMutation, useQueryClient } from '@tanstack/react-query';
import { catalogueAdminEntrySchema } from '@caliu/common';
import type { Catalogue } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { catalogueEntriesKey } from './get-catalogue-entries';

export async function reinstateCatalogueEntry(catalogue: Catalogue, id: string) {
  return apiJson(
    `/api/catalogues/${catalogue}/entries/${id}/reinstate`,
    catalogueAdminEntrySchema,
    { method: 'POST' },
  );
}

/** Reinstates a retired entry: offered again for new records. */
export function useReinstateCatalogueEntry(catalogue: Catalogue) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => reinstateCatalogueEntry(catalogue, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogueEntriesKey(catalogue) }),
  });
}
