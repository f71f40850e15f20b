import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sectorSchema } from '@caliu/common';
import type { SectorInput } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { sectorsKey } from './get-sectors';

export async function createSector(input: SectorInput) {
  return apiJson('/api/sectors', sectorSchema, { method: 'POST', body: input });
}

export function useCreateSector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createSector,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sectorsKey }),
  });
}
