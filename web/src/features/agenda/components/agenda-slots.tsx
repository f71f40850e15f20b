import { useId, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { AppointmentAnswer } from '@caliu/common';
import { ErrorAlert, Notice } from '@/components/ui/alert';
import { Button, linkButtonClass } from '@/components/ui/button';
import fieldCss from '@/components/ui/form-field.module.css';
import { QueryState } from '@/components/ui/query-state';
import type {
  AgendaSlots,
  CaseFileAppointmentProps,
  PersonAppointmentsProps,
} from '@/lib/agenda-slot';
import { useCurrentUser } from '@/lib/auth';
import { todayIn } from '@/lib/calendar';
import { cx } from '@/lib/cx';
import { useAgenda, usePersonAppointments, useSetReminders } from '../api/agenda';
import { dateOf, nowIn, useAgendaFormat } from '../dates';
import { AppointmentDialog, StateBadge } from './appointment-dialog';
import { BookingDialog, type BookingPrefill } from './booking-dialog';
import { entrySummary, timeRange, whenText } from './entry-text';
import styles from '../agenda.module.css';

/** A notice after a booking from another page: when and with whom. */
function useBookedNotice() {
  const { t } = useTranslation();
  const fmt = useAgendaFormat();
  const [notice, setNotice] = useState<{ text: string; count: number } | null>(null);
  return {
    notice,
    say: (text: string) => setNotice((last) => ({ text, count: (last?.count ?? 0) + 1 })),
    booked: (answer: AppointmentAnswer) =>
      t('agenda.notices.booked', {
        day: fmt.longDay(dateOf(answer.appointment.startsAt)),
        time: timeRange(fmt, answer.appointment),
        professional: answer.appointment.professional.name,
      }),
  };
}

/**
 * A person's appointments on their page: coming ones and those of the last month, each opening
 * its detail (busy time only "busy"); booking one for them; and, for a SIAD technician of the
 * person's SIAD case file, whether reminders reach them.
 */
function PersonAppointmentsPanel(props: PersonAppointmentsProps) {
  const me = useCurrentUser();
  return me.permissions.includes('agenda.view') ? <PersonAppointmentsCard {...props} /> : null;
}

function PersonAppointmentsCard({ personId, personName }: PersonAppointmentsProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const fmt = useAgendaFormat();
  const headingId = useId();
  const list = usePersonAppointments(personId);
  const reminders = useSetReminders(personId);
  const [booking, setBooking] = useState(false);
  const [openedId, setOpenedId] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);
  const { notice, say, booked } = useBookedNotice();
  const mayBook = me.permissions.includes('agenda.book');
  const now = nowIn(list.data?.timeZone ?? me.entity.timeZone);
  const opened =
    list.data?.items.find((item) => item.kind === 'appointment' && item.id === openedId) ?? null;
  const openedAppointment = opened?.kind === 'appointment' ? opened : null;
  return (
    <section className={cx('card', styles.slotCard)} aria-labelledby={headingId}>
      <div className={styles.slotHeader}>
        <h2 id={headingId} className="section-title">
          {t('agenda.person.title')}
        </h2>
        {mayBook && (
          <Button variant="secondary" onClick={() => setBooking(true)}>
            {t('agenda.person.book')}
          </Button>
        )}
      </div>
      {notice && <Notice key={notice.count}>{notice.text}</Notice>}
      <QueryState query={list}>
        {(data) => {
          const coming = data.items.filter((item) => item.endsAt >= now);
          const past = data.items.filter((item) => item.endsAt < now).reverse();
          return (
            <>
              <p className="muted">{t('agenda.timeZone', { zone: data.timeZone })}</p>
              {[
                {
                  key: 'coming',
                  title: t('agenda.person.coming'),
                  items: coming,
                  none: t('agenda.person.noneComing'),
                },
                {
                  key: 'past',
                  title: t('agenda.person.past'),
                  items: past,
                  none: t('agenda.person.nonePast'),
                },
              ].map((group) => (
                <div key={group.key}>
                  <h3 className="subsection-title">{group.title}</h3>
                  {group.items.length === 0 ? (
                    <p className="muted">{group.none}</p>
                  ) : (
                    <ul className={styles.listItems}>
                      {group.items.map((item, i) => {
                        const cancelled = item.kind === 'appointment' && item.state === 'cancelled';
                        return (
                          <li
                            key={item.kind === 'appointment' ? item.id : i}
                            className={styles.listItem}
                          >
                            <span className={cx(styles.entryTime, cancelled && styles.struck)}>
                              {whenText(fmt, item, 'short')}
                            </span>
                            {item.kind === 'appointment' ? (
                              <>
                                <span className={styles.listWho}>{item.professional.name}</span>
                                <button
                                  type="button"
                                  className={cx(linkButtonClass, cancelled && styles.struck)}
                                  onClick={() => setOpenedId(item.id)}
                                >
                                  {t(`agenda.places.${item.place}`)}
                                </button>
                                {item.state !== 'booked' && <StateBadge state={item.state} />}
                              </>
                            ) : (
                              <span className={styles.busyText}>{entrySummary(t, item)}</span>
                            )}
                          </li>
                        );
                      })}
                    </ul>
                  )}
                </div>
              ))}
              {data.siadReminders && (
                <div className={cx('field', fieldCss.field)}>
                  <label className={cx(fieldCss.checkbox, 'checkbox')}>
                    <input
                      type="checkbox"
                      role="switch"
                      checked={data.siadReminders.allowed}
                      disabled={reminders.isPending}
                      onChange={(e) =>
                        reminders.mutate(e.target.checked, {
                          onSuccess: (_, on) =>
                            say(t(on ? 'agenda.person.remindersOn' : 'agenda.person.remindersOff')),
                        })
                      }
                    />
                    <span>{t('agenda.person.reminders')}</span>
                  </label>
                  <p className="field__hint">{t('agenda.person.remindersHint')}</p>
                  <ErrorAlert error={reminders.error} />
                </div>
              )}
            </>
          );
        }}
      </QueryState>
      <Link to="/agenda" className={styles.slotLink}>
        {t('agenda.open')}
      </Link>
      {mayBook && (
        <BookingDialog
          key={booking ? 'open' : 'closed'}
          open={booking}
          prefill={{ persons: [{ id: personId, name: personName }] }}
          onDismiss={() => setBooking(false)}
          onDone={(answer) => {
            setBooking(false);
            say(booked(answer));
          }}
        />
      )}
      <AppointmentDialog
        appointment={editing ? null : openedAppointment}
        onDismiss={() => setOpenedId(null)}
        onEdit={() => setEditing(true)}
        onChanged={(_, text) => say(text)}
      />
      {openedAppointment && editing && (
        <BookingDialog
          open
          appointment={openedAppointment}
          onDismiss={() => setEditing(false)}
          onDone={(answer) => {
            setEditing(false);
            say(booked(answer));
          }}
        />
      )}
    </section>
  );
}

