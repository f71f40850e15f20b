import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { LANGUAGES, type AuditEntry, type Language } from '@caliu/common';
import { LOCALES } from '../../locales';
import { describeEntry } from './sentence';
import { KNOWN_ACTIONS } from './vocabulary';

const SERVER = fileURLToPath(new URL('../../../../server/src', import.meta.url));

/** Every action code the server writes into the audit log (`action: 'x.y'` in its sources). */
function serverActions(dir = SERVER): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) found.push(...serverActions(path));
    else if (entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts')) {
      const source = readFileSync(path, 'utf8');
      if (!source.includes('writeAudit')) continue;
      for (const match of source.matchAll(/action: '([a-z_]+\.[a-z_.]+)'/g)) found.push(match[1]!);
    }
  }
  return [...new Set(found)].sort();
}

function translator(language: Language) {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { [language]: { translation: LOCALES[language] } },
    lng: language,
    initAsync: false,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return instance.t;
}

const PERSON = '2ee69b55-b558-4b0e-b325-07d9433ccec4';

function entry(action: string, patch: Partial<AuditEntry> = {}): AuditEntry {
  return {
    id: '1',
    at: '2026-12-04T10:00:00.000Z',
    actor: null,
    action,
    outcome: 'ok',
    recordType: null,
    recordId: null,
    recordName: null,
    ticketId: null,
    requestId: null,
    ip: null,
    details: {},
    ...patch,
  };
}

/** An entry of each action, with the details the server writes for it. */
const SAMPLES: AuditEntry[] = [
  ...KNOWN_ACTIONS.map((action) =>
    entry(action, { recordType: 'person', recordId: PERSON, recordName: 'Anna Puig' }),
  ),
  entry('auth.login', { outcome: 'denied', details: { reason: 'bad_password' } }),
  entry('auth.login', { outcome: 'denied', details: { reason: 'throttled', stage: 'password' } }),
  entry('auth.password_change', { details: { otherSessionsEnded: 2 } }),
  entry('person.update', {
    recordType: 'person',
    recordId: PERSON,
    details: { fields: ['mobilePhone', 'email', 'somethingNew'] },
  }),
  entry('team.members_update', {
    recordType: 'team',
    recordId: PERSON,
    recordName: 'Equip Nord',
    details: { added: ['a', 'b'], removed: ['c'] },
  }),
  entry('audit.search', { details: { filters: ['action', 'from'] } }),
  entry('person.duplicate_check', { details: { results: 0 } }),
  entry('professional.activation_send', { outcome: 'failed', details: { smsFailed: true } }),
  entry('case_file.update', {
    recordType: 'case_file',
    recordId: PERSON,
    details: { changed: ['municipality', 'assigned'] },
  }),
  entry('case_file.read_content', {
    recordType: 'intervention',
    recordId: PERSON,
    details: { caseFileId: PERSON },
  }),
];

describe('audit entries as sentences', () => {
  it('has words for every action the server writes', () => {
    expect(serverActions()).toContain('team.members_update');
    expect(serverActions().filter((action) => !KNOWN_ACTIONS.some((a) => a === action))).toEqual(
      [],
    );
  });

  it.each(LANGUAGES)('reads every entry as a sentence without codes in %s', (language) => {
    const t = translator(language);
    for (const sample of SAMPLES) {
      const text = describeEntry(sample, t, language);
      expect(text, sample.action).not.toMatch(/\{\{|\}\}|[a-z]+_[a-z]+|[a-z]+\.[a-z]+|undefined/);
      expect(text, sample.action).not.toContain(sample.action);
      expect(text, sample.action).not.toMatch(/mobilePhone|bad_password|reason|fields/);
    }
  });

  it('names records, lists changed fields and counts in words', () => {
    const en = translator('en');
    const ca = translator('ca');
    const members = SAMPLES.find((s) => s.action === 'team.members_update' && s.details.added)!;
    expect(describeEntry(members, en, 'en')).toBe(
      'Changed the members of the team Equip Nord (2 added, 1 removed)',
    );
    expect(describeEntry(members, ca, 'ca')).toBe(
      "Ha modificat els membres de l'equip Equip Nord (2 afegits, 1 tret)",
    );
    const update = SAMPLES.find((s) => s.action === 'person.update' && s.details.fields)!;
    expect(describeEntry(update, en, 'en')).toBe(
      'Changed the data of the person #2ee69b55: mobile phone, email, and 1 other field',
    );
    const header = SAMPLES.find((s) => s.action === 'case_file.update' && s.details.changed)!;
    expect(describeEntry(header, en, 'en')).toBe(
      'Changed the header of the case file #2ee69b55: municipality and assigned professionals',
    );
    expect(describeEntry(header, ca, 'ca')).toBe(
      "Ha modificat la capçalera de l'expedient #2ee69b55: municipi i professionals assignats",
    );
    const refused = SAMPLES.find((s) => s.details.reason === 'bad_password')!;
    expect(describeEntry(refused, en, 'en')).toBe('Failed sign-in: wrong password');
    expect(describeEntry(refused, ca, 'ca')).toBe('Inici de sessió fallit: contrasenya incorrecta');
  });
});
