import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Catalogue } from '@caliu/common';
import { apiRequest } from '@/lib/api-client';
import { catalogueEntriesKey } from './get-catalogue-entries';

export async function deleteCatalogueEntry(catalogue: Catalogue, id: string) {
  await apiRequest(`/api/catalogues/${catalogue}/entries/${id}`, { method: 'DELETE' });
}

/** Deletes an entry that no record uses (refused in words, 409, while one does). */
export function useDeleteCatalogueEntry(catalogue: Catalogue) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => deleteCatalogueEntry(catalogue, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: catalogueEntriesKey(catalogue) }),
  });
}
