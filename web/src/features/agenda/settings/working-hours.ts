import type { WorkingInterval } from '@caliu/common';

/** The days of the week as the API numbers them: 1 Monday … 7 Sunday. */
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** How many intervals a day has: none (closed), one, or two (morning and afternoon). */
export type DayShape = 0 | 1 | 2;

/** One interval as the form holds it: two times of day, `09:00`, empty while not typed. */
export type IntervalValues = { start: string; end: string };

/** A day as the form holds it: its shape and both intervals (the second one kept while hidden). */
export type DayValues = { shape: DayShape; intervals: [IntervalValues, IntervalValues] };

/** A sector's week as the form holds it, by weekday. */
export type WeekValues = Record<Weekday, DayValues>;

/** The field of one time: `<weekday>.<interval 0|1>.<start|end>`. */
export type TimeField = `${Weekday}.${0 | 1}.${'start' | 'end'}`;

/** What is wrong with a time, before any server is asked. */
export type TimeProblem = 'required' | 'time' | 'end_before_start' | 'overlap';

const TIME = /^(([01]\d|2[0-3]):[0-5]\d|24:00)$/;
const EMPTY: IntervalValues = { start: '', end: '' };

/** The field name of a time. */
export const timeField = (weekday: Weekday, index: 0 | 1, edge: 'start' | 'end'): TimeField =>
  `${weekday}.${index}.${edge}`;

/** A sector's saved intervals as the form's week: each day's first two, in order of start. */
export function weekFromIntervals(intervals: readonly WorkingInterval[]): WeekValues {
  const week = {} as WeekValues;
  for (const weekday of WEEKDAYS) {
    const day = intervals
      .filter((interval) => interval.weekday === weekday)
      .sort((a, b) => a.start.localeCompare(b.start))
      .slice(0, 2)
      .map(({ start, end }) => ({ start, end }));
    week[weekday] = {
      shape: day.length as DayShape,
      intervals: [day[0] ?? { ...EMPTY }, day[1] ?? { ...EMPTY }],
    };
  }
  return week;
}

/** The intervals a day shows (its shape's first ones). */
export function shownIntervals(day: DayValues): IntervalValues[] {
  return day.intervals.slice(0, day.shape);
}

/** Minutes since midnight of a valid time (`24:00` is 1440). */
function minutes(time: string): number {
  const [hours = 0, mins = 0] = time.split(':').map(Number);
  return hours * 60 + mins;
}

/**
 * The problems the form can see by itself, by time field: each time shown is given and well
 * formed (`24:00` only ends a day), each interval ends after it starts, and a day's two intervals
 * do not overlap (the afternoon's starts when the morning's has ended, or later).
 */
export function weekProblems(week: WeekValues): Partial<Record<TimeField, TimeProblem>> {
  const problems: Partial<Record<TimeField, TimeProblem>> = {};
  for (const weekday of WEEKDAYS) {
    const shown = shownIntervals(week[weekday]);
    const complete: boolean[] = shown.map((interval, index) => {
      const i = index as 0 | 1;
      let ok = true;
      for (const edge of ['start', 'end'] as const) {
        const value = interval[edge];
        if (!value) problems[timeField(weekday, i, edge)] = 'required';
        else if (!TIME.test(value) || (edge === 'start' && value === '24:00')) {
          problems[timeField(weekday, i, edge)] = 'time';
        } else continue;
        ok = false;
      }
      if (ok && minutes(interval.end) <= minutes(interval.start)) {
        problems[timeField(weekday, i, 'end')] = 'end_before_start';
        ok = false;
      }
      return ok;
    });
    const [first, second] = shown;
    if (first && second && complete[0] && complete[1]) {
      const overlap =
        minutes(second.start) < minutes(first.end) && minutes(first.start) < minutes(second.end);
      if (overlap) problems[timeField(weekday, 1, 'start')] = 'overlap';
    }
  }
  return problems;
}

/** The body's intervals and, for each, the form field it came from (to place the server's errors). */
export function intervalsFromWeek(week: WeekValues): {
  intervals: WorkingInterval[];
  origins: { weekday: Weekday; index: 0 | 1 }[];
} {
  const rows: { interval: WorkingInterval; origin: { weekday: Weekday; index: 0 | 1 } }[] = [];
  for (const weekday of WEEKDAYS) {
    shownIntervals(week[weekday]).forEach(({ start, end }, index) => {
      rows.push({ interval: { weekday, start, end }, origin: { weekday, index: index as 0 | 1 } });
    });
  }
  rows.sort(
    (a, b) =>
      a.interval.weekday - b.interval.weekday || a.interval.start.localeCompare(b.interval.start),
  );
  return { intervals: rows.map((r) => r.interval), origins: rows.map((r) => r.origin) };
}

/**
 * The form field a server's field error names (`intervals.3.end` → the fourth interval sent's
 * end), or null when it names none of them.
 */
export function fieldOfServerError(
  field: string | undefined,
  origins: readonly { weekday: Weekday; index: 0 | 1 }[],
): TimeField | null {
  const match = /^intervals\.(\d+)(?:\.(start|end|weekday))?/.exec(field ?? '');
  if (!match) return null;
  const origin = origins[Number(match[1])];
  if (!origin) return null;
  const edge = match[2] === 'start' ? 'start' : 'end';
  return timeField(origin.weekday, origin.index, edge);
}

/** Copies one day's hours to other days (Monday's to the working week, for instance). */
export function copyDay(week: WeekValues, from: Weekday, to: readonly Weekday[]): WeekValues {
  const source = week[from];
  const next = { ...week };
  for (const weekday of to) {
    if (weekday === from) continue;
    next[weekday] = {
      shape: source.shape,
      intervals: [{ ...source.intervals[0] }, { ...source.intervals[1] }],
    };
  }
  return next;
}

/** Whether two weeks say the same (what is hidden does not count). */
export function sameWeek(a: WeekValues, b: WeekValues): boolean {
  return (
    JSON.stringify(intervalsFromWeek(a).intervals) ===
    JSON.stringify(intervalsFromWeek(b).intervals)
  );
}

/** A day's intervals as a summary shows them, ordered: `[['09:00', '14:00'], …]`. */
export function daySummary(
  intervals: readonly WorkingInterval[],
  weekday: Weekday,
): [string, string][] {
  return intervals
    .filter((interval) => interval.weekday === weekday)
    .sort((a, b) => a.start.localeCompare(b.start))
    .map((interval) => [interval.start, interval.end]);
}
