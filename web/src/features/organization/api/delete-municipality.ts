import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { municipalitiesKey } from './get-municipalities';

/** Removes a municipality; refused (409, in words) while a sector, team or record uses it. */
export async function deleteMunicipality(id: string): Promise<void> {
  await apiRequest(`/api/municipalities/${id}`, { method: 'DELETE' });
}

export function useDeleteMunicipality() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteMunicipality,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: municipalitiesKey }),
  });
}
