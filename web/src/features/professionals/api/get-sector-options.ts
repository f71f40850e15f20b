import { useQuery } from '@tanstack/react-query';
import { pageSchema, sectorSchema } from '@caliu/common';
import { allPages } from '@/lib/all-pages';

export async function getSectorOptions(signal?: AbortSignal) {
  return allPages('/api/sectors', pageSchema(sectorSchema), signal);
}

/** The entity's sectors, to assign a professional to one. */
export function useSectorOptions() {
  return useQuery({
    queryKey: ['professionals', 'sector-options'],
    queryFn: ({ signal }) => getSectorOptions(signal),
  });
}
