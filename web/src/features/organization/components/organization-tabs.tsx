import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';

const TABS = [
  { to: '/organization', key: 'entity', end: true },
  { to: '/organization/municipalities', key: 'municipalities', end: false },
  { to: '/organization/sectors', key: 'sectors', end: false },
  { to: '/organization/catalogues', key: 'catalogues', end: false },
] as const;

const tabClass = ({ isActive }: { isActive: boolean }) =>
  isActive ? 'tabs__link tabs__link--active' : 'tabs__link';

/** The pages of the organization section: the entity's settings, its territory, its catalogues. */
export function OrganizationTabs() {
  const { t } = useTranslation();
  return (
    <nav className="tabs" aria-label={t('organization.tabs.label')}>
      <ul className="tabs__list">
        {TABS.map((tab) => (
          <li key={tab.to}>
            <NavLink to={tab.to} end={tab.end} className={tabClass}>
              {t(`organization.tabs.${tab.key}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
