import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import type {
  Agenda,
  AgendaEntry,
  AgendaPeople,
  Appointment,
  AppointmentAnswer,
  Reservation,
} from '@caliu/common';
import { alertClass, ErrorAlert, Notice } from '@/components/ui/alert';
import { Button, buttonClass } from '@/components/ui/button';
import fieldCss from '@/components/ui/form-field.module.css';
import { Loading } from '@/components/ui/query-state';
import { useCurrentUser } from '@/lib/auth';
import { todayIn } from '@/lib/calendar';
import { cx } from '@/lib/cx';
import { useDocumentTitle } from '@/lib/document-title';
import { useAgenda, useAgendaPeople, useNextFree } from '../api/agenda';
import { addDays, dateOf, mondayOf, timeOf, useAgendaFormat } from '../dates';
import { AgendaList, TeamWeek, TimeGrid, viewDates, type ViewActions } from './agenda-views';
import { AppointmentDialog } from './appointment-dialog';
import { BookingDialog, type BookingPrefill } from './booking-dialog';
import { PrintDay } from './print-day';
import { BlockTimeDialog, ReservationDialog, type BlockPrefill } from './reservation-dialog';
import { timeRange } from './entry-text';
import styles from '../agenda.module.css';

const VIEWS = ['day', 'week', 'list'] as const;
type View = (typeof VIEWS)[number];
/** The list shows six weeks (the most one request covers). */
const LIST_DAYS = 42;
const NEXT_FREE_LENGTHS = [30, 60, 90] as const;

function isDate(value: string | null): value is string {
  return value !== null && /^\d{4}-\d{2}-\d{2}$/.test(value);
}

/** The period a view shows from a chosen date. */
function periodOf(view: View, date: string) {
  if (view === 'day') return { from: date, days: 1, step: 1 };
  if (view === 'week') return { from: mondayOf(date), days: 7, step: 7 };
  return { from: mondayOf(date), days: LIST_DAYS, step: LIST_DAYS };
}

/** What is open over the page. */
type Opened =
  | { kind: 'book'; prefill: BookingPrefill }
  | { kind: 'edit'; appointment: Appointment }
  | { kind: 'appointment'; appointment: Appointment }
  | { kind: 'block'; prefill: BlockPrefill }
  | { kind: 'reservation'; reservation: Reservation }
  | null;

/**
 * The agenda: one's own or, as the user may, a colleague's or a team's, by day, week or list;
 * booking an appointment (a free time, or the button), blocking time, the next free slot, and the
 * printable day list. Times are the entity's wall times, its zone named once.
 */
export function AgendaPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('agenda.title'));
  const people = useAgendaPeople();
  return (
    <div className="page">
      <div className={cx('page__header', 'no-print')}>
        <div>
          <h1 className="page__title">{t('agenda.title')}</h1>
          <p className="page__lead">{t('agenda.lead')}</p>
        </div>
        <Link to="/agenda/settings" className={buttonClass({ variant: 'secondary' })}>
          {t('agenda.settings')}
        </Link>
      </div>
      {people.data ? (
        <AgendaBody people={people.data} />
      ) : people.error ? (
        <ErrorAlert error={people.error} focus={false} onRetry={() => void people.refetch()} />
      ) : (
        <Loading />
      )}
    </div>
  );
}

