import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import { Loading } from '@/components/ui/query-state';
import { isNotFound } from '../refusals';

type CaseFileStateProps = {
  query: { isError: boolean; error: Error | null; refetch: () => unknown };
  /** The record was read, but this page is not for this user (an edit without the right). */
  forbidden?: boolean;
};

/**
 * A case file's page before its record is there: loading, a failure with a way to try again, or
 * the console's not-found page (a case file out of the user's reach is "not found" too).
 */
export function CaseFileState({ query, forbidden = false }: CaseFileStateProps) {
  const { t } = useTranslation();
  if (forbidden || isNotFound(query.error)) {
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
  if (query.isError && query.error) {
    return (
      <div className="page page--narrow">
        <ErrorAlert error={query.error} focus={false} onRetry={() => void query.refetch()} />
      </div>
    );
  }
  return <Loading />;
}
