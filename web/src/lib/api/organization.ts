import { useQuery } from '@tanstack/react-query';
import { municipalitySchema, pageSchema, sectorSchema, teamSchema } from '@caliu/common';
import { allPages } from '@/lib/all-pages';
import { apiJson } from '@/lib/api-client';

/**
 * The entity's organization as every feature reads it: one fetcher and one cache key per
 * endpoint, so that a change saved on the organization pages reaches the person and staff forms.
 */
export const organizationKeys = {
  all: ['organization'] as const,
  municipalities: () => [...organizationKeys.all, 'municipalities'] as const,
  sectors: () => [...organizationKeys.all, 'sectors'] as const,
  teams: () => [...organizationKeys.all, 'teams'] as const,
  teamList: (configurable: boolean) => [...organizationKeys.teams(), { configurable }] as const,
  team: (id: string) => [...organizationKeys.teams(), 'one', id] as const,
};

/** How long a form's options (municipalities, sectors, teams) stay fresh without asking again. */
export const OPTIONS_STALE_TIME = 5 * 60_000;

/** How a caller may tune a list it only picks from (a form's options). */
export type ListQueryOptions = { enabled?: boolean; staleTime?: number };

export async function getMunicipalities(signal?: AbortSignal) {
  return allPages('/api/municipalities', pageSchema(municipalitySchema), signal);
}

export async function getSectors(signal?: AbortSignal) {
  return allPages('/api/sectors', pageSchema(sectorSchema), signal);
}

/** `configurable`: only the teams whose members the user may configure. */
export async function getTeams(configurable: boolean, signal?: AbortSignal) {
  const path = configurable ? '/api/teams?configurable=true' : '/api/teams';
  return allPages(path, pageSchema(teamSchema), signal);
}

export async function getTeam(id: string, signal?: AbortSignal) {
  return apiJson(`/api/teams/${id}`, teamSchema, { signal });
}

/** Every municipality of the entity, by name. */
export function useMunicipalities(options: ListQueryOptions = {}) {
  return useQuery({
    queryKey: organizationKeys.municipalities(),
    queryFn: ({ signal }) => getMunicipalities(signal),
    ...options,
  });
}

/** Every sector of the entity, by name, with the municipalities it covers. */
export function useSectors(options: ListQueryOptions = {}) {
  return useQuery({
    queryKey: organizationKeys.sectors(),
    queryFn: ({ signal }) => getSectors(signal),
    ...options,
  });
}

/** The entity's teams by name, each with what the user may do with it. */
export function useTeams({
  configurable = false,
  ...options
}: ListQueryOptions & { configurable?: boolean } = {}) {
  return useQuery({
    queryKey: organizationKeys.teamList(configurable),
    queryFn: ({ signal }) => getTeams(configurable, signal),
    ...options,
  });
}

/** One team, with what the user may do with it. */
export function useTeam(id: string) {
  return useQuery({
    queryKey: organizationKeys.team(id),
    queryFn: ({ signal }) => getTeam(id, signal),
  });
}
