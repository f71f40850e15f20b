import { useQueryClient } from '@tanstack/react-query';
import { caseFileKey, contentKey, interventionsKey } from './keys';

/**
 * After content was recorded or changed: its list, the timeline (whatever its filters) and the
 * case file are read again; the interventions too, since granting a resource writes one.
 */
export function useContentChanged() {
  const queryClient = useQueryClient();
  return async (caseFileId: string) => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: contentKey(caseFileId) }),
      queryClient.invalidateQueries({ queryKey: interventionsKey(caseFileId) }),
      queryClient.invalidateQueries({ queryKey: caseFileKey(caseFileId) }),
    ]);
  };
}
