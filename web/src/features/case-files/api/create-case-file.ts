import { useMutation } from '@tanstack/react-query';
import { caseFileSchema } from '@caliu/common';
import type { CreateCaseFile } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { useCaseFileChanged } from './case-file-changed';

export async function createCaseFile(input: CreateCaseFile) {
  return apiJson('/api/case-files', caseFileSchema, { method: 'POST', body: input });
}

/** Opens a case file for a person, who becomes its holder. */
export function useCreateCaseFile() {
  const changed = useCaseFileChanged();
  return useMutation({ mutationFn: createCaseFile, onSuccess: (caseFile) => changed(caseFile) });
}
