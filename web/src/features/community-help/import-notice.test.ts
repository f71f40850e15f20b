import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../locales';
import { importNotice, type Translate } from './import-notice';

/** The import's notice (issue 22, review): the count imported, and the count skipped and why. */

function translator(lng: keyof typeof LOCALES): Translate {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { [lng]: { translation: LOCALES[lng] } },
    lng,
    initAsync: false,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return (key, options) => instance.t(key as never, (options ?? {}) as never) as unknown as string;
}

describe('the import notice', () => {
  const en = translator('en');

  it('says how many were imported, or that there were none', () => {
    expect(importNotice({ imported: 3, skipped: { municipalityRemoved: 0 } }, en)).toBe(
      '3 requests imported.',
    );
    expect(importNotice({ imported: 0, skipped: { municipalityRemoved: 0 } }, en)).toBe(
      'There were no requests to import.',
    );
  });

  it('says how many could not be imported because their municipality was removed', () => {
    const one = importNotice({ imported: 2, skipped: { municipalityRemoved: 1 } }, en);
    expect(one).toMatch(/^2 requests imported\. 1 request could not be imported: /);
    expect(one).toContain('municipality');
    const none = importNotice({ imported: 0, skipped: { municipalityRemoved: 4 } }, en);
    expect(none).toMatch(/^0 requests imported\. 4 requests could not be imported: /);
  });

  it.each(['ca', 'es', 'it'] as const)('says it in %s, not in English', (lng) => {
    const t = translator(lng);
    for (const count of [1, 3]) {
      const text = importNotice({ imported: 1, skipped: { municipalityRemoved: count } }, t);
      const english = importNotice({ imported: 1, skipped: { municipalityRemoved: count } }, en);
      expect(text).toContain(String(count));
      expect(text).not.toContain('communityHelp.');
      expect(text).not.toBe(english);
    }
  });
});
