import { useEffect, useRef } from 'react';
import { ApiError } from '@/lib/api-client';

type ErrorAlertProps = {
  error: Error | null;
  /** Take the focus when a new error shows (after a submit), so that it is read at once. */
  focus?: boolean;
  /** Leave out the details about these fields: they are shown next to the fields themselves. */
  shownByFields?: readonly string[];
};

/**
 * A refusal in words: the API's translated message and, below it, the details that no field on
 * screen shows.
 */
export function ErrorAlert({ error, focus = true, shownByFields = [] }: ErrorAlertProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error && focus) ref.current?.focus();
  }, [error, focus]);
  if (!error) return null;
  const details =
    error instanceof ApiError
      ? error.details.filter(
          (detail) => !detail.field || !shownByFields.includes(detail.field.split('.')[0] ?? ''),
        )
      : [];
  return (
    <div ref={ref} role="alert" tabIndex={-1} className="alert alert--error">
      <p className="alert__title">{error.message}</p>
      {details.length > 0 && (
        <ul className="alert__list">
          {details.map((detail, index) => (
            <li key={`${detail.field ?? ''}-${index}`}>{detail.message}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
