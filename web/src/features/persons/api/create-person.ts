import { useMutation, useQueryClient } from '@tanstack/react-query';
import { personSchema } from '@caliu/common';
import type { CreatePerson } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { personKey, personsKey } from './keys';

export async function createPerson(input: CreatePerson) {
  return apiJson('/api/persons', personSchema, { method: 'POST', body: input });
}

/** Creates a person record; searches made before show it from then on. */
export function useCreatePerson() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createPerson,
    onSuccess: (person) => {
      queryClient.setQueryData(personKey(person.id), person);
      return queryClient.invalidateQueries({
        queryKey: personsKey,
        predicate: (query) => query.queryKey[1] === 'search',
      });
    },
  });
}
