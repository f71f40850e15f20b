import { useId } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { MailboxSummary } from '@caliu/common';
import { useDateTimeFormat } from '@/lib/format';
import { mailboxMessageHref } from '../list-address';
import type { MessageLocationState } from '../list-address';
import { useMessagingVocabulary } from '../vocabulary';
import { cx } from '@/lib/cx';
import styles from '../messaging.module.css';
import { TableScroll } from '@/components/ui/data-table';
import tableCss from '@/components/ui/data-table.module.css';

type MailboxTableProps = {
  messages: MailboxSummary[];
  /** The support agent's list holds several entities' mail: say whose each message is. */
  showEntity: boolean;
  /** The list's own address, for the messages' way back. */
  listHref: string;
};

/** The mailbox as a table; the subject opens the message. */
export function MailboxTable({ messages, showEntity, listHref }: MailboxTableProps) {
  const { t } = useTranslation();
  const captionId = useId();
  const formatDateTime = useDateTimeFormat();
  const vocabulary = useMessagingVocabulary();
  const back: MessageLocationState = { back: listHref };

  return (
    <TableScroll labelledBy={captionId}>
      <table className={cx(tableCss.dataTable, 'mailbox-table')}>
        <caption id={captionId} className="visually-hidden">
          {t('messaging.mailbox.table.caption')}
        </caption>
        <thead>
          <tr>
            {showEntity && <th scope="col">{t('messaging.mailbox.table.entity')}</th>}
            <th scope="col">{t('messaging.mailbox.table.to')}</th>
            <th scope="col">{t('messaging.mailbox.table.subject')}</th>
            <th scope="col">{t('messaging.mailbox.table.channel')}</th>
            <th scope="col">{t('messaging.mailbox.table.template')}</th>
            <th scope="col">{t('messaging.mailbox.table.language')}</th>
            <th scope="col">{t('messaging.mailbox.table.time')}</th>
            <th scope="col">{t('messaging.mailbox.table.status')}</th>
          </tr>
        </thead>
        <tbody>
          {messages.map((message) => (
            <tr key={message.id}>
              {showEntity && <td>{message.entity.name}</td>}
              <td className={styles.mailboxTableTo}>{message.to}</td>
              <td className={styles.mailboxTableSubject}>
                <Link to={mailboxMessageHref(message.id)} state={back}>
                  {message.subject ?? t('messaging.mailbox.table.smsSubject')}
                </Link>
              </td>
              <td>{vocabulary.channel(message.channel)}</td>
              <td>{vocabulary.template(message.template)}</td>
              <td lang={message.language}>{vocabulary.language(message.language)}</td>
              <td className={styles.mailboxTableTime}>
                <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>
              </td>
              <td className={message.failure ? styles.mailboxTableFailed : undefined}>
                {t(`messaging.mailbox.status.${message.failure ?? 'delivered'}`)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
