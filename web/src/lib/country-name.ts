import { useTranslation } from 'react-i18next';

/** A country's name (ISO 3166 code) in the console's language; the code if it has none. */
export function useCountryName(): (code: string) => string {
  const { i18n } = useTranslation();
  let names: Intl.DisplayNames | null = null;
  try {
    names = new Intl.DisplayNames([i18n.language], { type: 'region', fallback: 'code' });
  } catch {
    names = null;
  }
  return (code) => names?.of(code) ?? code;
}
