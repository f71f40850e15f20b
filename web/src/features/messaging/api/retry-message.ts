import { useMutation, useQueryClient } from '@tanstack/react-query';
import { outboxMessageSchema } from '@caliu/common';
import type { OutboxMessageView } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { failedMessagesKey } from './list-failed';
import type { FailedPages } from './list-failed';

/** Puts a failed message back in the queue, with a fresh count of attempts. */
export async function retryMessage(id: string) {
  return apiJson(`/api/outbox/${encodeURIComponent(id)}/retry`, outboxMessageSchema, {
    method: 'POST',
  });
}

function replaceMessage(pages: FailedPages | undefined, message: OutboxMessageView) {
  if (!pages) return pages;
  return {
    ...pages,
    pages: pages.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => (item.id === message.id ? message : item)),
    })),
  };
}

/**
 * Sends a failed message again. The list on screen keeps the row, now queued, so the user sees
 * what happened; the next visit no longer lists it.
 */
export function useRetryMessage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: retryMessage,
    onSuccess: (message) => {
      queryClient.setQueryData<FailedPages>(failedMessagesKey, (pages) =>
        replaceMessage(pages, message),
      );
    },
  });
}
