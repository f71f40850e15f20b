import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '@caliu/common';
import { ErrorAlert } from '@/components/ui/alert';
import { FormActions } from '@/components/ui/button';
import { useValidation } from '@/lib/use-validation';
import { useCloseCaseFile } from '../api/close-case-file';
import { useCatalogue } from '../api/get-catalogue';
import { useReopenCaseFile } from '../api/reopen-case-file';
import { refusedFields, stillRefused } from '../refusals';
import { CLOSE_FIELDS, closeBody, closeProblems, reopenProblems } from '../validation';
import type { CloseValues } from '../validation';
import { SelectField, TextAreaField } from './fields';
import { FormDialog } from '@/components/ui/form-dialog';

type DialogProps = {
  caseFile: CaseFile;
  open: boolean;
  onDismiss: () => void;
  onDone: () => void;
};

/** The longest note or reason the API keeps with a closing or a reopening. */
const REASON_MAX = 2000;

/** Closing: a reason from the entity's catalogue and, if wanted, a note. */
export function CloseDialog({ caseFile, open, onDismiss, onDone }: DialogProps) {
  const { t } = useTranslation();
  return (
    <FormDialog
      open={open}
      title={t('caseFiles.close.title', { number: caseFile.number })}
      lead={<p>{t('caseFiles.close.lead')}</p>}
      onDismiss={onDismiss}
    >
      <CloseForm caseFile={caseFile} onDismiss={onDismiss} onDone={onDone} />
    </FormDialog>
  );
}

function CloseForm({ caseFile, onDismiss, onDone }: Omit<DialogProps, 'open'>) {
  const { t } = useTranslation();
  const id = useId();
  const reasons = useCatalogue('closing_reason');
  const close = useCloseCaseFile();
  const [values, setValues] = useState<CloseValues>({ reasonId: '', note: '' });
  const [sent, setSent] = useState<CloseValues | null>(null);
  const own = Object.fromEntries(
    Object.entries(closeProblems(values)).map(([field, problem]) => [
      field,
      t(`caseFiles.validation.${problem}`),
    ]),
  );
  const validation = useValidation(CLOSE_FIELDS, own);
  const refused = stillRefused(refusedFields(close.error, CLOSE_FIELDS), sent, values);
  const errors = { ...refused, ...validation.shown };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = validation.attempt();
    if (first) {
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    setSent(values);
    close.mutate({ id: caseFile.id, ...closeBody(values) }, { onSuccess: onDone });
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorAlert
        error={close.error}
        focus={Object.keys(refused).length === 0}
        shownByFields={Object.keys(refused)}
      />
      <SelectField
        id={`${id}-reasonId`}
        name="reasonId"
        label={t('caseFiles.close.reason')}
        required
        error={errors.reasonId}
        value={values.reasonId}
        empty={reasons.isPending ? t('common.loading') : t('caseFiles.choose')}
        options={(reasons.data ?? [])
          .filter((item) => item.active)
          .map((item) => ({ value: item.id, label: item.label }))}
        onChange={(reasonId) => setValues((current) => ({ ...current, reasonId }))}
        onBlur={() => validation.touch('reasonId')}
      />
      <ErrorAlert error={reasons.error} focus={false} onRetry={() => void reasons.refetch()} />
      <TextAreaField
        id={`${id}-note`}
        name="note"
        label={t('caseFiles.close.note')}
        hint={t('caseFiles.close.noteHint')}
        error={errors.note}
        value={values.note}
        maxLength={REASON_MAX}
        onChange={(note) => setValues((current) => ({ ...current, note }))}
        onBlur={() => validation.touch('note')}
      />
      <FormActions
        submitLabel={t('caseFiles.close.submit')}
        pending={close.isPending}
        onCancel={onDismiss}
      />
    </form>
  );
}

/** Reopening: why, in the professional's words (kept in the timeline). */
export function ReopenDialog({ caseFile, open, onDismiss, onDone }: DialogProps) {
  const { t } = useTranslation();
  return (
    <FormDialog
      open={open}
      title={t('caseFiles.reopen.title', { number: caseFile.number })}
      lead={<p>{t('caseFiles.reopen.lead')}</p>}
      onDismiss={onDismiss}
    >
      <ReopenForm caseFile={caseFile} onDismiss={onDismiss} onDone={onDone} />
    </FormDialog>
  );
}

function ReopenForm({ caseFile, onDismiss, onDone }: Omit<DialogProps, 'open'>) {
  const { t } = useTranslation();
  const id = useId();
  const reopen = useReopenCaseFile();
  const [reason, setReason] = useState('');
  const [sent, setSent] = useState<{ reason: string } | null>(null);
  const problem = reopenProblems({ reason }).reason;
  const validation = useValidation(['reason'] as const, {
    reason: problem ? t(`caseFiles.validation.${problem}`) : undefined,
  });
  const refused = stillRefused(refusedFields(reopen.error, ['reason']), sent, { reason });
  const errors = { ...refused, ...validation.shown };
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (validation.attempt()) {
      document.getElementById(`${id}-reason`)?.focus();
      return;
    }
    setSent({ reason });
    reopen.mutate({ id: caseFile.id, reason }, { onSuccess: onDone });
  };
  return (
    <form className="form" onSubmit={submit} noValidate>
      <ErrorAlert
        error={reopen.error}
        focus={Object.keys(refused).length === 0}
        shownByFields={Object.keys(refused)}
      />
      <TextAreaField
        id={`${id}-reason`}
        name="reason"
        label={t('caseFiles.reopen.reason')}
        hint={t('caseFiles.reopen.reasonHint')}
        required
        error={errors.reason}
        value={reason}
        maxLength={REASON_MAX}
        onChange={setReason}
        onBlur={() => validation.touch('reason')}
      />
      <FormActions
        submitLabel={t('caseFiles.reopen.submit')}
        pending={reopen.isPending}
        onCancel={onDismiss}
      />
    </form>
  );
}
