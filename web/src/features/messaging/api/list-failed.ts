import { useInfiniteQuery } from '@tanstack/react-query';
import type { InfiniteData } from '@tanstack/react-query';
import { outboxMessageSchema, pageSchema } from '@caliu/common';
import type { OutboxMessageView } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

const failedPageSchema = pageSchema(outboxMessageSchema);

/** How many failed messages each page holds. */
export const FAILED_PAGE_SIZE = 50;

export type FailedPages = InfiniteData<{ items: OutboxMessageView[]; nextCursor: string | null }>;

export const failedMessagesKey = ['messaging', 'outbox', 'failed'] as const;

/** A page of the entity's messages that could not be delivered, newest first. */
export async function listFailed(cursor: string | null, signal?: AbortSignal) {
  const params = new URLSearchParams({ limit: String(FAILED_PAGE_SIZE) });
  if (cursor) params.set('cursor', cursor);
  return apiJson(`/api/outbox/failed?${params.toString()}`, failedPageSchema, { signal });
}

/** The entity's failed messages, page by page. */
export function useFailedMessages() {
  return useInfiniteQuery({
    queryKey: failedMessagesKey,
    queryFn: ({ pageParam, signal }) => listFailed(pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    gcTime: 0,
  });
}
