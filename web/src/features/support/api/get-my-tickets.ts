import { useQuery } from '@tanstack/react-query';
import { OPEN_TICKET_STATUSES, pageSchema, ticketSummarySchema } from '@caliu/common';
import type { TicketSummary } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { supportTicketsKey } from './keys';

const myTicketsSchema = pageSchema(ticketSummarySchema);

export async function getMyTickets(signal?: AbortSignal) {
  return apiJson('/api/support/tickets?limit=50', myTicketsSchema, { signal });
}

export function isOpenTicket(ticket: Pick<TicketSummary, 'status'>): boolean {
  return (OPEN_TICKET_STATUSES as readonly string[]).includes(ticket.status);
}

/** Open tickets first (those waiting for the requester before the rest), then newest first. */
export function sortTickets<T extends Pick<TicketSummary, 'status' | 'updatedAt'>>(
  tickets: readonly T[],
): T[] {
  const rank = (t: T) => (t.status === 'waiting_requester' ? 0 : isOpenTicket(t) ? 1 : 2);
  return [...tickets].sort((a, b) => rank(a) - rank(b) || b.updatedAt.localeCompare(a.updatedAt));
}

/** The signed-in user's own support tickets (the latest 50), fetched while `enabled`. */
export function useMyTickets(enabled: boolean) {
  return useQuery({
    queryKey: [...supportTicketsKey, 'mine'],
    queryFn: ({ signal }) => getMyTickets(signal),
    enabled,
  });
}
