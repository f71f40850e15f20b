import { useTranslation } from 'react-i18next';
import type { Agenda } from '@caliu/common';
import { segmentOn, useAgendaFormat } from '../dates';
import { entryOf, holidaysFor } from './agenda-views';
import { timeRange } from './entry-text';
import styles from '../agenda.module.css';

/**
 * The printable day list: for each professional, the day's appointments with their time, persons
 * and place (a reservation its title, busy time only "busy"). It is what the page prints; on screen
 * it stays hidden (the print button shows the browser's print preview).
 */
export function PrintDay({ agenda, date }: { agenda: Agenda; date: string }) {
  const { t } = useTranslation();
  const fmt = useAgendaFormat();
  return (
    <section className={styles.printDay}>
      <h2>{t('agenda.print.title', { day: fmt.longDay(date) })}</h2>
      <p>{t('agenda.timeZone', { zone: agenda.timeZone })}</p>
      {agenda.professionals.map((p) => {
        const entries = agenda.entries.filter(
          (e) =>
            entryOf(e, p.id) &&
            segmentOn(date, e.startsAt, e.endsAt) &&
            !(e.kind === 'appointment' && e.state === 'cancelled'),
        );
        const holidays = holidaysFor(agenda, date, p);
        return (
          <div key={p.id} className={styles.printProfessional}>
            <h3>{p.name}</h3>
            {holidays.map((h) => (
              <p key={h.id}>{t('agenda.holiday', { name: h.name })}</p>
            ))}
            {entries.length === 0 ? (
              <p>{t('agenda.print.none')}</p>
            ) : (
              <table className={styles.printTable}>
                <thead>
                  <tr>
                    <th scope="col">{t('agenda.print.time')}</th>
                    <th scope="col">{t('agenda.print.persons')}</th>
                    <th scope="col">{t('agenda.print.place')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e, i) => (
                    <tr key={'id' in e ? e.id : i}>
                      <td>{timeRange(fmt, e)}</td>
                      {e.kind === 'appointment' ? (
                        <>
                          <td>
                            {e.persons.map((x) => x.name).join(', ')}
                            {e.caseFile && ` (${e.caseFile.number})`}
                          </td>
                          <td>{t(`agenda.places.${e.place}`)}</td>
                        </>
                      ) : (
                        <td colSpan={2}>
                          {e.kind === 'reservation' ? e.title : t('agenda.entry.busy')}
                        </td>
                      )}
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </div>
        );
      })}
    </section>
  );
}
