import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Professional } from '@caliu/common';
import { useFindProfessionals } from '../api/find-professionals';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../organization.module.css';
import { buttonClass } from '@/components/ui/button';

type MemberSearchProps = {
  /** Who is already on the list (shown, but not offered again). */
  memberIds: ReadonlySet<string>;
  onAdd: (professional: Professional) => void;
};

/** Waits until the user stops typing for a moment. */
function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** Find an active professional of the entity by name or username, and add them to the team. */
export function MemberSearch({ memberIds, onAdd }: MemberSearchProps) {
  const { t } = useTranslation();
  const id = useId();
  const [q, setQ] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const query = useDebounced(q, 250);
  const found = useFindProfessionals(query);
  const searching = query.trim().length >= 2;

  return (
    <div className={styles.memberSearch} role="search" aria-labelledby={`${id}-label`}>
      <div className={cx(fieldCss.field, 'field')}>
        <label id={`${id}-label`} htmlFor={`${id}-q`}>
          {t('organization.members.find')}
        </label>
        <p id={`${id}-hint`} className={cx(fieldCss.fieldHint, 'field__hint')}>
          {t('organization.members.findHint')}
        </p>
        <input
          id={`${id}-q`}
          name="q"
          type="search"
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          ref={inputRef}
          value={q}
          onChange={(event) => {
            setQ(event.target.value);
            setAdded(null);
          }}
        />
      </div>
      <p role="status" className={styles.memberSearchStatus}>
        {added
          ? t('organization.members.addedNotSaved', { name: added })
          : !searching
            ? ''
            : found.isError
              ? found.error.message
              : found.data
                ? t('organization.members.found', { count: found.data.length })
                : t('common.loading')}
      </p>
      {searching && found.data && found.data.length > 0 && (
        <ul className={styles.searchResults}>
          {found.data.map((professional) => {
            const name = [professional.givenName, professional.surnames].join(' ');
            const already = memberIds.has(professional.id);
            return (
              <li key={professional.id} className={styles.searchResultsItem}>
                <span>
                  <span className={styles.searchResultsName}>{name}</span>
                  <span className={cx(styles.searchResultsUsername, 'muted')}>
                    {professional.username}
                  </span>
                  <span className={styles.searchResultsRoles}>
                    {professional.roles.map((role) => t(`roles.${role}`)).join(', ')}
                  </span>
                </span>
                {already ? (
                  <span className="muted">{t('organization.members.already')}</span>
                ) : !professional.can.joinTeams ? (
                  // Another territory, or a role a coordinator does not give: the API refuses.
                  <span className="muted">{t('organization.members.administratorOnly')}</span>
                ) : (
                  <button
                    type="button"
                    className={buttonClass({ variant: 'secondary', small: true })}
                    aria-label={t('organization.members.addNamed', { name })}
                    onClick={() => {
                      onAdd(professional);
                      setAdded(name);
                      inputRef.current?.focus();
                    }}
                  >
                    {t('organization.members.add')}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
