import { useQuery } from '@tanstack/react-query';
import { municipalitySchema, pageSchema } from '@caliu/common';
import { allPages } from '@/lib/all-pages';

export const municipalitiesKey = ['organization', 'municipalities'] as const;

export async function getMunicipalities(signal?: AbortSignal) {
  return allPages('/api/municipalities', pageSchema(municipalitySchema), signal);
}

/** Every municipality of the entity, by name. */
export function useMunicipalities() {
  return useQuery({
    queryKey: municipalitiesKey,
    queryFn: ({ signal }) => getMunicipalities(signal),
  });
}
