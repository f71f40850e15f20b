import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';

/**
 * A link that cannot be used (no token, or the server says it is used, replaced or expired):
 * the reason in words and where to go from here.
 */
export function LinkProblem({ message }: { message: string }) {
  const { t } = useTranslation();
  return (
    <>
      <div role="alert" className="alert alert--error">
        <p className="alert__title">{message}</p>
      </div>
      <ul className="link-list">
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
