import { Fragment } from 'react';
import type { ReactNode } from 'react';
import type { InfiniteData, UseInfiniteQueryResult } from '@tanstack/react-query';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Loading } from '@/components/ui/query-state';
import { cx } from '@/lib/cx';
import styles from '../case-files.module.css';

type Page<T> = { items: T[]; nextCursor: string | null };

type EntryFeedProps<T> = {
  query: UseInfiniteQueryResult<InfiniteData<Page<T>>>;
  /** Each entry: an `<li>` (EntryShell). */
  children: (item: T) => ReactNode;
  keyOf: (item: T) => string;
  empty: string;
  more: string;
  loadingMore: string;
  /** A hook for the browser tests. */
  className?: string;
  /** The entries are those of other filters while the new ones load. */
  stale?: boolean;
};

/**
 * A case file's entries, most recent first, page by page: "Loading…", the error with a way to
 * try again, the empty message, and a button for older entries while there are.
 */
export function EntryFeed<T>({
  query,
  children,
  keyOf,
  empty,
  more,
  loadingMore,
  className,
  stale = false,
}: EntryFeedProps<T>) {
  const items = query.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <>
      {query.isError && !query.isFetchNextPageError ? (
        <ErrorAlert error={query.error} focus={false} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        <Loading inline />
      ) : items.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ol className={cx(styles.timeline, stale && styles.stale, className)}>
          {items.map((item) => (
            <Fragment key={keyOf(item)}>{children(item)}</Fragment>
          ))}
        </ol>
      )}
      {query.isFetchNextPageError && <ErrorAlert error={query.error} focus={false} />}
      {query.hasNextPage && !stale && (
        <p className="list-more">
          <Button
            variant="secondary"
            disabled={query.isFetchingNextPage}
            onClick={() => void query.fetchNextPage()}
          >
            {query.isFetchingNextPage ? loadingMore : more}
          </Button>
        </p>
      )}
    </>
  );
}
