import { useQuery } from '@tanstack/react-query';
import { personActiveSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { personKey } from './keys';

export async function getPersonActive(id: string, signal?: AbortSignal) {
  return apiJson(`/api/persons/${encodeURIComponent(id)}/active`, personActiveSchema, { signal });
}

/**
 * What is active for a person across the case files whose content the user reads: open case
 * files, active problems, granted resources, the next plan review. An audited read of content:
 * nothing asks for it unless `enabled` (the person's page knows the user sees their case files).
 */
export function usePersonActive(id: string, enabled: boolean) {
  return useQuery({
    queryKey: [...personKey(id), 'active'],
    queryFn: ({ signal }) => getPersonActive(id, signal),
    enabled,
  });
}
