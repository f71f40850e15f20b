import { useTranslation } from 'react-i18next';

export { todayIn, useCalendarDateFormat } from '@/lib/calendar';

/** Whole years between a birth date and a day (both YYYY-MM-DD). */
export function ageOn(birthDate: string, day: string): number {
  const [by = 0, bm = 0, bd = 0] = birthDate.split('-').map(Number);
  const [y = 0, m = 0, d = 0] = day.split('-').map(Number);
  return y - by - (m < bm || (m === bm && d < bd) ? 1 : 0);
}

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
