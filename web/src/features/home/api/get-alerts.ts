import { useQuery } from '@tanstack/react-query';
import { alertCountsSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { alertsKey } from './keys';

export async function getAlerts(signal?: AbortSignal) {
  return apiJson('/api/home/alerts', alertCountsSchema, { signal });
}

/**
 * Each kind of alert with its count (null while switched off): read when the home page is shown
 * (and the window comes back to it), never polled — a request every minute would keep an idle
 * session alive for ever, and the idle expiry is a safeguard (a console left open).
 */
export function useAlerts(enabled: boolean) {
  return useQuery({
    queryKey: [...alertsKey, 'counts'],
    queryFn: ({ signal }) => getAlerts(signal),
    enabled,
    staleTime: 0,
  });
}
