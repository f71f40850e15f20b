import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '@/lib/cx';
import { ErrorAlert } from './alert';
import styles from './query-state.module.css';

/** "Loading…" (or what is being done): in place of a whole page, or `inline` within a section. */
export function Loading({ inline = false, children }: { inline?: boolean; children?: ReactNode }) {
  const { t } = useTranslation();
  return (
    <p role="status" className={inline ? 'muted' : styles.loading}>
      {children ?? t('common.loading')}
    </p>
  );
}

/** What a list shows when it has nothing to show. */
export function EmptyState({ children, className }: { children: ReactNode; className?: string }) {
  return <div className={cx(styles.emptyState, className)}>{children}</div>;
}

/** The classes of an empty list's message, for an element that is one (a paragraph). */
export const emptyStateClass = styles.emptyState;

/** What a query gives to show its state. */
export type QueryLike<T> = { data: T | undefined; error: Error | null; refetch: () => unknown };

type QueryStateProps<T> = {
  query: QueryLike<T>;
  /** Shown when the data is there. */
  children: (data: T) => ReactNode;
  /** Shown instead when the data is an empty list. */
  empty?: ReactNode;
  /** Within a section of a page (a small "try again", an inline "Loading…"). */
  inline?: boolean;
};

/**
 * A query's data once it is there; until then "Loading…", or the error with a way to try again,
 * and the `empty` message for an empty list.
 */
export function QueryState<T>({ query, children, empty, inline = true }: QueryStateProps<T>) {
  if (query.data === undefined) {
    if (query.error) {
      return (
        <ErrorAlert
          error={query.error}
          focus={false}
          onRetry={() => void query.refetch()}
          smallRetry={inline}
        />
      );
    }
    return <Loading inline={inline} />;
  }
  if (empty !== undefined && Array.isArray(query.data) && query.data.length === 0) {
    return <p className={styles.emptyState}>{empty}</p>;
  }
  return children(query.data);
}
