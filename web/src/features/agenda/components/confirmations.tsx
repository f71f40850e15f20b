import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { alertClass, alertListClass, alertTitleClass } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { ApiError } from '@/lib/api-client';

/** What a write of the agenda may need confirmed before it goes ahead. */
export type Confirmations = { force: boolean; confirmOutsideHours: boolean };
export const NOTHING_CONFIRMED: Confirmations = { force: false, confirmOutsideHours: false };

/** The refusal that a confirmation would overcome, if `error` is one. */
export function confirmationAsked(error: unknown): 'force' | 'confirmOutsideHours' | null {
  if (!(error instanceof ApiError) || error.status !== 409) return null;
  if (error.code === 'agenda.conflict') return 'force';
  if (error.code === 'agenda.outside_hours') return 'confirmOutsideHours';
  return null;
}

/**
 * A booking refused for a reason the user may overrule: the entries it would overlap (the
 * server's sentences, one each), or why the time is outside working hours; and the button that
 * sends it again anyway. Changing the time instead is the other way out (the form stays open).
 */
export function ConfirmationAlert({
  error,
  pending,
  onConfirm,
}: {
  error: ApiError;
  pending: boolean;
  onConfirm: (what: 'force' | 'confirmOutsideHours') => void;
}) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const asked = confirmationAsked(error);
  useEffect(() => ref.current?.focus(), [error]);
  if (!asked) return null;
  return (
    <div ref={ref} role="alert" tabIndex={-1} className={alertClass('warning')}>
      <p className={alertTitleClass}>{error.message}</p>
      {error.details.length > 0 && (
        <ul className={alertListClass}>
          {error.details.map((detail, index) => (
            <li key={index}>{detail.message}</li>
          ))}
        </ul>
      )}
      <p>{t(asked === 'force' ? 'agenda.confirm.conflictHint' : 'agenda.confirm.outsideHint')}</p>
      <Button variant="secondary" disabled={pending} onClick={() => onConfirm(asked)}>
        {t(asked === 'force' ? 'agenda.confirm.bookAnyway' : 'agenda.confirm.outsideAnyway')}
      </Button>
    </div>
  );
}
