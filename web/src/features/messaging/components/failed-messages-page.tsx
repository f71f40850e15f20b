import { useTranslation } from 'react-i18next';
import { useDocumentTitle } from '@/lib/document-title';
import { useFailedMessages } from '../api/list-failed';
import { ErrorAlert } from '@/components/ui/alert';
import { retryUnlessClientError } from '../errors';
import { FailedMessagesTable } from './failed-messages-table';
import { LoadMore } from './load-more';
import { Loading, emptyStateClass } from '@/components/ui/query-state';

/**
 * The administrator's failed messages: what could not be delivered after every attempt, with the
 * last error, and a button to send each one again.
 */
export function FailedMessagesPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('messaging.failed.title'));
  const failed = useFailedMessages();
  const messages = failed.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="page">
      <h1 className="page__title">{t('messaging.failed.title')}</h1>
      <p className="page__lead">{t('messaging.failed.lead')}</p>
      {failed.isPending && <Loading>{t('messaging.failed.loading')}</Loading>}
      {failed.isError && !failed.isFetchNextPageError && (
        <ErrorAlert
          error={failed.error}
          focus={false}
          onRetry={retryUnlessClientError(failed.error, failed.refetch)}
        />
      )}
      {failed.isSuccess && messages.length > 0 && (
        <p role="status" className="list-count">
          {t('messaging.failed.shown', { count: messages.length })}
        </p>
      )}
      {failed.isSuccess && messages.length === 0 && (
        <p className={emptyStateClass}>{t('messaging.failed.empty')}</p>
      )}
      {messages.length > 0 && <FailedMessagesTable messages={messages} />}
      <LoadMore
        pager={failed}
        labels={{
          more: t('messaging.failed.more'),
          loadingMore: t('messaging.failed.loadingMore'),
          end: t('messaging.failed.end'),
        }}
      />
    </div>
  );
}
