import { useQuery } from '@tanstack/react-query';
import { teamMemberSchema } from '@caliu/common';
import type { TeamMember } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import type { Schema } from '@/lib/api-client';

export const teamMembersKey = (teamId: string) => ['organization', 'team-members', teamId] as const;

export const teamMembersSchema: Schema<{ items: TeamMember[] }> = {
  safeParse: (data) => {
    const items = (data as { items?: unknown } | null)?.items;
    if (!Array.isArray(items)) return { success: false, error: 'items' };
    const parsed: TeamMember[] = [];
    for (const item of items) {
      const member = teamMemberSchema.safeParse(item);
      if (!member.success) return member;
      parsed.push(member.data);
    }
    return { success: true, data: { items: parsed } };
  },
};

export async function getTeamMembers(teamId: string, signal?: AbortSignal) {
  return (await apiJson(`/api/teams/${teamId}/members`, teamMembersSchema, { signal })).items;
}

/** A team's members and who coordinates it. */
export function useTeamMembers(teamId: string, enabled: boolean) {
  return useQuery({
    queryKey: teamMembersKey(teamId),
    queryFn: ({ signal }) => getTeamMembers(teamId, signal),
    enabled,
  });
}
