import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { Agenda, AgendaEntry, AgendaProfessional, Holiday } from '@caliu/common';
import { linkButtonClass } from '@/components/ui/button';
import { cx } from '@/lib/cx';
import { emptyStateClass } from '@/components/ui/query-state';
import {
  datesFrom,
  lanesOf,
  segmentOn,
  timeFromMinutes,
  weekdayOf,
  useAgendaFormat,
  dateOf,
} from '../dates';
import { StateBadge } from './appointment-dialog';
import { entryLabel, entrySummary, timeRange } from './entry-text';
import styles from '../agenda.module.css';

/** What the views do when a free time or an entry is chosen. */
export type ViewActions = {
  /** A free time of a professional, when the user may book for them. */
  onSlot?: ((professionalId: string, date: string, time: string) => void) | undefined;
  onOpen: (entry: AgendaEntry) => void;
  canBook: (professionalId: string) => boolean;
};

/** The holidays of a day that apply to a professional (all national and regional; their local). */
export function holidaysFor(
  agenda: Agenda,
  date: string,
  professional: AgendaProfessional | undefined,
): Holiday[] {
  return agenda.holidays.filter(
    (h) =>
      h.date === date &&
      (h.level !== 'local' || !professional || professional.localHolidayIds.includes(h.id)),
  );
}

/** A professional's working intervals on a date (none on a holiday), in minutes. */
function workingOn(agenda: Agenda, date: string, professional: AgendaProfessional | undefined) {
  if (!professional || holidaysFor(agenda, date, professional).length > 0) return [];
  const weekday = weekdayOf(date);
  return professional.workingHours
    .filter((w) => w.weekday === weekday)
    .map((w) => ({
      start: Number(w.start.slice(0, 2)) * 60 + Number(w.start.slice(3)),
      end: Number(w.end.slice(0, 2)) * 60 + Number(w.end.slice(3)),
    }))
    .sort((a, b) => a.start - b.start);
}

/** Whether an entry is a professional's (a reservation may block several). */
export function entryOf(entry: AgendaEntry, professionalId: string): boolean {
  return entry.kind === 'reservation'
    ? entry.professionals.some((p) => p.id === professionalId)
    : entry.professional.id === professionalId;
}

/** One column of a time grid: a day of one professional. */
type Column = {
  key: string;
  date: string;
  professional: AgendaProfessional | undefined;
  /** The column's heading: the day (a week) or the professional (a team's day). */
  heading: string;
};

const HOUR_REM = 3;
const remOf = (minutes: number) => `${(minutes / 60) * HOUR_REM}rem`;

/**
 * The day and week views: a column per day (one professional) or per professional (a team's
 * day), hours down the side; working hours shaded, holidays named at the top of their day, each
 * entry placed at its time (busy time drawn as busy, nothing else).
 */
