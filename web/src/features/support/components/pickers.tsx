import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFileSummary } from '@caliu/common';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { useCaseFileNumberSearch } from '@/lib/api/case-files';
import { fullName } from '@/lib/person-names';
import {
  PERSON_SEARCH_MIN_LENGTH,
  usePersonCandidates,
  useProfessionalOptions,
} from '../api/lookups';
import { useDebounced } from '../use-debounced';
import type { PickedPerson } from '../request-kinds';
import styles from '../support.module.css';

type PickerProps<T> = {
  id: string;
  label: string;
  error?: string | undefined;
  value: T | null;
  onChange: (value: T | null) => void;
  onBlur?: () => void;
};

/**
 * One person record, found by name or document with the persons' search (the records the user
 * may see): the chosen one with a button to change it, else a search box and its results.
 */
export function PersonChooser({
  id,
  label,
  error,
  value,
  onChange,
  onBlur,
}: PickerProps<PickedPerson>) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim(), 300);
  const search = usePersonCandidates(q);
  const results = search.data?.items ?? [];
  if (value) {
    return (
      <div className={`field ${styles.chosen}`} id={id} tabIndex={-1}>
        <span className={styles.chosenLabel}>{label}</span>
        <span>
          <strong>{value.name}</strong>{' '}
          <Button
            small
            variant="secondary"
            aria-label={t('support.form.changeNamed', { what: label, name: value.name })}
            onClick={() => onChange(null)}
          >
            {t('support.form.change')}
          </Button>
        </span>
        {error && (
          <p id={`${id}-error`} className="field__error">
            {error}
          </p>
        )}
      </div>
    );
  }
  return (
    <div>
      <FormField
        id={id}
        label={label}
        required
        hint={t('support.form.personSearchHint')}
        error={error}
      >
        {(control) => (
          <input
            {...control}
            type="search"
            autoComplete="off"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
            onBlur={(e) => {
              // Moving to one of the results is still choosing: "required" would show up and
              // push the results down under the pointer.
              if (!results.length || !e.relatedTarget?.closest(`.${styles.pickerResults}`)) {
                onBlur?.();
              }
            }}
          />
        )}
      </FormField>
      {q.length >= PERSON_SEARCH_MIN_LENGTH && (
        <div role="status" className={styles.pickerResults}>
          {search.isFetching && !search.data ? (
            <p className="muted">{t('common.loading')}</p>
          ) : results.length === 0 ? (
            <p className="muted">{t('support.form.noMatches')}</p>
          ) : (
            <ul
              className={styles.pickerList}
              aria-label={t('support.form.results', { what: label })}
            >
              {results.map((item) => {
                const name = fullName(item);
                return (
                  <li key={item.id}>
                    <span>{name}</span>
                    <Button
                      small
                      variant="secondary"
                      aria-label={t('support.form.chooseNamed', { name })}
                      // The search box keeps the focus until the click lands: a blur on
                      // press would move the list under the pointer before its release.
                      onMouseDown={(e) => e.preventDefault()}
                      onClick={() => {
                        onChange({ id: item.id, name });
                        setTyped('');
                      }}
                    >
                      {t('support.form.choose')}
                    </Button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

export type PickedCaseFile = Pick<CaseFileSummary, 'id' | 'number'>;

/** One case file the user may see, found by its number (`2026/34` or `34`). */
export function CaseFileChooser({
  id,
  label,
  error,
  value,
  onChange,
}: PickerProps<PickedCaseFile>) {
  const { t } = useTranslation();
  const [typed, setTyped] = useState('');
  const number = useDebounced(typed.trim(), 300);
  const search = useCaseFileNumberSearch(number, number.length > 0);
  const results = search.data?.items ?? [];
  if (value) {
    return (
      <div className={`field ${styles.chosen}`} id={id} tabIndex={-1}>
        <span className={styles.chosenLabel}>{label}</span>
        <span>
          <strong>{value.number}</strong>{' '}
          <Button
            small
            variant="secondary"
            aria-label={t('support.form.changeNamed', { what: label, name: value.number })}
            onClick={() => onChange(null)}
          >
            {t('support.form.change')}
          </Button>
        </span>
        {error && (
          <p id={`${id}-error`} className="field__error">
            {error}
          </p>
        )}
      </div>
    );
  }
  return (
    <div>
      <FormField id={id} label={label} required hint={t('support.form.numberHint')} error={error}>
        {(control) => (
          <input
            {...control}
            type="search"
            autoComplete="off"
            inputMode="numeric"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        )}
      </FormField>
      {number.length > 0 && (
        <div role="status" className={styles.pickerResults}>
          {search.isFetching && !search.data ? (
            <p className="muted">{t('common.loading')}</p>
          ) : results.length === 0 ? (
            <p className="muted">{t('support.form.noCaseFiles')}</p>
          ) : (
            <ul
              className={styles.pickerList}
              aria-label={t('support.form.results', { what: label })}
            >
              {results.map((item) => (
                <li key={item.id}>
                  <span>
                    {item.number}
                    {item.holder && <span className="muted"> · {item.holder.name}</span>}
                  </span>
                  <Button
                    small
                    variant="secondary"
                    aria-label={t('support.form.chooseNamed', { name: item.number })}
                    onClick={() => {
                      onChange({ id: item.id, number: item.number });
                      setTyped('');
                    }}
                  >
                    {t('support.form.choose')}
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}

/** A professional of the entity (its active technicians and coordinators), from a list. */
export function ProfessionalSelect({
  id,
  label,
  error,
  value,
  onChange,
  onBlur,
}: PickerProps<string>) {
  const { t } = useTranslation();
  const professionals = useProfessionalOptions();
  return (
    <FormField id={id} label={label} required error={error}>
      {(control) => (
        <select
          {...control}
          value={value ?? ''}
          onChange={(e) => onChange(e.target.value || null)}
          onBlur={onBlur}
        >
          <option value="">
            {professionals.isPending ? t('common.loading') : t('support.form.chooseOne')}
          </option>
          {(professionals.data ?? []).map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}
