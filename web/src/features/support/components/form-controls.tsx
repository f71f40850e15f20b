import type { ReactNode } from 'react';
import { FieldGroup, FormField } from '@/components/ui/form-field';
import styles from '../support.module.css';

type Common = {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
};

/** A one-line text field tied to its label, hint and error. */
export function TextInput({
  value,
  onChange,
  onBlur,
  type = 'text',
  autoComplete = 'off',
  ...field
}: Common & {
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  type?: 'text' | 'email';
  autoComplete?: string;
}) {
  return (
    <FormField {...field}>
      {(control) => (
        <input
          {...control}
          type={type}
          autoComplete={autoComplete}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
        />
      )}
    </FormField>
  );
}

/** A text area tied to its label, hint and error. */
export function TextArea({
  value,
  onChange,
  onBlur,
  rows = 3,
  ...field
}: Common & {
  value: string;
  onChange: (value: string) => void;
  onBlur: () => void;
  rows?: number;
}) {
  return (
    <FormField {...field}>
      {(control) => (
        <textarea
          {...control}
          rows={rows}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          onBlur={onBlur}
        />
      )}
    </FormField>
  );
}

/** A choice of one among a few, as radio buttons under a legend. */
export function RadioGroup<V extends string>({
  id,
  label,
  hint,
  error,
  required = true,
  options,
  value,
  onChange,
}: Common & {
  options: readonly { value: V; label: string }[];
  value: V | '' | null;
  onChange: (value: V) => void;
}) {
  return (
    <FieldGroup id={id} legend={label} hint={hint} error={error} required={required}>
      <div className={styles.choices}>
        {options.map((option) => (
          <label key={option.value} className={styles.choice}>
            <input
              type="radio"
              name={id}
              value={option.value}
              checked={value === option.value}
              onChange={() => onChange(option.value)}
            />
            {option.label}
          </label>
        ))}
      </div>
    </FieldGroup>
  );
}

/** One checkbox with its label, its hint and error tied to it. */
export function CheckboxField({
  id,
  label,
  hint,
  error,
  checked,
  onChange,
}: Common & { checked: boolean; onChange: (checked: boolean) => void }) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field ${styles.checkboxField}`}>
      <label className={styles.choice}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-invalid={error ? true : undefined}
          aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
          onChange={(e) => onChange(e.target.checked)}
        />
        {label}
      </label>
      {hint && (
        <p id={hintId} className="field__hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}
