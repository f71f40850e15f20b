import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type TFunction } from 'i18next';
import { DEFAULT_LANGUAGE, type Language, LANGUAGES } from '@caliu/common';

/**
 * Server-side translations (API error messages, field names, emails): one folder per language,
 * one file per area (`locales/<lang>/<area>.json`), merged into one tree. Areas let modules keep
 * their own strings without touching each other's files; keys must not collide.
 */
const LOCALES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '../locales');

type Tree = { [key: string]: string | Tree };

function mergeInto(target: Tree, source: Tree, where: string) {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key];
    if (typeof value === 'object' && (existing === undefined || typeof existing === 'object')) {
      target[key] = existing ?? {};
      mergeInto(target[key] as Tree, value, `${where}.${key}`);
    } else if (existing !== undefined) {
      throw new Error(`Duplicate translation key ${where}.${key}`);
    } else {
      target[key] = value;
    }
  }
}

function loadLanguage(language: Language): Tree {
  const dir = path.join(LOCALES_DIR, language);
  const tree: Tree = {};
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()) {
    mergeInto(tree, JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Tree, language);
  }
  return tree;
}

export const serverLocales = Object.fromEntries(
  LANGUAGES.map((lng) => [lng, loadLanguage(lng)]),
) as Record<Language, Tree>;

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
