import { useQuery } from '@tanstack/react-query';
import { referentOptionsSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { personsKey } from './keys';

export async function getReferents(signal?: AbortSignal) {
  const answer = await apiJson('/api/persons/referents', referentOptionsSchema, { signal });
  return answer.items;
}

/** Who may be a person's referent: the entity's active technicians and coordinators. */
export function useReferents() {
  return useQuery({
    queryKey: [...personsKey, 'referents'],
    queryFn: ({ signal }) => getReferents(signal),
    staleTime: 5 * 60_000,
  });
}
