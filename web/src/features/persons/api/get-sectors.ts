import { useQuery } from '@tanstack/react-query';
import { pageSchema, sectorSchema } from '@caliu/common';
import { allPages } from '@/lib/all-pages';
import { personsKey } from './keys';

export async function getSectors(signal?: AbortSignal) {
  return allPages('/api/sectors', pageSchema(sectorSchema), signal);
}

/** The entity's sectors, to place a person within their municipality. */
export function useSectorOptions() {
  return useQuery({
    queryKey: [...personsKey, 'sectors'],
    queryFn: ({ signal }) => getSectors(signal),
    staleTime: 5 * 60_000,
  });
}
