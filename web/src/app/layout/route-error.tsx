import { useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import { buttonClass } from '@/components/ui/button';

/** Shown when a page fails to render: a way out instead of a blank screen. */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();
  console.error(error);
  return (
    <main id="main" className="login-main">
      <div className="card" role="alert">
        <h1 className="login-card__title">{t('errors.pageTitle')}</h1>
        <p>{t('errors.unexpected')}</p>
        <button type="button" className={buttonClass()} onClick={() => window.location.reload()}>
          {t('errors.reload')}
        </button>
      </div>
    </main>
  );
}
