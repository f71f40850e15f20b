import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api-client';

/** The API's own words for an error; "try again" unless asking again cannot help (4xx). */
export function ErrorAlert({ error, onRetry }: { error: Error; onRetry?: () => void }) {
  const { t } = useTranslation();
  const clientError = error instanceof ApiError && error.status >= 400 && error.status < 500;
  return (
    <div role="alert" className="alert alert--error">
      <p className="alert__title">{error.message}</p>
      {onRetry && !clientError && (
        <button type="button" className="button button--secondary" onClick={onRetry}>
          {t('common.retry')}
        </button>
      )}
    </div>
  );
}

/** Whether the API said that the demo mailbox does not exist (the server is not in demo mode). */
export function isMailboxUnavailable(error: Error | null): boolean {
  return error instanceof ApiError && error.code === 'messaging.mailbox_unavailable';
}
