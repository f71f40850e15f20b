import { useTranslation } from 'react-i18next';

/**
 * The agenda's calendar arithmetic on the API's wall times: dates `2026-03-29` and local
 * date-times `2026-03-29T09:00` in the entity's zone. They are never turned into instants: a day
 * is its date, a time its minutes since midnight, so the console shows exactly what the API says
 * (a day of 23 or 25 hours has no hole and no double: the wall times are what they are).
 */

const DAY_MS = 86_400_000;

function utc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** The date `days` days after `date` (before, when negative). */
export function addDays(date: string, days: number): string {
  return new Date(utc(date).getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

/** The weekday of a date: 1 Monday … 7 Sunday. */
export function weekdayOf(date: string): number {
  const day = utc(date).getUTCDay();
  return day === 0 ? 7 : day;
}

/** The Monday of the week of `date`. */
export function mondayOf(date: string): string {
  return addDays(date, 1 - weekdayOf(date));
}

/** The dates from `from`, `count` of them. */
export function datesFrom(from: string, count: number): string[] {
  return Array.from({ length: count }, (_, index) => addDays(from, index));
}

/** The date of a local date-time. */
export const dateOf = (localDateTime: string) => localDateTime.slice(0, 10);
/** The time of day of a local date-time, `09:00`. */
export const timeOf = (localDateTime: string) => localDateTime.slice(11, 16);

/** Minutes since midnight of `09:30` (`24:00` is 1440). */
export function minutesOf(time: string): number {
  const [hours = '0', minutes = '0'] = time.split(':');
  return Number(hours) * 60 + Number(minutes);
}

/** `09:30` from minutes since midnight. */
export function timeFromMinutes(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  return `${String(hours).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** The local date-time of a date and a time. */
export const localDateTime = (date: string, time: string) => `${date}T${time}`;

/** Now, as a local date-time in `timeZone` (to tell coming appointments from past ones). */
export function nowIn(timeZone: string, now: Date = new Date()): string {
  try {
    const parts = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(now);
    const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
    return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
  } catch {
    return now.toISOString().slice(0, 16);
  }
}

/**
 * The part of an entry from `startsAt` to `endsAt` that falls on `date`, in minutes since its
 * midnight (an entry that goes past midnight shows on both days); null when it does not touch it.
 */
export function segmentOn(
  date: string,
  startsAt: string,
  endsAt: string,
): { start: number; end: number } | null {
  const startDate = dateOf(startsAt);
  const endDate = dateOf(endsAt);
  if (startDate > date || endDate < date) return null;
  const start = startDate < date ? 0 : minutesOf(timeOf(startsAt));
  const end = endDate > date ? 1440 : minutesOf(timeOf(endsAt));
  return end > start ? { start, end } : null;
}

/**
 * Places overlapping items side by side: each gets a lane and the number of lanes of the group of
 * items it overlaps with (drawn as that fraction of the column's width).
 */
export function lanesOf<T extends { start: number; end: number }>(
  items: readonly T[],
): (T & { lane: number; lanes: number })[] {
  const sorted = [...items].sort((a, b) => a.start - b.start || b.end - a.end);
  const placed: (T & { lane: number; lanes: number })[] = [];
  let group: (T & { lane: number; lanes: number })[] = [];
  let groupEnd = -1;
  const closeGroup = () => {
    const lanes = Math.max(1, ...group.map((item) => item.lane + 1));
    for (const item of group) item.lanes = lanes;
    group = [];
  };
  for (const item of sorted) {
    if (item.start >= groupEnd) {
      closeGroup();
      groupEnd = -1;
    }
    const busyLanes = new Set(group.filter((g) => g.end > item.start).map((g) => g.lane));
    let lane = 0;
    while (busyLanes.has(lane)) lane += 1;
    const entry = { ...item, lane, lanes: 1 };
    group.push(entry);
    placed.push(entry);
    groupEnd = Math.max(groupEnd, item.end);
  }
  closeGroup();
  return placed;
}

/** Formats the API's wall dates and times in the console's language (no zone arithmetic). */
export function useAgendaFormat() {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const time = new Intl.DateTimeFormat(language, {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'UTC',
  });
  const longDay = new Intl.DateTimeFormat(language, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  });
  const shortDay = new Intl.DateTimeFormat(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  });
  return {
    /** `09:30` (as the language writes it). */
    time: (wallTime: string) => time.format(new Date(`1970-01-01T${wallTime}:00Z`)),
    /** The time of a local date-time. */
    timeOf: (ldt: string) => time.format(new Date(`${ldt}:00Z`)),
    /** "Monday, 7 December 2026". */
    longDay: (date: string) => longDay.format(utc(date)),
    /** "Mon 7 Dec". */
    shortDay: (date: string) => shortDay.format(utc(date)),
  };
}

export type AgendaFormat = ReturnType<typeof useAgendaFormat>;

/** The wall time (`2026-10-25T02:30`) that an instant reads in `timeZone`. */
function wallAt(instant: number, timeZone: string): string {
  return nowIn(timeZone, new Date(instant));
}

/**
 * Whether a wall time happens twice in `timeZone` (the hour the clocks go back): the server books
 * the first of the two (summer time), and the form says so.
 */
export function happensTwice(ldt: string, timeZone: string): boolean {
  const asUtc = Date.parse(`${ldt}:00Z`);
  if (Number.isNaN(asUtc)) return false;
  const offsetAt = (instant: number) => Date.parse(`${wallAt(instant, timeZone)}:00Z`) - instant;
  const offsets = new Set([offsetAt(asUtc - 12 * 3_600_000), offsetAt(asUtc + 12 * 3_600_000)]);
  if (offsets.size < 2) return false;
  const matches = [...offsets].filter((offset) => wallAt(asUtc - offset, timeZone) === ldt);
  return matches.length === 2;
}
