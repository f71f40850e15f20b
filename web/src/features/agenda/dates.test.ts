import { describe, expect, it } from 'vitest';
import { addDays, happensTwice, lanesOf, mondayOf, nowIn, segmentOn, weekdayOf } from './dates';

describe('the agenda’s calendar arithmetic', () => {
  it('steps over the Sunday of a clock change and over a year’s end by whole days', () => {
    expect(addDays('2026-03-28', 1)).toBe('2026-03-29');
    expect(addDays('2026-03-29', 1)).toBe('2026-03-30');
    expect(addDays('2026-10-25', 1)).toBe('2026-10-26');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2027-01-01', -7)).toBe('2026-12-25');
  });

  it('starts weeks on Monday', () => {
    expect(weekdayOf('2026-12-07')).toBe(1);
    expect(weekdayOf('2026-12-13')).toBe(7);
    expect(mondayOf('2026-12-13')).toBe('2026-12-07');
    expect(mondayOf('2026-12-07')).toBe('2026-12-07');
  });

  it('cuts an entry that goes past midnight into the part of each day', () => {
    expect(segmentOn('2026-12-07', '2026-12-07T09:00', '2026-12-07T10:30')).toEqual({
      start: 540,
      end: 630,
    });
    expect(segmentOn('2026-12-07', '2026-12-07T22:00', '2026-12-08T02:00')).toEqual({
      start: 1320,
      end: 1440,
    });
    expect(segmentOn('2026-12-08', '2026-12-07T22:00', '2026-12-08T02:00')).toEqual({
      start: 0,
      end: 120,
    });
    expect(segmentOn('2026-12-09', '2026-12-07T22:00', '2026-12-08T02:00')).toBeNull();
  });

  it('puts overlapping entries side by side and the others full width', () => {
    const placed = lanesOf([
      { start: 540, end: 600, id: 'a' },
      { start: 570, end: 630, id: 'b' },
      { start: 700, end: 760, id: 'c' },
    ]);
    const of = (id: string) => placed.find((p) => p.id === id)!;
    expect([of('a').lane, of('a').lanes]).toEqual([0, 2]);
    expect([of('b').lane, of('b').lanes]).toEqual([1, 2]);
    expect([of('c').lane, of('c').lanes]).toEqual([0, 1]);
  });

  it('reads now as the wall time of the entity’s zone', () => {
    const instant = new Date('2026-07-01T10:15:00Z');
    expect(nowIn('Europe/Madrid', instant)).toBe('2026-07-01T12:15');
    expect(nowIn('Atlantic/Canary', instant)).toBe('2026-07-01T11:15');
  });
});

describe('the autumn hour that happens twice', () => {
  it('is found in Madrid and in the Canaries, and nowhere else', () => {
    expect(happensTwice('2026-10-25T02:30', 'Europe/Madrid')).toBe(true);
    expect(happensTwice('2026-10-25T01:30', 'Atlantic/Canary')).toBe(true);
    expect(happensTwice('2026-10-25T03:30', 'Europe/Madrid')).toBe(false);
    expect(happensTwice('2026-10-24T02:30', 'Europe/Madrid')).toBe(false);
    // The spring gap exists not even once (the server refuses it).
    expect(happensTwice('2026-03-29T02:30', 'Europe/Madrid')).toBe(false);
  });
});
