import { useMutation, useQueryClient } from '@tanstack/react-query';
import { municipalitySchema } from '@caliu/common';
import type { MunicipalityInput } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { municipalitiesKey } from './get-municipalities';

export async function updateMunicipality({ id, ...input }: MunicipalityInput & { id: string }) {
  return apiJson(`/api/municipalities/${id}`, municipalitySchema, { method: 'PATCH', body: input });
}

export function useUpdateMunicipality() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateMunicipality,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: municipalitiesKey }),
  });
}
