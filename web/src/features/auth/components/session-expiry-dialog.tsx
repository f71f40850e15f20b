import { useEffect, useId, useRef } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { endSession } from '@/lib/auth';
import { formatCountdown } from '@/lib/format';
import { useKeepAlive } from '../api/keep-alive';
import { useLogout } from '../api/logout';
import { useSessionCountdown } from '../hooks/use-session-countdown';
import { buttonClass } from '@/components/ui/button';
import { alertClass } from '@/components/ui/alert';
import { useModalDialog } from '@/components/ui/dialog';

/**
 * Warns three minutes before the session ends for inactivity, offers to extend it, and ends it
 * on this console when the time is up (the sign-in page then says so).
 */
export function SessionExpiryDialog() {
  const { t } = useTranslation();
  const countdown = useSessionCountdown();
  const queryClient = useQueryClient();
  const keepAlive = useKeepAlive();
  const logout = useLogout();
  const dialogRef = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const open = countdown.phase === 'warning';

  useEffect(() => {
    if (countdown.phase === 'expired') endSession(queryClient, 'expired');
  }, [countdown.phase, queryClient]);

  useModalDialog(dialogRef, open);

  const stay = () => {
    if (countdown.phase === 'warning' && !countdown.final) keepAlive.mutate();
  };

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={bodyId}
      onCancel={(event) => {
        // Escape means "I am here": keep the session rather than leave it to run out.
        event.preventDefault();
        stay();
      }}
    >
      {countdown.phase === 'warning' && (
        <div className="dialog__body">
          <h2 id={titleId} className="dialog__title">
            {t('session.warningTitle')}
          </h2>
          <p id={bodyId}>
            {countdown.final
              ? t('session.finalBody', { time: formatCountdown(countdown.msLeft) })
              : t('session.warningBody', { time: formatCountdown(countdown.msLeft) })}
          </p>
          {keepAlive.error && (
            <p role="alert" className={alertClass('error')}>
              {keepAlive.error.message}
            </p>
          )}
          <div className="dialog__actions">
            {!countdown.final && (
              <button
                type="button"
                className={buttonClass()}
                onClick={stay}
                disabled={keepAlive.isPending}
                autoFocus
              >
                {t('session.stay')}
              </button>
            )}
            <button
              type="button"
              className={buttonClass({ variant: 'secondary' })}
              onClick={() => logout.mutate()}
              disabled={logout.isPending}
            >
              {t('auth.signOut')}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}
