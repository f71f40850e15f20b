import { useMutation } from '@tanstack/react-query';
import { interventionSchema } from '@caliu/common';
import type { CreateIntervention } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { useContentChanged } from './content-changed';

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

/** Records an intervention (an interview, a home visit…); the lists and the timeline read it back. */
export function useCreateIntervention() {
  const changed = useContentChanged();
  return useMutation({
    mutationFn: createIntervention,
    onSuccess: (intervention) => changed(intervention.caseFileId, 'intervention'),
  });
}
