import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/ui/query-state';
import { useDateTimeFormat } from '@/lib/format';
import { useMyTickets } from '../api/get-my-tickets';
import styles from '../home.module.css';

/** The user's own latest support tickets; the Support button shows them all. */
export function MyTickets() {
  const { t } = useTranslation();
  const headingId = useId();
  const formatDateTime = useDateTimeFormat();
  const tickets = useMyTickets(true);
  return (
    <section className="card my-tickets" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('homePage.tickets.title')}
      </h2>
      <QueryState query={tickets}>
        {(data) =>
          data.items.length === 0 ? (
            <p className="muted">{t('support.home.none')}</p>
          ) : (
            <ul className={styles.ticketList}>
              {/* Open ones only (the API filters); those waiting for the user first, marked. */}
              {[...data.items]
                .sort(
                  (a, b) =>
                    Number(b.status === 'waiting_requester') -
                    Number(a.status === 'waiting_requester'),
                )
                .map((ticket) => (
                  <li key={ticket.id}>
                    {ticket.status === 'waiting_requester' && (
                      <mark className="waiting-for-you">{t('support.home.waiting')}</mark>
                    )}{' '}
                    <Link to={`/my-tickets/${ticket.id}`}>
                      <strong>{ticket.number}</strong> {ticket.subject}
                    </Link>{' '}
                    · {t(`support.statuses.${ticket.status}`)} ·{' '}
                    <time dateTime={ticket.updatedAt}>{formatDateTime(ticket.updatedAt)}</time>
                  </li>
                ))}
            </ul>
          )
        }
      </QueryState>
      <p className="muted">{t('homePage.tickets.hint')}</p>
    </section>
  );
}
