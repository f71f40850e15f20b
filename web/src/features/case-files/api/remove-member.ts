import { useMutation } from '@tanstack/react-query';
import { caseFileSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { useCaseFileChanged } from './case-file-changed';

export async function removeMember({ id, personId }: { id: string; personId: string }) {
  return apiJson(
    `/api/case-files/${encodeURIComponent(id)}/members/${encodeURIComponent(personId)}`,
    caseFileSchema,
    { method: 'DELETE' },
  );
}

/** Unlinks a person from the case file (a coordinator of its team). */
export function useRemoveMember() {
  const changed = useCaseFileChanged();
  return useMutation({ mutationFn: removeMember, onSuccess: (caseFile) => changed(caseFile) });
}
