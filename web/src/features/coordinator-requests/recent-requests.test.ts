import { describe, expect, it } from 'vitest';
import type { CoordinatorRequest } from '@caliu/common';
import { recentRequests } from './recent-requests';

const NOW = new Date('2026-12-07T10:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY).toISOString();
const person = { id: '00000000-0000-4000-8000-000000000001', name: 'Marta Puig Serra' };

let next = 0;
function request(
  status: CoordinatorRequest['status'],
  createdDaysAgo: number,
  closedDaysAgo: number | null = null,
): CoordinatorRequest {
  next += 1;
  return {
    id: `00000000-0000-4000-8000-${String(next).padStart(12, '0')}`,
    kind: 'delete_persons',
    status,
    requester: person,
    coordinators: [person],
    caseFile: null,
    persons: [person],
    items: [],
    targetNumber: null,
    note: '',
    closedBy: closedDaysAgo === null ? null : person,
    closedReason: status === 'declined' ? 'It stays.' : null,
    createdAt: ago(createdDaysAgo),
    closedAt: closedDaysAgo === null ? null : ago(closedDaysAgo),
    can: { close: false },
  };
}

describe('the requests a requester sees on the home page', () => {
  it('shows every open one, and the closed ones of the last 30 days', () => {
    const oldOpen = request('open', 90);
    const done = request('done', 40, 29);
    const declined = request('declined', 10, 2);
    const stale = request('done', 60, 31);
    expect(recentRequests([declined, stale, done, oldOpen], NOW)).toEqual([
      oldOpen,
      declined,
      done,
    ]);
  });

  it('puts the open ones first, newest first, then the closed ones by when they were closed', () => {
    const olderOpen = request('open', 5);
    const newerOpen = request('open', 1);
    const closedEarlier = request('declined', 3, 3);
    const closedLater = request('done', 20, 1);
    expect(recentRequests([closedEarlier, olderOpen, closedLater, newerOpen], NOW)).toEqual([
      newerOpen,
      olderOpen,
      closedLater,
      closedEarlier,
    ]);
  });

  it('shows nothing when every request was closed long ago', () => {
    expect(recentRequests([request('done', 100, 45), request('declined', 80, 70)], NOW)).toEqual(
      [],
    );
  });
});
