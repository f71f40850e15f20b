import type { ReactNode } from 'react';
import { cx } from '@/lib/cx';
import styles from './form-field.module.css';

/** What a form control needs to be tied to its label, hint and error. */
export type ControlProps = {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
  'aria-required': true | undefined;
};

type FormFieldProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  /** Ids of other elements that describe the control (a list of rules, for instance). */
  describedBy?: string;
  className?: string;
  children: (control: ControlProps) => ReactNode;
};

/**
 * A labelled form field: its hint and its error sit next to the control and are tied to it with
 * aria-describedby, so that a screen reader reads them with the field.
 */
export function FormField({
  id,
  label,
  hint,
  error,
  required = false,
  describedBy,
  className,
  children,
}: FormFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const control: ControlProps = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': [hintId, describedBy, errorId].filter(Boolean).join(' ') || undefined,
    'aria-required': required ? true : undefined,
  };
  return (
    <div className={cx('field', styles.field, className)}>
      <label htmlFor={id}>
        {label}
        {required && (
          <span className={styles.fieldRequired} aria-hidden="true">
            *
          </span>
        )}
      </label>
      {hint && (
        <p id={hintId} className={cx(styles.fieldHint, 'field__hint')}>
          {hint}
        </p>
      )}
      {children(control)}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </div>
  );
}

type FieldGroupProps = {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  className?: string;
  children: ReactNode;
};

/** A group of checkboxes or radio buttons under one legend, with its hint and error. */
export function FieldGroup({
  id,
  legend,
  hint,
  error,
  required = false,
  className,
  children,
}: FieldGroupProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  return (
    <fieldset
      id={id}
      className={cx(styles.fieldset, className)}
      aria-describedby={[hintId, errorId].filter(Boolean).join(' ') || undefined}
      tabIndex={-1}
    >
      <legend>
        {legend}
        {required && (
          <span className={styles.fieldRequired} aria-hidden="true">
            *
          </span>
        )}
      </legend>
      {hint && (
        <p id={hintId} className={cx(styles.fieldHint, 'field__hint')}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
    </fieldset>
  );
}
