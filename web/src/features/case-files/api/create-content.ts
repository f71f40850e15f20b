import { useMutation } from '@tanstack/react-query';
import { apiJson } from '@/lib/api-client';
import { contentPath, kindApi } from './content-api';
import type { CreateOf, RecordKind } from './content-api';
import { isGranted, useContentChanged } from './content-changed';

export type CreateContentInput<K extends RecordKind> = { caseFileId: string; body: CreateOf[K] };

export async function createContent<K extends RecordKind>(
  kind: K,
  { caseFileId, body }: CreateContentInput<K>,
) {
  return apiJson(contentPath(caseFileId, kind), kindApi(kind).item, { method: 'POST', body });
}

/**
 * Records a demand, a problem, a resource or a procedure for a member of the case file (who must
 * live in its municipality: the refusal names both municipalities).
 */
export function useCreateContent<K extends RecordKind>(kind: K) {
  const changed = useContentChanged();
  return useMutation({
    mutationFn: (input: CreateContentInput<K>) => createContent(kind, input),
    onSuccess: (item, input) =>
      changed(input.caseFileId, kind, { wroteIntervention: isGranted(item) }),
  });
}
