import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Municipality } from '@caliu/common';
import { ErrorAlert } from '@/components/error-alert';
import { FormField } from '@/components/form-field';
import { ApiError } from '@/lib/api-client';
import type { FieldErrors } from '@/lib/form-errors';
import { serverFieldErrors } from '@/lib/form-errors';
import { useValidation } from '@/lib/use-validation';
import { useCreateMunicipality } from '../api/create-municipality';
import { useUpdateMunicipality } from '../api/update-municipality';

const FIELDS = ['name', 'ineCode'] as const;

type MunicipalityFormProps = {
  /** The municipality being edited; none: a new one. */
  editing: Municipality | null;
  onSaved: (municipality: Municipality) => void;
  onCancel: () => void;
};

/** The server's refusal by field: a name already used is about the name. */
export function refusalByField(error: Error | null): FieldErrors {
  const errors = serverFieldErrors(error);
  if (error instanceof ApiError && error.code === 'organization.name_taken') {
    errors.name = error.message;
  }
  return errors;
}

/** Add or edit a municipality: its name and, optionally, its INE code. */
export function MunicipalityForm({ editing, onSaved, onCancel }: MunicipalityFormProps) {
  const { t } = useTranslation();
  const create = useCreateMunicipality();
  const update = useUpdateMunicipality();
  const save = editing ? update : create;
  const id = useId();
  const [name, setName] = useState(editing?.name ?? '');
  const [ineCode, setIneCode] = useState(editing?.ineCode ?? '');
  const headingRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (editing) headingRef.current?.focus();
  }, [editing]);

  const problems: FieldErrors = {};
  if (!name.trim()) problems.name = t('forms.required');
  if (ineCode.trim() && !/^\d{5,6}$/.test(ineCode.trim())) {
    problems.ineCode = t('organization.municipalities.errors.ineCode');
  }
  const validation = useValidation(FIELDS, problems);
  const errors = { ...refusalByField(save.error), ...validation.shown };

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const first = validation.attempt();
    if (first) {
      save.reset();
      document.getElementById(`${id}-${first}`)?.focus();
      return;
    }
    const input = { name: name.trim(), ineCode: ineCode.trim() || null };
    const done = { onSuccess: onSaved };
    if (editing) update.mutate({ id: editing.id, ...input }, done);
    else create.mutate(input, done);
  };

  return (
    <form
      className="card form inline-form"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <h2 id={`${id}-title`} ref={headingRef} className="section-title" tabIndex={-1}>
        {editing
          ? t('organization.municipalities.editTitle', { name: editing.name })
          : t('organization.municipalities.newTitle')}
      </h2>
      <ErrorAlert error={save.error} shownByFields={['name', 'ineCode']} />
      <div className="form__row">
        <FormField
          id={`${id}-name`}
          label={t('organization.municipalities.name')}
          error={errors.name}
          required
        >
          {(control) => (
            <input
              {...control}
              name="name"
              type="text"
              value={name}
              onChange={(event) => setName(event.target.value)}
              onBlur={() => validation.touch('name')}
            />
          )}
        </FormField>
        <FormField
          id={`${id}-ineCode`}
          label={t('organization.municipalities.ineCode')}
          hint={t('organization.municipalities.ineCodeHint')}
          error={errors.ineCode}
        >
          {(control) => (
            <input
              {...control}
              name="ineCode"
              type="text"
              inputMode="numeric"
              value={ineCode}
              onChange={(event) => setIneCode(event.target.value)}
              onBlur={() => validation.touch('ineCode')}
            />
          )}
        </FormField>
      </div>
      <div className="form__actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending
            ? t('forms.saving')
            : editing
              ? t('forms.save')
              : t('organization.municipalities.add')}
        </button>
        {editing && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            {t('forms.cancel')}
          </button>
        )}
      </div>
    </form>
  );
}
