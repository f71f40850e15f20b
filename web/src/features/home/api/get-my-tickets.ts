import { useQuery } from '@tanstack/react-query';
import { pageSchema, ticketSummarySchema } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { homeKey } from './keys';

const ticketsSchema = pageSchema(ticketSummarySchema);

export async function getMyTickets(signal?: AbortSignal) {
  return apiJson('/api/support/tickets?status=open&limit=10', ticketsSchema, { signal });
}

/** The user's own open support tickets, for the home page. */
export function useMyTickets(enabled: boolean) {
  return useQuery({
    queryKey: [...homeKey, 'tickets'],
    queryFn: ({ signal }) => getMyTickets(signal),
    enabled,
  });
}
