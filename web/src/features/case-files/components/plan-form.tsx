import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DESCRIPTION_MAX } from '@caliu/common';
import type { CaseFile, Plan } from '@caliu/common';
import { ErrorAlert, alertClass, alertTitleClass } from '@/components/ui/alert';
import { Button, FormActions } from '@/components/ui/button';
import { FormDraftNotices } from '@/components/ui/form-draft';
import fieldCss from '@/components/ui/form-field.module.css';
import { ApiError } from '@/lib/api-client';
import { useCurrentUser } from '@/lib/auth';
import { todayIn } from '@/lib/calendar';
import { cx } from '@/lib/cx';
import type { FieldErrors } from '@/lib/form-errors';
import { useDraftedForm } from '@/lib/use-form-draft';
import { useValidation } from '@/lib/use-validation';
import { useCreatePlan } from '../api/plan-create';
import { useUpdatePlan } from '../api/plan-update';
import {
  fieldOfPath,
  newPlanValues,
  planBody,
  planFieldOrder,
  planProblems,
  planValuesOf,
  valueAt,
} from '../plan-values';
import type { PlanBody, PlanValues } from '../plan-values';
import { InputField, TextAreaField } from './fields';
import { PlanActionRows } from './plan-action-rows';
import type { RowsBinding } from './plan-action-rows';
import { PlanReviewRows } from './plan-review-rows';
import styles from '../plans.module.css';

type PlanFormProps = {
  caseFile: CaseFile;
  /** The plan being edited; none to start one. */
  plan?: Plan;
  onSaved: () => void;
  onCancel: () => void;
  /** Reads the plans again (after someone else changed this one). */
  onReload: () => Promise<unknown>;
  /** The id of the heading that names the form. */
  labelledBy: string;
};

/** The server's refusal by field of the form, for what was sent (`sent` maps rows to keys). */
function refusedFields(error: unknown, sent: PlanBody | null): FieldErrors {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiError) || !sent) return errors;
  for (const detail of error.details) {
    const field = detail.field ? fieldOfPath(detail.field.split('.'), sent) : undefined;
    if (field && !errors[field]) errors[field] = detail.message;
  }
  return errors;
}

/**
 * Starting or editing an intervention plan: the start date (today unless told), the objectives,
 * the agreed actions (what, who, by when, done), the review dates (held, with notes) and whether
 * the person signed it. Kept as an encrypted draft in this browser until it is saved.
 */
