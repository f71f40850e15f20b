import { useCallback, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { OutboxMessageView } from '@caliu/common';
import { ApiError } from '@/lib/api-client';
import { useDateTimeFormat } from '@/lib/format';
import { useRetryMessage } from '../api/retry-message';
import { useMessagingVocabulary } from '../vocabulary';
import { cx } from '@/lib/cx';
import styles from '../messaging.module.css';
import { TableScroll } from '@/components/ui/data-table';
import tableCss from '@/components/ui/data-table.module.css';
import { buttonClass } from '@/components/ui/button';

/** Failed messages as a table, each with its "send again" button. */
export function FailedMessagesTable({ messages }: { messages: OutboxMessageView[] }) {
  const { t } = useTranslation();
  const captionId = useId();
  return (
    <TableScroll labelledBy={captionId}>
      <table className={cx(tableCss.dataTable, styles.failedTable)}>
        <caption id={captionId} className="visually-hidden">
          {t('messaging.failed.table.caption')}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('messaging.failed.table.to')}</th>
            <th scope="col">{t('messaging.failed.table.template')}</th>
            <th scope="col">{t('messaging.failed.table.attempts')}</th>
            <th scope="col">{t('messaging.failed.table.lastAttempt')}</th>
            <th scope="col">{t('messaging.failed.table.lastError')}</th>
            <th scope="col">{t('messaging.failed.table.action')}</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <FailedRow key={message.id} message={message} />
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}

function FailedRow({ message }: { message: OutboxMessageView }) {
  const { t } = useTranslation();
  const formatDateTime = useDateTimeFormat();
  const vocabulary = useMessagingVocabulary();
  const retry = useRetryMessage();
  // The button goes away once the message is queued: its note takes the focus instead.
  const focusOnMount = useCallback((element: HTMLParagraphElement | null) => element?.focus(), []);
  // 409: the message is no longer failed (sent, or queued from elsewhere): no retry to offer.
  const notFailed = retry.error instanceof ApiError && retry.error.status === 409;

  return (
    <tr>
      <td className={styles.failedTableTo}>{message.to}</td>
      <td>
        {vocabulary.template(message.template)}
        <span className={styles.failedTableDetail}>{vocabulary.channel(message.channel)}</span>
      </td>
      <td className={styles.failedTableNumber}>{message.attempts}</td>
      <td className={styles.failedTableTime}>
        {message.lastAttemptAt ? (
          <time dateTime={message.lastAttemptAt}>{formatDateTime(message.lastAttemptAt)}</time>
        ) : (
          <span className="muted">{t('messaging.failed.never')}</span>
        )}
      </td>
      <td className={styles.failedTableError}>
        {message.lastError ?? <span className="muted">{t('messaging.failed.noError')}</span>}
      </td>
      <td className={styles.failedTableAction}>
        {message.status === 'failed' && !notFailed && (
          <button
            type="button"
            className={buttonClass({ variant: 'secondary', small: true })}
            aria-label={t('messaging.failed.retryLabel', { to: message.to })}
            disabled={retry.isPending}
            onClick={() => retry.mutate(message.id)}
          >
            {retry.isPending ? t('messaging.failed.retrying') : t('messaging.failed.retry')}
          </button>
        )}
        {message.status !== 'failed' && (
          <p ref={focusOnMount} tabIndex={-1} role="status" className={styles.failedTableQueued}>
            {message.status === 'sent' ? t('messaging.failed.sent') : t('messaging.failed.queued')}
          </p>
        )}
        {retry.isError && (
          <p
            ref={notFailed ? focusOnMount : undefined}
            tabIndex={-1}
            role="alert"
            className="field__error"
          >
            {retry.error.message}
          </p>
        )}
      </td>
    </tr>
  );
}
