import type { HTMLAttributes, ReactNode } from 'react';
import { FormField } from '@/components/ui/form-field';
import type { FieldErrors } from '@/lib/form-errors';
import type { PersonField, PersonValues } from '../form-values';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';

/** What the field groups of the person form share: the values, their errors, and setters. */
export type FormBinding = {
  idPrefix: string;
  values: PersonValues;
  errors: FieldErrors;
  set: <K extends PersonField>(field: K, value: PersonValues[K]) => void;
  touch: (field: PersonField) => void;
};

/** The id of a field's control (the first error found is focused by it). */
export const fieldId = (idPrefix: string, field: PersonField) => `${idPrefix}-${field}`;

type StringField = {
  [K in PersonField]: PersonValues[K] extends string ? K : never;
}[PersonField];

type TextFieldProps = {
  form: FormBinding;
  field: StringField;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  type?: 'text' | 'email' | 'tel' | 'date';
  autoComplete?: string;
  inputMode?: HTMLAttributes<HTMLInputElement>['inputMode'];
  /** For codes (documents): no spelling check, capitals. */
  code?: boolean;
  max?: string;
  min?: string;
};

/** A labelled text input bound to one field of the form. */
export function TextField({
  form,
  field,
  label,
  hint,
  required = false,
  type = 'text',
  autoComplete = 'off',
  inputMode,
  code = false,
  max,
  min,
}: TextFieldProps) {
  return (
    <FormField
      id={fieldId(form.idPrefix, field)}
      label={label}
      hint={hint}
      error={form.errors[field]}
      required={required}
    >
      {(control) => (
        <input
          {...control}
          name={field}
          type={type}
          autoComplete={autoComplete}
          inputMode={inputMode}
          spellCheck={code ? false : undefined}
          autoCapitalize={code ? 'characters' : undefined}
          max={max}
          min={min}
          value={form.values[field]}
          onChange={(event) => form.set(field, event.target.value as PersonValues[typeof field])}
          onBlur={() => form.touch(field)}
        />
      )}
    </FormField>
  );
}

export type Option = { value: string; label: string };

type SelectFieldProps = {
  form: FormBinding;
  field: StringField;
  label: string;
  hint?: ReactNode;
  required?: boolean;
  options: readonly Option[];
  /** The first choice, for "none" (its value is ''). */
  empty: string;
  disabled?: boolean;
};

/** A labelled choice bound to one field of the form. */
export function SelectField({
  form,
  field,
  label,
  hint,
  required = false,
  options,
  empty,
  disabled,
}: SelectFieldProps) {
  return (
    <FormField
      id={fieldId(form.idPrefix, field)}
      label={label}
      hint={hint}
      error={form.errors[field]}
      required={required}
    >
      {(control) => (
        <select
          {...control}
          name={field}
          value={form.values[field]}
          disabled={disabled}
          onChange={(event) => form.set(field, event.target.value as PersonValues[typeof field])}
          onBlur={() => form.touch(field)}
        >
          <option value="">{empty}</option>
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </FormField>
  );
}

type CheckboxFieldProps = {
  form: FormBinding;
  field: 'consentSms' | 'consentEmail';
  label: string;
  hint?: string;
};

/** A consent: one checkbox, its hint and its error. */
export function CheckboxField({ form, field, label, hint }: CheckboxFieldProps) {
  const id = fieldId(form.idPrefix, field);
  const error = form.errors[field];
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : '']
    .filter(Boolean)
    .join(' ');
  return (
    <div className={cx(fieldCss.field, 'field')}>
      <label className={cx(fieldCss.checkbox, 'checkbox')} htmlFor={id}>
        <input
          id={id}
          name={field}
          type="checkbox"
          checked={form.values[field]}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy || undefined}
          onChange={(event) => form.set(field, event.target.checked)}
          onBlur={() => form.touch(field)}
        />
        <span>{label}</span>
      </label>
      {hint && (
        <p
          id={`${id}-hint`}
          className={cx(fieldCss.fieldHint, fieldCss.checkboxHint, 'field__hint')}
        >
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
