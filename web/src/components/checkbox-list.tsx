import type { ReactNode } from 'react';
import { FieldGroup } from './ui/form-field';
import { cx } from '@/lib/cx';
import fieldCss from '@/components/ui/form-field.module.css';

export type CheckboxOption = { value: string; label: string; note?: string | undefined };

type CheckboxListProps = {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  options: readonly CheckboxOption[];
  selected: readonly string[];
  onChange: (selected: string[]) => void;
  /** Shown instead of the boxes when there is nothing to choose from. */
  empty?: ReactNode;
  /** A name for the boxes (a test or a form may look them up by it). */
  name?: string;
  /** Shown as they are, not to be changed (the hint says why). */
  disabled?: boolean;
};

/** A multiple choice as a group of checkboxes, in the options' order. */
export function CheckboxList({
  id,
  legend,
  hint,
  error,
  required,
  options,
  selected,
  onChange,
  empty,
  name,
  disabled,
}: CheckboxListProps) {
  const toggle = (value: string, checked: boolean) => {
    const next = new Set(selected);
    if (checked) next.add(value);
    else next.delete(value);
    onChange(options.map((option) => option.value).filter((v) => next.has(v)));
  };
  return (
    <FieldGroup id={id} legend={legend} hint={hint} error={error} required={required}>
      {options.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <ul className={fieldCss.checkboxList}>
          {options.map((option) => (
            <li key={option.value}>
              <label className={cx(fieldCss.checkbox, 'checkbox')}>
                <input
                  type="checkbox"
                  name={name}
                  value={option.value}
                  checked={selected.includes(option.value)}
                  disabled={disabled}
                  aria-invalid={error ? true : undefined}
                  onChange={(event) => toggle(option.value, event.target.checked)}
                />
                <span>
                  {option.label}
                  {option.note && <span className={fieldCss.checkboxNote}>{option.note}</span>}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </FieldGroup>
  );
}
