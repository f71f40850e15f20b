import { useQuery } from '@tanstack/react-query';
import { secondFactorStatusSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

export const secondFactorKey = ['profile', 'second-factor'] as const;

export async function getSecondFactor(signal?: AbortSignal) {
  return apiJson('/api/me/second-factor', secondFactorStatusSchema, { signal });
}

/** Whether the signed-in user has a second factor, must have one, and recovery codes left. */
export function useSecondFactor() {
  return useQuery({ queryKey: secondFactorKey, queryFn: ({ signal }) => getSecondFactor(signal) });
}
