import { useEffect, useRef, useState } from 'react';
import { ErrorAlert } from '@/components/ui/alert';
import { retryUnlessClientError } from '../errors';
import { buttonClass } from '@/components/ui/button';

/** What "load more" needs of an infinite query. */
export type Pager = {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  isSuccess: boolean;
  error: Error | null;
  data: { pages: readonly unknown[] } | undefined;
  fetchNextPage: () => Promise<{ hasNextPage: boolean; isError: boolean }>;
};

type LoadMoreProps = {
  pager: Pager;
  labels: { more: string; loadingMore: string; end: string };
};

/**
 * The end of a list read page by page: the "load more" button, its error, and once the last page
 * is in, a note that says so (which takes the focus from the button that went away).
 */
export function LoadMore({ pager, labels }: LoadMoreProps) {
  const endRef = useRef<HTMLParagraphElement>(null);
  const [focusEnd, setFocusEnd] = useState(false);

  useEffect(() => {
    if (focusEnd && endRef.current) {
      endRef.current.focus();
      setFocusEnd(false);
    }
  }, [focusEnd, pager.hasNextPage]);

  const loadMore = async () => {
    const result = await pager.fetchNextPage();
    if (!result.hasNextPage && !result.isError) setFocusEnd(true);
  };

  return (
    <>
      {pager.isFetchNextPageError && pager.error && (
        <ErrorAlert
          error={pager.error}
          focus={false}
          onRetry={retryUnlessClientError(pager.error, loadMore)}
        />
      )}
      {pager.hasNextPage && (
        <p className="list-more">
          <button
            type="button"
            className={buttonClass({ variant: 'secondary' })}
            onClick={() => void loadMore()}
            disabled={pager.isFetchingNextPage}
          >
            {pager.isFetchingNextPage ? labels.loadingMore : labels.more}
          </button>
        </p>
      )}
      {pager.isSuccess && !pager.hasNextPage && (pager.data?.pages.length ?? 0) > 1 && (
        <p ref={endRef} tabIndex={-1} className="muted list-more">
          {labels.end}
        </p>
      )}
    </>
  );
}
