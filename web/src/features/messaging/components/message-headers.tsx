import { useId } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { MailboxMessage } from '@caliu/common';
import { useDateTimeFormat } from '@/lib/format';
import { useMessagingVocabulary } from '../vocabulary';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../messaging.module.css';

/** The envelope of a message: who sent it to whom, when, and as what. */
export function MessageHeaders({
  message,
  showEntity,
}: {
  message: MailboxMessage;
  showEntity: boolean;
}) {
  const { t } = useTranslation();
  const headingId = useId();
  const formatDateTime = useDateTimeFormat();
  const vocabulary = useMessagingVocabulary();
  const email = message.channel === 'email';

  const row = (label: string, value: ReactNode, className?: string) => (
    <div className={styles.mailHeadersRow}>
      <dt>{label}</dt>
      <dd className={className}>{value}</dd>
    </div>
  );

  return (
    <section className="card mail-headers" aria-labelledby={headingId}>
      <h2 id={headingId} className="section-title">
        {t('messaging.message.headers')}
      </h2>
      <dl className={styles.mailHeadersList}>
        {email && row(t('messaging.message.from'), message.from)}
        {row(
          t('messaging.message.to'),
          <>
            {message.to}
            {!email && (
              <span className={cx(fieldCss.fieldHint, 'field__hint')}>
                {t('messaging.message.smsHint')}
              </span>
            )}
          </>,
        )}
        {message.replyTo && row(t('messaging.message.replyTo'), message.replyTo)}
        {message.subject && row(t('messaging.message.subject'), message.subject)}
        {row(
          t('messaging.message.date'),
          <time dateTime={message.createdAt}>{formatDateTime(message.createdAt)}</time>,
        )}
        {message.messageId &&
          row(t('messaging.message.messageId'), message.messageId, styles.mailHeadersCode)}
        {row(t('messaging.message.channel'), vocabulary.channel(message.channel))}
        {row(t('messaging.message.template'), vocabulary.template(message.template))}
        {row(
          t('messaging.message.language'),
          <span lang={message.language}>{vocabulary.language(message.language)}</span>,
        )}
        {showEntity && row(t('messaging.message.entity'), message.entity.name)}
      </dl>
    </section>
  );
}
