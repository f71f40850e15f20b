import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { TICKET_FIELDS_SCHEMAS, TICKET_KINDS } from '@caliu/common';
import type { TicketReferences } from '@caliu/common';
import { LOCALES } from '../../locales';
import { FIELD_ORDER, fieldsInWords, sameCaseFileNumber, type Translate } from './fields-in-words';

function translator(): Translate {
  const instance = i18next.createInstance();
  void instance.init({
    resources: { en: { translation: LOCALES.en } },
    lng: 'en',
    initAsync: false,
    interpolation: { escapeValue: false },
    showSupportNotice: false,
  });
  return (key, options) => instance.t(key as never, (options ?? {}) as never) as unknown as string;
}

const t = translator();
const formatDateTime = (iso: string) => `at ${iso}`;

const ANNA = '11111111-1111-4111-8111-111111111111';
const ANA = '22222222-2222-4222-8222-222222222222';
const FROM = '33333333-3333-4333-8333-333333333333';
const TO = '44444444-4444-4444-8444-444444444444';
const TEAM = '55555555-5555-4555-8555-555555555555';
const SECTOR = '66666666-6666-4666-8666-666666666666';
const GONE = '77777777-7777-4777-8777-777777777777';

const references: TicketReferences = {
  persons: [
    { id: ANNA, name: 'Anna Puig', document: '****678Z', caseFiles: 2 },
    { id: ANA, name: 'Ana Puig', document: null, caseFiles: 1 },
  ],
  caseFiles: [
    {
      id: '88888888-8888-4888-8888-888888888888',
      number: '2026/000034',
      state: 'open',
      counts: { interventions: 3, demands: 1, problems: 0, plans: 2, attachments: 1 },
    },
    {
      id: '99999999-9999-4999-8999-999999999999',
      number: '2026/000035',
      state: 'closed',
      counts: {},
    },
  ],
  professionals: [
    { id: FROM, name: 'Marta Soler', caseFiles: 12, persons: 30 },
    { id: TO, name: 'Joan Vila', caseFiles: 1, persons: 1 },
  ],
  teams: [{ id: TEAM, name: 'North team' }],
  sectors: [{ id: SECTOR, name: 'North' }],
};

const render = (kind: (typeof TICKET_KINDS)[number], fields: Record<string, unknown>) =>
  fieldsInWords({ kind, fields, references }, t, formatDateTime).map((line) => [
    line.label,
    line.values,
  ]);

describe("a ticket's fields in words", () => {
  it('knows every field of every kind, in the order of the form', () => {
    for (const kind of TICKET_KINDS) {
      const schema = TICKET_FIELDS_SCHEMAS[kind] as unknown as {
        def?: { in?: { shape?: object }; shape?: object };
        shape?: object;
      };
      // The kind's schema (a pipe of a refined object, or an object): its keys.
      const shape = schema.shape ?? schema.def?.in?.shape ?? schema.def?.shape;
      expect(shape, kind).toBeDefined();
      expect([...FIELD_ORDER[kind]].sort(), kind).toEqual(Object.keys(shape!).sort());
      for (const key of FIELD_ORDER[kind]) {
        expect(t(`supportDesk.fields.${key}`), key).not.toBe(`supportDesk.fields.${key}`);
      }
    }
  });

  it('names persons with their masked document and case files, the survivor and the reason', () => {
    expect(
      render('merge_persons', {
        reason: 'has_document',
        survivorId: ANNA,
        personIds: [ANNA, ANA],
        note: 'Same person, typed twice',
      }),
    ).toEqual([
      [
        'Person records',
        ['Anna Puig (****678Z) · 2 case files', 'Ana Puig (no document) · 1 case file'],
      ],
      ['Record that remains', ['Anna Puig (****678Z) · 2 case files']],
      ['Why it remains', ['It has the identity document']],
      ['Note', ['Same person, typed twice']],
    ]);
  });

  it('names case files by number, however typed, with their state and what hangs from them', () => {
    expect(
      render('merge_case_files', {
        numbers: ['2026/34', '2026/000035'],
        survivorNumber: '2026/34',
      }),
    ).toEqual([
      [
        'Case files',
        [
          '2026/000034 (open) · 3 interventions, 1 demand, 2 intervention plans, 1 attached document',
          '2026/000035 (closed) · nothing attached',
        ],
      ],
      [
        'Case file that remains',
        [
          '2026/000034 (open) · 3 interventions, 1 demand, 2 intervention plans, 1 attached document',
        ],
      ],
    ]);
    expect(render('delete_case_files', { numbers: ['2025/9'], nothingAttached: true })).toEqual([
      ['Case files', ['2025/9 (not found)']],
      ['Nothing attached (checked by the requester)', ['Yes']],
    ]);
  });

  it('names the professionals of a transfer with the size of their caseload, and the choices', () => {
    expect(
      render('mass_transfer', {
        fromProfessionalId: FROM,
        toProfessionalId: GONE,
        caseFiles: 'open_only',
        persons: true,
        agenda: false,
      }),
    ).toEqual([
      ['From', ['Marta Soler · 12 case files, 30 person records']],
      ['To', [`${GONE} (not found)`]],
      ['Case files to move', ['Open ones only']],
      ['Person records too', ['Yes']],
      ['Agenda too', ['No']],
    ]);
  });

  it("words a new professional's roles, document type, team and sector", () => {
    expect(
      render('new_professional', {
        givenName: 'Laia',
        surnames: 'Roca Pla',
        documentType: 'dni',
        documentNumber: '12345678Z',
        email: 'laia@council.example',
        roles: ['tech_ssb', 'coordinator'],
        teamId: TEAM,
        sectorId: SECTOR,
        costCategory: null,
        firstAccessBySms: false,
      }),
    ).toEqual([
      ['Given name', ['Laia']],
      ['Surnames', ['Roca Pla']],
      ['Document type', ['DNI (Spanish identity card)']],
      ['Document number', ['12345678Z']],
      ['Corporate email', ['laia@council.example']],
      ['Roles', ['Basic social services technician', 'Coordinator']],
      ['Team', ['North team']],
      ['Sector', ['North']],
      ['Cost category', ['—']],
      ['First-access link by SMS', ['No']],
    ]);
  });

  it('lists the diagnostics of an export error line by line', () => {
    expect(
      render('export_error', {
        what: 'The list of case files',
        diagnostics: {
          requestId: 'req-1',
          request: 'GET /api/case-files/export → 500',
          page: '/case-files',
          userAgent: 'Firefox',
          at: '2026-12-07T10:00:00.000Z',
        },
      }),
    ).toEqual([
      ['What was being exported', ['The list of case files']],
      [
        'Diagnostics',
        [
          'Request id: req-1',
          'Request: GET /api/case-files/export → 500',
          'Page: /case-files',
          'Browser: Firefox',
          'When: at 2026-12-07T10:00:00.000Z',
        ],
      ],
    ]);
  });

  it('shows a field it does not know by its key, after the known ones', () => {
    expect(render('other', { extra: 'x', text: 'Help' })).toEqual([
      ['Description', ['Help']],
      ['extra', ['x']],
    ]);
  });

  it('compares case file numbers however their sequence is padded', () => {
    expect(sameCaseFileNumber('2026/34', '2026/000034')).toBe(true);
    expect(sameCaseFileNumber('2026/34', '2025/34')).toBe(false);
  });
});
