import { useMutation } from '@tanstack/react-query';
import { caseFileSchema } from '@caliu/common';
import type { ReopenCaseFile } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { useCaseFileChanged } from './case-file-changed';

export async function reopenCaseFile({ id, ...input }: ReopenCaseFile & { id: string }) {
  return apiJson(`/api/case-files/${encodeURIComponent(id)}/reopen`, caseFileSchema, {
    method: 'POST',
    body: input,
  });
}

/** Reopens a closed case file, saying why (the timeline gets a "reopened" entry). */
export function useReopenCaseFile() {
  const changed = useCaseFileChanged();
  return useMutation({
    mutationFn: reopenCaseFile,
    onSuccess: (caseFile) => changed(caseFile, { timeline: true }),
  });
}
