import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sectorSchema } from '@caliu/common';
import type { SectorPatch } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { sectorsKey } from './get-sectors';

export async function updateSector({ id, ...patch }: SectorPatch & { id: string }) {
  return apiJson(`/api/sectors/${id}`, sectorSchema, { method: 'PATCH', body: patch });
}

export function useUpdateSector() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateSector,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: sectorsKey }),
  });
}
