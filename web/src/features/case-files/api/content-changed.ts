import { useQueryClient } from '@tanstack/react-query';
import type { ContentKind } from '@caliu/common';
import { contentListKey, interventionsKey, timelineKey } from './keys';

/**
 * After an entry of `kind` was recorded or changed: its list and the timeline (whatever its
 * filters) are read again when shown — nothing else, since every read of content is audited and
 * the case file's header does not change. A resource that was granted wrote an intervention, so
 * the interventions are read again too.
 */
export function useContentChanged() {
  const queryClient = useQueryClient();
  return async (
    caseFileId: string,
    kind: ContentKind,
    { wroteIntervention = false }: { wroteIntervention?: boolean } = {},
  ) => {
    const lists = [
      kind === 'intervention' ? interventionsKey(caseFileId) : contentListKey(caseFileId, kind),
      timelineKey(caseFileId),
      ...(wroteIntervention && kind !== 'intervention' ? [interventionsKey(caseFileId)] : []),
    ];
    await Promise.all(lists.map((queryKey) => queryClient.invalidateQueries({ queryKey })));
  };
}

/** Whether an entry answered by the API is a resource now granted (its intervention was written). */
export function isGranted(item: object): boolean {
  return 'state' in item && item.state === 'granted' && 'nextStates' in item;
}
