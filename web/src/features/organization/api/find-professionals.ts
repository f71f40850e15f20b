import { useQuery } from '@tanstack/react-query';
import { pageSchema, professionalSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

const SUGGESTIONS = 10;

export async function findProfessionals(q: string, signal?: AbortSignal) {
  const params = new URLSearchParams({ q, active: 'true', limit: String(SUGGESTIONS) });
  const page = await apiJson(
    `/api/professionals?${params.toString()}`,
    pageSchema(professionalSchema),
    {
      signal,
    },
  );
  return page.items;
}

/** Active professionals whose name or username matches `q`, to add to a team. */
export function useFindProfessionals(q: string) {
  const query = q.trim();
  return useQuery({
    queryKey: ['organization', 'find-professionals', query],
    queryFn: ({ signal }) => findProfessionals(query, signal),
    enabled: query.length >= 2,
    staleTime: 30_000,
  });
}
