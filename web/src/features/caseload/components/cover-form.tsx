import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { type Caseload, COVER_REASONS, type CoverReason, TECHNICIAN_ROLES } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { ApiError } from '@/lib/api-client';
import { useCurrentUser } from '@/lib/auth';
import { todayIn, useCalendarDateFormat } from '@/lib/calendar';
import { useCreateCover } from '../api/caseload';

type Values = {
  absentId: string;
  coverId: string;
  reason: CoverReason | '';
  startsOn: string;
  endsOn: string;
};
type Field = keyof Values;
const FIELDS: readonly Field[] = ['absentId', 'coverId', 'reason', 'startsOn', 'endsOn'];

const CASE_ROLES: readonly string[] = [...TECHNICIAN_ROLES, 'coordinator'];

/**
 * Granting a cover: who is absent, which colleague of the team covers (those who work on case
 * files), why, from which day to which; before it is sent, the form says what will happen.
 */
export function CoverForm({
  caseload,
  onDone,
}: {
  caseload: Caseload;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const id = useId();
  const today = todayIn(me.entity.timeZone);
  const formatDate = useCalendarDateFormat();
  const create = useCreateCover();
  const empty: Values = { absentId: '', coverId: '', reason: '', startsOn: today, endsOn: today };
  const [values, setValues] = useState<Values>(empty);
  const [tried, setTried] = useState(false);
  const members = caseload.rows.filter((r) => r.active);
  const covers = members.filter(
    (r) => r.professional.id !== values.absentId && r.roles.some((x) => CASE_ROLES.includes(x)),
  );
  const nameOf = (pid: string) => members.find((m) => m.professional.id === pid)?.professional.name;

  const own: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) if (!values[field]) own[field] = t('caseload.form.required');
  if (values.startsOn && values.endsOn && values.endsOn < values.startsOn) {
    own.endsOn = t('caseload.form.endsBeforeStart');
  }
  const refused: Partial<Record<Field, string>> = {};
  if (create.error instanceof ApiError) {
    for (const d of create.error.details) {
      if (d.field && (FIELDS as readonly string[]).includes(d.field)) {
        refused[d.field as Field] = d.message;
      }
    }
  }
  const errors = { ...(tried ? own : {}), ...refused };
  const set = (field: Field) => (value: string) => {
    setValues((v) => ({ ...v, [field]: value }));
    if (create.error) create.reset();
  };
  const ready = Object.keys(own).length === 0;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!ready) {
      const first = FIELDS.find((f) => own[f]);
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    create.mutate(
      { teamId: caseload.team.id, ...values, reason: values.reason as CoverReason },
      {
        onSuccess: (cover) => {
          setValues(empty);
          setTried(false);
          onDone(
            t('caseload.form.done', { cover: cover.cover.name, absent: cover.absent.name }) +
              (cover.siadKept > 0
                ? ` ${t('caseload.covers.siadKept', { count: cover.siadKept })}`
                : ''),
          );
        },
      },
    );
  };

  const select = (field: 'absentId' | 'coverId' | 'reason', options: [string, string][]) => (
    <FormField
      id={`${id}-${field}`}
      label={t(`caseload.form.${field}`)}
      required
      error={errors[field]}
    >
      {(control) => (
        <select {...control} value={values[field]} onChange={(e) => set(field)(e.target.value)}>
          <option value="">{t('caseload.form.choose')}</option>
          {options.map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
  const date = (field: 'startsOn' | 'endsOn') => (
    <FormField
      id={`${id}-${field}`}
      label={t(`caseload.form.${field}`)}
      required
      error={errors[field]}
    >
      {(control) => (
        <input
          {...control}
          type="date"
          min={today}
          value={values[field]}
          onChange={(e) => set(field)(e.target.value)}
        />
      )}
    </FormField>
  );
  const absent = nameOf(values.absentId);
  const cover = nameOf(values.coverId);
  return (
    <form className="form" onSubmit={submit} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="section-title">
        {t('caseload.form.title')}
      </h3>
      <ErrorAlert error={create.error} shownByFields={Object.keys(refused)} />
      {select(
        'absentId',
        members.map((m) => [m.professional.id, m.professional.name]),
      )}
      {select(
        'coverId',
        covers.map((m) => [m.professional.id, m.professional.name]),
      )}
      {select(
        'reason',
        COVER_REASONS.map((r) => [r, t(`caseload.reasons.${r}`)]),
      )}
      {date('startsOn')}
      {date('endsOn')}
      {ready && absent && cover && (
        <p data-testid="cover-summary">
          {t('caseload.form.summary', {
            cover,
            absent,
            team: caseload.team.name,
            from: formatDate(values.startsOn),
            to: formatDate(values.endsOn),
          })}
        </p>
      )}
      <div>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t('forms.saving') : t('caseload.form.submit')}
        </Button>
      </div>
    </form>
  );
}
