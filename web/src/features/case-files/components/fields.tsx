import type { ReactNode } from 'react';
import { FormField } from '@/components/ui/form-field';

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
  ...field
}: Common & {
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'date' | 'number';
  inputMode?: 'numeric' | 'text';
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
