import type { TFunction } from 'i18next';
import type { AgendaEntry } from '@caliu/common';
import type { AgendaFormat } from '../dates';

/** "09:00–10:00". */
export function timeRange(fmt: AgendaFormat, entry: { startsAt: string; endsAt: string }) {
  return `${fmt.timeOf(entry.startsAt)}–${fmt.timeOf(entry.endsAt)}`;
}

/**
 * What an entry says, in one line: an appointment its persons and place, a reservation its title,
 * busy time only that it is busy (nothing else is known of it).
 */
export function entrySummary(t: TFunction, entry: AgendaEntry): string {
  switch (entry.kind) {
    case 'appointment':
      return `${entry.persons.map((p) => p.name).join(', ')} · ${t(`agenda.places.${entry.place}`)}`;
    case 'reservation':
      return t('agenda.entry.reservation', { title: entry.title });
    case 'busy':
      return t('agenda.entry.busy');
  }
}

/** The entry's accessible name: its time, what it is, and its state when not simply booked. */
export function entryLabel(t: TFunction, fmt: AgendaFormat, entry: AgendaEntry): string {
  const state =
    entry.kind === 'appointment' && entry.state !== 'booked'
      ? ` (${t(`agenda.states.${entry.state}`)})`
      : '';
  return `${timeRange(fmt, entry)} ${entrySummary(t, entry)}${state}`;
}

/** "Monday, 7 December 2026, 09:00–10:00" (or the short day). */
export function whenText(
  fmt: AgendaFormat,
  entry: { startsAt: string; endsAt: string },
  day: 'long' | 'short' = 'long',
) {
  const date = entry.startsAt.slice(0, 10);
  return [day === 'long' ? fmt.longDay(date) : fmt.shortDay(date), timeRange(fmt, entry)].join(
    ', ',
  );
}
