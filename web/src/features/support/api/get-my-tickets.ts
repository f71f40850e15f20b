import { useQuery } from '@tanstack/react-query';
import { pageSchema, ticketSummarySchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';

const myTicketsSchema = pageSchema(ticketSummarySchema);

export async function getMyTickets(signal?: AbortSignal) {
  return apiJson('/api/support/tickets?mine=true&limit=20', myTicketsSchema, { signal });
}

/** The signed-in user's own support tickets (the latest 20), fetched while `enabled`. */
export function useMyTickets(enabled: boolean) {
  return useQuery({
    queryKey: ['support', 'tickets', 'mine'],
    queryFn: ({ signal }) => getMyTickets(signal),
    enabled,
  });
}
