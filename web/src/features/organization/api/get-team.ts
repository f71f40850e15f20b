import { useQuery } from '@tanstack/react-query';
import { teamSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { teamsKey } from './get-teams';

export const teamKey = (id: string) => [...teamsKey, 'one', id] as const;

export async function getTeam(id: string, signal?: AbortSignal) {
  return apiJson(`/api/teams/${id}`, teamSchema, { signal });
}

export function useTeam(id: string) {
  return useQuery({ queryKey: teamKey(id), queryFn: ({ signal }) => getTeam(id, signal) });
}
