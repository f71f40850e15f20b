import { describe, expect, it } from 'vitest';
import { TICKET_KINDS } from '@caliu/common';
import type { Diagnostics, TicketKind } from '@caliu/common';
import {
  canSend,
  emptyDraft,
  fieldProblems,
  fieldsOf,
  isCoordinatorChoice,
  isTicketChoice,
  REQUEST_CHOICES,
  serverProblems,
  showsCostCategory,
  toggleRole,
  type DraftOf,
} from './request-kinds';

const diagnostics: Diagnostics = {
  requestId: null,
  request: null,
  page: '/',
  userAgent: 'test',
  at: '2026-12-07T05:00:00.000Z',
};
const TEAM = '00000000-0000-4000-8000-000000000001';
const SECTOR = '00000000-0000-4000-8000-000000000002';
const A = '00000000-0000-4000-8000-00000000000a';
const B = '00000000-0000-4000-8000-00000000000b';

const completeNewProfessional: DraftOf['new_professional'] = {
  ...emptyDraft('new_professional'),
  givenName: 'Laia',
  surnames: 'Puig Soler',
  documentType: 'dni',
  documentNumber: '12345678Z',
  email: 'lpuig@demo.cat',
  roles: ['tech_ssb'],
  teamId: TEAM,
  sectorId: SECTOR,
};

describe('the choices of "New request"', () => {
  it('offers every ticket kind, the four coordinator tasks and the self-diagnosis', () => {
    for (const kind of TICKET_KINDS) expect(REQUEST_CHOICES).toContain(kind);
    expect(REQUEST_CHOICES.filter(isCoordinatorChoice)).toEqual([
      'delete_persons',
      'transfer_content',
      'delete_content',
      'unlink_persons',
    ]);
    expect(REQUEST_CHOICES.filter((c) => !isTicketChoice(c) && !isCoordinatorChoice(c))).toEqual([
      'cannot_add',
    ]);
  });
});

describe("each kind's required fields, as the contract's schema names them", () => {
  const required: Record<TicketKind, string[]> = {
    new_professional: [
      'givenName',
      'surnames',
      'documentNumber',
      'email',
      'roles',
      'teamId',
      'sectorId',
    ],
    merge_persons: ['personIds.0', 'personIds.1', 'survivorId', 'reason'],
    merge_case_files: ['numbers.0', 'numbers.1', 'survivorNumber'],
    mass_transfer: ['fromProfessionalId', 'toProfessionalId', 'caseFiles', 'persons'],
    delete_case_files: ['numbers.0', 'nothingAttached'],
    // Nothing to ask: the guidance, and the diagnostics attached.
    connection_error: [],
    export_error: ['what'],
    other: ['text'],
  };
  it.each(TICKET_KINDS)('%s: an empty form names exactly its required fields', (kind) => {
    const problems = fieldProblems(kind, emptyDraft(kind), diagnostics);
    expect(Object.keys(problems).sort()).toEqual([...required[kind]].sort());
    for (const path of required[kind]) {
      expect(['required', 'confirm_required']).toContain(problems[path]);
    }
  });

  it('a complete new professional has no problem, and its fields carry no mobile', () => {
    expect(fieldProblems('new_professional', completeNewProfessional, diagnostics)).toEqual({});
    const fields = fieldsOf('new_professional', completeNewProfessional, diagnostics);
    expect(Object.keys(fields as object)).not.toContain('mobile');
    expect(fields).toMatchObject({ firstAccessBySms: false });
  });

  it('checks the document letter and the email as typed', () => {
    const problems = fieldProblems(
      'new_professional',
      { ...completeNewProfessional, documentNumber: '12345678A', email: 'lpuig' },
      diagnostics,
    );
    expect(problems).toEqual({ documentNumber: 'document_dni', email: 'email' });
  });

  it('merge persons: two different records, one of them kept, and a note for "other"', () => {
    const draft: DraftOf['merge_persons'] = {
      persons: [
        { id: A, name: 'Anna' },
        { id: A, name: 'Anna' },
      ],
      survivorId: B,
      reason: 'other',
      note: '',
    };
    expect(fieldProblems('merge_persons', draft, diagnostics)).toEqual({
      'personIds.1': 'same_record',
      survivorId: 'survivor_not_named',
      note: 'reason_note_required',
    });
    const fixed = {
      ...draft,
      persons: [draft.persons[0], { id: B, name: 'Ana' }] as DraftOf['merge_persons']['persons'],
      note: 'The second has the referent',
    };
    expect(fieldProblems('merge_persons', fixed, diagnostics)).toEqual({});
  });

  it('mass transfer: the persons question must be answered; the agenda defaults to no', () => {
    const draft = {
      ...emptyDraft('mass_transfer'),
      fromProfessionalId: A,
      toProfessionalId: B,
      caseFiles: 'open_and_closed' as const,
    };
    expect(draft.agenda).toBe(false);
    expect(fieldProblems('mass_transfer', draft, diagnostics)).toEqual({ persons: 'required' });
    expect(fieldProblems('mass_transfer', { ...draft, persons: false }, diagnostics)).toEqual({});
    expect(
      fieldProblems('mass_transfer', { ...draft, persons: true, toProfessionalId: A }, diagnostics),
    ).toEqual({ toProfessionalId: 'same_professional' });
  });

  it('delete case files: the "nothing is attached" box must be ticked', () => {
    const draft = { ...emptyDraft('delete_case_files'), numbers: ['2026/12'] };
    expect(fieldProblems('delete_case_files', draft, diagnostics)).toEqual({
      nothingAttached: 'confirm_required',
    });
    expect(
      fieldProblems('delete_case_files', { ...draft, nothingAttached: true }, diagnostics),
    ).toEqual({});
  });

  it('connection and export errors carry the diagnostics', () => {
    expect(fieldsOf('connection_error', { note: '' }, diagnostics)).toEqual({
      diagnostics,
      note: undefined,
    });
    expect(fieldsOf('export_error', { what: 'The list', note: '' }, diagnostics)).toMatchObject({
      what: 'The list',
      diagnostics,
    });
  });
});