function AgendaBody({ people }: { people: AgendaPeople }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const fmt = useAgendaFormat();
  const id = useId();
  const [params, setParams] = useSearchParams();
  const today = todayIn(me.entity.timeZone);
  const view: View = VIEWS.find((v) => v === params.get('view')) ?? 'week';
  const rawDate = params.get('date');
  const date = isDate(rawDate) ? rawDate : today;
  const who = params.get('who') ?? '';
  const teamId = who.startsWith('t:') ? who.slice(2) : undefined;
  const professionalId = who.startsWith('p:') ? who.slice(2) : undefined;
  const team = teamId !== undefined;
  const period = periodOf(view, date);
  const agenda = useAgenda({
    professionalId,
    teamId,
    from: period.from,
    days: period.days,
    includeCancelled: view === 'list',
  });
  const [opened, setOpened] = useState<Opened>(null);
  const [notice, setNotice] = useState<{ text: string; count: number } | null>(null);
  const say = (text: string) => setNotice((last) => ({ text, count: (last?.count ?? 0) + 1 }));
  const [minutes, setMinutes] = useState<number>(60);
  const nextFree = useNextFree();

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null || value === '') next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };
  const goTo = (day: string) => update({ date: day === today ? null : day });

  const mayBook = me.permissions.includes('agenda.book');
  const bookable = new Map(people.professionals.filter((p) => p.canBook).map((p) => [p.id, p]));
  const single = professionalId ?? me.id;
  const canBook = (pid: string) => mayBook && bookable.has(pid);
  const others = people.professionals.filter((p) => p.id !== me.id);

  const actions: ViewActions = {
    canBook,
    onSlot: mayBook
      ? (pid, day, time) =>
          setOpened({ kind: 'book', prefill: { professionalId: pid, date: day, start: time } })
      : undefined,
    onOpen: (entry: AgendaEntry) => {
      if (entry.kind === 'appointment') setOpened({ kind: 'appointment', appointment: entry });
      if (entry.kind === 'reservation') setOpened({ kind: 'reservation', reservation: entry });
    },
  };

  const booked = (answer: AppointmentAnswer, how: 'booked' | 'saved') => {
    const a = answer.appointment;
    setOpened(null);
    goTo(dateOf(a.startsAt));
    say(
      t(how === 'booked' ? 'agenda.notices.booked' : 'agenda.notices.saved', {
        day: fmt.longDay(dateOf(a.startsAt)),
        time: timeRange(fmt, a),
        professional: a.professional.name,
      }),
    );
  };

  const dates = viewDates(period.from, period.days);
  const periodTitle =
    view === 'day'
      ? fmt.longDay(date)
      : t('agenda.period', {
          from: fmt.longDay(period.from),
          to: fmt.longDay(addDays(period.from, period.days - 1)),
        });

  return (
    <>
      <div className={cx(styles.toolbar, 'no-print')}>
        <div className={cx('field', fieldCss.field, styles.who)}>
          <label htmlFor={`${id}-who`}>{t('agenda.who')}</label>
          <select
            id={`${id}-who`}
            value={who}
            onChange={(e) => {
              nextFree.reset();
              update({ who: e.target.value });
            }}
          >
            <option value="">{t('agenda.mine')}</option>
            {others.length > 0 && (
              <optgroup label={t('agenda.professionals')}>
                {others.map((p) => (
                  <option key={p.id} value={`p:${p.id}`}>
                    {p.view === 'free_busy' ? t('agenda.freeBusyOf', { name: p.name }) : p.name}
                  </option>
                ))}
              </optgroup>
            )}
            {people.teams.length > 0 && (
              <optgroup label={t('agenda.teams')}>
                {people.teams.map((team) => (
                  <option key={team.id} value={`t:${team.id}`}>
                    {team.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </div>
        <div role="group" aria-label={t('agenda.viewLabel')} className={styles.segmented}>
          {VIEWS.map((v) => (
            <Button
              key={v}
              variant={v === view ? 'primary' : 'secondary'}
              aria-pressed={v === view}
              onClick={() => update({ view: v === 'week' ? null : v })}
            >
              {t(`agenda.views.${v}`)}
            </Button>
          ))}
        </div>
        <div role="group" aria-label={t('agenda.navLabel')} className={styles.segmented}>
          <Button variant="secondary" onClick={() => goTo(addDays(date, -period.step))}>
            {t(`agenda.previous.${view}`)}
          </Button>
          <Button variant="secondary" onClick={() => goTo(today)} disabled={date === today}>
            {t('agenda.today')}
          </Button>
          <Button variant="secondary" onClick={() => goTo(addDays(date, period.step))}>
            {t(`agenda.next.${view}`)}
          </Button>
          <label className={cx(styles.dateJump)}>
            <span className="visually-hidden">{t('agenda.goToDate')}</span>
            <input
              type="date"
              value={date}
              onChange={(e) => isDate(e.target.value) && goTo(e.target.value)}
            />
          </label>
        </div>
      </div>
      <div className={cx(styles.actions, 'no-print')}>
        {mayBook && bookable.size > 0 && (
          <Button
            onClick={() =>
              setOpened({
                kind: 'book',
                prefill: { professionalId: canBook(single) && !team ? single : undefined, date },
              })
            }
          >
            {t('agenda.book')}
          </Button>
        )}
        {mayBook && (
          <Button
            variant="secondary"
            onClick={() => setOpened({ kind: 'block', prefill: { date } })}
          >
            {t('agenda.blockTime')}
          </Button>
        )}
        <Button variant="secondary" onClick={() => window.print()} disabled={!agenda.data}>
          {t('agenda.print.button')}
        </Button>
      </div>
      {!team && (
        <div className={cx(styles.nextFree, 'no-print')}>
          <label className={cx('field', fieldCss.field)}>
            <span>{t('agenda.nextFree.length')}</span>
            <select value={minutes} onChange={(e) => setMinutes(Number(e.target.value))}>
              {NEXT_FREE_LENGTHS.map((m) => (
                <option key={m} value={m}>
                  {t('agenda.nextFree.minutes', { count: m })}
                </option>
              ))}
            </select>
          </label>
          <Button
            variant="secondary"
            disabled={nextFree.isPending}
            onClick={() => nextFree.mutate({ professionalId: single, minutes })}
          >
            {t('agenda.nextFree.button')}
          </Button>
        </div>
      )}
      {!team && (
        <NextFreeAnswer
          query={nextFree}
          professionalId={single}
          canBook={canBook(single)}
          onShow={(day) => update({ date: day, view: 'day' })}
          onBook={(day, start, end) =>
            setOpened({ kind: 'book', prefill: { professionalId: single, date: day, start, end } })
          }
        />
      )}
      {notice && (
        <div className="no-print">
          <Notice key={notice.count}>{notice.text}</Notice>
        </div>
      )}
      <section className={cx('card', styles.agenda, 'no-print')} aria-labelledby={`${id}-period`}>
        <h2 id={`${id}-period`} className="section-title" aria-live="polite">
          {periodTitle}
        </h2>
        {agenda.data && (
          <p className="muted">{t('agenda.timeZone', { zone: agenda.data.timeZone })}</p>
        )}
        {agenda.data ? (
          <AgendaView
            agenda={agenda.data}
            view={view}
            dates={dates}
            team={team}
            actions={actions}
          />
        ) : agenda.error ? (
          <ErrorAlert error={agenda.error} focus={false} onRetry={() => void agenda.refetch()} />
        ) : (
          <Loading inline />
        )}
      </section>
      {agenda.data && (
        <PrintDay
          agenda={agenda.data}
          date={view === 'day' ? date : dates.includes(date) ? date : period.from}
        />
      )}
      <BookingDialog
        key={
          opened?.kind === 'book'
            ? JSON.stringify(opened.prefill)
            : opened?.kind === 'edit'
              ? opened.appointment.id
              : 'closed'
        }
        open={opened?.kind === 'book' || opened?.kind === 'edit'}
        prefill={opened?.kind === 'book' ? opened.prefill : undefined}
        appointment={opened?.kind === 'edit' ? opened.appointment : undefined}
        onDismiss={() => setOpened(null)}
        onDone={booked}
      />
      <AppointmentDialog
        appointment={opened?.kind === 'appointment' ? opened.appointment : null}
        onDismiss={() => setOpened(null)}
        onEdit={(appointment) => setOpened({ kind: 'edit', appointment })}
        onChanged={(answer, text) => {
          setOpened({ kind: 'appointment', appointment: answer.appointment });
          say(text);
        }}
      />
      <BlockTimeDialog
        key={opened?.kind === 'block' ? JSON.stringify(opened.prefill) : 'closed'}
        open={opened?.kind === 'block'}
        prefill={opened?.kind === 'block' ? opened.prefill : {}}
        onDismiss={() => setOpened(null)}
        onDone={(reservation) => {
          setOpened(null);
          goTo(dateOf(reservation.startsAt));
          say(
            t('agenda.notices.blocked', {
              day: fmt.longDay(dateOf(reservation.startsAt)),
              time: timeRange(fmt, reservation),
            }),
          );
        }}
      />
      <ReservationDialog
        reservation={opened?.kind === 'reservation' ? opened.reservation : null}
        onDismiss={() => setOpened(null)}
        onRemoved={() => {
          setOpened(null);
          say(t('agenda.notices.removed'));
        }}
      />
    </>
  );
}

function AgendaView({
  agenda,
  view,
  dates,
  team,
  actions,
}: {
  agenda: Agenda;
  view: View;
  dates: string[];
  team: boolean;
  actions: ViewActions;
}) {
  const { t } = useTranslation();
  if (team && agenda.professionals.length === 0) {
    return <p className={alertClass('info')}>{t('agenda.teamEmpty')}</p>;
  }
  if (view === 'list')
    return <AgendaList agenda={agenda} dates={dates} team={team} actions={actions} />;
  if (view === 'week' && team) return <TeamWeek agenda={agenda} dates={dates} actions={actions} />;
  return <TimeGrid agenda={agenda} dates={dates} team={team} actions={actions} />;
}

function NextFreeAnswer({
  query,
  professionalId,
  canBook,
  onShow,
  onBook,
}: {
  query: ReturnType<typeof useNextFree>;
  professionalId: string;
  canBook: boolean;
  onShow: (date: string) => void;
  onBook: (date: string, start: string, end: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useAgendaFormat();
  if (query.error) return <ErrorAlert error={query.error} />;
  if (!query.data || query.variables?.professionalId !== professionalId) return null;
  const slot = query.data.slot;
  if (!slot) {
    return (
      <p role="status" className={cx(alertClass('info'), 'no-print')}>
        {t('agenda.nextFree.none')}
      </p>
    );
  }
  const day = dateOf(slot.startsAt);
  return (
    <div role="status" className={cx(alertClass('info'), styles.nextFreeAnswer, 'no-print')}>
      <p>
        {t('agenda.nextFree.found', {
          day: fmt.longDay(day),
          time: timeRange(fmt, slot),
        })}
      </p>
      <Button small variant="secondary" onClick={() => onShow(day)}>
        {t('agenda.nextFree.show')}
      </Button>
      {canBook && (
        <Button small onClick={() => onBook(day, timeOf(slot.startsAt), timeOf(slot.endsAt))}>
          {t('agenda.nextFree.book')}
        </Button>
      )}
    </div>
  );
}
