import type { Language } from '@caliu/common';

/** Each language's name in that language, as the language switchers show it. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  ca: 'Català',
  es: 'Español',
  it: 'Italiano',
  en: 'English',
};
