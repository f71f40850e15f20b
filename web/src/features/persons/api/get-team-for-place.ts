import { useQuery } from '@tanstack/react-query';
import { teamForPlaceSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { personsKey } from './keys';

/**
 * The team a new record in this municipality (and sector) would get, as the server chooses it;
 * nothing is asked before a municipality is chosen.
 */
export function useTeamForPlace(municipalityId: string, sectorId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...personsKey, 'team-for-place', municipalityId, sectorId],
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ municipalityId });
      if (sectorId) query.set('sectorId', sectorId);
      return apiJson(`/api/persons/team-for-place?${query}`, teamForPlaceSchema, { signal });
    },
    enabled: enabled && municipalityId !== '',
    staleTime: 5 * 60_000,
  });
}
