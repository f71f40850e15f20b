import { useQuery } from '@tanstack/react-query';
import { alertCountsSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { alertsKey } from './keys';

export async function getAlerts(signal?: AbortSignal) {
  return apiJson('/api/home/alerts', alertCountsSchema, { signal });
}

/** Each kind of alert with its count (null while switched off); refreshed every minute. */
export function useAlerts(enabled: boolean) {
  return useQuery({
    queryKey: [...alertsKey, 'counts'],
    queryFn: ({ signal }) => getAlerts(signal),
    enabled,
    refetchInterval: 60_000,
  });
}
