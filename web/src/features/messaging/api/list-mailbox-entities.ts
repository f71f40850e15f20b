import { useQuery } from '@tanstack/react-query';
import { entityDirectorySchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

/**
 * The councils whose mailbox the support agent may read (id, code, name), for the entity filter:
 * every one of them, not only those whose messages were loaded. Asked only by who reads every
 * entity's mailbox (`enabled`).
 */
export function useMailboxEntities(enabled: boolean) {
  return useQuery({
    queryKey: ['messaging', 'mailbox', 'entities'],
    queryFn: ({ signal }) => apiJson('/api/mailbox/entities', entityDirectorySchema, { signal }),
    enabled,
    staleTime: 5 * 60_000,
  });
}
