import { useTranslation } from 'react-i18next';

/** What a page shows while its data loads, or when it could not be loaded. */
export function QueryState({ error, onRetry }: { error: Error | null; onRetry: () => void }) {
  const { t } = useTranslation();
  if (!error) {
    return (
      <p role="status" className="muted">
        {t('common.loading')}
      </p>
    );
  }
  return (
    <div role="alert" className="alert alert--error">
      <p className="alert__title">{error.message}</p>
      <button type="button" className="button button--secondary button--small" onClick={onRetry}>
        {t('common.retry')}
      </button>
    </div>
  );
}
