import { useMutation } from '@tanstack/react-query';
import { planSchema } from '@caliu/common';
import type { UpdatePlan } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { usePlanChanged } from './plan-changed';

/**
 * PATCH with the version the user started from (someone else's change in between is a 409);
 * `actions` and `reviews`, when sent, replace the stored lists.
 */
export async function updatePlan({
  caseFileId,
  planId,
  ...patch
}: UpdatePlan & { caseFileId: string; planId: string }) {
  return apiJson(
    `/api/case-files/${encodeURIComponent(caseFileId)}/plans/${encodeURIComponent(planId)}`,
    planSchema,
    { method: 'PATCH', body: patch },
  );
}

/** Edits a plan: its contents, or its state (close, reopen). */
export function useUpdatePlan() {
  const changed = usePlanChanged();
  return useMutation({ mutationFn: updatePlan, onSuccess: (plan) => changed(plan) });
}
