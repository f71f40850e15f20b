import { useInfiniteQuery } from '@tanstack/react-query';
import { mailboxSummarySchema, pageSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

const mailboxPageSchema = pageSchema(mailboxSummarySchema);

/** How many messages each page of the mailbox holds. */
export const MAILBOX_PAGE_SIZE = 50;

/**
 * A page of the demo mailbox, newest first. `entity` (an entity's id) narrows the support agent's
 * view to one entity; an administrator always gets their own entity's, whatever it says.
 */
export async function listMailbox(
  entity: string | null,
  cursor: string | null,
  signal?: AbortSignal,
) {
  const params = new URLSearchParams({ limit: String(MAILBOX_PAGE_SIZE) });
  if (entity) params.set('entity', entity);
  if (cursor) params.set('cursor', cursor);
  return apiJson(`/api/mailbox?${params.toString()}`, mailboxPageSchema, { signal });
}

/** The demo mailbox (of one entity, or of every entity the user may read), page by page. */
export function useMailbox(entity: string | null) {
  return useInfiniteQuery({
    queryKey: ['messaging', 'mailbox', { entity }],
    queryFn: ({ pageParam, signal }) => listMailbox(entity, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    // Back from a message, the list is as it was left; a later visit asks again for the newest.
    staleTime: 30_000,
  });
}
