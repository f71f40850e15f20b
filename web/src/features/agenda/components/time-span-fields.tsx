import { useTranslation } from 'react-i18next';
import { FormField } from '@/components/ui/form-field';
import fieldCss from '@/components/ui/form-field.module.css';
import { useCurrentUser } from '@/lib/auth';
import { happensTwice, localDateTime } from '../dates';

export type TimeSpan = { date: string; start: string; end: string };

/**
 * The day, start and end of an appointment or a blocked time, in the entity's wall time, with a
 * word when a time chosen happens twice that day (the autumn change: the first of the two is
 * kept, summer time).
 */
export function TimeSpanFields({
  id,
  values,
  errors,
  onChange,
}: {
  id: string;
  values: TimeSpan;
  errors: Partial<Record<keyof TimeSpan, string>>;
  onChange: (field: keyof TimeSpan, value: string) => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const twice =
    values.date !== '' &&
    [values.start, values.end].some(
      (time) => time && happensTwice(localDateTime(values.date, time), me.entity.timeZone),
    );
  return (
    <>
      <FormField id={`${id}-date`} label={t('agenda.form.date')} required error={errors.date}>
        {(control) => (
          <input
            {...control}
            type="date"
            value={values.date}
            onChange={(e) => onChange('date', e.target.value)}
          />
        )}
      </FormField>
      <div className={fieldCss.formRow}>
        <FormField id={`${id}-start`} label={t('agenda.form.start')} required error={errors.start}>
          {(control) => (
            <input
              {...control}
              type="time"
              step={300}
              value={values.start}
              onChange={(e) => onChange('start', e.target.value)}
            />
          )}
        </FormField>
        <FormField id={`${id}-end`} label={t('agenda.form.end')} required error={errors.end}>
          {(control) => (
            <input
              {...control}
              type="time"
              step={300}
              value={values.end}
              onChange={(e) => onChange('end', e.target.value)}
            />
          )}
        </FormField>
      </div>
      {twice && <p className="field__hint">{t('agenda.form.twice')}</p>}
    </>
  );
}
