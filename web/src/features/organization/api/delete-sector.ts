import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { sectorsKey } from './get-sectors';

/** Removes a sector; refused (409, in words) while a team serves it or a professional is in it. */
export async function deleteSector(id: string): Promise<void> {
  await apiRequest(`/api/sectors/${id}`, { method: 'DELETE' });
}

export function useDeleteSector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteSector,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sectorsKey }),
  });
}