describe('the A/B/C cost category', () => {
  it('shows only, and always, when the immigration technician is ticked', () => {
    expect(showsCostCategory([])).toBe(false);
    expect(showsCostCategory(['tech_ssb', 'coordinator'])).toBe(false);
    expect(showsCostCategory(['tech_ssb', 'tech_immigration'])).toBe(true);
  });

  it('is required once ticked, and forgotten when unticked', () => {
    const ticked = toggleRole(completeNewProfessional, 'tech_immigration', true);
    expect(fieldProblems('new_professional', ticked, diagnostics)).toEqual({
      costCategory: 'cost_category_required',
    });
    const chosen = { ...ticked, costCategory: 'B' as const };
    expect(fieldProblems('new_professional', chosen, diagnostics)).toEqual({});
    const unticked = toggleRole(chosen, 'tech_immigration', false);
    expect(unticked.costCategory).toBeNull();
    expect(unticked.roles).toEqual(['tech_ssb']);
    expect(fieldProblems('new_professional', unticked, diagnostics)).toEqual({});
  });
});

describe('the send button', () => {
  it('stays disabled while the form is incomplete, whatever the check said', () => {
    const problems = fieldProblems('new_professional', emptyDraft('new_professional'), diagnostics);
    expect(canSend(problems, 'idle')).toBe(false);
    expect(canSend(problems, 'ok')).toBe(false);
  });

  it('waits for the server check, and stays disabled when it refuses', () => {
    const problems = fieldProblems('new_professional', completeNewProfessional, diagnostics);
    expect(canSend(problems, 'checking')).toBe(false);
    expect(canSend(problems, 'refused')).toBe(false);
    expect(canSend(problems, 'ok')).toBe(true);
    // The check could not run: the API's own answer refuses what is wrong.
    expect(canSend(problems, 'unavailable')).toBe(true);
  });

  it("puts the server's field errors beside their fields", () => {
    expect(
      serverProblems([
        { field: 'fields.email', message: 'Not on the entity’s domains' },
        { field: 'fields.teamId', message: 'No such team' },
        { message: 'Something else' },
      ]),
    ).toEqual({
      email: 'Not on the entity’s domains',
      teamId: 'No such team',
      _form: 'Something else',
    });
  });
});
