import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  APPOINTMENT_MAX_PERSONS,
  APPOINTMENT_PLACES,
  type Appointment,
  type AppointmentAnswer,
  type AppointmentPlace,
} from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { FormActions } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { FormDialog } from '@/components/ui/form-dialog';
import { Loading } from '@/components/ui/query-state';
import { ApiError } from '@/lib/api-client';
import { useCurrentUser } from '@/lib/auth';
import { todayIn } from '@/lib/calendar';
import { firstInvalid, hasErrors, serverFieldErrors, type FieldErrors } from '@/lib/form-errors';
import {
  useAgendaPeople,
  useCreateAppointment,
  usePersonsCaseFiles,
  useUpdateAppointment,
} from '../api/agenda';
import { dateOf, localDateTime, minutesOf, timeFromMinutes, timeOf } from '../dates';
import {
  ConfirmationAlert,
  confirmationAsked,
  NOTHING_CONFIRMED,
  type Confirmations,
} from './confirmations';
import { PersonPicker, type PickedPerson } from './person-picker';
import { TimeSpanFields } from './time-span-fields';

/** What a booking starts from: who, with whom, on which case file, when. */
export type BookingPrefill = {
  professionalId?: string | undefined;
  persons?: PickedPerson[];
  caseFile?: { id: string; number: string } | undefined;
  date?: string | undefined;
  start?: string | undefined;
  end?: string | undefined;
};

type Values = {
  professionalId: string;
  persons: PickedPerson[];
  caseFileId: string;
  date: string;
  start: string;
  end: string;
  place: AppointmentPlace;
  notes: string;
};
type Field =
  'professionalId' | 'persons' | 'caseFileId' | 'date' | 'start' | 'end' | 'place' | 'notes';
const ORDER: readonly Field[] = [
  'professionalId',
  'persons',
  'caseFileId',
  'date',
  'start',
  'end',
  'place',
  'notes',
];
/** The API's names of the fields, as its refusals name them. */
const API_FIELDS: Record<string, Field> = {
  professionalId: 'professionalId',
  personIds: 'persons',
  caseFileId: 'caseFileId',
  startsAt: 'start',
  endsAt: 'end',
  place: 'place',
  notes: 'notes',
};

type BookingDialogProps = {
  open: boolean;
  /** A new appointment from these values… */
  prefill?: BookingPrefill;
  /** …or a change of this one (its time, place and notes). */
  appointment?: Appointment;
  onDismiss: () => void;
  onDone: (answer: AppointmentAnswer, how: 'booked' | 'saved') => void;
};

/**
 * Booking an appointment (or moving one): the professional (among those the user may book for),
 * the persons (searched), optionally one of their case files, the day, the start and end, the
 * place and notes. A booking over another entry, or outside working hours, is refused with the
 * reason and the way to book anyway.
 */
export function BookingDialog(props: BookingDialogProps) {
  const { t } = useTranslation();
  return (
    <FormDialog
      open={props.open}
      title={props.appointment ? t('agenda.form.editTitle') : t('agenda.form.title')}
      onDismiss={props.onDismiss}
    >
      <BookingForm {...props} />
    </FormDialog>
  );
}

function initialValues(
  prefill: BookingPrefill,
  appointment: Appointment | undefined,
  today: string,
) {
  if (appointment) {
    return {
      professionalId: appointment.professional.id,
      persons: appointment.persons,
      caseFileId: appointment.caseFile?.id ?? '',
      date: dateOf(appointment.startsAt),
      start: timeOf(appointment.startsAt),
      end: timeOf(appointment.endsAt),
      place: appointment.place,
      notes: appointment.notes ?? '',
    };
  }
  const start = prefill.start ?? '';
  return {
    professionalId: prefill.professionalId ?? '',
    persons: prefill.persons ?? [],
    caseFileId: prefill.caseFile?.id ?? '',
    date: prefill.date ?? today,
    start,
    end: prefill.end ?? (start ? timeFromMinutes(Math.min(minutesOf(start) + 60, 1439)) : ''),
    place: 'office' as AppointmentPlace,
    notes: '',
  };
}