/** The case file page's button: an appointment with the case file and its members. */
function CaseFileBookButton({ caseFileId, caseFileNumber, persons }: CaseFileAppointmentProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const [open, setOpen] = useState(false);
  const { notice, say, booked } = useBookedNotice();
  if (!me.permissions.includes('agenda.book')) return null;
  const prefill: BookingPrefill = {
    persons: [...persons],
    caseFile: { id: caseFileId, number: caseFileNumber },
  };
  return (
    <div className={styles.caseFileBook}>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t('agenda.caseFile.book')}
      </Button>
      {notice && <Notice key={notice.count}>{notice.text}</Notice>}
      <BookingDialog
        key={open ? 'open' : 'closed'}
        open={open}
        prefill={prefill}
        onDismiss={() => setOpen(false)}
        onDone={(answer) => {
          setOpen(false);
          say(booked(answer));
        }}
      />
    </div>
  );
}

/** The home page's card: the signed-in user's appointments of today. */
function TodayCard() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const fmt = useAgendaFormat();
  const headingId = useId();
  const today = todayIn(me.entity.timeZone);
  const agenda = useAgenda({ from: today, days: 1 }, me.permissions.includes('agenda.view'));
  if (!me.permissions.includes('agenda.view')) return null;
  return (
    <section className="card" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('agenda.home.title')}
      </h2>
      <QueryState
        query={{ data: agenda.data?.entries, error: agenda.error, refetch: agenda.refetch }}
        empty={t('agenda.home.none')}
      >
        {(entries) => (
          <ul className={styles.listItems}>
            {entries.map((entry, i) => (
              <li key={'id' in entry ? entry.id : i} className={styles.listItem}>
                <span className={styles.entryTime}>{timeRange(fmt, entry)}</span>
                <span>{entrySummary(t, entry)}</span>
              </li>
            ))}
          </ul>
        )}
      </QueryState>
      <Link to="/agenda?view=day" className={styles.slotLink}>
        {t('agenda.home.open')}
      </Link>
    </section>
  );
}

/** What the application puts in lib/agenda-slot's slots. */
export const agendaSlots: AgendaSlots = {
  personAppointments: (props) => <PersonAppointmentsPanel {...props} />,
  caseFileAppointmentButton: (props) => <CaseFileBookButton {...props} />,
  todayAppointments: () => <TodayCard />,
};
