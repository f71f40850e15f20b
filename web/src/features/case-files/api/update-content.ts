import { useMutation } from '@tanstack/react-query';
import { apiJson } from '@/lib/api-client';
import { contentPath, kindApi } from './content-api';
import type { RecordKind, UpdateOf } from './content-api';
import { isGranted, useContentChanged } from './content-changed';

export type UpdateContentInput<K extends RecordKind> = {
  caseFileId: string;
  itemId: string;
  /** With the version the user started from: someone else's change in between is a 409. */
  body: UpdateOf[K];
};

export async function updateContent<K extends RecordKind>(
  kind: K,
  { caseFileId, itemId, body }: UpdateContentInput<K>,
) {
  return apiJson(contentPath(caseFileId, kind, itemId), kindApi(kind).item, {
    method: 'PATCH',
    body,
  });
}

/**
 * Edits an entry; for a resource, also moves it to another state (granting writes a
 * "resource granted" intervention, so the interventions are read again too).
 */
export function useUpdateContent<K extends RecordKind>(kind: K) {
  const changed = useContentChanged();
  return useMutation({
    mutationFn: (input: UpdateContentInput<K>) => updateContent(kind, input),
    onSuccess: (item, input) =>
      changed(input.caseFileId, kind, { wroteIntervention: isGranted(item) }),
  });
}
