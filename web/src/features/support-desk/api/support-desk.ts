import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  entityDirectorySchema,
  pageSchema,
  queueTicketSchema,
  supportAgentsSchema,
  supportDashboardSchema,
  ticketSchema,
} from '@caliu/common';
import type { TicketStatus } from '@caliu/common';
import { apiJson } from '@/lib/api-client';
import { searchOfFilters, type QueueFilters } from '../queue-filters';

/** Every query of the agents' console starts with this key (a change refreshes them all). */
export const supportDeskKey = ['support-desk'] as const;

const queuePageSchema = pageSchema(queueTicketSchema);
/** How many tickets each page of the queue holds. */
export const QUEUE_PAGE_SIZE = 50;

/** The queue of every council's tickets with these filters, page by page. */
export function useQueue(filters: QueueFilters) {
  return useInfiniteQuery({
    queryKey: [...supportDeskKey, 'queue', filters],
    queryFn: ({ pageParam, signal }) => {
      const params = searchOfFilters(filters);
      params.set('limit', String(QUEUE_PAGE_SIZE));
      if (pageParam) params.set('cursor', pageParam);
      return apiJson(`/api/support/queue?${params.toString()}`, queuePageSchema, { signal });
    },
    initialPageParam: null as string | null,
    getNextPageParam: (lastPage) => lastPage.nextCursor,
    staleTime: 30_000,
  });
}

/** The councils (the entity filter). */
export function useEntityDirectory() {
  return useQuery({
    queryKey: [...supportDeskKey, 'entities'],
    queryFn: ({ signal }) => apiJson('/api/support/entities', entityDirectorySchema, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The support entity's active agents (the assignee filter, assigning a ticket). */
export function useSupportAgents() {
  return useQuery({
    queryKey: [...supportDeskKey, 'agents'],
    queryFn: ({ signal }) => apiJson('/api/support/agents', supportAgentsSchema, { signal }),
    staleTime: 5 * 60_000,
  });
}

/** The last 30 days per kind. */
export function useDashboard() {
  return useQuery({
    queryKey: [...supportDeskKey, 'dashboard'],
    queryFn: ({ signal }) => apiJson('/api/support/dashboard', supportDashboardSchema, { signal }),
  });
}

/** The query key of one ticket of a council, as an agent reads it. */
export const ticketKey = (entityId: string, ticketId: string) =>
  [...supportDeskKey, 'ticket', entityId, ticketId] as const;

/** The API path of one ticket of a council, for the agents. */
export const ticketPath = (entityId: string, ticketId: string) =>
  `/api/support/entities/${encodeURIComponent(entityId)}/tickets/${encodeURIComponent(ticketId)}`;

/** One ticket of a council, as an agent reads it (through the audited cross-entity path). */
export function useAgentTicket(entityId: string, ticketId: string) {
  return useQuery({
    queryKey: ticketKey(entityId, ticketId),
    queryFn: ({ signal }) => apiJson(ticketPath(entityId, ticketId), ticketSchema, { signal }),
  });
}

/**
 * A change to a ticket: the API answers the ticket as it now is (shown at once, without reading
 * it again); the queue and the dashboard are asked again.
 */
function useTicketChange<Input>(
  entityId: string,
  ticketId: string,
  send: (input: Input) => { method: 'POST' | 'PUT'; path: string; body: unknown },
) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => {
      const { method, path, body } = send(input);
      return apiJson(`${ticketPath(entityId, ticketId)}${path}`, ticketSchema, { method, body });
    },
    onSuccess: (ticket) => {
      client.setQueryData(ticketKey(entityId, ticketId), ticket);
      return client.invalidateQueries({
        queryKey: supportDeskKey,
        predicate: (query) => query.queryKey[1] !== 'ticket',
      });
    },
  });
}

export function useCommentTicket(entityId: string, ticketId: string) {
  return useTicketChange(entityId, ticketId, (body: string) => ({
    method: 'POST',
    path: '/comments',
    body: { body },
  }));
}

export function useChangeTicketStatus(entityId: string, ticketId: string) {
  return useTicketChange(
    entityId,
    ticketId,
    (input: { status: TicketStatus; comment?: string | undefined }) => ({
      method: 'POST',
      path: '/status',
      body: input.comment ? input : { status: input.status },
    }),
  );
}

/** Assigns the ticket to an agent, or (null) leaves it unassigned. */
export function useAssignTicket(entityId: string, ticketId: string) {
  return useTicketChange(entityId, ticketId, (agentId: string | null) => ({
    method: 'PUT',
    path: '/assignee',
    body: { agentId },
  }));
}
