import { useQuery } from '@tanstack/react-query';
import { myCoversSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { homeKey } from './keys';

export async function getMyCovers(signal?: AbortSignal) {
  return apiJson('/api/caseload/covers/mine', myCoversSchema, { signal });
}

/** The covers of absences the user takes part in, running or to come. */
export function useMyCovers() {
  return useQuery({
    queryKey: [...homeKey, 'covers'],
    queryFn: ({ signal }) => getMyCovers(signal),
  });
}
