import { useQuery } from '@tanstack/react-query';
import { pageSchema, teamSchema } from '@caliu/common';
import { allPages } from '@/lib/all-pages';
import { personsKey } from './keys';

export async function getTeams(signal?: AbortSignal) {
  return allPages('/api/teams', pageSchema(teamSchema), signal);
}

/** The entity's teams, for a coordinator who chooses the team that attends a person. */
export function useTeamOptions(enabled: boolean) {
  return useQuery({
    queryKey: [...personsKey, 'teams'],
    queryFn: ({ signal }) => getTeams(signal),
    enabled,
    staleTime: 5 * 60_000,
  });
}
