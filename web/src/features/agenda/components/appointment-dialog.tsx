import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { Appointment, AppointmentAnswer } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { Button, FormActions } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import { FormDialog } from '@/components/ui/form-dialog';
import { serverFieldErrors } from '@/lib/form-errors';
import { useCancelAppointment, useUpdateAppointment } from '../api/agenda';
import { useAgendaFormat } from '../dates';
import { whenText } from './entry-text';
import styles from '../agenda.module.css';

const STATE_LOOK: Record<Appointment['state'], string> = {
  booked: 'badge badge--info',
  attended: 'badge badge--on',
  missed: 'badge badge--pending',
  cancelled: 'badge badge--off',
};

/** An appointment's state as a badge. */
export function StateBadge({ state }: { state: Appointment['state'] }) {
  const { t } = useTranslation();
  return <span className={STATE_LOOK[state]}>{t(`agenda.states.${state}`)}</span>;
}

/**
 * One appointment: when, who, where, on which case file, its notes and state; for who may change
 * it, the way to move or edit it, to record how it went, and to cancel it with a reason.
 */
export function AppointmentDialog({
  appointment,
  onDismiss,
  onEdit,
  onChanged,
}: {
  appointment: Appointment | null;
  onDismiss: () => void;
  onEdit: (appointment: Appointment) => void;
  onChanged: (answer: AppointmentAnswer, notice: string) => void;
}) {
  const { t } = useTranslation();
  return (
    <FormDialog open={appointment !== null} title={t('agenda.detail.title')} onDismiss={onDismiss}>
      {appointment && (
        <AppointmentDetail
          key={`${appointment.id}-${appointment.state}`}
          appointment={appointment}
          onDismiss={onDismiss}
          onEdit={onEdit}
          onChanged={onChanged}
        />
      )}
    </FormDialog>
  );
}

function AppointmentDetail({
  appointment: a,
  onDismiss,
  onEdit,
  onChanged,
}: {
  appointment: Appointment;
  onDismiss: () => void;
  onEdit: (appointment: Appointment) => void;
  onChanged: (answer: AppointmentAnswer, notice: string) => void;
}) {
  const { t } = useTranslation();
  const fmt = useAgendaFormat();
  const id = useId();
  const update = useUpdateAppointment();
  const cancel = useCancelAppointment();
  const [cancelling, setCancelling] = useState(false);
  const [reason, setReason] = useState('');
  const [tried, setTried] = useState(false);
  const live = a.state !== 'cancelled';
  const mark = (state: 'booked' | 'attended' | 'missed') =>
    update.mutate(
      { id: a.id, state },
      { onSuccess: (answer) => onChanged(answer, t(`agenda.detail.marked.${state}`)) },
    );
  const reasonError =
    (tried && !reason.trim() ? t('agenda.detail.reasonRequired') : undefined) ??
    serverFieldErrors(cancel.error).reason;
  const submitCancel = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!reason.trim()) {
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    cancel.mutate(
      { id: a.id, reason: reason.trim() },
      { onSuccess: (answer) => onChanged(answer, t('agenda.detail.cancelled')) },
    );
  };
  return (
    <>
      <dl className={styles.facts}>
        <dt>{t('agenda.detail.when')}</dt>
        <dd>{whenText(fmt, a)}</dd>
        <dt>{t('agenda.detail.professional')}</dt>
        <dd>{a.professional.name}</dd>
        <dt>{t('agenda.detail.persons')}</dt>
        <dd>
          <ul className={styles.plainList}>
            {a.persons.map((p) => (
              <li key={p.id}>
                <Link to={`/persons/${p.id}`}>{p.name}</Link>
              </li>
            ))}
          </ul>
        </dd>
        {a.caseFile && (
          <>
            <dt>{t('agenda.detail.caseFile')}</dt>
            <dd>
              <Link to={`/case-files/${a.caseFile.id}`}>{a.caseFile.number}</Link>
            </dd>
          </>
        )}
        <dt>{t('agenda.detail.place')}</dt>
        <dd>{t(`agenda.places.${a.place}`)}</dd>
        {a.notes && (
          <>
            <dt>{t('agenda.detail.notes')}</dt>
            <dd className={styles.notes}>{a.notes}</dd>
          </>
        )}
        <dt>{t('agenda.detail.state')}</dt>
        <dd>
          <StateBadge state={a.state} />
          {a.cancelReason && (
            <span> {t('agenda.detail.cancelReason', { reason: a.cancelReason })}</span>
          )}
        </dd>
        {a.bookedBy && (
          <>
            <dt>{t('agenda.detail.bookedBy')}</dt>
            <dd>{a.bookedBy.name}</dd>
          </>
        )}
      </dl>
      <ErrorAlert error={update.error} />
      {a.can.edit && live && !cancelling && (
        <div className="dialog__actions">
          <Button onClick={() => onEdit(a)}>{t('agenda.detail.edit')}</Button>
          {a.state !== 'attended' && (
            <Button
              variant="secondary"
              disabled={update.isPending}
              onClick={() => mark('attended')}
            >
              {t('agenda.detail.markAttended')}
            </Button>
          )}
          {a.state !== 'missed' && (
            <Button variant="secondary" disabled={update.isPending} onClick={() => mark('missed')}>
              {t('agenda.detail.markMissed')}
            </Button>
          )}
          {a.state !== 'booked' && (
            <Button variant="secondary" disabled={update.isPending} onClick={() => mark('booked')}>
              {t('agenda.detail.markBooked')}
            </Button>
          )}
          <Button variant="danger-outline" onClick={() => setCancelling(true)}>
            {t('agenda.detail.cancel')}
          </Button>
        </div>
      )}
      {cancelling && (
        <form
          className="form"
          onSubmit={submitCancel}
          noValidate
          aria-label={t('agenda.detail.cancelTitle')}
        >
          <ErrorAlert error={cancel.error} shownByFields={['reason']} />
          <FormField
            id={`${id}-reason`}
            label={t('agenda.detail.reason')}
            hint={t('agenda.detail.reasonHint')}
            required
            error={reasonError}
          >
            {(control) => (
              <textarea
                {...control}
                rows={3}
                maxLength={500}
                autoFocus
                value={reason}
                onChange={(e) => setReason(e.target.value)}
              />
            )}
          </FormField>
          <FormActions
            submitLabel={t('agenda.detail.cancelConfirm')}
            submitVariant="danger"
            pending={cancel.isPending}
            onCancel={() => setCancelling(false)}
          />
        </form>
      )}
      {!cancelling && (
        <div className="dialog__actions">
          <Button variant="ghost" onClick={onDismiss}>
            {t('agenda.detail.close')}
          </Button>
        </div>
      )}
    </>
  );
}
