import { useQuery } from '@tanstack/react-query';
import { professionalSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { professionalsKey } from './get-professionals';

export const professionalKey = (id: string) => [...professionalsKey, 'one', id] as const;

export async function getProfessional(id: string, signal?: AbortSignal) {
  return apiJson(`/api/professionals/${id}`, professionalSchema, { signal });
}

export function useProfessional(id: string) {
  return useQuery({
    queryKey: professionalKey(id),
    queryFn: ({ signal }) => getProfessional(id, signal),
  });
}
