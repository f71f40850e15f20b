import { useMutation, useQueryClient } from '@tanstack/react-query';
import { professionalSchema } from '@caliu/common';
import type { Professional, ProfessionalPatch } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { professionalKey } from './get-professional';
import { professionalsKey } from './get-professionals';

export async function updateProfessional({ id, ...patch }: ProfessionalPatch & { id: string }) {
  return apiJson(`/api/professionals/${id}`, professionalSchema, { method: 'PATCH', body: patch });
}

/** Keeps the page's copy of a professional and refreshes the directory after a change. */
export function useProfessionalChanged() {
  const queryClient = useQueryClient();
  return (professional: Professional) => {
    queryClient.setQueryData(professionalKey(professional.id), professional);
    return queryClient.invalidateQueries({
      queryKey: professionalsKey,
      predicate: (query) => query.queryKey[1] === 'list',
    });
  };
}

export function useUpdateProfessional() {
  const changed = useProfessionalChanged();
  return useMutation({ mutationFn: updateProfessional, onSuccess: changed });
}
