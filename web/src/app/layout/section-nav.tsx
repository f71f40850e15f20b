import { NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '@/lib/auth';
import { sectionsFor } from '../navigation';

const linkClass = ({ isActive }: { isActive: boolean }) =>
  isActive ? 'section-nav__link section-nav__link--active' : 'section-nav__link';

/** The bar of the sections the user may open, under the navigation bar; none, no bar. */
export function SectionNav() {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const sections = sectionsFor(me.permissions);
  if (sections.length === 0) return null;
  return (
    <nav className="section-nav" aria-label={t('navigation.label')}>
      <ul className="section-nav__list">
        <li>
          <NavLink to="/" end className={linkClass}>
            {t('navigation.home')}
          </NavLink>
        </li>
        {sections.map((section) => (
          <li key={section.path}>
            <NavLink to={section.path} className={linkClass}>
              {t(`navigation.sections.${section.label}`)}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
