import i18next, { type TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, type Language, LANGUAGES } from '@caliu/common';
import ca from '../locales/ca.json' with { type: 'json' };
import en from '../locales/en.json' with { type: 'json' };
import es from '../locales/es.json' with { type: 'json' };
import it from '../locales/it.json' with { type: 'json' };

/** Server-side translations: API error messages, field names, emails. */
export const serverLocales = { ca, es, it, en } as const;

const instance = i18next.createInstance();
await instance.init({
  resources: Object.fromEntries(LANGUAGES.map((lng) => [lng, { translation: serverLocales[lng] }])),
  lng: DEFAULT_LANGUAGE,
  fallbackLng: DEFAULT_LANGUAGE,
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
  showSupportNotice: false,
});

export function translator(language: Language): TFunction {
  return instance.getFixedT(language);
}

export function hasKey(language: Language, key: string): boolean {
  return instance.exists(key, { lng: language, fallbackLng: false });
}
