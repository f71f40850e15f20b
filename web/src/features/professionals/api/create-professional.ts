import { useMutation, useQueryClient } from '@tanstack/react-query';
import { professionalCreatedSchema } from '@caliu/common';
import type { ProfessionalCreate } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { professionalsKey } from './get-professionals';

/** Creates a professional; the answer says how the activation link went out. */
export async function createProfessional(input: ProfessionalCreate) {
  return apiJson('/api/professionals', professionalCreatedSchema, { method: 'POST', body: input });
}

export function useCreateProfessional() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createProfessional,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: professionalsKey }),
  });
}
