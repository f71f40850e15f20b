import type { ReactNode } from 'react';
import { FormField } from '@/components/ui/form-field';
import fieldCss from '@/components/ui/form-field.module.css';
import { cx } from '@/lib/cx';

export type Option = { value: string; label: string };

type Common = {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  className?: string;
  onBlur?: () => void;
};

/** A labelled choice; `empty` is the first option ('' for none), left out when not given. */
export function SelectField({
  value,
  options,
  empty,
  onChange,
  disabled,
  ...field
}: Common & {
  value: string;
  options: readonly Option[];
  empty?: string;
  onChange: (value: string) => void;
  disabled?: boolean;
}) {
  return (
    <FormField {...field}>
      {(control) => (
        <select
          {...control}
          name={field.name}
          value={value}
          disabled={disabled}
          onChange={(event) => onChange(event.target.value)}
          onBlur={field.onBlur}
        >
          {empty !== undefined && <option value="">{empty}</option>}
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

/** A labelled single-line input. */
export function InputField({
  value,
  onChange,
  type = 'text',
  inputMode,
  min,
  max,
  maxLength,
  ...field
}: Common & {
  value: string;
  onChange: (value: string) => void;
  maxLength?: number;
  type?: 'text' | 'date' | 'number';
  inputMode?: 'numeric' | 'decimal' | 'text';
  min?: string;
  max?: string;
}) {
  return (
    <FormField {...field}>
      {(control) => (
        <input
          {...control}
          name={field.name}
          type={type}
          inputMode={inputMode}
          autoComplete="off"
          min={min}
          max={max}
          maxLength={maxLength}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onBlur={field.onBlur}
        />
      )}
    </FormField>
  );
}

/** A labelled text area (notes, reasons), `rows` lines high to begin with. */
export function TextAreaField({
  value,
  onChange,
  rows = 4,
  maxLength,
  ...field
}: Common & {
  value: string;
  onChange: (value: string) => void;
  rows?: number;
  maxLength?: number;
}) {
  return (
    <FormField {...field}>
      {(control) => (
        <textarea
          {...control}
          name={field.name}
          rows={rows}
          maxLength={maxLength}
          value={value}
          onChange={(event) => onChange(event.target.value)}
          onBlur={field.onBlur}
        />
      )}
    </FormField>
  );
}

/** A labelled checkbox (a yes or no), its hint under it. */
export function CheckboxField({
  id,
  name,
  label,
  hint,
  checked,
  onChange,
}: {
  id: string;
  name: string;
  label: ReactNode;
  hint?: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const hintId = hint ? `${id}-hint` : undefined;
  return (
    <div className={cx('field', fieldCss.field)}>
      <label className={cx(fieldCss.checkbox, 'checkbox')}>
        <input
          id={id}
          type="checkbox"
          name={name}
          checked={checked}
          aria-describedby={hintId}
          onChange={(event) => onChange(event.target.checked)}
        />
        <span>{label}</span>
      </label>
      {hint && (
        <p id={hintId} className={cx(fieldCss.fieldHint, fieldCss.checkboxHint, 'field__hint')}>
          {hint}
        </p>
      )}
    </div>
  );
}
