import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';

/** The signed-in home: who the user is, where, and with which roles. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  useDocumentTitle(t('home.title'));
  return (
    <div className="page">
      <h1 className="page__title">{t('home.greeting', { name: me.givenName || me.username })}</h1>
      <p className="page__lead">{t('home.entity', { entity: me.entity.name })}</p>
      <div className="panels">
        <section className="card" aria-labelledby="home-roles">
          <h2 id="home-roles" className="section-title">
            {t('home.rolesTitle')}
          </h2>
          {me.roles.length > 0 ? (
            <ul className="role-list">
              {me.roles.map((role) => (
                <li key={role} className="role-list__item">
                  {t(`roles.${role}`)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="muted">{t('home.noRoles')}</p>
          )}
        </section>
        {me.permissions.includes('support.open_ticket') && (
          <section className="card" aria-labelledby="home-support">
            <h2 id="home-support" className="section-title">
              {t('home.supportTitle')}
            </h2>
            <p>{t('home.supportText')}</p>
          </section>
        )}
      </div>
    </div>
  );
}
