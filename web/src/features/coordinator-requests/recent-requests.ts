import type { CoordinatorRequest } from '@caliu/common';

/** How long a closed request stays on its requester's home page. */
export const CLOSED_SHOWN_DAYS = 30;

/**
 * What the requester's home page shows of their requests: the open ones, then those closed in
 * the last 30 days (the coordinator's answer, a reason when declined, is read there), each group
 * newest first. Older closed ones are history the emails already told.
 */
export function recentRequests(
  items: readonly CoordinatorRequest[],
  now: Date = new Date(),
): CoordinatorRequest[] {
  const since = now.getTime() - CLOSED_SHOWN_DAYS * 24 * 60 * 60 * 1000;
  const newest = (a: string, b: string) => Date.parse(b) - Date.parse(a);
  const open = items
    .filter((r) => r.status === 'open')
    .sort((a, b) => newest(a.createdAt, b.createdAt));
  const closed = items
    .filter((r) => r.status !== 'open' && r.closedAt !== null && Date.parse(r.closedAt) >= since)
    .sort((a, b) => newest(a.closedAt!, b.closedAt!));
  return [...open, ...closed];
}
