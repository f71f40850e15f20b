import { LanguageSwitcher } from '@/components/language-switcher';
import { useChangeLanguage } from '../api/save-preferences';

/** The navigation bar's language switcher: the choice is saved for the user. */
export function NavLanguageSwitcher() {
  const changeLanguage = useChangeLanguage();
  return <LanguageSwitcher compact onSelect={(language) => changeLanguage.mutate(language)} />;
}
