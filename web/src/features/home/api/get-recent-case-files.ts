import { useQuery } from '@tanstack/react-query';
import { recentCaseFilesSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { homeKey } from './keys';

export async function getRecentCaseFiles(signal?: AbortSignal) {
  return apiJson('/api/home/recent-case-files?limit=8', recentCaseFilesSchema, { signal });
}

/** The case files the user opened last, most recent first. */
export function useRecentCaseFiles(enabled: boolean) {
  return useQuery({
    queryKey: [...homeKey, 'recent-case-files'],
    queryFn: ({ signal }) => getRecentCaseFiles(signal),
    enabled,
  });
}
