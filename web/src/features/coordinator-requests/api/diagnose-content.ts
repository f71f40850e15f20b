import { useMutation } from '@tanstack/react-query';
import type { diagnoseContentSchema } from '@caliu/common';
import { diagnosisSchema } from '@caliu/common';
import type { z } from 'zod';
import { apiJson } from '@/lib/api-client';

export type DiagnoseContentInput = z.input<typeof diagnoseContentSchema>;

export async function diagnoseContent(input: DiagnoseContentInput) {
  return apiJson('/api/support/diagnose/content', diagnosisSchema, {
    method: 'POST',
    body: input,
  });
}

/**
 * "I cannot add an intervention/demand/resource…": asks the server why (every reason found, with
 * the names the explanation needs); `ok` when nothing stands in the way.
 */
export function useDiagnoseContent() {
  return useMutation({ mutationFn: diagnoseContent });
}
