import { useMutation, useQueryClient } from '@tanstack/react-query';
import { interventionSchema } from '@caliu/common';
import type { CreateIntervention } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { interventionsKey } from './keys';

export async function createIntervention({
  caseFileId,
  ...input
}: CreateIntervention & { caseFileId: string }) {
  return apiJson(
    `/api/case-files/${encodeURIComponent(caseFileId)}/interventions`,
    interventionSchema,
    { method: 'POST', body: input },
  );
}

/** Records an intervention (an interview, a home visit…); the timeline reads it back. */
export function useCreateIntervention() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createIntervention,
    onSuccess: (intervention) =>
      queryClient.invalidateQueries({ queryKey: interventionsKey(intervention.caseFileId) }),
  });
}
