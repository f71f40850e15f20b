import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, KeyboardEvent } from 'react';
import { Link, useLocation, useNavigate, useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { parseCaseFileNumber } from '@caliu/common';
import { useCurrentUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { SEARCH_MIN_LENGTH, usePersonSearch } from '../api/search-persons';
import { CaseFileMatches } from './case-file-matches';
import { SearchResults } from './search-results';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../persons.module.css';
import { buttonClass } from '@/components/ui/button';
import { alertClass } from '@/components/ui/alert';

/** What other pages pass on when they come back to the search. */
export type SearchLocationState = { deleted?: string };

/** How long the box waits for the typing to pause before it searches. */
const DEBOUNCE_MS = 200;

/**
 * Where every professional starts: one box, a name in any order (accents and one typo do not
 * matter) or an identity document; results as you type, kept in the address (`?q=`) so that Back
 * returns to them; the keyboard moves through them; creating a person starts from here. A case
 * file's number finds that case file too.
 */
export function PersonsSearchPage() {
  const { t } = useTranslation();
  useDocumentTitle(t('persons.title'));
  const me = useCurrentUser();
  const canCreate = me.permissions.includes('persons.edit_basic');
  const seesCaseFiles = me.permissions.includes('case_files.view');
  const reviewsDuplicates = me.permissions.includes('persons.duplicates');
  const location = useLocation();
  const deleted = (location.state as SearchLocationState | null)?.deleted;
  const inputId = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [params, setParams] = useSearchParams();
  const query = (params.get('q') ?? '').trim();
  const [text, setText] = useState(query);
  const [seen, setSeen] = useState(query);
  if (query !== seen) {
    // The address changed (Back, Forward, a link): the box follows it.
    setSeen(query);
    if (query !== text.trim()) setText(query);
  }

  // The typing has paused: the address takes the words, and the search follows the address.
  useEffect(() => {
    const typed = text.trim();
    if (typed === query) return;
    const timer = window.setTimeout(
      () => setParams(typed ? { q: typed } : {}, { replace: true }),
      DEBOUNCE_MS,
    );
    return () => window.clearTimeout(timer);
  }, [text, query, setParams]);

  const search = usePersonSearch(query);
  const navigate = useNavigate();
  // Enter pressed for these words: once their results are in, a single one opens.
  const enterFor = useRef<string | null>(null);
  const answered = search.data && !search.isPlaceholderData ? search.data.pages : null;
  const openIfSingle = useCallback(
    (pages: NonNullable<typeof answered>) => {
      const [first] = pages;
      if (pages.length === 1 && first?.items.length === 1 && first.nextCursor === null) {
        void navigate(`/persons/${first.items[0]!.id}`);
      }
    },
    [navigate],
  );
  useEffect(() => {
    if (enterFor.current === null || enterFor.current !== query || !answered) return;
    enterFor.current = null;
    openIfSingle(answered);
  }, [query, answered, openIfSingle]);

  // The page exists to search: the box takes the focus when it opens (after the console has
  // moved the focus to the new page's main region).
  useEffect(() => {
    const frame = window.requestAnimationFrame(() => inputRef.current?.focus());
    return () => window.cancelAnimationFrame(frame);
  }, []);

  const clear = () => {
    setText('');
    setParams({}, { replace: true });
    inputRef.current?.focus();
  };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = text.trim();
    if (typed !== query) setParams(typed ? { q: typed } : {}, { replace: true });
    if (typed.length < SEARCH_MIN_LENGTH) return;
    if (typed === query && answered) openIfSingle(answered);
    else enterFor.current = typed;
  };
  const onInputKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' && text) {
      event.preventDefault();
      clear();
    } else if (event.key === 'ArrowDown') {
      const first = document.querySelector<HTMLAnchorElement>('.person-results a.person-result');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  };

  return (
    <div className="page persons-page">
      <h1 className="page__title">{t('persons.title')}</h1>
      <p className="page__lead">{t('persons.lead')}</p>
      {reviewsDuplicates && (
        <p>
          <Link to="/persons/duplicates">{t('duplicates.link')}</Link>
        </p>
      )}
      {deleted && (
        <p role="status" className={alertClass('success')}>
          {t('persons.notices.deleted', { name: deleted })}
        </p>
      )}
      <form role="search" className={cx(styles.personSearch, 'card')} onSubmit={submit} noValidate>
        <label htmlFor={inputId} className={styles.personSearchLabel}>
          {t('persons.search.label')}
        </label>
        <p id={`${inputId}-hint`} className={cx(fieldCss.fieldHint, 'field__hint')}>
          {t('persons.search.hint')}
        </p>
        <div className={styles.personSearchRow}>
          <input
            ref={inputRef}
            id={inputId}
            type="search"
            name="q"
            className={styles.personSearchInput}
            autoComplete="off"
            spellCheck={false}
            autoFocus
            aria-describedby={`${inputId}-hint ${inputId}-keys`}
            aria-controls={`${inputId}-results`}
            value={text}
            onChange={(event) => setText(event.target.value)}
            onKeyDown={onInputKeyDown}
          />
          {text && (
            <button type="button" className={buttonClass({ variant: 'secondary' })} onClick={clear}>
              {t('persons.search.clear')}
            </button>
          )}
        </div>
        <p
          id={`${inputId}-keys`}
          className={cx(fieldCss.fieldHint, styles.personSearchKeys, 'field__hint')}
        >
          {t('persons.search.keyboardHint')}
        </p>
      </form>
      {/* A case file's number typed in the box: its case files come first. */}
      {seesCaseFiles && parseCaseFileNumber(query) && <CaseFileMatches number={query} />}
      <SearchResults
        id={`${inputId}-results`}
        query={query}
        typing={text.trim() !== query}
        search={search}
        canCreate={canCreate}
        minLength={SEARCH_MIN_LENGTH}
        onEscape={clear}
        onLeaveUp={() => inputRef.current?.focus()}
        onType={() => inputRef.current?.focus()}
      />
    </div>
  );
}
