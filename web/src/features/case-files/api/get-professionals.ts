import { useQuery } from '@tanstack/react-query';
import { referentOptionsSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { professionalsKey } from './keys';

export async function getProfessionals(signal?: AbortSignal) {
  const answer = await apiJson('/api/persons/referents', referentOptionsSchema, { signal });
  return answer.items;
}

/**
 * The professionals a case file may name as referent, assigned or present: the entity's active
 * technicians and coordinators, each with the teams they belong to.
 */
export function useProfessionals() {
  return useQuery({
    queryKey: professionalsKey,
    queryFn: ({ signal }) => getProfessionals(signal),
    staleTime: 5 * 60_000,
  });
}
