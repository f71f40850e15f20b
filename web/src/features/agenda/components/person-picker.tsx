import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { FieldGroup } from '@/components/ui/form-field';
import fieldCss from '@/components/ui/form-field.module.css';
import { useCalendarDateFormat } from '@/lib/calendar';
import { fullName } from '@/lib/person-names';
import { PERSON_SEARCH_MIN_LENGTH, usePersonPicker } from '../api/agenda';
import styles from '../agenda.module.css';

export type PickedPerson = { id: string; name: string };

/** Waits until the user stops typing before searching. */
function useDebounced(value: string, ms = 300) {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/**
 * The persons of an appointment: those chosen (each with a button to take them off), and a search
 * box whose results are added with a button each.
 */
export function PersonPicker({
  id,
  picked,
  max,
  error,
  onChange,
}: {
  id: string;
  picked: PickedPerson[];
  max: number;
  error: string | undefined;
  onChange: (persons: PickedPerson[]) => void;
}) {
  const { t } = useTranslation();
  const formatDate = useCalendarDateFormat();
  const [typed, setTyped] = useState('');
  const q = useDebounced(typed.trim());
  const search = usePersonPicker(q);
  const pickedIds = new Set(picked.map((p) => p.id));
  const results = (search.data?.items ?? []).filter((item) => !pickedIds.has(item.id));
  const full = picked.length >= max;
  return (
    <FieldGroup id={id} legend={t('agenda.form.persons')} required error={error}>
      {picked.length > 0 ? (
        <ul className={styles.picked} aria-label={t('agenda.form.pickedLabel')}>
          {picked.map((person) => (
            <li key={person.id} className={styles.pickedItem}>
              <span>{person.name}</span>
              <Button
                small
                variant="secondary"
                aria-label={t('agenda.form.removePerson', { name: person.name })}
                onClick={() => onChange(picked.filter((p) => p.id !== person.id))}
              >
                {t('agenda.form.remove')}
              </Button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">{t('agenda.form.noPersons')}</p>
      )}
      {!full && (
        <div className={`field ${fieldCss.field}`}>
          <label htmlFor={`${id}-search`}>{t('agenda.form.searchPersons')}</label>
          <input
            id={`${id}-search`}
            type="search"
            autoComplete="off"
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
      )}
      {!full && q.length >= PERSON_SEARCH_MIN_LENGTH && (
        <div role="status" className={styles.pickerResults}>
          {search.isFetching && !search.data ? (
            <p className="muted">{t('common.loading')}</p>
          ) : results.length === 0 ? (
            <p className="muted">{t('agenda.form.noMatches')}</p>
          ) : (
            <ul className={styles.picked} aria-label={t('agenda.form.resultsLabel')}>
              {results.map((item) => {
                const name = fullName(item);
                return (
                  <li key={item.id} className={styles.pickedItem}>
                    <span>
                      {name}
                      {item.birthDate && (
                        <span className="muted"> · {formatDate(item.birthDate)}</span>
                      )}
                    </span>
                    <Button
                      small
                      variant="secondary"
                      aria-label={t('agenda.form.addPerson', { name })}
                      onClick={() => {
                        onChange([...picked, { id: item.id, name }]);
                        setTyped('');
                      }}
                    >
                      {t('agenda.form.add')}
                    </Button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
      )}
    </FieldGroup>
  );
}
