import { useQuery } from '@tanstack/react-query';
import { pageSchema, teamSchema } from '@caliu/common';
import { allPages } from '@/lib/all-pages';

export async function getTeamOptions(signal?: AbortSignal) {
  return allPages('/api/teams', pageSchema(teamSchema), signal);
}

/** The entity's teams, to filter the directory by and to choose memberships from. */
export function useTeamOptions() {
  return useQuery({
    queryKey: ['professionals', 'team-options'],
    queryFn: ({ signal }) => getTeamOptions(signal),
  });
}
