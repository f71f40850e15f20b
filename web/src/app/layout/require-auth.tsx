import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { LoginLocationState } from '@/features/auth/components/login-page';
import { sessionEndReason, useMe } from '@/lib/auth';
import { buttonClass } from '@/components/ui/button';
import { Loading } from '@/components/ui/query-state';

/** Renders its children for a signed-in user; otherwise sends the user to the sign-in page. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();

  if (me.isPending) {
    return <Loading />;
  }
  if (me.isError) {
    return (
      <main className="login-main">
        <div className="card" role="alert">
          <h1 className="login-card__title">{t('errors.loadFailed')}</h1>
          <p>{me.error.message}</p>
          <button type="button" className={buttonClass()} onClick={() => void me.refetch()}>
            {t('common.retry')}
          </button>
        </div>
      </main>
    );
  }
  if (!me.data) {
    const reason = sessionEndReason();
    const state: LoginLocationState =
      reason === 'signed_out' ? { reason } : { reason, from: location };
    return <Navigate to="/login" replace state={state} />;
  }
  return children;
}
