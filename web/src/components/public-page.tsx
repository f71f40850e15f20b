import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Brand } from '@/components/brand';
import { LanguageSwitcher } from '@/components/language-switcher';
import { useDocumentTitle } from '@/lib/document-title';
import { applyLanguage } from '@/lib/i18n';

type PublicPageProps = {
  title: string;
  /** The product's tagline under the title (the sign-in page). */
  tagline?: boolean;
  children: ReactNode;
};

/**
 * The frame of the pages open to anyone (sign-in, activation, password reset, help): the brand, a
 * language switcher, and one card.
 */
export function PublicPage({ title, tagline = false, children }: PublicPageProps) {
  const { t } = useTranslation();
  useDocumentTitle(title);
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
          <h1 className="login-card__title">{title}</h1>
          {tagline && <p className="login-card__tagline">{t('app.tagline')}</p>}
          {children}
        </div>
      </main>
    </div>
  );
}
