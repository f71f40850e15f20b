import { useMutation } from '@tanstack/react-query';
import { professionalSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { useProfessionalChanged } from './update-professional';

/**
 * Deactivates a professional: their sessions end at once. Refused (409 `professional.is_referent`)
 * while they are the referent of persons or case files, listing them in the details.
 */
export async function deactivateProfessional(id: string) {
  return apiJson(`/api/professionals/${id}/deactivate`, professionalSchema, { method: 'POST' });
}

export function useDeactivateProfessional() {
  const changed = useProfessionalChanged();
  return useMutation({ mutationFn: deactivateProfessional, onSuccess: changed });
}
