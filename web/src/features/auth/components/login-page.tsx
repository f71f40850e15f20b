import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router';
import type { Location } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SecondFactorChallenge } from '@caliu/common';
import type { SessionEndReason } from '@/lib/auth';
import { useMe } from '@/lib/auth';
import { LoginForm } from './login-form';
import type { LoginIdentity } from './login-form';
import { PublicPage } from '@/components/public-page';
import { SecondFactorForm } from './second-factor-form';
import { alertClass } from '@/components/ui/alert';

/** An account just made ready through a link: the sign-in form is filled in with it. */
export type AccountReady = {
  kind: 'activated' | 'password_reset';
  entityCode: string;
  username: string;
};

/** What the signed-in area (or a link page) passes when it sends the user here. */
export type LoginLocationState = {
  from?: Location;
  reason?: SessionEndReason | null;
  ready?: AccountReady;
};

function returnPath(state: LoginLocationState | null): string {
  const from = state?.from;
  if (!from || from.pathname === '/login') return '/';
  return `${from.pathname}${from.search}${from.hash}`;
}

type SecondStep = { challenge: SecondFactorChallenge; identity: LoginIdentity };

/** The sign-in page, with its own language switcher; a second step when the account has one. */
export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state ?? null) as LoginLocationState | null;
  const [secondStep, setSecondStep] = useState<SecondStep | null>(null);
  const [identity, setIdentity] = useState<Partial<LoginIdentity> | undefined>(() =>
    state?.ready ? { entity: state.ready.entityCode, username: state.ready.username } : undefined,
  );
  const [restartNotice, setRestartNotice] = useState<string | null>(null);

  if (me.data) return <Navigate to={returnPath(state)} replace />;

  const notice =
    state?.ready?.kind === 'activated'
      ? t('account.notices.activated')
      : state?.ready?.kind === 'password_reset'
        ? t('account.notices.passwordReset')
        : state?.reason === 'expired'
          ? t('auth.notices.expired')
          : state?.reason === 'signed_out'
            ? t('auth.notices.signedOut')
            : null;
  const signedIn = () => navigate(returnPath(state), { replace: true });
  const restart = () => {
    if (secondStep) setIdentity(secondStep.identity);
    setSecondStep(null);
  };

  return (
    <PublicPage title={t('auth.title')} tagline>
      {restartNotice && !secondStep ? (
        <p role="alert" className={alertClass('error')}>
          {restartNotice}
        </p>
      ) : (
        notice &&
        !secondStep && (
          <p role="status" className={alertClass('info')}>
            {notice}
          </p>
        )
      )}
      {secondStep ? (
        <SecondFactorForm
          challenge={secondStep.challenge}
          onSignedIn={signedIn}
          onExpired={(message) => {
            setRestartNotice(message);
            restart();
          }}
          onCancel={() => {
            setRestartNotice(null);
            restart();
          }}
        />
      ) : (
        <>
          <LoginForm
            initial={identity}
            onSignedIn={signedIn}
            onChallenge={(challenge, typed) => {
              setRestartNotice(null);
              setSecondStep({ challenge, identity: typed });
            }}
          />
          <p className="login-card__links">
            <Link to="/forgot-password">{t('account.forgot.link')}</Link>
          </p>
          <p className="login-card__links">
            <Link to="/help">{t('publicHelp.link')}</Link>
          </p>
        </>
      )}
    </PublicPage>
  );
}
