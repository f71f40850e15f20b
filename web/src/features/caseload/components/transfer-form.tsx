import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  type Caseload,
  type CaseloadTransferPreview,
  type CaseloadTransferRequest,
  TECHNICIAN_ROLES,
} from '@caliu/common';
import { alertClass, alertListClass, alertTitleClass, ErrorAlert } from '@/components/ui/alert';
import { OperationLinesList } from '@/components/operation-lines-list';
import { Button } from '@/components/ui/button';
import { FormField } from '@/components/ui/form-field';
import fieldCss from '@/components/ui/form-field.module.css';
import { ApiError } from '@/lib/api-client';
import { cx } from '@/lib/cx';
import { usePreviewTransfer, useRequestTransfer } from '../api/transfers';

type Values = {
  fromProfessionalId: string;
  toProfessionalId: string;
  caseFiles: CaseloadTransferRequest['caseFiles'];
  persons: boolean;
  agenda: boolean;
  reason: string;
};
type Field = 'fromProfessionalId' | 'toProfessionalId' | 'reason';
const FIELDS: readonly Field[] = ['fromProfessionalId', 'toProfessionalId', 'reason'];
const RECEIVER_ROLES: readonly string[] = [...TECHNICIAN_ROLES, 'coordinator'];

/** What a transfer would move, or why it cannot, and what stays with the professional. */
export function TransferPreviewLines({ preview }: { preview: CaseloadTransferPreview }) {
  const { t } = useTranslation();
  return (
    <>
      {preview.blockers.length > 0 && (
        <div role="alert" className={alertClass('error')}>
          <p className={alertTitleClass}>{t('caseload.transfers.blocked')}</p>
          <ul className={alertListClass}>
            {preview.blockers.map((b, index) => (
              <li key={`${b.code}-${index}`}>{b.message}</li>
            ))}
          </ul>
        </div>
      )}
      <OperationLinesList lines={preview.lines} />
      {preview.outside.length > 0 && (
        <>
          <p>{t('caseload.transfers.outside')}</p>
          <OperationLinesList lines={preview.outside} />
        </>
      )}
    </>
  );
}

/**
 * Handing a professional's caseload over to a colleague (issue 21): who, to whom, what moves, and
 * why; a preview of what would move (within the coordinator's teams), then the request, which
 * waits for a second coordinator or support to approve it.
 */
export function TransferForm({
  caseload,
  onDone,
}: {
  caseload: Caseload;
  onDone: (notice: string) => void;
}) {
  const { t } = useTranslation();
  const id = useId();
  const preview = usePreviewTransfer();
  const request = useRequestTransfer();
  const empty: Values = {
    fromProfessionalId: '',
    toProfessionalId: '',
    caseFiles: 'open_and_closed',
    persons: false,
    agenda: false,
    reason: '',
  };
  const [values, setValues] = useState<Values>(empty);
  const [tried, setTried] = useState(false);
  const sources = caseload.rows;
  const receivers = caseload.rows.filter(
    (r) =>
      r.active &&
      r.professional.id !== values.fromProfessionalId &&
      r.roles.some((role) => RECEIVER_ROLES.includes(role)),
  );

  const own: Partial<Record<Field, string>> = {};
  for (const field of FIELDS) if (!values[field].trim()) own[field] = t('caseload.form.required');
  const failed = request.error ?? preview.error;
  const refused: Partial<Record<Field, string>> = {};
  if (failed instanceof ApiError) {
    for (const d of failed.details) {
      if (d.field && (FIELDS as readonly string[]).includes(d.field)) {
        refused[d.field as Field] = d.message;
      }
    }
  }
  const errors = { ...(tried ? own : {}), ...refused };
  const ready = Object.keys(own).length === 0;
  const set = <K extends keyof Values>(field: K, value: Values[K]) => {
    setValues((v) => ({ ...v, [field]: value }));
    // What was previewed no longer holds once the form changes.
    preview.reset();
    request.reset();
  };
  const body = (): CaseloadTransferRequest => ({ ...values, reason: values.reason.trim() });

  const askPreview = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setTried(true);
    if (!ready) {
      const first = FIELDS.find((f) => own[f]);
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    preview.mutate(body());
  };
  const ask = () =>
    request.mutate(body(), {
      onSuccess: (transfer) => {
        setValues(empty);
        setTried(false);
        preview.reset();
        onDone(
          t('caseload.transfers.requested', { from: transfer.from.name, to: transfer.to.name }),
        );
      },
    });

  const select = (field: 'fromProfessionalId' | 'toProfessionalId', rows: typeof sources) => (
    <FormField
      id={`${id}-${field}`}
      label={t(`caseload.transfers.${field}`)}
      required
      error={errors[field]}
    >
      {(control) => (
        <select {...control} value={values[field]} onChange={(e) => set(field, e.target.value)}>
          <option value="">{t('caseload.form.choose')}</option>
          {rows.map((r) => (
            <option key={r.professional.id} value={r.professional.id}>
              {r.professional.name}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
  return (
    <form className="form" onSubmit={askPreview} noValidate aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="section-title">
        {t('caseload.transfers.formTitle')}
      </h3>
      <p className="muted">{t('caseload.transfers.lead')}</p>
      <ErrorAlert error={failed} shownByFields={Object.keys(refused)} />
      {select('fromProfessionalId', sources)}
      {select('toProfessionalId', receivers)}
      <fieldset className={fieldCss.fieldset}>
        <legend>{t('caseload.transfers.caseFiles')}</legend>
        <div className={fieldCss.radioRow}>
          {(['open_and_closed', 'open_only'] as const).map((choice) => (
            <label key={choice} className={cx(fieldCss.checkbox, 'checkbox')}>
              <input
                type="radio"
                name={`${id}-caseFiles`}
                checked={values.caseFiles === choice}
                onChange={() => set('caseFiles', choice)}
              />
              <span>{t(`caseload.transfers.caseFilesChoice.${choice}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>
      {(['persons', 'agenda'] as const).map((field) => (
        <label key={field} className={cx(fieldCss.checkbox, 'checkbox')}>
          <input
            type="checkbox"
            checked={values[field]}
            onChange={(e) => set(field, e.target.checked)}
          />
          <span>{t(`caseload.transfers.${field}`)}</span>
        </label>
      ))}
      <FormField
        id={`${id}-reason`}
        label={t('caseload.transfers.reason')}
        hint={t('caseload.transfers.reasonHint')}
        required
        error={errors.reason}
      >
        {(control) => (
          <textarea
            {...control}
            rows={3}
            value={values.reason}
            onChange={(e) => set('reason', e.target.value)}
          />
        )}
      </FormField>
      {preview.data && (
        <section aria-labelledby={`${id}-preview`}>
          <h4 id={`${id}-preview`}>{t('caseload.transfers.willMove')}</h4>
          <TransferPreviewLines preview={preview.data} />
        </section>
      )}
      <div className={fieldCss.formActions}>
        <Button type="submit" variant={preview.data ? 'secondary' : 'primary'}>
          {preview.isPending ? t('caseload.transfers.previewing') : t('caseload.transfers.preview')}
        </Button>
        {preview.data?.ready && (
          <Button type="button" disabled={request.isPending} onClick={ask}>
            {request.isPending ? t('forms.saving') : t('caseload.transfers.request')}
          </Button>
        )}
      </div>
    </form>
  );
}
