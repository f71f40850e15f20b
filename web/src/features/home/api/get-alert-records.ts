import { useInfiniteQuery } from '@tanstack/react-query';
import { type AlertKind, alertRecordPageSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { alertsKey } from './keys';

const PAGE_SIZE = 50;

export async function getAlertRecords(
  kind: AlertKind,
  cursor: string | null,
  signal?: AbortSignal,
) {
  const params = new URLSearchParams({ limit: String(PAGE_SIZE) });
  if (cursor) params.set('cursor', cursor);
  return apiJson(
    `/api/home/alerts/${encodeURIComponent(kind)}?${params.toString()}`,
    alertRecordPageSchema,
    { signal },
  );
}

/** The records behind one kind of alert, a page at a time. */
export function useAlertRecords(kind: AlertKind) {
  return useInfiniteQuery({
    queryKey: [...alertsKey, 'records', kind],
    queryFn: ({ pageParam, signal }) => getAlertRecords(kind, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
