import { useQueryClient } from '@tanstack/react-query';
import type { Person, PersonView } from '@caliu/common';
import { personKey, personsKey } from './keys';

/**
 * Keeps the form's copy of a person, and refreshes the person's page (basic data and history, one
 * read) and the searches, after a change.
 */
export function usePersonChanged() {
  const queryClient = useQueryClient();
  return (person: Person) => {
    queryClient.setQueryData(personKey(person.id), person);
    // The page shows the change at once; its history comes with the page's next read.
    queryClient.setQueryData<PersonView>([...personKey(person.id), 'view'], (view) =>
      view ? { ...view, ...person } : view,
    );
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
