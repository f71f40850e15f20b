import { useMutation, useQueryClient } from '@tanstack/react-query';
import { teamSchema } from '@caliu/common';
import type { TeamInput } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { teamsKey } from './get-teams';

export async function createTeam(input: TeamInput) {
  return apiJson('/api/teams', teamSchema, { method: 'POST', body: input });
}

export function useCreateTeam() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createTeam,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: teamsKey }),
  });
}
