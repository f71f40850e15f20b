import { DateTime, FixedOffsetZone } from 'luxon';

/**
 * Wall time in an entity's zone ⇄ instants (decision 0008). The API speaks local date-times to the
 * minute (`2026-03-29T09:00`); the database keeps instants. A wall time the spring change skips
 * does not exist (null); one the autumn change repeats is the first of the two (summer time).
 */

const LOCAL = "yyyy-MM-dd'T'HH:mm";

/** The instant of a wall time in `zone`, or null when that wall time does not exist there. */
export function instantOf(local: string, zone: string): Date | null {
  const guess = DateTime.fromISO(local, { zone });
  if (!guess.isValid) return null;
  // Both offsets around the guess: where a wall time exists twice, the earlier instant wins.
  const offsets = new Set([
    guess.offset,
    guess.minus({ hours: 3 }).offset,
    guess.plus({ hours: 3 }).offset,
  ]);
  const matches = [...offsets]
    .map((offset) =>
      DateTime.fromISO(local, { zone: FixedOffsetZone.instance(offset) }).setZone(zone),
    )
    .filter((d) => d.toFormat(LOCAL) === local)
    .map((d) => d.toMillis());
  if (matches.length === 0) return null;
  return new Date(Math.min(...matches));
}

/** An instant as a wall time of `zone`. */
export function localOf(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toFormat(LOCAL);
}

/** The instant a local day begins (midnight, or the first minute that exists). */
export function dayStartOf(date: string, zone: string): Date {
  return DateTime.fromISO(date, { zone }).startOf('day').toJSDate();
}

/** A calendar date plus days (no zone involved). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** 1 Monday … 7 Sunday. */
export function weekdayOf(date: string): number {
  return DateTime.fromISO(date, { zone: 'UTC' }).weekday;
}

/** Today's date in `zone`. */
export function todayOf(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toISODate()!;
}

/** `HH:mm` of a local date-time, `24:00` for a following midnight. */
export const timeOf = (local: string) => local.slice(11, 16);
export const dateOf = (local: string) => local.slice(0, 10);

/** Minutes since midnight of `HH:mm` (`24:00` is 1440). */
export function minutesOf(time: string): number {
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}
export function timeOfMinutes(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}
