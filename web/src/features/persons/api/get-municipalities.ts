import { useQuery } from '@tanstack/react-query';
import { municipalitySchema, pageSchema } from '@caliu/common';
import { allPages } from '@/lib/all-pages';
import { personsKey } from './keys';

export async function getMunicipalities(signal?: AbortSignal) {
  return allPages('/api/municipalities', pageSchema(municipalitySchema), signal);
}

/** The entity's municipalities, to choose a person's place from. */
export function useMunicipalityOptions() {
  return useQuery({
    queryKey: [...personsKey, 'municipalities'],
    queryFn: ({ signal }) => getMunicipalities(signal),
    staleTime: 5 * 60_000,
  });
}
