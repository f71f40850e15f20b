import { useQueryClient } from '@tanstack/react-query';
import type { CaseFile } from '@caliu/common';
import { caseFileKey, caseFilesKey, interventionsKey, timelineKey } from './keys';

/**
 * After a change the API answered with the case file: the page shows it at once, and lists and
 * number searches read again when next shown. `timeline`: the change wrote an automatic entry
 * (closed, reopened), so the interventions and the timeline are read again too.
 */
export function useCaseFileChanged() {
  const queryClient = useQueryClient();
  return async (caseFile: CaseFile, { timeline = false }: { timeline?: boolean } = {}) => {
    queryClient.setQueryData(caseFileKey(caseFile.id), caseFile);
    await queryClient.invalidateQueries({
      queryKey: caseFilesKey,
      predicate: (query) => query.queryKey[1] === 'list' || query.queryKey[1] === 'number',
    });
    if (timeline) {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: interventionsKey(caseFile.id) }),
        queryClient.invalidateQueries({ queryKey: timelineKey(caseFile.id) }),
      ]);
    }
  };
}
