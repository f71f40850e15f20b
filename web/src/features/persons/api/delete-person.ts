import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { personKey, personsKey } from './keys';

export async function deletePerson(id: string): Promise<void> {
  await apiRequest(`/api/persons/${encodeURIComponent(id)}`, { method: 'DELETE' });
}

/** Deletes a person record (coordinators of the person's team). */
export function useDeletePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deletePerson,
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: personKey(id) });
      return queryClient.invalidateQueries({
        queryKey: personsKey,
        predicate: (query) => query.queryKey[1] === 'search',
      });
    },
  });
}
