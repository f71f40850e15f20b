import { useTranslation } from 'react-i18next';
import { useCurrentUser } from './auth';

function dateTimeFormat(language: string, timeZone: string): Intl.DateTimeFormat {
  const options: Intl.DateTimeFormatOptions = { dateStyle: 'medium', timeStyle: 'short' };
  try {
    return new Intl.DateTimeFormat(language, { ...options, timeZone });
  } catch {
    // An unknown time zone name: better the browser's zone than no date at all.
    return new Intl.DateTimeFormat(language, options);
  }
}

/** Formats instants in the console's language and the entity's time zone. */
export function useDateTimeFormat(): (iso: string) => string {
  const { i18n } = useTranslation();
  const { entity } = useCurrentUser();
  const format = dateTimeFormat(i18n.language, entity.timeZone);
  return (iso) => format.format(new Date(iso));
}

/** "m:ss" for a duration in milliseconds (rounded up to the second). */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = String(total % 60).padStart(2, '0');
  return `${minutes}:${seconds}`;
}
