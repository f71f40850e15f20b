import { useMutation, useQueryClient } from '@tanstack/react-query';
import { teamSchema } from '@caliu/common';
import type { TeamPatch } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { teamsKey } from './get-teams';

export async function updateTeam({ id, ...patch }: TeamPatch & { id: string }) {
  return apiJson(`/api/teams/${id}`, teamSchema, { method: 'PATCH', body: patch });
}

/** Renames a team, replaces its territory or (de)activates it. */
export function useUpdateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateTeam,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamsKey }),
  });
}
