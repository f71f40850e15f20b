import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { CoordinatorRequest } from '@caliu/common';
import { useDateTimeFormat } from '@/lib/format';
import { useCoordinatorRequests } from '../api/coordinator-requests';
import styles from '../coordinator-requests.module.css';
import { CLOSED_SHOWN_DAYS, recentRequests } from '../recent-requests';

/**
 * The requester's home page section "Your requests to coordinators" (issue 19): what they handed
 * to their coordinators from the floating button — what, the records it names, when and to whom
 * — and how it ended: done, or declined with the coordinator's reason, which the closing email
 * sends them here to read. Open ones and those closed in the last 30 days; shown only when there
 * is one.
 */
export function MyCoordinatorRequests() {
  const { t } = useTranslation();
  const headingId = useId();
  // The API pages newest first; the 50 newest of one professional's requests reach well past a
  // month, so the open ones and the recently closed ones are among them.
  const requests = useCoordinatorRequests('requester', 'all');
  const items = recentRequests(requests.data?.items ?? []);
  if (items.length === 0) return null;
  return (
    <section className="card my-coordinator-requests" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('coordinatorRequests.mine.title')}
      </h2>
      <ul className={styles.list}>
        {items.map((request) => (
          <RequestItem key={request.id} request={request} />
        ))}
      </ul>
      <p className="muted">{t('coordinatorRequests.mine.hint', { days: CLOSED_SHOWN_DAYS })}</p>
    </section>
  );
}

function RequestItem({ request }: { request: CoordinatorRequest }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  const caseFile = request.caseFile;
  return (
    <li className={styles.item}>
      <p>
        <strong>{t(`coordinatorRequests.kinds.${request.kind}`)}</strong> ·{' '}
        {t(`coordinatorRequests.mine.statuses.${request.status}`)}
      </p>
      <ul className={styles.records}>
        {caseFile && (
          <li>
            {t('coordinatorRequests.home.caseFile')}{' '}
            <Link to={`/case-files/${caseFile.id}`}>{caseFile.number}</Link>
            {request.targetNumber &&
              ` → ${t('coordinatorRequests.home.target', { number: request.targetNumber })}`}
          </li>
        )}
        {request.persons.map((person) => (
          <li key={person.id}>{person.name}</li>
        ))}
        {request.items.map((item) => (
          <li key={`${item.kind}:${item.id}`}>
            {t(`coordinatorRequests.itemKinds.${item.kind}`)}: {item.label}
          </li>
        ))}
      </ul>
      {request.note && <p className={styles.note}>{request.note}</p>}
      <p className="muted">
        {t('coordinatorRequests.mine.sentTo', {
          names: request.coordinators.map((c) => c.name).join(', '),
        })}{' '}
        · <time dateTime={request.createdAt}>{formatDateTime(request.createdAt)}</time>
      </p>
      {request.status !== 'open' && request.closedAt && (
        <p>
          {t(`coordinatorRequests.mine.closed.${request.status}`, {
            name: request.closedBy?.name ?? t('coordinatorRequests.mine.someone'),
          })}{' '}
          · <time dateTime={request.closedAt}>{formatDateTime(request.closedAt)}</time>
        </p>
      )}
      {request.status === 'declined' && request.closedReason && (
        <>
          <p>{t('coordinatorRequests.mine.reason')}</p>
          <p className={styles.note}>{request.closedReason}</p>
        </>
      )}
    </li>
  );
}
