import { useMutation } from '@tanstack/react-query';
import { planSchema } from '@caliu/common';
import type { CreatePlan } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { usePlanChanged } from './plan-changed';

export async function createPlan({ caseFileId, ...input }: CreatePlan & { caseFileId: string }) {
  return apiJson(`/api/case-files/${encodeURIComponent(caseFileId)}/plans`, planSchema, {
    method: 'POST',
    body: input,
  });
}

/** Starts an intervention plan (the case file must be open, and the user may edit its plans). */
export function useCreatePlan() {
  const changed = usePlanChanged();
  return useMutation({ mutationFn: createPlan, onSuccess: (plan) => changed(plan) });
}
