import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  operationPreviewSchema,
  operationRunResultSchema,
  type operationRunSchema,
} from '@caliu/common';
import type { z } from 'zod';
import { apiJson } from '@/lib/api-client';
import { supportDeskKey, ticketKey, ticketPath } from './support-desk';

/**
 * What the ticket's operation would change, or why it cannot run (decision 0010). A mutation
 * rather than a query: the agent asks for it, each preview is audited, and its fingerprint is
 * what the run confirms — it must not be read again behind the agent's back.
 */
export function usePreviewOperation(entityId: string, ticketId: string) {
  return useMutation({
    mutationFn: () =>
      apiJson(`${ticketPath(entityId, ticketId)}/operation/preview`, operationPreviewSchema, {
        method: 'POST',
      }),
  });
}

/** The run's body: the fingerprint, and the agent's choices (conflicts taken, a mobile). */
export type OperationRunInput = z.input<typeof operationRunSchema>;

/**
 * Runs the ticket's operation as previewed (its fingerprint). The answer carries the ticket as it
 * now is (resolved, with the result), shown at once; the queue and the dashboard are asked again.
 */
export function useRunOperation(entityId: string, ticketId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: OperationRunInput) =>
      apiJson(`${ticketPath(entityId, ticketId)}/operation/run`, operationRunResultSchema, {
        method: 'POST',
        body: input,
      }),
    onSuccess: (result) => {
      client.setQueryData(ticketKey(entityId, ticketId), result.ticket);
      return client.invalidateQueries({
        queryKey: supportDeskKey,
        predicate: (query) => query.queryKey[1] !== 'ticket',
      });
    },
  });
}
