import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Brand } from '@/components/brand';
import { SignOutButton } from '@/features/auth/components/sign-out-button';
import { NavLanguageSwitcher } from '@/features/shell/components/nav-language-switcher';
import { UserSummary } from '@/features/shell/components/user-summary';
import { SupportButton } from '@/features/support/components/support-button';
import { useCurrentUser } from '@/lib/auth';

/** The main navigation bar of every signed-in page; the support button sits at its right end. */
export function NavBar() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  return (
    <header className="topbar">
      <nav className="topbar__inner" aria-label={t('nav.label')}>
        <Link to="/" className="topbar__brand" aria-label={t('nav.home')}>
          <Brand />
        </Link>
        <Link to="/profile" className="topbar__profile">
          <UserSummary />
          <span className="visually-hidden">{t('profile.navLink')}</span>
        </Link>
        <div className="topbar__actions">
          <NavLanguageSwitcher />
          <SignOutButton />
          {me.permissions.includes('support.open_ticket') && <SupportButton />}
        </div>
      </nav>
    </header>
  );
}
