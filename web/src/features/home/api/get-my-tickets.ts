import { useQuery } from '@tanstack/react-query';
import { pageSchema, ticketSummarySchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { homeKey } from './keys';

const ticketsSchema = pageSchema(ticketSummarySchema);

export async function getMyTickets(signal?: AbortSignal) {
  return apiJson('/api/support/tickets?mine=true&limit=5', ticketsSchema, { signal });
}

/** The user's own latest support tickets, for the home page. */
export function useMyTickets(enabled: boolean) {
  return useQuery({
    queryKey: [...homeKey, 'tickets'],
    queryFn: ({ signal }) => getMyTickets(signal),
    enabled,
  });
}
