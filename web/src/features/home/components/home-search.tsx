import { type FormEvent, useId, useState } from 'react';
import { useNavigate } from 'react-router';
import { useTranslation } from 'react-i18next';
import { buttonClass } from '@/components/ui/button';
import styles from '../home.module.css';

/**
 * The home page's first thing: a person's name or document, or a case file's number. It hands
 * the words to the persons search, which answers both (a number shows its case files first).
 */
export function HomeSearch() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const id = useId();
  const [text, setText] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const typed = text.trim();
    void navigate(typed ? `/persons?${new URLSearchParams({ q: typed }).toString()}` : '/persons');
  };
  return (
    <form role="search" className={`card ${styles.search}`} onSubmit={submit} noValidate>
      <label htmlFor={id} className={styles.searchLabel}>
        {t('homePage.search.label')}
      </label>
      <p id={`${id}-hint`} className="muted">
        {t('homePage.search.hint')}
      </p>
      <div className={styles.searchRow}>
        <input
          id={id}
          type="search"
          name="q"
          className={styles.searchInput}
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-hint`}
          value={text}
          onChange={(event) => setText(event.target.value)}
        />
        <button type="submit" className={buttonClass({ variant: 'primary' })}>
          {t('homePage.search.submit')}
        </button>
      </div>
    </form>
  );
}
