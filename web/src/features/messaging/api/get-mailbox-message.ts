import { useQuery } from '@tanstack/react-query';
import { mailboxMessageSchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

/** One message of the demo mailbox, both parts, as it would have been sent. */
export async function getMailboxMessage(id: string, signal?: AbortSignal) {
  return apiJson(`/api/mailbox/${encodeURIComponent(id)}`, mailboxMessageSchema, { signal });
}

export function useMailboxMessage(id: string) {
  return useQuery({
    queryKey: ['messaging', 'mailbox', 'message', id],
    queryFn: ({ signal }) => getMailboxMessage(id, signal),
    // A message never changes once delivered; each read is audited, so ask once per visit.
    staleTime: Infinity,
    gcTime: 0,
  });
}
