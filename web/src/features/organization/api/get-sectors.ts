import { useQuery } from '@tanstack/react-query';
import { pageSchema, sectorSchema } from '@caliu/common';
import { allPages } from '@/lib/all-pages';

export const sectorsKey = ['organization', 'sectors'] as const;

export async function getSectors(signal?: AbortSignal) {
  return allPages('/api/sectors', pageSchema(sectorSchema), signal);
}

/** Every sector of the entity, by name, with the municipalities it covers. */
export function useSectors() {
  return useQuery({ queryKey: sectorsKey, queryFn: ({ signal }) => getSectors(signal) });
}
