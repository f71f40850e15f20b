import { useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { grantsForRoles } from '@caliu/common';
import { useCurrentUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { useMailbox } from '../api/list-mailbox';
import { useMailboxEntities } from '../api/list-mailbox-entities';
import { entityFromSearch, mailboxListHref } from '../list-address';
import { DemoBanner } from './demo-banner';
import { ErrorAlert, alertClass, alertTitleClass } from '@/components/ui/alert';
import { isMailboxUnavailable, retryUnlessClientError } from '../errors';
import { LoadMore } from './load-more';
import { MailboxEntityFilter } from './mailbox-entity-filter';
import { MailboxTable } from './mailbox-table';
import { Loading, emptyStateClass } from '@/components/ui/query-state';

/**
 * The demo mailbox ("sent mail"), newest first, page by page: what Caliu would have sent. The
 * support agent reads every entity's and may narrow it to one (`?entity=<id>`).
 */
export function MailboxPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('messaging.mailbox.title'));
  const me = useCurrentUser();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();

  // The support agent reads every entity's mailbox; anyone else only their own entity's.
  const allEntities = grantsForRoles(me.roles)['mailbox.view'] === 'all';
  const entity = allEntities ? entityFromSearch(searchParams) : null;
  const mailbox = useMailbox(entity);
  const messages = mailbox.data?.pages.flatMap((page) => page.items) ?? [];

  // The entity filter offers every council (the directory), not only those of the loaded mail.
  const directory = useMailboxEntities(allEntities);

  if (isMailboxUnavailable(mailbox.error)) {
    return (
      <div className="page">
        <h1 className="page__title">{t('messaging.mailbox.title')}</h1>
        <div className={alertClass('info')}>
          <p className={alertTitleClass}>{mailbox.error?.message}</p>
        </div>
      </div>
    );
  }

  return (
    <div className="page">
      <h1 className="page__title">{t('messaging.mailbox.title')}</h1>
      <DemoBanner />
      <p className="page__lead">
        {allEntities ? t('messaging.mailbox.leadAllEntities') : t('messaging.mailbox.lead')}
      </p>
      {allEntities && (
        <MailboxEntityFilter
          entities={directory.data?.items ?? []}
          selected={entity}
          onApply={(next) => void navigate(mailboxListHref(next))}
        />
      )}

      {mailbox.isPending && <Loading>{t('messaging.mailbox.loading')}</Loading>}
      {mailbox.isError && !mailbox.isFetchNextPageError && (
        <ErrorAlert
          error={mailbox.error}
          focus={false}
          onRetry={retryUnlessClientError(mailbox.error, mailbox.refetch)}
        />
      )}
      {mailbox.isSuccess && (
        <p role="status" className="list-count">
          {t('messaging.mailbox.shown', { count: messages.length })}
        </p>
      )}
      {mailbox.isSuccess && messages.length === 0 && (
        <p className={emptyStateClass}>{t('messaging.mailbox.empty')}</p>
      )}
      {messages.length > 0 && (
        <MailboxTable
          messages={messages}
          showEntity={allEntities}
          listHref={mailboxListHref(entity)}
        />
      )}
      <LoadMore
        pager={mailbox}
        labels={{
          more: t('messaging.mailbox.more'),
          loadingMore: t('messaging.mailbox.loadingMore'),
          end: t('messaging.mailbox.end'),
        }}
      />
    </div>
  );
}
