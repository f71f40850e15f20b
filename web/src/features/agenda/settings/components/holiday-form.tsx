import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { HOLIDAY_LEVELS } from '@caliu/common';
import type { Holiday, HolidayLevel } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { FormActions } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { useMunicipalities } from '@/lib/api/organization';
import { ApiError } from '@/lib/api-client';
import { useCreateHoliday } from '../api/public-holidays';
import styles from '../settings.module.css';

type Values = { date: string; name: string; level: HolidayLevel | ''; municipalityId: string };
type Field = keyof Values;
const FIELDS: readonly Field[] = ['date', 'name', 'level', 'municipalityId'];
const NAME_MAX = 120;

/** What is missing from a holiday before it is sent (the municipality only for a local one). */
export function holidayProblems(values: Values): Partial<Record<Field, 'required' | 'year'>> {
  const problems: Partial<Record<Field, 'required' | 'year'>> = {};
  if (!values.date) problems.date = 'required';
  else {
    const year = Number(values.date.slice(0, 4));
    if (!(year >= 2000 && year <= 2100)) problems.date = 'year';
  }
  if (!values.name.trim()) problems.name = 'required';
  if (!values.level) problems.level = 'required';
  if (values.level === 'local' && !values.municipalityId) problems.municipalityId = 'required';
  return problems;
}

/**
 * The administrator adds a public holiday: its date, name and level — national, regional, or
 * local to one of the entity's municipalities.
 */
export function HolidayForm({ onDone }: { onDone: (holiday: Holiday) => void }) {
  const { t } = useTranslation();
  const id = useId();
  const create = useCreateHoliday();
  const municipalities = useMunicipalities();
  const empty: Values = { date: '', name: '', level: '', municipalityId: '' };
  const [values, setValues] = useState<Values>(empty);
  const [tried, setTried] = useState(false);

  const own = holidayProblems(values);
  const refused: Partial<Record<Field, string>> = {};
  if (create.error instanceof ApiError) {
    for (const d of create.error.details) {
      if (d.field && (FIELDS as readonly string[]).includes(d.field)) {
        refused[d.field as Field] = d.message;
      }
    }
  }
  const errors: Partial<Record<Field, string>> = { ...refused };
  if (tried) {
    for (const [field, problem] of Object.entries(own)) {
      errors[field as Field] =
        problem === 'year' ? t('agendaSettings.holidays.form.badYear') : t('forms.required');
    }
  }
  const set = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (create.error) create.reset();
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    const first = FIELDS.find((f) => own[f]);
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    create.mutate(
      {
        date: values.date,
        name: values.name.trim(),
        level: values.level as HolidayLevel,
        municipalityId: values.level === 'local' ? values.municipalityId : null,
      },
      {
        onSuccess: (holiday) => {
          setValues(empty);
          setTried(false);
          onDone(holiday);
        },
      },
    );
  };

  return (
    <form
      className={`form ${styles.holidayForm}`}
      onSubmit={submit}
      noValidate
      aria-label={t('agendaSettings.holidays.form.title')}
    >
      <ErrorAlert error={create.error} shownByFields={Object.keys(refused)} />
      <FormField
        id={`${id}-date`}
        label={t('agendaSettings.holidays.date')}
        required
        error={errors.date}
      >
        {(control) => (
          <input
            {...control}
            type="date"
            value={values.date}
            onChange={(e) => set('date')(e.target.value)}
          />
        )}
      </FormField>
      <FormField
        id={`${id}-name`}
        label={t('agendaSettings.holidays.name')}
        required
        error={errors.name}
      >
        {(control) => (
          <input
            {...control}
            type="text"
            maxLength={NAME_MAX}
            value={values.name}
            onChange={(e) => set('name')(e.target.value)}
          />
        )}
      </FormField>
      <FormField
        id={`${id}-level`}
        label={t('agendaSettings.holidays.level')}
        required
        error={errors.level}
      >
        {(control) => (
          <select {...control} value={values.level} onChange={(e) => set('level')(e.target.value)}>
            <option value="">{t('agendaSettings.holidays.form.choose')}</option>
            {HOLIDAY_LEVELS.map((level) => (
              <option key={level} value={level}>
                {t(`agendaSettings.holidays.levels.${level}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      {values.level === 'local' && (
        <FormField
          id={`${id}-municipalityId`}
          label={t('agendaSettings.holidays.municipality')}
          hint={t('agendaSettings.holidays.form.municipalityHint')}
          required
          error={errors.municipalityId ?? municipalities.error?.message}
        >
          {(control) => (
            <select
              {...control}
              value={values.municipalityId}
              onChange={(e) => set('municipalityId')(e.target.value)}
            >
              <option value="">{t('agendaSettings.holidays.form.choose')}</option>
              {(municipalities.data ?? []).map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
      )}
      <FormActions
        submitLabel={t('agendaSettings.holidays.form.submit')}
        pending={create.isPending}
        onCancel={() => {
          setValues(empty);
          setTried(false);
          create.reset();
        }}
        cancelDisabled={JSON.stringify(values) === JSON.stringify(empty)}
      />
    </form>
  );
}
