import { useId, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { usePersonSearch } from '../api/search-persons';
import { fullName } from '@/lib/person-names';
import { PersonFacts } from '@/components/person-facts';
import type { PersonLocationState } from './person-page';
import { cx } from '@/lib/cx';
import styles from '../persons.module.css';
import { buttonClass } from '@/components/ui/button';
import { alertClass, alertTitleClass } from '@/components/ui/alert';
import { emptyStateClass } from '@/components/ui/query-state';

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
  // A DNI or NIE with a wrong check letter: the server searched its number too; say so.
  const wrongLetter = settled ? search.data.pages[0]?.wrongCheckLetter : null;
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
      <div className={styles.personResultsHeader}>
        <h2 id={headingId} className="section-title">
          {t('persons.search.results')}
        </h2>
        <p role="status" className={styles.personResultsStatus}>
          {status}
        </p>
      </div>
      {search.isError && !search.isFetchNextPageError && (
        <div role="alert" className={alertClass('error')}>
          <p className={alertTitleClass}>{search.error.message}</p>
          <button
            type="button"
            className={buttonClass({ variant: 'secondary' })}
            onClick={() => void search.refetch()}
          >
            {t('common.retry')}
          </button>
        </div>
      )}
      {wrongLetter && items.length > 0 && (
        <p className={alertClass('warning', 'person-results__notice')}>
          {t('persons.search.wrongCheckLetter', wrongLetter)}
        </p>
      )}
      {searched && items.length > 0 && (
        <ul
          ref={listRef}
          className={cx('person-results', search.isPlaceholderData && styles.personResultsStale)}
          onKeyDown={onKeyDown}
        >
          {items.map((item) => (
            <li key={item.id}>
              <Link to={`/persons/${item.id}`} state={linkState} className="person-result">
                <span className={styles.personResultLine}>
                  <span className="person-result__name">{fullName(item)}</span>
                  <span
                    className={cx(
                      styles.personResultMatch,
                      item.match === 'approximate' && styles.personResultMatchApproximate,
                    )}
                  >
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
        <div className={cx(emptyStateClass, 'person-results__empty')}>
          <p className={styles.personResultsEmptyTitle}>
            {t('persons.search.empty', { q: query })}
          </p>
          {wrongLetter ? (
            <p className={alertClass('warning', 'person-results__notice')}>
              {t('persons.search.wrongCheckLetterNobody', wrongLetter)}
            </p>
          ) : (
            <p>{t('persons.search.emptyHint')}</p>
          )}
          {canCreate && (
            <Link to={createTo} className={buttonClass()}>
              {t('persons.search.create')}
            </Link>
          )}
        </div>
      )}
      {search.isFetchNextPageError && (
        <div role="alert" className={alertClass('error')}>
          <p className={alertTitleClass}>{search.error?.message}</p>
        </div>
      )}
      {searched && search.hasNextPage && !search.isPlaceholderData && (
        <p className="list-more">
          <button
            type="button"
            className={buttonClass({ variant: 'secondary' })}
            disabled={search.isFetchingNextPage}
            onClick={() => void search.fetchNextPage()}
          >
            {search.isFetchingNextPage ? t('persons.search.loadingMore') : t('persons.search.more')}
          </button>
        </p>
      )}
      {settled && items.length > 0 && canCreate && (
        <p className={styles.personResultsCreate}>
          <span>{t('persons.search.notFoundQuestion')}</span>
          <Link to={createTo} className={buttonClass({ variant: 'secondary', small: true })}>
            {t('persons.search.create')}
          </Link>
        </p>
      )}
    </section>
  );
}
