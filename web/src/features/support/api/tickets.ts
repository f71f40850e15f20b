import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ticketSchema, ticketSummarySchema } from '@caliu/common';
import type { TicketCreate } from '@caliu/common';
import { apiJson, apiRequest } from '@/lib/api-client';
import { supportTicketKey, supportTicketsKey } from './keys';

/** One of the user's own tickets: its fields in words, its history, what they may do. */
export function useTicket(id: string) {
  return useQuery({
    queryKey: supportTicketKey(id),
    queryFn: ({ signal }) =>
      apiJson(`/api/support/tickets/${encodeURIComponent(id)}`, ticketSchema, { signal }),
  });
}

/** Asks the server what only the database knows (204, or a 400 with the fields' problems). */
export async function checkTicket(input: TicketCreate, signal?: AbortSignal): Promise<void> {
  await apiRequest('/api/support/tickets/check', { method: 'POST', body: input, signal });
}

/** Opens a ticket; answers its summary (number, subject, status). */
export function useCreateTicket() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: TicketCreate) =>
      apiJson('/api/support/tickets', ticketSummarySchema, { method: 'POST', body: input }),
    onSuccess: () => client.invalidateQueries({ queryKey: supportTicketsKey }),
  });
}

/** The requester's answer to a ticket waiting for them (it goes back to the agents). */
export function useAnswerTicket(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) =>
      apiRequest(`/api/support/tickets/${encodeURIComponent(id)}/answer`, {
        method: 'POST',
        body: { body },
      }),
    onSuccess: () => client.invalidateQueries({ queryKey: supportTicketsKey }),
  });
}
