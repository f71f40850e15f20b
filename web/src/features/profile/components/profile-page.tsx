import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { ChangePasswordForm } from './change-password-form';
import { SecondFactorSection } from './second-factor-section';
import { cx } from '@/lib/cx';
import styles from '../profile.module.css';
import { alertClass, alertTitleClass } from '@/components/ui/alert';

/**
 * The signed-in user's own page: who they are, their password and their second factor. A user
 * whose entity requires a second factor they have not set up is kept here until they do.
 */
export function ProfilePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  useDocumentTitle(t('profile.title'));
  const name = [me.givenName, me.surnames].filter(Boolean).join(' ') || me.username;
  const mustEnrol = me.secondFactor?.enrolmentRequired === true;
  return (
    <div className="page">
      <h1 className="page__title">{t('profile.title')}</h1>
      {mustEnrol ? (
        <div role="alert" className={alertClass('warning')}>
          <p className={alertTitleClass}>{t('profile.enrolmentRequired.title')}</p>
          <p>{t('profile.enrolmentRequired.text')}</p>
        </div>
      ) : (
        <p className="page__lead">{t('profile.lead')}</p>
      )}
      <section className={cx(styles.profileSummary, 'card')} aria-labelledby="profile-account">
        <h2 id="profile-account" className="section-title">
          {t('profile.account.title')}
        </h2>
        <dl className="account-facts">
          <div>
            <dt>{t('profile.account.name')}</dt>
            <dd>{name}</dd>
          </div>
          <div>
            <dt>{t('auth.fields.username')}</dt>
            <dd className="account-facts__code">{me.username}</dd>
          </div>
          <div>
            <dt>{t('auth.fields.entity')}</dt>
            <dd>{me.entity.name}</dd>
          </div>
          <div>
            <dt>{t('home.rolesTitle')}</dt>
            <dd>{me.roles.map((role) => t(`roles.${role}`)).join(', ') || t('home.noRoles')}</dd>
          </div>
        </dl>
      </section>
      <div className={styles.profileGrid}>
        <SecondFactorSection />
        <section className="card">
          <ChangePasswordForm />
        </section>
      </div>
    </div>
  );
}
