import { useMunicipalities, useSectors } from '@/lib/api/organization';

/** The entity's sectors and municipalities together (the team pages need both). */
export function useTerritory() {
  const sectors = useSectors();
  const municipalities = useMunicipalities();
  return {
    data:
      sectors.data && municipalities.data
        ? { sectors: sectors.data, municipalities: municipalities.data }
        : undefined,
    error: sectors.error ?? municipalities.error,
    refetch: () => Promise.all([sectors.refetch(), municipalities.refetch()]),
  };
}
