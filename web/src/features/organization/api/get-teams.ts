import { useQuery } from '@tanstack/react-query';
import { pageSchema, teamSchema } from '@caliu/common';
import { allPages } from '@/lib/all-pages';

export const teamsKey = ['organization', 'teams'] as const;

/** `configurable`: only the teams whose members the user may configure. */
export async function getTeams(configurable: boolean, signal?: AbortSignal) {
  const path = configurable ? '/api/teams?configurable=true' : '/api/teams';
  return allPages(path, pageSchema(teamSchema), signal);
}

/** The entity's teams by name, each with what the user may do with it. */
export function useTeams({ configurable }: { configurable: boolean }) {
  return useQuery({
    queryKey: [...teamsKey, { configurable }],
    queryFn: ({ signal }) => getTeams(configurable, signal),
  });
}
