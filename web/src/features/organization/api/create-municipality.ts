import { useMutation, useQueryClient } from '@tanstack/react-query';
import { municipalitySchema } from '@caliu/common';
import type { MunicipalityInput } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { municipalitiesKey } from './get-municipalities';

export async function createMunicipality(input: MunicipalityInput) {
  return apiJson('/api/municipalities', municipalitySchema, { method: 'POST', body: input });
}

export function useCreateMunicipality() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createMunicipality,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: municipalitiesKey }),
  });
}
