import { useEffect, useRef } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '@/lib/api-client';
import { cx } from '@/lib/cx';
import { Button } from './button';
import styles from './alert.module.css';

export type AlertTone = 'error' | 'info' | 'success' | 'warning';

const TONES: Record<AlertTone, string | undefined> = {
  error: styles.alertError,
  info: styles.alertInfo,
  success: styles.alertSuccess,
  warning: styles.alertWarning,
};

/** The classes of an alert box, for an element that is one (a paragraph, a list). */
export function alertClass(tone: AlertTone, extra?: string) {
  return cx(styles.alert, TONES[tone], extra);
}

/** An alert's first line, in bold. */
export const alertTitleClass = styles.alertTitle;
/** An alert's list of details. */
export const alertListClass = styles.alertList;

type NoticeProps = {
  children: ReactNode;
  tone?: AlertTone;
  /** Take the focus when it shows, so that it is read at once (after a save). */
  focus?: boolean;
};

/** A short message about what just happened ("Saved."), read out as a status. */
export function Notice({ children, tone = 'success', focus = true }: NoticeProps) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (focus) ref.current?.focus();
  }, [focus]);
  return (
    <p ref={ref} tabIndex={-1} role="status" className={alertClass(tone)}>
      {children}
    </p>
  );
}

type ErrorAlertProps = {
  error: Error | null;
  /** Take the focus when a new error shows (after a submit), so that it is read at once. */
  focus?: boolean;
  /** Leave out the details about these fields: they are shown next to the fields themselves. */
  shownByFields?: readonly string[];
  /** Offer to try again (a failed read). */
  onRetry?: (() => void) | undefined;
  /** A small "try again" button (inside a page's section rather than in place of the page). */
  smallRetry?: boolean;
};

/**
 * A refusal in words: the API's translated message and, below it, the details that no field on
 * screen shows; a way to try again when the caller offers one.
 */
export function ErrorAlert({
  error,
  focus = true,
  shownByFields = [],
  onRetry,
  smallRetry = false,
}: ErrorAlertProps) {
  const { t } = useTranslation();
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
    <div ref={ref} role="alert" tabIndex={focus ? -1 : undefined} className={alertClass('error')}>
      <p className={styles.alertTitle}>{error.message}</p>
      {details.length > 0 && (
        <ul className={styles.alertList}>
          {details.map((detail, index) => (
            <li key={`${detail.field ?? ''}-${index}`}>{detail.message}</li>
          ))}
        </ul>
      )}
      {onRetry && (
        <Button variant="secondary" small={smallRetry} onClick={onRetry}>
          {t('common.retry')}
        </Button>
      )}
    </div>
  );
}
