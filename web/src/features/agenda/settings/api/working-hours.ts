import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { sectorHoursSchema, workingHoursListSchema } from '@caliu/common';
import type { PutWorkingHours } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

/** The working hours of the sectors of the user's teams. */
export const workingHoursKey = ['agenda-settings', 'working-hours'] as const;

export async function getWorkingHours(signal?: AbortSignal) {
  const answer = await apiJson('/api/working-hours', workingHoursListSchema, { signal });
  return answer.items;
}

/** Each sector of the user's teams with its intervals and whether the user may change them. */
export function useWorkingHours() {
  return useQuery({
    queryKey: workingHoursKey,
    queryFn: ({ signal }) => getWorkingHours(signal),
  });
}

export async function putWorkingHours({
  sectorId,
  ...body
}: PutWorkingHours & { sectorId: string }) {
  return apiJson(`/api/working-hours/${encodeURIComponent(sectorId)}`, sectorHoursSchema, {
    method: 'PUT',
    body,
  });
}

/** Replaces a sector's week; the list is read again (the agenda reads them from its own answer). */
export function usePutWorkingHours() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: putWorkingHours,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: workingHoursKey }),
  });
}
