import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { ErrorAlert, alertClass, alertTitleClass } from '@/components/ui/alert';
import { buttonClass } from '@/components/ui/button';
import fieldCss from '@/components/ui/form-field.module.css';
import { ApiError } from '@/lib/api-client';
import { useConfirmHelpRequest } from '../api/public-help';
import { PublicPage } from '@/components/public-page';

function tokenInFragment(): string | null {
  const token = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
  return token && token.trim() ? token.trim() : null;
}

/** The link's token (after `#`, never in a server log), then taken out of the address bar. */
function useFragmentToken(): string | null {
  const [token] = useState(tokenInFragment);
  useEffect(() => {
    if (window.location.hash) {
      const { pathname, search } = window.location;
      window.history.replaceState(window.history.state, '', `${pathname}${search}`);
    }
  }, []);
  return token;
}

/**
 * `/help/confirm#token=…`, the link of the confirmation email: one press sends the request to the
 * support team (a press, not the page's loading, so that a mail scanner that opens links does not
 * use it up), then the ticket's number.
 */
export function HelpConfirmPage() {
  const { t } = useTranslation();
  const token = useFragmentToken();
  const confirm = useConfirmHelpRequest();
  const doneRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (confirm.isSuccess) doneRef.current?.focus();
  }, [confirm.isSuccess]);

  const again = (
    <ul className={fieldCss.linkList}>
      <li>
        <Link to="/help">{t('publicHelp.confirm.again')}</Link>
      </li>
      <li>
        <Link to="/login">{t('account.backToLogin')}</Link>
      </li>
    </ul>
  );

  const body = () => {
    if (!token) {
      return (
        <>
          <div role="alert" className={alertClass('error')}>
            <p className={alertTitleClass}>{t('publicHelp.confirm.missing')}</p>
          </div>
          {again}
        </>
      );
    }
    if (confirm.isSuccess) {
      return (
        <>
          <div ref={doneRef} tabIndex={-1} role="status" className={alertClass('info')}>
            <p className={alertTitleClass}>{t('publicHelp.confirm.doneTitle')}</p>
            <p>{t('publicHelp.confirm.done', { number: confirm.data.number })}</p>
          </div>
          <p className="login-card__links">
            <Link to="/login">{t('account.backToLogin')}</Link>
          </p>
        </>
      );
    }
    const gone =
      confirm.error instanceof ApiError && confirm.error.status === 410 ? confirm.error : null;
    return (
      <>
        {gone ? (
          <div role="alert" className={alertClass('error')}>
            <p className={alertTitleClass}>{gone.message}</p>
          </div>
        ) : (
          <>
            <p className={fieldCss.formIntro}>{t('publicHelp.confirm.intro')}</p>
            <ErrorAlert error={confirm.error} />
            <button
              type="button"
              className={buttonClass({ wide: true })}
              disabled={confirm.isPending}
              onClick={() => confirm.mutate(token)}
            >
              {confirm.isPending
                ? t('publicHelp.confirm.submitting')
                : t('publicHelp.confirm.submit')}
            </button>
          </>
        )}
        {gone && again}
      </>
    );
  };

  return <PublicPage title={t('publicHelp.confirm.title')}>{body()}</PublicPage>;
}
