import { useMutation } from '@tanstack/react-query';
import type { DuplicatePairIds } from '@caliu/common';
import { apiRequest } from '@/lib/api-client';

export async function dismissDuplicate(pair: DuplicatePairIds): Promise<void> {
  await apiRequest('/api/persons/duplicates/dismissals', { method: 'POST', body: pair });
}

/**
 * "Not the same person": the pair is never listed again. The list is not read again at once: the
 * pair stays in place, marked, with a way to undo.
 */
export function useDismissDuplicate() {
  return useMutation({ mutationFn: dismissDuplicate });
}
