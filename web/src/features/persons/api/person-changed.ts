import { useQueryClient } from '@tanstack/react-query';
import type { Person } from '@caliu/common';
import { personKey, personsKey } from './keys';

/**
 * Keeps the form's copy of a person, and refreshes the person's page (basic data and history, one
 * read) and the searches, after a change.
 */
export function usePersonChanged() {
  const queryClient = useQueryClient();
  return (person: Person) => {
    queryClient.setQueryData(personKey(person.id), person);
    return queryClient.invalidateQueries({
      queryKey: personsKey,
      predicate: (query) =>
        query.queryKey[1] === 'search' ||
        (query.queryKey[1] === 'one' &&
          query.queryKey[2] === person.id &&
          query.queryKey[3] === 'view'),
    });
  };
}
