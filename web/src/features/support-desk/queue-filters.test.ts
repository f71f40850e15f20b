import { describe, expect, it } from 'vitest';
import { durationParts, filtersFromSearch, NO_FILTERS, queueHref } from './queue-filters';

const ENTITY = '11111111-1111-4111-8111-111111111111';

describe("the queue's filters in the address", () => {
  it('reads what the address names and drops what it names wrongly', () => {
    expect(
      filtersFromSearch(
        new URLSearchParams(
          `entityId=${ENTITY}&kind=merge_persons&status=resolved&age=week&assignee=me`,
        ),
      ),
    ).toEqual({
      entityId: ENTITY,
      kind: 'merge_persons',
      status: 'resolved',
      age: 'week',
      assignee: 'me',
    });
    expect(
      filtersFromSearch(
        new URLSearchParams('entityId=x&kind=delete_persons&status=closed&age=year&assignee=y'),
      ),
    ).toEqual(NO_FILTERS);
  });

  it('writes only what differs from the defaults, and reads it back the same', () => {
    expect(queueHref(NO_FILTERS)).toBe('/support');
    const filters = { ...NO_FILTERS, entityId: ENTITY, assignee: 'none', status: 'new' as const };
    const href = queueHref(filters);
    expect(href).toBe(`/support?entityId=${ENTITY}&status=new&assignee=none`);
    expect(filtersFromSearch(new URLSearchParams(href.split('?')[1]))).toEqual(filters);
  });
});

describe('a span of time in words', () => {
  it('uses the largest whole unit', () => {
    expect(durationParts(-5)).toEqual({ unit: 'minutes', count: 0 });
    expect(durationParts(59 * 60_000)).toEqual({ unit: 'minutes', count: 59 });
    expect(durationParts(5 * 3_600_000 + 1)).toEqual({ unit: 'hours', count: 5 });
    expect(durationParts(50 * 3_600_000)).toEqual({ unit: 'days', count: 2 });
  });
});