export function TimeGrid({
  agenda,
  dates,
  team,
  actions,
}: {
  agenda: Agenda;
  dates: string[];
  team: boolean;
  actions: ViewActions;
}) {
  const { t } = useTranslation();
  const fmt = useAgendaFormat();
  const columns: Column[] = team
    ? dates.flatMap((date) =>
        agenda.professionals.map((p) => ({
          key: `${date}-${p.id}`,
          date,
          professional: p,
          heading: p.name,
        })),
      )
    : dates.map((date) => ({
        key: date,
        date,
        professional: agenda.professionals[0],
        heading: dates.length === 1 ? fmt.longDay(date) : fmt.shortDay(date),
      }));
  const segments = columns.map((column) => {
    const mine = agenda.entries.filter(
      (entry) => !column.professional || !team || entryOf(entry, column.professional.id),
    );
    return lanesOf(
      mine.flatMap((entry) => {
        const segment = segmentOn(column.date, entry.startsAt, entry.endsAt);
        return segment && !(entry.kind === 'appointment' && entry.state === 'cancelled')
          ? [{ ...segment, entry }]
          : [];
      }),
    );
  });
  const working = columns.map((c) => workingOn(agenda, c.date, c.professional));
  const bounds = [
    ...segments.flat().flatMap((s) => [s.start, s.end]),
    ...working.flat().flatMap((w) => [w.start, w.end]),
  ];
  const first = Math.min(8 * 60, ...bounds);
  const last = Math.max(20 * 60, ...bounds);
  const startHour = Math.floor(first / 60);
  const endHour = Math.min(24, Math.ceil(last / 60));
  const hours = Array.from({ length: endHour - startHour }, (_, i) => startHour + i);
  const height = remOf((endHour - startHour) * 60);
  const top = (minutes: number) => remOf(Math.max(0, minutes - startHour * 60));
  const grid: CSSProperties = {
    gridTemplateColumns: `4.5rem repeat(${columns.length}, minmax(8rem, 1fr))`,
    minWidth: `${4.5 + columns.length * 8}rem`,
  };
  return (
    <div className={styles.gridScroll}>
      <div className={styles.grid} style={grid}>
        <div className={styles.corner} />
        {columns.map((column) => {
          const holidays = holidaysFor(agenda, column.date, column.professional);
          const hoursText = working[columns.indexOf(column)]!.map(
            (w) => `${fmt.time(timeFromMinutes(w.start))}–${fmt.time(timeFromMinutes(w.end))}`,
          ).join(', ');
          return (
            <div key={column.key} className={styles.columnHead}>
              <span className={styles.columnTitle}>{column.heading}</span>
              {team && dates.length > 1 && (
                <span className="muted">{fmt.shortDay(column.date)}</span>
              )}
              {holidays.map((h) => (
                <span key={h.id} className={cx('badge', styles.holiday)}>
                  {t('agenda.holiday', { name: h.name })}
                </span>
              ))}
              <span className={cx('muted', styles.hours)}>
                {hoursText
                  ? t('agenda.workingHours', { hours: hoursText })
                  : t('agenda.notWorking')}
              </span>
            </div>
          );
        })}
        <div className={styles.hourLabels} style={{ height }}>
          {hours.map((hour) => (
            <span key={hour} className={styles.hourLabel} style={{ top: top(hour * 60) }}>
              {fmt.time(timeFromMinutes(hour * 60))}
            </span>
          ))}
        </div>
        {columns.map((column, index) => {
          const professional = column.professional;
          const bookable = professional && actions.onSlot && actions.canBook(professional.id);
          return (
            <div
              key={column.key}
              className={styles.column}
              style={{ height }}
              data-date={column.date}
              data-professional={professional?.id}
            >
              {working[index]!.map((w) => (
                <div
                  key={w.start}
                  className={styles.work}
                  style={{ top: top(w.start), height: remOf(w.end - w.start) }}
                />
              ))}
              {bookable &&
                hours.map((hour) => {
                  const time = timeFromMinutes(hour * 60);
                  return (
                    <button
                      key={hour}
                      type="button"
                      tabIndex={-1}
                      className={styles.slot}
                      style={{ top: top(hour * 60), height: remOf(60) }}
                      aria-label={t('agenda.bookAt', {
                        name: professional.name,
                        day: fmt.longDay(column.date),
                        time: fmt.time(time),
                      })}
                      onClick={() => actions.onSlot?.(professional.id, column.date, time)}
                    />
                  );
                })}
              {segments[index]!.map(({ entry, start, end, lane, lanes }, i) => {
                const place: CSSProperties = {
                  top: top(start),
                  height: remOf(Math.max(end - start, 15)),
                  left: `${(lane / lanes) * 100}%`,
                  width: `${100 / lanes}%`,
                };
                return (
                  <EntryBlock
                    key={`${entry.kind}-${'id' in entry ? entry.id : i}`}
                    entry={entry}
                    style={place}
                    onOpen={actions.onOpen}
                  />
                );
              })}
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** An entry in a grid or a cell: a button that opens it, or busy time that opens nothing. */
function EntryBlock({
  entry,
  style,
  onOpen,
}: {
  entry: AgendaEntry;
  style?: CSSProperties;
  onOpen: (entry: AgendaEntry) => void;
}) {
  const { t } = useTranslation();
  const fmt = useAgendaFormat();
  const look = cx(
    styles.entry,
    entry.kind === 'busy' && styles.entryBusy,
    entry.kind === 'reservation' && styles.entryReservation,
    entry.kind === 'appointment' && entry.state !== 'booked' && styles.entryDone,
  );
  const body = (
    <>
      <span className={styles.entryTime}>{timeRange(fmt, entry)}</span>{' '}
      <span className={styles.entryText}>{entrySummary(t, entry)}</span>
    </>
  );
  if (entry.kind === 'busy') {
    return (
      <div className={look} style={style} data-kind="busy">
        {body}
      </div>
    );
  }
  return (
    <button
      type="button"
      className={look}
      style={style}
      data-kind={entry.kind}
      aria-label={entryLabel(t, fmt, entry)}
      onClick={() => onOpen(entry)}
    >
      {body}
    </button>
  );
}

/** A team's week: a row per professional, a cell per day with that day's entries in order. */
export function TeamWeek({
  agenda,
  dates,
  actions,
}: {
  agenda: Agenda;
  dates: string[];
  actions: ViewActions;
}) {
  const { t } = useTranslation();
  const fmt = useAgendaFormat();
  return (
    <div className={styles.gridScroll}>
      <table className={styles.weekTable}>
        <caption className="visually-hidden">{t('agenda.teamWeekCaption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('agenda.professional')}</th>
            {dates.map((date) => (
              <th key={date} scope="col">
                {fmt.shortDay(date)}
                {holidaysFor(agenda, date, undefined)
                  .filter((h) => h.level !== 'local')
                  .map((h) => (
                    <span key={h.id} className={cx('badge', styles.holiday)}>
                      {t('agenda.holiday', { name: h.name })}
                    </span>
                  ))}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {agenda.professionals.map((p) => (
            <tr key={p.id}>
              <th scope="row">{p.name}</th>
              {dates.map((date) => {
                const local = holidaysFor(agenda, date, p).filter((h) => h.level === 'local');
                const off = workingOn(agenda, date, p).length === 0;
                const entries = agenda.entries.filter(
                  (e) =>
                    entryOf(e, p.id) &&
                    segmentOn(date, e.startsAt, e.endsAt) &&
                    !(e.kind === 'appointment' && e.state === 'cancelled'),
                );
                return (
                  <td key={date} className={cx(off && styles.cellOff)}>
                    {local.map((h) => (
                      <span key={h.id} className={cx('badge', styles.holiday)}>
                        {t('agenda.holiday', { name: h.name })}
                      </span>
                    ))}
                    <ul className={styles.cellList}>
                      {entries.map((entry, i) => (
                        <li key={'id' in entry ? entry.id : i}>
                          <EntryBlock entry={entry} onOpen={actions.onOpen} />
                        </li>
                      ))}
                    </ul>
                    {actions.onSlot && actions.canBook(p.id) && (
                      <button
                        type="button"
                        className={cx(linkButtonClass, styles.cellBook)}
                        aria-label={t('agenda.bookOn', { name: p.name, day: fmt.longDay(date) })}
                        onClick={() => actions.onSlot?.(p.id, date, '09:00')}
                      >
                        {t('agenda.bookShort')}
                      </button>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * The list: day by day, each entry with its time, professional (in a team's list), what it is and
 * its state; cancelled appointments struck through, with their state said.
 */
export function AgendaList({
  agenda,
  dates,
  team,
  actions,
}: {
  agenda: Agenda;
  dates: string[];
  team: boolean;
  actions: ViewActions;
}) {
  const { t } = useTranslation();
  const fmt = useAgendaFormat();
  const days = dates
    .map((date) => ({
      date,
      holidays: holidaysFor(agenda, date, team ? undefined : agenda.professionals[0]),
      entries: agenda.entries.filter((e) => dateOf(e.startsAt) === date),
    }))
    .filter((day) => day.entries.length > 0 || day.holidays.length > 0);
  if (days.length === 0) return <p className={emptyStateClass}>{t('agenda.listEmpty')}</p>;
  return (
    <div className={styles.list}>
      {days.map((day) => (
        <section key={day.date} aria-label={fmt.longDay(day.date)}>
          <h3 className="subsection-title">{fmt.longDay(day.date)}</h3>
          {day.holidays.map((h) => (
            <p key={h.id} className={cx('badge', styles.holiday)}>
              {t('agenda.holiday', { name: h.name })}
            </p>
          ))}
          <ul className={styles.listItems}>
            {day.entries.map((entry, i) => {
              const cancelled = entry.kind === 'appointment' && entry.state === 'cancelled';
              const who =
                entry.kind === 'reservation'
                  ? entry.professionals.map((p) => p.name).join(', ')
                  : entry.professional.name;
              return (
                <li key={'id' in entry ? entry.id : i} className={styles.listItem}>
                  <span className={cx(styles.entryTime, cancelled && styles.struck)}>
                    {timeRange(fmt, entry)}
                  </span>
                  {(team || entry.kind === 'busy') && <span className={styles.listWho}>{who}</span>}
                  {entry.kind === 'busy' ? (
                    <span className={styles.busyText}>{entrySummary(t, entry)}</span>
                  ) : (
                    <button
                      type="button"
                      className={cx(linkButtonClass, cancelled && styles.struck)}
                      onClick={() => actions.onOpen(entry)}
                    >
                      {entrySummary(t, entry)}
                    </button>
                  )}
                  {entry.kind === 'appointment' && entry.state !== 'booked' && (
                    <StateBadge state={entry.state} />
                  )}
                </li>
              );
            })}
          </ul>
        </section>
      ))}
    </div>
  );
}

/** The dates a view shows. */
export const viewDates = (from: string, days: number) => datesFrom(from, days);
