import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { TeamMembersPut } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { teamMembersKey, teamMembersSchema } from './get-team-members';
import { organizationKeys } from '@/lib/api/organization';

export async function replaceTeamMembers({ teamId, ...body }: TeamMembersPut & { teamId: string }) {
  const answer = await apiJson(`/api/teams/${teamId}/members`, teamMembersSchema, {
    method: 'PUT',
    body,
  });
  return answer.items;
}

/** Sets the whole list of a team's members and coordinators at once. */
export function useReplaceTeamMembers() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: replaceTeamMembers,
    onSuccess: (members, { teamId }) => {
      queryClient.setQueryData(teamMembersKey(teamId), members);
      return queryClient.invalidateQueries({ queryKey: organizationKeys.teams() });
    },
  });
}
