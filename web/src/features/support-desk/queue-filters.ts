import { isUuid, TICKET_AGES, TICKET_KINDS, TICKET_STATUSES } from '@caliu/common';
import type { TicketKind, TicketStatus } from '@caliu/common';

export type TicketAge = (typeof TICKET_AGES)[number];

/** The queue's filters, as the address keeps them (`/support?entityId=…&kind=…`). */
export type QueueFilters = {
  entityId: string | null;
  kind: TicketKind | null;
  /** `open`: new, in progress or waiting for the requester (the API's default). */
  status: TicketStatus | 'open';
  age: TicketAge | null;
  /** `me`, `none`, or an agent's id. */
  assignee: string | null;
};

export const NO_FILTERS: QueueFilters = {
  entityId: null,
  kind: null,
  status: 'open',
  age: null,
  assignee: null,
};

const oneOf = <T extends string>(list: readonly T[], value: string | null): T | null =>
  value !== null && (list as readonly string[]).includes(value) ? (value as T) : null;

/** The filters an address names; what it names wrongly is left out (never a 400 page). */
export function filtersFromSearch(params: URLSearchParams): QueueFilters {
  const entityId = params.get('entityId');
  const assignee = params.get('assignee');
  return {
    entityId: entityId && isUuid(entityId) ? entityId : null,
    kind: oneOf(TICKET_KINDS, params.get('kind')),
    status: oneOf([...TICKET_STATUSES, 'open' as const], params.get('status')) ?? 'open',
    age: oneOf(TICKET_AGES, params.get('age')),
    assignee:
      assignee && (assignee === 'me' || assignee === 'none' || isUuid(assignee)) ? assignee : null,
  };
}

/** The filters as query parameters (the defaults left out): for the address and for the API. */
export function searchOfFilters(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams();
  if (filters.entityId) params.set('entityId', filters.entityId);
  if (filters.kind) params.set('kind', filters.kind);
  if (filters.status !== 'open') params.set('status', filters.status);
  if (filters.age) params.set('age', filters.age);
  if (filters.assignee) params.set('assignee', filters.assignee);
  return params;
}

/** The queue's address with these filters. */
export function queueHref(filters: QueueFilters): string {
  const search = searchOfFilters(filters).toString();
  return search ? `/support?${search}` : '/support';
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A span of time in the largest whole unit that fits: minutes, hours or days. */
export function durationParts(ms: number): { unit: 'minutes' | 'hours' | 'days'; count: number } {
  const span = Math.max(0, ms);
  if (span >= DAY) return { unit: 'days', count: Math.floor(span / DAY) };
  if (span >= HOUR) return { unit: 'hours', count: Math.floor(span / HOUR) };
  return { unit: 'minutes', count: Math.floor(span / MINUTE) };
}
