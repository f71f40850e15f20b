import { useMutation } from '@tanstack/react-query';
import { caseFileSchema } from '@caliu/common';
import type { CloseCaseFile } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { useCaseFileChanged } from './case-file-changed';

export async function closeCaseFile({ id, ...input }: CloseCaseFile & { id: string }) {
  return apiJson(`/api/case-files/${encodeURIComponent(id)}/close`, caseFileSchema, {
    method: 'POST',
    body: input,
  });
}

/** Closes a case file with a reason from the catalogue (the timeline gets a "closed" entry). */
export function useCloseCaseFile() {
  const changed = useCaseFileChanged();
  return useMutation({
    mutationFn: closeCaseFile,
    onSuccess: (caseFile) => changed(caseFile, { timeline: true }),
  });
}
