import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/alert';
import { Loading } from '@/components/ui/query-state';
import { ApiError } from '@/lib/api-client';
import { buttonClass } from '@/components/ui/button';

type RecordStateProps = {
  query: { isError: boolean; error: Error | null; refetch: () => unknown };
  /** The record was read but this page is not for this user (an edit without the right). */
  forbidden?: boolean;
};

/**
 * A person's page before its record is there: loading, a failure with a way to try again, or
 * the console's not-found page (a record outside the user's reach is "not found" too).
 */
export function RecordState({ query, forbidden = false }: RecordStateProps) {
  if (forbidden || isNotFound(query.error)) return <RecordNotFound />;
  if (query.isError && query.error) {
    return (
      <div className="page page--narrow">
        <ErrorAlert error={query.error} focus={false} onRetry={() => void query.refetch()} />
      </div>
    );
  }
  return <Loading />;
}

/** Whether a look-up found nothing (or nothing the user may see: the API does not tell). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.code === 'common.not_found');
}

/** The console's not-found page (the same words and way home as for an unknown address). */
function RecordNotFound() {
  const { t } = useTranslation();
  return (
    <div className="page page--narrow">
      <h1 className="page__title">{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/" className={buttonClass()}>
          {t('notFound.home')}
        </Link>
      </p>
    </div>
  );
}
