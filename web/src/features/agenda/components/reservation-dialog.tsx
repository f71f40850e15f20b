import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { RESERVATION_MAX_PROFESSIONALS, type Reservation } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { Button, FormActions } from '@/components/ui/button';
import { FieldGroup, FormField } from '@/components/ui/form-field';
import fieldCss from '@/components/ui/form-field.module.css';
import { FormDialog } from '@/components/ui/form-dialog';
import { ApiError } from '@/lib/api-client';
import { useCurrentUser } from '@/lib/auth';
import { todayIn } from '@/lib/calendar';
import { cx } from '@/lib/cx';
import { firstInvalid, hasErrors, serverFieldErrors, type FieldErrors } from '@/lib/form-errors';
import { useAgendaPeople, useCreateReservation, useDeleteReservation } from '../api/agenda';
import { localDateTime, minutesOf, timeFromMinutes, useAgendaFormat } from '../dates';
import {
  ConfirmationAlert,
  confirmationAsked,
  NOTHING_CONFIRMED,
  type Confirmations,
} from './confirmations';
import { whenText } from './entry-text';
import { TimeSpanFields } from './time-span-fields';
import styles from '../agenda.module.css';

export type BlockPrefill = { date?: string | undefined; start?: string | undefined };

type Field = 'title' | 'professionalIds' | 'date' | 'start' | 'end';
const ORDER: readonly Field[] = ['title', 'professionalIds', 'date', 'start', 'end'];
const API_FIELDS: Record<string, Field> = {
  title: 'title',
  professionalIds: 'professionalIds',
  startsAt: 'start',
  endsAt: 'end',
};

/**
 * Blocking time: one's own, or — a coordinator who may reserve for a team — several
 * professionals' at once. Over other entries, or outside working hours, it asks to confirm.
 */
export function BlockTimeDialog({
  open,
  prefill,
  onDismiss,
  onDone,
}: {
  open: boolean;
  prefill: BlockPrefill;
  onDismiss: () => void;
  onDone: (reservation: Reservation) => void;
}) {
  const { t } = useTranslation();
  return (
    <FormDialog open={open} title={t('agenda.block.title')} onDismiss={onDismiss}>
      <BlockTimeForm prefill={prefill} onDismiss={onDismiss} onDone={onDone} />
    </FormDialog>
  );
}

