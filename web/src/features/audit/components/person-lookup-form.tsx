import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { FormField } from '@/components/ui/form-field';
import type { PersonLookup } from '../api/lookup-person';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';
import styles from '../audit.module.css';
import { buttonClass } from '@/components/ui/button';

type PersonLookupFormProps = {
  /** The look-up on screen, if any (the form starts from it). */
  current: PersonLookup | null;
  onLookup: (by: PersonLookup['by'], value: string) => void;
  /** The API's message about the value, shown next to the field. */
  refusal?: string | undefined;
};

/** Identifies a data subject by identity document (exact) or by name, nothing more. */
export function PersonLookupForm({ current, onLookup, refusal }: PersonLookupFormProps) {
  const { t } = useTranslation();
  const id = useId();
  const [by, setBy] = useState<PersonLookup['by']>(current?.by ?? 'document');
  const [value, setValue] = useState(current?.value ?? '');
  const [tried, setTried] = useState(false);
  const problem = value.trim() ? undefined : t('audit.personReport.lookup.required');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (problem) {
      document.getElementById(`${id}-value`)?.focus();
      return;
    }
    onLookup(by, value.trim());
  };
  return (
    <form
      role="search"
      className={cx(styles.personLookup, 'card no-print')}
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} className="section-title">
        {t('audit.personReport.lookup.title')}
      </h2>
      <p className={cx(fieldCss.fieldHint, 'field__hint')}>{t('audit.personReport.lookup.lead')}</p>
      <fieldset className={fieldCss.fieldset}>
        <legend>{t('audit.personReport.lookup.by')}</legend>
        <div className={fieldCss.radioRow}>
          {(['document', 'name'] as const).map((option) => (
            <label key={option} className={cx(fieldCss.checkbox, 'checkbox')}>
              <input
                type="radio"
                name="by"
                value={option}
                checked={by === option}
                onChange={() => setBy(option)}
              />
              <span>{t(`audit.personReport.lookup.options.${option}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      <div className={styles.personLookupRow}>
        <FormField
          id={`${id}-value`}
          label={t(`audit.personReport.lookup.labels.${by}`)}
          hint={t(`audit.personReport.lookup.hints.${by}`)}
          error={(tried ? problem : undefined) ?? refusal}
          required
        >
          {(control) => (
            <input
              {...control}
              type="text"
              name="value"
              autoComplete="off"
              spellCheck={false}
              value={value}
              onChange={(event) => setValue(event.target.value)}
            />
          )}
        </FormField>
        <button type="submit" className={buttonClass()}>
          {t('audit.personReport.lookup.submit')}
        </button>
      </div>
    </form>
  );
}