export function PlanForm({
  caseFile,
  plan,
  onSaved,
  onCancel,
  onReload,
  labelledBy,
}: PlanFormProps) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const id = useId();
  const today = todayIn(me.entity.timeZone);
  const { values, set, draft, cancel, save } = useDraftedForm<PlanValues>(
    plan ? `plan:${plan.id}` : `plan:new:${caseFile.id}`,
    () => (plan ? planValuesOf(plan) : newPlanValues(today)),
  );
  const create = useCreatePlan();
  const update = useUpdatePlan();
  const mutation = plan ? update : create;
  const [sent, setSent] = useState<{ values: PlanValues; body: PlanBody } | null>(null);
  const [reloaded, setReloaded] = useState(false);

  const order = planFieldOrder(values);
  const own = Object.fromEntries(
    Object.entries(planProblems(values, { today })).map(([field, problem]) => [
      field,
      t(`plans.validation.${problem ?? 'invalid'}`),
    ]),
  );
  const validation = useValidation(order, own);
  // A refusal about a field stays until that field changes.
  const refused = Object.fromEntries(
    Object.entries(refusedFields(mutation.error, sent?.body ?? null)).filter(
      ([field]) =>
        sent &&
        JSON.stringify(valueAt(sent.values, field)) === JSON.stringify(valueAt(values, field)),
    ),
  );
  const errors = { ...refused, ...validation.shown };
  const stale = mutation.error instanceof ApiError && mutation.error.status === 409;
  const domId = (field: string) => `${id}-${field.replaceAll('.', '-')}`;
  const focus = (field: string) => document.getElementById(domId(field))?.focus();
  const rows: RowsBinding = { idOf: domId, errors, touch: validation.touch };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = validation.attempt();
    if (first) {
      mutation.reset();
      focus(first);
      return;
    }
    const body = planBody(values);
    setSent({ values, body });
    setReloaded(false);
    save(async () => {
      if (plan) {
        await update.mutateAsync({
          caseFileId: caseFile.id,
          planId: plan.id,
          version: plan.version,
          ...body.body,
        });
      } else {
        await create.mutateAsync({ caseFileId: caseFile.id, ...body.body });
      }
      onSaved();
    }).catch((refusal: unknown) => {
      // The refusal shows through the mutation's error; everything typed stays, with its draft.
      const byField = refusedFields(refusal, body);
      const field = planFieldOrder(values).find((f) => byField[f]);
      if (field) focus(field);
    });
  };

  const who = [
    ...caseFile.members.map((member) => member.person.name),
    `${me.givenName} ${me.surnames}`,
    ...caseFile.assigned.map((p) => p.name),
    ...(caseFile.referent ? [caseFile.referent.name] : []),
  ].filter((name, index, all) => all.indexOf(name) === index);

  return (
    <form
      className={cx('form', 'plan-form', styles.planForm)}
      onSubmit={submit}
      noValidate
      aria-labelledby={labelledBy}
    >
      <FormDraftNotices draft={draft} />
      {stale ? (
        <div role="alert" tabIndex={-1} className={alertClass('warning')}>
          <p className={alertTitleClass}>{mutation.error?.message}</p>
          <p>{t('plans.form.staleKept')}</p>
          <Button
            variant="secondary"
            onClick={() =>
              void onReload().then(() => {
                mutation.reset();
                setReloaded(true);
              })
            }
          >
            {t('plans.form.reload')}
          </Button>
        </div>
      ) : (
        <ErrorAlert
          error={mutation.error}
          focus={Object.keys(refused).length === 0}
          shownByFields={Object.keys(refused).map((field) => field.split('.')[0] ?? field)}
        />
      )}
      {reloaded && (
        <p role="status" className={alertClass('info')}>
          {t('plans.form.reloaded')}
        </p>
      )}
      <p className={cx(fieldCss.formRequiredNote, 'muted')}>{t('forms.requiredNote')}</p>
      <div className={fieldCss.formRow}>
        <InputField
          id={domId('startedOn')}
          name="startedOn"
          type="date"
          label={t('plans.form.startedOn')}
          required
          error={errors.startedOn}
          value={values.startedOn}
          onChange={(value) => set('startedOn', value)}
          onBlur={() => validation.touch('startedOn')}
        />
        <div className={cx(fieldCss.field, 'field', styles.planSigned)}>
          <label className={cx(fieldCss.checkbox, 'checkbox')} htmlFor={domId('signedByPerson')}>
            <input
              id={domId('signedByPerson')}
              name="signedByPerson"
              type="checkbox"
              checked={values.signedByPerson}
              aria-describedby={`${domId('signedByPerson')}-hint`}
              onChange={(event) => set('signedByPerson', event.target.checked)}
            />
            <span>{t('plans.form.signed')}</span>
          </label>
          <p
            id={`${domId('signedByPerson')}-hint`}
            className={cx(fieldCss.fieldHint, fieldCss.checkboxHint, 'field__hint')}
          >
            {t('plans.form.signedHint')}
          </p>
        </div>
      </div>
      <TextAreaField
        id={domId('objectives')}
        name="objectives"
        label={t('plans.form.objectives')}
        hint={t('plans.form.objectivesHint')}
        required
        rows={5}
        maxLength={DESCRIPTION_MAX}
        error={errors.objectives}
        value={values.objectives}
        onChange={(value) => set('objectives', value)}
        onBlur={() => validation.touch('objectives')}
      />
      <PlanActionRows
        rows={values.actions}
        onChange={(actions) => set('actions', actions)}
        form={rows}
        who={who}
      />
      <PlanReviewRows
        rows={values.reviews}
        onChange={(reviews) => set('reviews', reviews)}
        form={rows}
        today={today}
      />
      <FormActions
        submitLabel={t('plans.form.submit')}
        pending={mutation.isPending}
        pendingLabel={t('plans.form.submitting')}
        onCancel={() => {
          mutation.reset();
          validation.reset();
          cancel();
          onCancel();
        }}
      />
    </form>
  );
}