function BlockTimeForm({
  prefill,
  onDismiss,
  onDone,
}: {
  prefill: BlockPrefill;
  onDismiss: () => void;
  onDone: (reservation: Reservation) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const me = useCurrentUser();
  const people = useAgendaPeople();
  const create = useCreateReservation();
  const forOthers = (people.data?.teams ?? []).some((team) => team.canReserve);
  const others = forOthers ? (people.data?.professionals ?? []).filter((p) => p.canBook) : [];
  const start = prefill.start ?? '';
  const [values, setValues] = useState({
    title: '',
    professionalIds: [me.id],
    date: prefill.date ?? todayIn(me.entity.timeZone),
    start,
    end: start ? timeFromMinutes(Math.min(minutesOf(start) + 60, 1439)) : '',
  });
  const [confirmed, setConfirmed] = useState<Confirmations>(NOTHING_CONFIRMED);
  const [tried, setTried] = useState(false);
  const required = t('agenda.form.required');
  const own: FieldErrors = {};
  if (!values.title.trim()) own.title = required;
  if (values.professionalIds.length === 0) own.professionalIds = t('agenda.block.nobody');
  if (!values.date) own.date = required;
  if (!values.start) own.start = required;
  if (!values.end) own.end = required;
  if (values.start && values.end && values.end <= values.start) {
    own.end = t('agenda.form.endBeforeStart');
  }
  const refused: FieldErrors = {};
  for (const [field, message] of Object.entries(serverFieldErrors(create.error))) {
    const mine = API_FIELDS[field];
    if (mine && message) refused[mine] = message;
  }
  const errors = { ...(tried ? own : {}), ...refused };
  const askedError =
    create.error instanceof ApiError && confirmationAsked(create.error) ? create.error : null;
  const set = <K extends keyof typeof values>(field: K, value: (typeof values)[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    setConfirmed(NOTHING_CONFIRMED);
    if (create.error) create.reset();
  };
  const send = (confirmations: Confirmations) =>
    create.mutate(
      {
        title: values.title.trim(),
        professionalIds: values.professionalIds,
        startsAt: localDateTime(values.date, values.start),
        endsAt: localDateTime(values.date, values.end),
        ...confirmations,
      },
      { onSuccess: (answer) => onDone(answer.reservation) },
    );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (hasErrors(own)) {
      document.getElementById(`${id}-${firstInvalid(ORDER, own)}`)?.focus();
      return;
    }
    send(confirmed);
  };
  const toggle = (professionalId: string, on: boolean) =>
    set(
      'professionalIds',
      on
        ? [...values.professionalIds, professionalId].slice(0, RESERVATION_MAX_PROFESSIONALS)
        : values.professionalIds.filter((p) => p !== professionalId),
    );
  return (
    <form className="form" onSubmit={submit} noValidate aria-label={t('agenda.block.title')}>
      {askedError ? (
        <ConfirmationAlert
          error={askedError}
          pending={create.isPending}
          onConfirm={(what) => {
            const next = { ...confirmed, [what]: true };
            setConfirmed(next);
            send(next);
          }}
        />
      ) : (
        <ErrorAlert error={create.error} shownByFields={Object.keys(API_FIELDS)} />
      )}
      <FormField
        id={`${id}-title`}
        label={t('agenda.block.what')}
        hint={t('agenda.block.whatHint')}
        required
        error={errors.title}
      >
        {(control) => (
          <input
            {...control}
            maxLength={200}
            value={values.title}
            onChange={(e) => set('title', e.target.value)}
          />
        )}
      </FormField>
      {others.length > 0 && (
        <FieldGroup
          id={`${id}-professionalIds`}
          legend={t('agenda.block.who')}
          required
          error={errors.professionalIds}
        >
          <div className={fieldCss.checkboxList}>
            {[
              { id: me.id, name: t('agenda.block.me') },
              ...others.filter((p) => p.id !== me.id),
            ].map((p) => (
              <label key={p.id} className={cx(fieldCss.checkbox, 'checkbox')}>
                <input
                  type="checkbox"
                  checked={values.professionalIds.includes(p.id)}
                  onChange={(e) => toggle(p.id, e.target.checked)}
                />
                <span>{p.name}</span>
              </label>
            ))}
          </div>
        </FieldGroup>
      )}
      <TimeSpanFields
        id={id}
        values={values}
        errors={errors}
        onChange={(field, value) => set(field, value)}
      />
      <FormActions
        submitLabel={t('agenda.block.submit')}
        pending={create.isPending}
        onCancel={onDismiss}
      />
    </form>
  );
}

/** A time reservation: what, whose, when; removed by who may. */
export function ReservationDialog({
  reservation,
  onDismiss,
  onRemoved,
}: {
  reservation: Reservation | null;
  onDismiss: () => void;
  onRemoved: (reservation: Reservation) => void;
}) {
  const { t } = useTranslation();
  const fmt = useAgendaFormat();
  const remove = useDeleteReservation();
  const [asking, setAsking] = useState(false);
  const r = reservation;
  return (
    <FormDialog open={r !== null} title={t('agenda.reservation.title')} onDismiss={onDismiss}>
      {r && (
        <>
          <dl className={styles.facts}>
            <dt>{t('agenda.reservation.what')}</dt>
            <dd>{r.title}</dd>
            <dt>{t('agenda.detail.when')}</dt>
            <dd>{whenText(fmt, r)}</dd>
            <dt>{t('agenda.reservation.whose')}</dt>
            <dd>{r.professionals.map((p) => p.name).join(', ')}</dd>
            {r.createdBy && (
              <>
                <dt>{t('agenda.reservation.createdBy')}</dt>
                <dd>{r.createdBy.name}</dd>
              </>
            )}
          </dl>
          <ErrorAlert error={remove.error} />
          {asking && <p role="status">{t('agenda.reservation.question')}</p>}
          <div className="dialog__actions">
            {r.can.remove &&
              (asking ? (
                <>
                  <Button variant="secondary" autoFocus onClick={() => setAsking(false)}>
                    {t('agenda.reservation.keep')}
                  </Button>
                  <Button
                    variant="danger"
                    disabled={remove.isPending}
                    onClick={() =>
                      remove.mutate(r.id, {
                        onSuccess: () => {
                          setAsking(false);
                          onRemoved(r);
                        },
                      })
                    }
                  >
                    {t('agenda.reservation.removeConfirm')}
                  </Button>
                </>
              ) : (
                <Button variant="danger-outline" onClick={() => setAsking(true)}>
                  {t('agenda.reservation.remove')}
                </Button>
              ))}
            {!asking && (
              <Button variant="ghost" onClick={onDismiss}>
                {t('agenda.detail.close')}
              </Button>
            )}
          </div>
        </>
      )}
    </FormDialog>
  );
}
