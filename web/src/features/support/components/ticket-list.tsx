import { useTranslation } from 'react-i18next';
import type { TICKET_STATUSES } from '@caliu/common';
import { useDateTimeFormat } from '@/lib/format';
import { sortTickets, useMyTickets } from '../api/get-my-tickets';
import { cx } from '@/lib/cx';
import styles from '../support.module.css';
import { buttonClass, linkButtonClass } from '@/components/ui/button';
import { alertClass } from '@/components/ui/alert';
import { emptyStateClass } from '@/components/ui/query-state';

/** Each status's colour (a rejected ticket keeps the plain one). */
const STATUS_CLASSES: Record<(typeof TICKET_STATUSES)[number], string | undefined> = {
  new: styles.statusNew,
  in_progress: styles.statusInProgress,
  waiting_requester: styles.statusWaitingRequester,
  resolved: styles.statusResolved,
  rejected: undefined,
};

/** A ticket's status, coloured. */
export function StatusBadge({ status }: { status: (typeof TICKET_STATUSES)[number] }) {
  const { t } = useTranslation();
  return (
    <span className={cx(styles.status, STATUS_CLASSES[status])}>
      {t(`support.statuses.${status}`)}
    </span>
  );
}

/**
 * The user's own support tickets, open ones first (those waiting for them at the top, marked):
 * number, subject, status and date, each opening the ticket; or an empty state.
 */
export function TicketList({
  headingId,
  onOpen,
}: {
  headingId: string;
  onOpen: (id: string) => void;
}) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  const tickets = useMyTickets(true);

  return (
    <section aria-labelledby={headingId}>
      <h3 id={headingId} className="section-title">
        {t('support.myTickets')}
      </h3>
      {tickets.isPending && (
        <p role="status" className="muted">
          {t('support.loading')}
        </p>
      )}
      {tickets.isError && (
        <div role="alert" className={alertClass('error')}>
          <p>{tickets.error.message}</p>
          <button
            type="button"
            className={buttonClass({ variant: 'secondary' })}
            onClick={() => void tickets.refetch()}
          >
            {t('common.retry')}
          </button>
        </div>
      )}
      {tickets.isSuccess && tickets.data.items.length === 0 && (
        <p className={emptyStateClass}>{t('support.empty')}</p>
      )}
      {tickets.isSuccess && tickets.data.items.length > 0 && (
        <ul className={styles.ticketListItems}>
          {sortTickets(tickets.data.items).map((ticket) => (
            <li
              key={ticket.id}
              className={cx(
                styles.ticket,
                ticket.status === 'waiting_requester' && styles.ticketWaiting,
              )}
            >
              <div className={styles.ticketHeader}>
                <span className={styles.ticketNumber}>
                  <span className="visually-hidden">{t('support.number')}</span> {ticket.number}
                </span>
                <StatusBadge status={ticket.status} />
              </div>
              {ticket.status === 'waiting_requester' && (
                <p className={styles.waitingBadge}>{t('support.waitingForYou')}</p>
              )}
              <p className={styles.ticketSubject}>
                <button type="button" className={linkButtonClass} onClick={() => onOpen(ticket.id)}>
                  {ticket.subject}
                </button>
              </p>
              <p className={cx(styles.ticketDate, 'muted')}>
                {t('support.openedOn', { date: formatDateTime(ticket.createdAt) })}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
