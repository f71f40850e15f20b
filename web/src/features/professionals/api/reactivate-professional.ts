import { useMutation } from '@tanstack/react-query';
import { professionalSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { useProfessionalChanged } from './update-professional';

export async function reactivateProfessional(id: string) {
  return apiJson(`/api/professionals/${id}/reactivate`, professionalSchema, { method: 'POST' });
}

export function useReactivateProfessional() {
  const changed = useProfessionalChanged();
  return useMutation({ mutationFn: reactivateProfessional, onSuccess: changed });
}
