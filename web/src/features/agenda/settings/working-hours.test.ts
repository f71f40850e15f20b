import { describe, expect, it } from 'vitest';
import type { WorkingInterval } from '@caliu/common';
import {
  copyDay,
  fieldOfServerError,
  intervalsFromWeek,
  sameWeek,
  weekFromIntervals,
  weekProblems,
} from './working-hours';
import type { WeekValues } from './working-hours';

const SAVED: WorkingInterval[] = [
  { weekday: 1, start: '15:30', end: '18:00' },
  { weekday: 1, start: '08:00', end: '14:00' },
  { weekday: 3, start: '09:00', end: '14:00' },
];

/** A week with Monday's intervals replaced. */
function withMonday(shape: 0 | 1 | 2, a: [string, string], b: [string, string] = ['', '']) {
  const week = weekFromIntervals([]);
  week[1] = {
    shape,
    intervals: [
      { start: a[0], end: a[1] },
      { start: b[0], end: b[1] },
    ],
  };
  return week;
}

describe('the working hours form', () => {
  it('reads a sector’s saved hours: morning first, the days without hours closed', () => {
    const week = weekFromIntervals(SAVED);
    expect(week[1]).toEqual({
      shape: 2,
      intervals: [
        { start: '08:00', end: '14:00' },
        { start: '15:30', end: '18:00' },
      ],
    });
    expect(week[3].shape).toBe(1);
    expect(week[2].shape).toBe(0);
    expect(week[7].shape).toBe(0);
    expect(weekProblems(week)).toEqual({});
  });

  it('sends back what it read, by weekday and start', () => {
    const { intervals } = intervalsFromWeek(weekFromIntervals(SAVED));
    expect(intervals).toEqual([
      { weekday: 1, start: '08:00', end: '14:00' },
      { weekday: 1, start: '15:30', end: '18:00' },
      { weekday: 3, start: '09:00', end: '14:00' },
    ]);
  });

  it('sends nothing for a closed day, even with times typed before closing it', () => {
    const week = withMonday(0, ['09:00', '14:00']);
    expect(intervalsFromWeek(week).intervals).toEqual([]);
    expect(weekProblems(week)).toEqual({});
  });

  it('asks for both times of each interval shown', () => {
    expect(weekProblems(withMonday(1, ['', '']))).toEqual({
      '1.0.start': 'required',
      '1.0.end': 'required',
    });
    expect(weekProblems(withMonday(2, ['09:00', '14:00'], ['16:00', '']))).toEqual({
      '1.1.end': 'required',
    });
  });

  it('refuses a time that is not one, and 24:00 as a start', () => {
    expect(weekProblems(withMonday(1, ['9', '25:00']))).toEqual({
      '1.0.start': 'time',
      '1.0.end': 'time',
    });
    expect(weekProblems(withMonday(1, ['24:00', '24:00']))).toEqual({ '1.0.start': 'time' });
    expect(weekProblems(withMonday(1, ['16:00', '24:00']))).toEqual({});
  });

  it('wants each interval to end after it starts', () => {
    expect(weekProblems(withMonday(1, ['14:00', '09:00']))).toEqual({
      '1.0.end': 'end_before_start',
    });
    expect(weekProblems(withMonday(1, ['09:00', '09:00']))).toEqual({
      '1.0.end': 'end_before_start',
    });
  });

  it('refuses a day’s two intervals that overlap, in either order, but not ones that touch', () => {
    expect(weekProblems(withMonday(2, ['09:00', '14:00'], ['13:00', '18:00']))).toEqual({
      '1.1.start': 'overlap',
    });
    expect(weekProblems(withMonday(2, ['15:00', '19:00'], ['09:00', '16:00']))).toEqual({
      '1.1.start': 'overlap',
    });
    expect(weekProblems(withMonday(2, ['10:00', '12:00'], ['09:00', '14:00']))).toEqual({
      '1.1.start': 'overlap',
    });
    expect(weekProblems(withMonday(2, ['09:00', '14:00'], ['14:00', '18:00']))).toEqual({});
    // An afternoon typed first is sent in order.
    const swapped = withMonday(2, ['16:00', '19:00'], ['08:00', '13:00']);
    expect(weekProblems(swapped)).toEqual({});
    expect(intervalsFromWeek(swapped).intervals.map((i) => i.start)).toEqual(['08:00', '16:00']);
  });

  it('leaves the overlap unjudged while an interval is itself wrong', () => {
    expect(weekProblems(withMonday(2, ['14:00', '09:00'], ['10:00', '12:00']))).toEqual({
      '1.0.end': 'end_before_start',
    });
  });

  it('places the server’s field errors on the times they name', () => {
    const swapped = withMonday(2, ['16:00', '19:00'], ['08:00', '13:00']);
    const { origins } = intervalsFromWeek(swapped);
    // The first interval sent is the second one on screen (the morning typed second).
    expect(fieldOfServerError('intervals.0.end', origins)).toBe('1.1.end');
    expect(fieldOfServerError('intervals.1.start', origins)).toBe('1.0.start');
    expect(fieldOfServerError('intervals.1', origins)).toBe('1.0.end');
    expect(fieldOfServerError('intervals.7.end', origins)).toBeNull();
    expect(fieldOfServerError('intervals', origins)).toBeNull();
    expect(fieldOfServerError(undefined, origins)).toBeNull();
  });

  it('copies a day to others, and knows when nothing changed', () => {
    const week: WeekValues = weekFromIntervals(SAVED);
    const copied = copyDay(week, 1, [1, 2, 3, 4, 5]);
    expect(copied[5]).toEqual(week[1]);
    expect(copied[6]).toEqual(week[6]);
    expect(copied[5].intervals[0]).not.toBe(week[1].intervals[0]);
    expect(sameWeek(week, weekFromIntervals(SAVED))).toBe(true);
    expect(sameWeek(week, copied)).toBe(false);
    // What a closed day hides does not count as a change.
    const hidden = {
      ...week,
      2: { ...week[2], intervals: [{ start: '09:00', end: '10:00' }, week[2].intervals[1]] },
    } as WeekValues;
    expect(sameWeek(week, hidden)).toBe(true);
  });
});
