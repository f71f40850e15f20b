import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { pageSchema, professionalSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

export const professionalsKey = ['professionals'] as const;

/** How many professionals each page of the directory holds. */
export const DIRECTORY_PAGE_SIZE = 25;

/** The directory's filters, as the page's address carries them. */
export type DirectoryFilters = { q?: string; teamId?: string; active?: 'true' | 'false' };

export async function getProfessionals(
  filters: DirectoryFilters,
  cursor: string | null,
  signal?: AbortSignal,
) {
  const params = new URLSearchParams({ limit: String(DIRECTORY_PAGE_SIZE) });
  if (filters.q) params.set('q', filters.q);
  if (filters.teamId) params.set('teamId', filters.teamId);
  if (filters.active) params.set('active', filters.active);
  if (cursor) params.set('cursor', cursor);
  return apiJson(`/api/professionals?${params.toString()}`, pageSchema(professionalSchema), {
    signal,
  });
}

/** One page of the entity's professionals, by surname; the previous page stays while loading. */
export function useProfessionals(filters: DirectoryFilters, cursor: string | null) {
  return useQuery({
    queryKey: [...professionalsKey, 'list', filters, cursor],
    queryFn: ({ signal }) => getProfessionals(filters, cursor, signal),
    placeholderData: keepPreviousData,
  });
}
