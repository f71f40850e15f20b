import { describe, expect, it } from 'vitest';
import { LANGUAGES } from '@caliu/common';
import { LOCALES } from './locales';

/** Values that are the same in every language (names, and words borrowed from English). */
const SAME_AS_ENGLISH = new Set(['Caliu', 'OK', 'Email', 'Password', 'Agenda', 'No']);

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const entries = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') entries.set(path, value);
    else for (const [k, v] of flatten(value, path)) entries.set(k, v);
  }
  return entries;
}

function placeholders(value: string): string[] {
  return [...value.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1] ?? '').sort();
}

const english = flatten(LOCALES.en);
const others = LANGUAGES.filter((language) => language !== 'en');

describe('locale files', () => {
  it('cover every language of the console', () => {
    expect(Object.keys(LOCALES).sort()).toEqual([...LANGUAGES].sort());
  });

  it('hold only non-empty strings', () => {
    for (const language of LANGUAGES) {
      for (const [key, value] of flatten(LOCALES[language])) {
        expect(value.trim(), `${language}: ${key}`).not.toBe('');
      }
    }
  });

  it.each(others)('%s has the same keys as English', (language) => {
    const keys = [...flatten(LOCALES[language]).keys()].sort();
    expect(keys).toEqual([...english.keys()].sort());
  });

  it.each(others)('%s is translated (no value left in English)', (language) => {
    const untranslated = [...flatten(LOCALES[language])]
      .filter(([key, value]) => value === english.get(key) && !SAME_AS_ENGLISH.has(value))
      .map(([key, value]) => `${key}: ${value}`);
    expect(untranslated).toEqual([]);
  });

  it.each(others)('%s uses the same {{placeholders}} as English', (language) => {
    for (const [key, value] of flatten(LOCALES[language])) {
      expect(placeholders(value), `${language}: ${key}`).toEqual(
        placeholders(english.get(key) ?? ''),
      );
    }
  });
});
