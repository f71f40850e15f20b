import { useState } from 'react';
import type { ReactNode } from 'react';
import { Link, NavLink } from 'react-router';
import { useTranslation } from 'react-i18next';
import { Notice } from '@/components/ui/alert';
import { useDocumentTitle } from '@/lib/document-title';

/** The agenda settings pages, by their texts' key (`agendaSettings.<section>`). */
export type SettingsSection = 'workingHours' | 'holidays' | 'calendar';

/** Their addresses, under the agenda's (the administrator's holidays page is elsewhere). */
export const SETTINGS_PATHS: Record<SettingsSection, string> = {
  workingHours: '/agenda/settings',
  holidays: '/agenda/settings/holidays',
  calendar: '/agenda/settings/calendar',
};

const TABS: readonly SettingsSection[] = ['workingHours', 'holidays', 'calendar'];

const tabClass = ({ isActive }: { isActive: boolean }) =>
  isActive ? 'tabs__link tabs__link--active' : 'tabs__link';

type SettingsPageProps = {
  section: SettingsSection;
  /** The tabs of the agenda settings (not on the administrator's holidays page). */
  tabs?: boolean;
  /** What was just done ("Saved."), read out and focused. */
  notice?: { text: string; count: number } | null;
  children: ReactNode;
};

/** An agenda settings page: the way back to the agenda, the tabs, its title and lead. */
export function SettingsPage({ section, tabs = true, notice, children }: SettingsPageProps) {
  const { t } = useTranslation();
  useDocumentTitle(t(`agendaSettings.${section}.title`));
  return (
    <div className="page">
      {tabs && (
        <>
          <p className="breadcrumb">
            <Link to="/agenda">{t('agendaSettings.back')}</Link>
          </p>
          <nav className="tabs" aria-label={t('agendaSettings.tabs')}>
            <ul className="tabs__list">
              {TABS.map((tab) => (
                <li key={tab}>
                  <NavLink to={SETTINGS_PATHS[tab]} end className={tabClass}>
                    {t(`agendaSettings.${tab}.title`)}
                  </NavLink>
                </li>
              ))}
            </ul>
          </nav>
        </>
      )}
      <h1 className="page__title">{t(`agendaSettings.${section}.title`)}</h1>
      <p className="page__lead">{t(`agendaSettings.${section}.lead`)}</p>
      {notice && <Notice key={notice.count}>{notice.text}</Notice>}
      {children}
    </div>
  );
}

/** A page's notice of what was just done: each new one is read out, even when it says the same. */
export function useNotice() {
  const [notice, setNotice] = useState<{ text: string; count: number } | null>(null);
  const say = (text: string | null) =>
    setNotice((last) => (text === null ? null : { text, count: (last?.count ?? 0) + 1 }));
  return [notice, say] as const;
}
