import { useMutation } from '@tanstack/react-query';
import { duplicateCheckResultSchema } from '@caliu/common';
import type { DuplicateCheck } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

/** The likely duplicates of a record about to be saved: the same document, or a similar name born the same day. */
export async function checkDuplicates(input: DuplicateCheck) {
  return apiJson('/api/persons/duplicate-check', duplicateCheckResultSchema, {
    method: 'POST',
    body: input,
  });
}

export function useDuplicateCheck() {
  return useMutation({ mutationFn: checkDuplicates });
}
