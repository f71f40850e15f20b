import { useTranslation } from 'react-i18next';
import { useDateTimeFormat } from '@/lib/format';
import { useMyTickets } from '../api/get-my-tickets';

/** The user's own support tickets: number, subject, status and date, or an empty state. */
export function TicketList({ headingId }: { headingId: string }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  const tickets = useMyTickets(true);

  return (
    <section className="ticket-list" aria-labelledby={headingId}>
      <h3 id={headingId} className="section-title">
        {t('support.myTickets')}
      </h3>
      {tickets.isPending && (
        <p role="status" className="muted">
          {t('support.loading')}
        </p>
      )}
      {tickets.isError && (
        <div role="alert" className="alert alert--error">
          <p>{tickets.error.message}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void tickets.refetch()}
          >
            {t('common.retry')}
          </button>
        </div>
      )}
      {tickets.isSuccess && tickets.data.items.length === 0 && (
        <p className="empty-state">{t('support.empty')}</p>
      )}
      {tickets.isSuccess && tickets.data.items.length > 0 && (
        <ul className="ticket-list__items">
          {tickets.data.items.map((ticket) => (
            <li key={ticket.id} className="ticket">
              <div className="ticket__header">
                <span className="ticket__number">
                  <span className="visually-hidden">{t('support.number')}</span> {ticket.number}
                </span>
                <span className={`status status--${ticket.status}`}>
                  {t(`support.statuses.${ticket.status}`)}
                </span>
              </div>
              <p className="ticket__subject">{ticket.subject}</p>
              <p className="ticket__date muted">
                {t('support.openedOn', { date: formatDateTime(ticket.createdAt) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
