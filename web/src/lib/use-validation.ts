import { useState } from 'react';
import type { FieldErrors } from './form-errors';

/**
 * When to show a form's own checks: a field's problem shows once the user has left the field (or
 * tried to submit), then follows every keystroke, so that it goes away as soon as it is fixed.
 */
export function useValidation<F extends string>(order: readonly F[], problems: FieldErrors) {
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  return {
    /** The problems to show now. */
    shown: Object.fromEntries(
      order
        .filter((field) => problems[field] && (submitted || touched.has(field)))
        .map((field) => [field, problems[field]]),
    ) as FieldErrors,
    /** Marks a field as visited (on blur). */
    touch: (field: F) =>
      setTouched((current) => (current.has(field) ? current : new Set(current).add(field))),
    /** A submit: shows every problem; answers the first field that has one, if any. */
    attempt: (): F | undefined => {
      setSubmitted(true);
      return order.find((field) => problems[field]);
    },
    /** Back to a fresh form (after it was saved). */
    reset: () => {
      setTouched(new Set());
      setSubmitted(false);
    },
  };
}
