import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type Language } from '@caliu/common';
import { LOCALES } from '../locales';
import { OPERATION_LINE_KEYS, operationLinesInWords, type Translate } from './operation-lines';

function translator(language: Language): Translate {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { [language]: { translation: LOCALES[language] } },
    lng: language,
    initAsync: false,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return (key, options) => instance.t(key as never, (options ?? {}) as never) as unknown as string;
}

const en = translator('en');

describe('an operation in words', () => {
  it('says each count with its singular or plural', () => {
    const lines = operationLinesInWords(
      [
        { key: 'memberships_removed', count: 1, items: [] },
        { key: 'appointments_unlinked', count: 3, items: [] },
      ],
      en,
    );
    expect(lines).toEqual([
      { key: 'memberships_removed', text: '1 membership removed' },
      {
        key: 'appointments_unlinked',
        text: '3 appointments no longer linked to a deleted case file',
      },
    ]);
  });

  it('names the case files it concerns, and how many more when only the first came', () => {
    const [all, some] = operationLinesInWords(
      [
        { key: 'case_files_deleted', count: 2, items: ['2026/000034', '2026/000035'] },
        { key: 'case_files_moved', count: 52, items: ['2026/000001', '2026/000002'] },
      ],
      en,
    );
    expect(all?.text).toBe('2 case files deleted: 2026/000034, 2026/000035');
    expect(some?.text).toBe('52 case files transferred: 2026/000001, 2026/000002 and 50 more');
    const [catalan] = operationLinesInWords(
      [{ key: 'case_files_deleted', count: 1, items: ['2026/000034'] }],
      translator('ca'),
    );
    expect(catalan?.text).toBe('1 expedient eliminat: 2026/000034');
  });

  it('still says the count of a line the console has no words for yet', () => {
    expect(operationLinesInWords([{ key: 'alerts_moved', count: 4, items: [] }], en)).toEqual([
      { key: 'alerts_moved', text: '4 records changed' },
    ]);
  });

  it.each(LANGUAGES)('words every line the server sends in %s', (language) => {
    const t = translator(language);
    for (const key of OPERATION_LINE_KEYS) {
      for (const count of [1, 2]) {
        const [line] = operationLinesInWords([{ key, count, items: [] }], t);
        expect(line?.text, `${language}: ${key} × ${count}`).toMatch(new RegExp(`^${count} \\S`));
        expect(line?.text).not.toContain('operationLines');
      }
    }
  });
});
