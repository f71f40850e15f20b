import { useMutation } from '@tanstack/react-query';
import { caseFileSchema } from '@caliu/common';
import type { UpdateCaseFile } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { useCaseFileChanged } from './case-file-changed';

/** PATCH with the version the user started from: someone else's change in between is a 409. */
export async function updateCaseFile({ id, ...patch }: UpdateCaseFile & { id: string }) {
  return apiJson(`/api/case-files/${encodeURIComponent(id)}`, caseFileSchema, {
    method: 'PATCH',
    body: patch,
  });
}

/** Edits the header: municipality, assigned professionals; referent and team (coordinators). */
export function useUpdateCaseFile() {
  const changed = useCaseFileChanged();
  return useMutation({ mutationFn: updateCaseFile, onSuccess: (caseFile) => changed(caseFile) });
}