function BookingForm({ prefill = {}, appointment, onDismiss, onDone }: BookingDialogProps) {
  const { t } = useTranslation();
  const id = useId();
  const me = useCurrentUser();
  const people = useAgendaPeople();
  const create = useCreateAppointment();
  const update = useUpdateAppointment();
  const mutation = appointment ? update : create;
  const editing = appointment !== undefined;
  const bookable = (people.data?.professionals ?? []).filter((p) => p.canBook);
  const [values, setValues] = useState<Values>(() => {
    const initial = initialValues(prefill, appointment, todayIn(me.entity.timeZone));
    if (!initial.professionalId && !editing) initial.professionalId = '';
    return initial;
  });
  const professionalId =
    values.professionalId ||
    (editing
      ? ''
      : (bookable.find((p) => p.id === me.id)?.id ??
        (bookable.length === 1 ? bookable[0]!.id : '')));
  const [confirmed, setConfirmed] = useState<Confirmations>(NOTHING_CONFIRMED);
  const [tried, setTried] = useState(false);
  const seesCaseFiles = me.permissions.includes('case_files.view');
  const caseFiles = usePersonsCaseFiles(
    values.persons.map((p) => p.id),
    seesCaseFiles && !editing,
  );

  const own: FieldErrors = {};
  const required = t('agenda.form.required');
  if (!editing && !professionalId) own.professionalId = required;
  if (!editing && values.persons.length === 0) own.persons = t('agenda.form.personsRequired');
  if (!values.date) own.date = required;
  if (!values.start) own.start = required;
  if (!values.end) own.end = required;
  if (values.start && values.end && values.end <= values.start) {
    own.end = t('agenda.form.endBeforeStart');
  }
  const refused: FieldErrors = {};
  for (const [field, message] of Object.entries(serverFieldErrors(mutation.error))) {
    const mine = API_FIELDS[field];
    if (mine && message) refused[mine] = message;
  }
  const errors: FieldErrors = { ...(tried ? own : {}), ...refused };
  const askedError =
    mutation.error instanceof ApiError && confirmationAsked(mutation.error) ? mutation.error : null;

  const set = <F extends keyof Values>(field: F, value: Values[F]) => {
    setValues((v) => ({ ...v, [field]: value }));
    // Another time or another person: what was confirmed no longer holds.
    setConfirmed(NOTHING_CONFIRMED);
    if (mutation.error) mutation.reset();
  };

  const send = (confirmations: Confirmations) => {
    const startsAt = localDateTime(values.date, values.start);
    const endsAt = localDateTime(values.date, values.end);
    const notes = values.notes.trim() ? values.notes : null;
    const done = (answer: AppointmentAnswer) => onDone(answer, editing ? 'saved' : 'booked');
    if (appointment) {
      update.mutate(
        { id: appointment.id, startsAt, endsAt, place: values.place, notes, ...confirmations },
        { onSuccess: done },
      );
    } else {
      create.mutate(
        {
          professionalId,
          personIds: values.persons.map((p) => p.id),
          caseFileId: values.caseFileId || null,
          startsAt,
          endsAt,
          place: values.place,
          notes,
          ...confirmations,
        },
        { onSuccess: done },
      );
    }
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (hasErrors(own)) {
      const first = firstInvalid(ORDER, own);
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    send(confirmed);
  };

  const confirm = (what: keyof Confirmations) => {
    const next = { ...confirmed, [what]: true };
    setConfirmed(next);
    send(next);
  };

  if (!editing && people.data === undefined) {
    return people.error ? <ErrorAlert error={people.error} /> : <Loading inline />;
  }

  const caseFileOptions = new Map<string, string>();
  if (prefill.caseFile) caseFileOptions.set(prefill.caseFile.id, prefill.caseFile.number);
  for (const file of caseFiles.data ?? []) {
    caseFileOptions.set(
      file.id,
      file.holder ? `${file.number} · ${file.holder.name}` : file.number,
    );
  }

  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('agenda.form.title')}>
      {askedError ? (
        <ConfirmationAlert error={askedError} pending={mutation.isPending} onConfirm={confirm} />
      ) : (
        <ErrorAlert error={mutation.error} shownByFields={Object.keys(API_FIELDS)} />
      )}
      {editing ? (
        <p>
          {t('agenda.form.with', {
            professional: appointment.professional.name,
            persons: appointment.persons.map((p) => p.name).join(', '),
          })}
        </p>
      ) : (
        <>
          <FormField
            id={`${id}-professionalId`}
            label={t('agenda.form.professional')}
            required
            error={errors.professionalId}
          >
            {(control) => (
              <select
                {...control}
                value={professionalId}
                onChange={(e) => set('professionalId', e.target.value)}
              >
                <option value="">{t('agenda.form.choose')}</option>
                {bookable.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <PersonPicker
            id={`${id}-persons`}
            picked={values.persons}
            max={APPOINTMENT_MAX_PERSONS}
            error={errors.persons}
            onChange={(persons) => {
              set('persons', persons);
              if (!persons.length && !prefill.caseFile) set('caseFileId', '');
            }}
          />
          {(seesCaseFiles || prefill.caseFile) && (
            <FormField
              id={`${id}-caseFileId`}
              label={t('agenda.form.caseFile')}
              hint={t('agenda.form.caseFileHint')}
              error={errors.caseFileId}
            >
              {(control) => (
                <select
                  {...control}
                  value={values.caseFileId}
                  onChange={(e) => set('caseFileId', e.target.value)}
                >
                  <option value="">{t('agenda.form.noCaseFile')}</option>
                  {[...caseFileOptions].map(([value, label]) => (
                    <option key={value} value={value}>
                      {label}
                    </option>
                  ))}
                </select>
              )}
            </FormField>
          )}
        </>
      )}
      <TimeSpanFields
        id={id}
        values={values}
        errors={errors}
        onChange={(field, value) => set(field, value)}
      />
      <FormField id={`${id}-place`} label={t('agenda.form.place')} required error={errors.place}>
        {(control) => (
          <select
            {...control}
            value={values.place}
            onChange={(e) => set('place', e.target.value as AppointmentPlace)}
          >
            {APPOINTMENT_PLACES.map((place) => (
              <option key={place} value={place}>
                {t(`agenda.places.${place}`)}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField id={`${id}-notes`} label={t('agenda.form.notes')} error={errors.notes}>
        {(control) => (
          <textarea
            {...control}
            rows={3}
            maxLength={2000}
            value={values.notes}
            onChange={(e) => set('notes', e.target.value)}
          />
        )}
      </FormField>
      <FormActions
        submitLabel={editing ? t('agenda.form.save') : t('agenda.form.submit')}
        pending={mutation.isPending}
        onCancel={onDismiss}
      />
    </form>
  );
}
