import { useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { usePersonSearch } from '../api/search-persons';
import { fullName } from '../names';
import { PersonFacts } from './person-facts-line';
import type { PersonLocationState } from './person-page';

type SearchResultsProps = {
  id: string;
  /** The words searched (those in the address). */
  query: string;
  /** The box holds other words than those searched: a search is about to start. */
  typing: boolean;
  search: ReturnType<typeof usePersonSearch>;
  canCreate: boolean;
  minLength: number;
  onEscape: () => void;
  /** ArrowUp on the first result: back to the box. */
  onLeaveUp: () => void;
  /** A letter typed on a result goes to the box. */
  onType: () => void;
};

/** The persons found, as links; the arrow keys move through them, Enter opens one. */
export function SearchResults({
  id,
  query,
  typing,
  search,
  canCreate,
  minLength,
  onEscape,
  onLeaveUp,
  onType,
}: SearchResultsProps) {
  const { t } = useTranslation();
  const headingId = useId();
  const listRef = useRef<HTMLUListElement>(null);
  const items = search.data?.pages.flatMap((page) => page.items) ?? [];
  const searched = query.length >= minLength;
  const settled = searched && search.isSuccess && !search.isPlaceholderData && !typing;
  const createTo = `/persons/new?${new URLSearchParams({ q: query }).toString()}`;
  const linkState: PersonLocationState = {
    search: `?${new URLSearchParams({ q: query }).toString()}`,
  };

  const status = !searched
    ? query.length > 0
      ? t('persons.search.typeMore', { min: minLength })
      : ''
    : search.isError
      ? ''
      : !settled
        ? t('persons.search.searching')
        : items.length === 0
          ? t('persons.search.noResults')
          : t('persons.search.shown', { count: items.length });

  const onKeyDown = (event: KeyboardEvent<HTMLUListElement>) => {
    const links = [
      ...(listRef.current?.querySelectorAll<HTMLAnchorElement>('a.person-result') ?? []),
    ];
    const index = links.indexOf(document.activeElement as HTMLAnchorElement);
    if (index < 0) return;
    const go = (to: number) => {
      event.preventDefault();
      links[Math.max(0, Math.min(links.length - 1, to))]?.focus();
    };
    if (event.key === 'ArrowDown') go(index + 1);
    else if (event.key === 'ArrowUp') {
      if (index === 0) {
        event.preventDefault();
        onLeaveUp();
      } else go(index - 1);
    } else if (event.key === 'Home') go(0);
    else if (event.key === 'End') go(links.length - 1);
    else if (event.key === 'Escape') {
      event.preventDefault();
      onEscape();
    } else if (event.key.length === 1 && !event.ctrlKey && !event.metaKey && !event.altKey) {
      onType();
    }
  };

  return (
    <section
      className="person-results-section"
      aria-labelledby={headingId}
      id={id}
      data-query={query}
      data-state={settled ? 'settled' : 'pending'}
    >
      <div className="person-results__header">
        <h2 id={headingId} className="section-title">
          {t('persons.search.results')}
        </h2>
        <p role="status" className="person-results__status">
          {status}
        </p>
      </div>
      {search.isError && !search.isFetchNextPageError && (
        <div role="alert" className="alert alert--error">
          <p className="alert__title">{search.error.message}</p>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => void search.refetch()}
          >
            {t('common.retry')}
          </button>
        </div>
      )}
      {searched && items.length > 0 && (
        <ul
          ref={listRef}
          className={
            search.isPlaceholderData ? 'person-results person-results--stale' : 'person-results'
          }
          onKeyDown={onKeyDown}
        >
          {items.map((item) => (
            <li key={item.id}>
              <Link to={`/persons/${item.id}`} state={linkState} className="person-result">
                <span className="person-result__line">
                  <span className="person-result__name">{fullName(item)}</span>
                  <span className={`person-result__match person-result__match--${item.match}`}>
                    {t(`persons.match.${item.match}`)}
                  </span>
                </span>
                <PersonFacts person={item} />
              </Link>
            </li>
          ))}
        </ul>
      )}
      {settled && items.length === 0 && (
        <div className="empty-state person-results__empty">
          <p className="person-results__empty-title">{t('persons.search.empty', { q: query })}</p>
          <p>{t('persons.search.emptyHint')}</p>
          {canCreate && (
            <Link to={createTo} className="button button--primary">
              {t('persons.search.create')}
            </Link>
          )}
        </div>
      )}
      {search.isFetchNextPageError && (
        <div role="alert" className="alert alert--error">
          <p className="alert__title">{search.error?.message}</p>
        </div>
      )}
      {searched && search.hasNextPage && !search.isPlaceholderData && (
        <p className="list-more">
          <button
            type="button"
            className="button button--secondary"
            disabled={search.isFetchingNextPage}
            onClick={() => void search.fetchNextPage()}
          >
            {search.isFetchingNextPage ? t('persons.search.loadingMore') : t('persons.search.more')}
          </button>
        </p>
      )}
      {settled && items.length > 0 && canCreate && (
        <p className="person-results__create">
          <span>{t('persons.search.notFoundQuestion')}</span>
          <Link to={createTo} className="button button--secondary button--small">
            {t('persons.search.create')}
          </Link>
        </p>
      )}
    </section>
  );
}
