import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import fieldCss from '@/components/ui/form-field.module.css';
import { alertClass, alertTitleClass } from '@/components/ui/alert';

/**
 * A link that cannot be used (no token, or the server says it is used, replaced or expired):
 * the reason in words and where to go from here.
 */
export function LinkProblem({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div role="alert" className={alertClass('error')}>
        <p className={alertTitleClass}>{message}</p>
      </div>
      <ul className={fieldCss.linkList}>
        <li>
          <Link to="/forgot-password">{t('account.forgot.link')}</Link>
        </li>
        <li>
          <Link to="/login">{t('account.backToLogin')}</Link>
        </li>
      </ul>
    </>
  );
}
