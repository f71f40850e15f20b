import { Navigate, useLocation, useNavigate } from 'react-router';
import type { Location } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Brand } from '@/components/brand';
import { LanguageSwitcher } from '@/components/language-switcher';
import type { SessionEndReason } from '@/lib/auth';
import { useMe } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { applyLanguage } from '@/lib/i18n';
import { LoginForm } from './login-form';

/** What the signed-in area passes when it sends the user here. */
export type LoginLocationState = { from?: Location; reason?: SessionEndReason | null };

function returnPath(state: LoginLocationState | null): string {
  const from = state?.from;
  if (!from || from.pathname === '/login') return '/';
  return `${from.pathname}${from.search}${from.hash}`;
}

/** The sign-in page, with its own language switcher. */
export function LoginPage() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  const navigate = useNavigate();
  const state = (location.state ?? null) as LoginLocationState | null;
  useDocumentTitle(t('auth.title'));

  if (me.data) return <Navigate to={returnPath(state)} replace />;

  const notice =
    state?.reason === 'expired'
      ? t('auth.notices.expired')
      : state?.reason === 'signed_out'
        ? t('auth.notices.signedOut')
        : null;

  return (
    <div className="login-layout">
      <a className="skip-link" href="#main">
        {t('common.skipToContent')}
      </a>
      <header className="login-header">
        <Brand />
        <LanguageSwitcher onSelect={(language) => void applyLanguage(language)} />
      </header>
      <main id="main" className="login-main" tabIndex={-1}>
        <div className="card login-card">
          <h1 className="login-card__title">{t('auth.title')}</h1>
          <p className="login-card__tagline">{t('app.tagline')}</p>
          {notice && (
            <p role="status" className="alert alert--info">
              {notice}
            </p>
          )}
          <LoginForm onSignedIn={() => navigate(returnPath(state), { replace: true })} />
        </div>
      </main>
    </div>
  );
}
