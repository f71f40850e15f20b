import { useMutation } from '@tanstack/react-query';
import { caseFileSchema } from '@caliu/common';
import type { AddMember } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { useCaseFileChanged } from './case-file-changed';

export async function addMember({ id, ...input }: AddMember & { id: string }) {
  return apiJson(`/api/case-files/${encodeURIComponent(id)}/members`, caseFileSchema, {
    method: 'POST',
    body: input,
  });
}

/** Links a person to the case file with a role in it. */
export function useAddMember() {
  const changed = useCaseFileChanged();
  return useMutation({ mutationFn: addMember, onSuccess: (caseFile) => changed(caseFile) });
}
