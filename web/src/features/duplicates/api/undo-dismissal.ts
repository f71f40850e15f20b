import { useMutation } from '@tanstack/react-query';
import type { DuplicatePairIds } from '@caliu/common';
import { apiRequest } from '@/lib/api-client';

export async function undoDismissal({ firstId, secondId }: DuplicatePairIds): Promise<void> {
  await apiRequest(
    `/api/persons/duplicates/dismissals/${encodeURIComponent(firstId)}/${encodeURIComponent(secondId)}`,
    { method: 'DELETE' },
  );
}

/** Undoes a "not the same person": the pair is listed again. */
export function useUndoDismissal() {
  return useMutation({ mutationFn: undoDismissal });
}
