import type { TFunction } from 'i18next';
import { useId } from 'react';
import { Link, useLocation, useParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { grantsForRoles } from '@caliu/common';
import type { MailboxMessage } from '@caliu/common';
import { useCurrentUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { useMailboxMessage } from '../api/get-mailbox-message';
import { backHref } from '../list-address';
import { DemoBanner } from './demo-banner';
import { ErrorAlert, alertClass, alertTitleClass } from '@/components/ui/alert';
import { isMailboxUnavailable, retryUnlessClientError } from '../errors';
import { EmailBody, LinkedText } from './message-body';
import { MessageHeaders } from './message-headers';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../messaging.module.css';
import { Loading } from '@/components/ui/query-state';

/** One message of the demo mailbox (`/mailbox/:id`), as it would have arrived. */
export function MailboxMessagePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const { id = '' } = useParams();
  const location = useLocation();
  const query = useMailboxMessage(id);
  const message = query.data;
  const title = message ? messageTitle(message, t) : t('messaging.mailbox.title');
  useDocumentTitle(title);

  const unavailable = isMailboxUnavailable(query.error);
  return (
    <div className="page">
      <p className="back-link">
        <Link to={backHref(location.state)}>
          <BackIcon />
          <span>{t('messaging.message.back')}</span>
        </Link>
      </p>
      <h1 className={cx(styles.mailboxMessageTitle, 'page__title')}>{title}</h1>
      {!unavailable && <DemoBanner />}
      {query.isPending && <Loading>{t('messaging.message.loading')}</Loading>}
      {unavailable && (
        <div className={alertClass('info')}>
          <p className={alertTitleClass}>{query.error?.message}</p>
        </div>
      )}
      {query.isError && !unavailable && (
        <ErrorAlert
          error={query.error}
          focus={false}
          onRetry={retryUnlessClientError(query.error, query.refetch)}
        />
      )}
      {message && (
        <MessageContent
          message={message}
          showEntity={grantsForRoles(me.roles)['mailbox.view'] === 'all'}
        />
      )}
    </div>
  );
}

function messageTitle(message: MailboxMessage, t: TFunction) {
  return message.subject ?? t('messaging.message.smsTitle', { to: message.to });
}

function MessageContent({ message, showEntity }: { message: MailboxMessage; showEntity: boolean }) {
  const { t } = useTranslation();
  const contentId = useId();
  return (
    <>
      <MessageHeaders message={message} showEntity={showEntity} />
      {message.failure && (
        <div role="alert" className={alertClass('error')}>
          <p className={alertTitleClass}>{t(`messaging.mailbox.status.${message.failure}`)}</p>
        </div>
      )}
      <section aria-labelledby={contentId}>
        <h2 id={contentId} className="section-title">
          {t('messaging.message.content')}
        </h2>
        {message.bodyWithheld || message.text === null ? (
          <p className={cx(fieldCss.fieldHint, 'field__hint')}>
            {t(`messaging.message.withheld.${message.bodyWithheld ?? 'not_delivered'}`)}
          </p>
        ) : message.channel === 'sms' ? (
          <LinkedText
            text={message.text}
            className={cx(styles.mailText, 'mail-text--sms')}
            lang={message.language}
          />
        ) : (
          <EmailBody
            html={message.html}
            text={message.text}
            subject={message.subject ?? ''}
            language={message.language}
          />
        )}
      </section>
    </>
  );
}

function BackIcon() {
  return (
    <svg className="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        d="M15 5l-7 7 7 7"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.8"
        strokeLinecap="round"
        strokeLinejoin="round"
      />
    </svg>
  );
}
