import { useCallback, useId, useState } from 'react';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@/components/ui/alert';
import { FormActions } from '@/components/ui/button';
import { FormDraftNotices } from '@/components/ui/form-draft';
import fieldCss from '@/components/ui/form-field.module.css';
import { cx } from '@/lib/cx';
import { useDraftedForm } from '@/lib/use-form-draft';
import type { FormDraft } from '@/lib/use-form-draft';
import { useValidation } from '@/lib/use-validation';
import type { FieldErrors } from '@/lib/form-errors';
import { isContentProblem } from '../content-validation';
import type { ContentProblem } from '../content-validation';
import { refusedFields, stillRefused } from '../refusals';

type StringKeys<V> = { [K in keyof V]: V[K] extends string ? K : never }[keyof V];

/** What a kind's fields get to show and change the form's values. */
export type FormApi<V, F extends string> = {
  values: V;
  set: <K extends keyof V>(field: K, value: V[K]) => void;
  /** What a text, date or choice field takes: its id, name, value, error and handlers. */
  bind: <K extends F & StringKeys<V>>(
    field: K,
  ) => {
    id: string;
    name: K;
    value: string;
    error: string | undefined;
    onChange: (value: string) => void;
    onBlur: () => void;
  };
  id: (field: F) => string;
  error: (field: F) => string | undefined;
  mode: 'create' | 'edit';
};

/** The request a form sends, and how it went. */
export type Sending<V> = {
  send: (values: V) => Promise<unknown>;
  error: Error | null;
  pending: boolean;
  reset: () => void;
};

type CommonProps<V, F extends string> = {
  /** What names the form: its section's heading (an id), or its dialog's title (the words). */
  labelledBy?: string;
  label?: string;
  initial: V;
  fields: readonly F[];
  /** The form's own problems, in words (useProblemWords), checked as the user types. */
  problems: (values: V) => FieldErrors;
  sending: Sending<V>;
  submitLabel: (values: V) => string;
  pendingLabel: string;
  onDone: () => void;
  children: (form: FormApi<V, F>) => ReactNode;
  /** Say that the starred fields are required (not when there are no fields to fill). */
  requiredNote?: boolean;
  /** A hook for the browser tests. */
  className?: string;
};

export type ContentFormProps<V, F extends string> = CommonProps<V, F> &
  (
    | { mode: 'create'; /** Names the draft kept of it. */ draftKey: string }
    | { mode: 'edit'; onCancel: () => void }
  );

/**
 * A form of the case file's content (an intervention, a demand, a problem, a resource, a
 * procedure, a resource's change of state): its own checks as the user types, the server's
 * refusal next to the fields it is about (the municipality rule on the person), and its buttons.
 * A new entry's form keeps what is typed as an encrypted draft until it is saved
 * (lib/use-form-draft): a reload or an expired session loses nothing. An edit, in a dialog,
 * starts from the entry.
 */
export function ContentForm<V extends object, F extends keyof V & string>(
  props: ContentFormProps<V, F>,
) {
  return props.mode === 'create' ? <DraftedForm {...props} /> : <EditForm {...props} />;
}

type Holder<V> = {
  values: V;
  set: <K extends keyof V>(field: K, value: V[K]) => void;
  dirty: boolean;
  draft: FormDraft<V> | null;
  /** Cancel: back to the values it opened with (a new entry), or the dialog goes (an edit). */
  cancel: () => void;
  save: <R>(work: () => Promise<R>) => Promise<R>;
};

function DraftedForm<V extends object, F extends keyof V & string>({
  draftKey,
  ...props
}: CommonProps<V, F> & { draftKey: string }) {
  const { values, set, dirty, draft, cancel, save } = useDraftedForm<V>(draftKey, props.initial);
  return <FormBody {...props} mode="create" holder={{ values, set, dirty, draft, cancel, save }} />;
}

function EditForm<V extends object, F extends keyof V & string>({
  onCancel,
  ...props
}: CommonProps<V, F> & { onCancel: () => void }) {
  const [values, setValues] = useState(props.initial);
  const set = useCallback(
    <K extends keyof V>(field: K, value: V[K]) =>
      setValues((current) => ({ ...current, [field]: value })),
    [],
  );
  const holder: Holder<V> = {
    values,
    set,
    dirty: JSON.stringify(values) !== JSON.stringify(props.initial),
    draft: null,
    cancel: onCancel,
    save: (work) => work(),
  };
  return <FormBody {...props} mode="edit" holder={holder} />;
}

function FormBody<V extends object, F extends keyof V & string>({
  labelledBy,
  label,
  fields,
  problems,
  sending,
  submitLabel,
  pendingLabel,
  onDone,
  children,
  mode,
  holder,
  requiredNote = true,
  className,
}: CommonProps<V, F> & { mode: 'create' | 'edit'; holder: Holder<V> }) {
  const { t } = useTranslation();
  const id = useId();
  const { values, set, dirty, draft, cancel, save } = holder;
  const [sent, setSent] = useState<V | null>(null);
  const own = problems(values);
  const validation = useValidation(fields, own);
  const refused = stillRefused(refusedFields(sending.error, fields), sent, values);
  const errors = { ...refused, ...validation.shown };
  const fieldId = (field: F) => `${id}-${field}`;
  const focus = (field: F) => document.getElementById(fieldId(field))?.focus();

  const form: FormApi<V, F> = {
    values,
    set,
    bind: (field) => ({
      id: fieldId(field),
      name: field,
      value: values[field] as string,
      error: errors[field],
      onChange: (value: string) => set(field, value as V[typeof field]),
      onBlur: () => validation.touch(field),
    }),
    id: fieldId,
    error: (field) => errors[field],
    mode,
  };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = validation.attempt();
    if (first) {
      sending.reset();
      focus(first);
      return;
    }
    setSent(values);
    save(async () => {
      await sending.send(values);
      onDone();
    }).catch((refusal: unknown) => {
      // The refusal shows through `sending.error`; everything typed stays.
      const byField = refusedFields(refusal, fields);
      const field = fields.find((f) => byField[f]);
      if (field) focus(field);
    });
  };

  return (
    <form
      className={cx('form', className)}
      aria-labelledby={labelledBy}
      aria-label={label}
      onSubmit={submit}
      noValidate
    >
      {draft && <FormDraftNotices draft={draft} />}
      <ErrorAlert
        error={sending.error}
        focus={Object.keys(refused).length === 0}
        shownByFields={Object.keys(refused)}
      />
      {requiredNote && (
        <p className={cx(fieldCss.formRequiredNote, 'muted')}>{t('forms.requiredNote')}</p>
      )}
      {children(form)}
      <FormActions
        submitLabel={submitLabel(values)}
        pending={sending.pending}
        pendingLabel={pendingLabel}
        onCancel={() => {
          sending.reset();
          validation.reset();
          cancel();
        }}
        cancelDisabled={mode === 'create' && !dirty}
      />
    </form>
  );
}

/** A form's own problems in words: `caseContent.validation`, or `caseFiles.validation`. */
export function useProblemWords() {
  const { t } = useTranslation();
  const words = (problem: ContentProblem) =>
    isContentProblem(problem)
      ? t(`caseContent.validation.${problem}`)
      : t(`caseFiles.validation.${problem}`);
  return (problems: Partial<Record<string, ContentProblem>>): FieldErrors =>
    Object.fromEntries(
      Object.entries(problems).map(([field, problem]) => [field, problem && words(problem)]),
    );
}
