import {
  COORDINATOR_REQUEST_KINDS,
  TICKET_FIELDS_SCHEMAS,
  type CoordinatorRequestKind,
  type TicketKind,
} from '@caliu/common';
import type { Diagnostics, MergeReason, Role } from '@caliu/common';
import type { FieldErrors } from '@/lib/form-errors';

/**
 * What the floating button's "New request" offers, in the seed's order (DESIGN.md's table): the
 * support tickets, the coordinator's tasks handed to them, and the self-diagnosis.
 */
export const REQUEST_CHOICES = [
  'new_professional',
  'merge_persons',
  'merge_case_files',
  'mass_transfer',
  'delete_case_files',
  'delete_persons',
  'transfer_content',
  'delete_content',
  'unlink_persons',
  'cannot_add',
  'connection_error',
  'export_error',
  'other',
] as const;
export type RequestChoice = (typeof REQUEST_CHOICES)[number];

export function isCoordinatorChoice(choice: RequestChoice): choice is CoordinatorRequestKind {
  return (COORDINATOR_REQUEST_KINDS as readonly string[]).includes(choice);
}

export function isTicketChoice(choice: RequestChoice): choice is TicketKind {
  return choice in TICKET_FIELDS_SCHEMAS;
}

/** A person chosen in a picker: enough to name them. */
export type PickedPerson = { id: string; name: string };

/** Each ticket kind's form as typed (what is not answered yet is empty or null). */
export type DraftOf = {
  new_professional: {
    givenName: string;
    surnames: string;
    documentType: 'dni' | 'nie' | 'passport';
    documentNumber: string;
    email: string;
    roles: Role[];
    teamId: string;
    sectorId: string;
    costCategory: 'A' | 'B' | 'C' | null;
    firstAccessBySms: boolean;
    note: string;
  };
  merge_persons: {
    persons: [PickedPerson | null, PickedPerson | null];
    survivorId: string;
    reason: MergeReason | '';
    note: string;
  };
  merge_case_files: { numbers: [string, string]; survivorNumber: string; note: string };
  mass_transfer: {
    fromProfessionalId: string;
    toProfessionalId: string;
    caseFiles: 'open_and_closed' | 'open_only' | '';
    /** Null until answered: the requester must say yes or no. */
    persons: boolean | null;
    agenda: boolean;
    note: string;
  };
  delete_case_files: { numbers: string[]; nothingAttached: boolean; note: string };
  connection_error: { note: string };
  export_error: { what: string; note: string };
  other: { text: string };
};
export type Draft<K extends TicketKind = TicketKind> = DraftOf[K];

export function emptyDraft<K extends TicketKind>(kind: K): DraftOf[K] {
  const drafts: DraftOf = {
    new_professional: {
      givenName: '',
      surnames: '',
      documentType: 'dni',
      documentNumber: '',
      email: '',
      roles: [],
      teamId: '',
      sectorId: '',
      costCategory: null,
      firstAccessBySms: false,
      note: '',
    },
    merge_persons: { persons: [null, null], survivorId: '', reason: '', note: '' },
    merge_case_files: { numbers: ['', ''], survivorNumber: '', note: '' },
    mass_transfer: {
      fromProfessionalId: '',
      toProfessionalId: '',
      caseFiles: '',
      persons: null,
      agenda: false,
      note: '',
    },
    delete_case_files: { numbers: [''], nothingAttached: false, note: '' },
    connection_error: { note: '' },
    export_error: { what: '', note: '' },
    other: { text: '' },
  };
  return drafts[kind];
}

/** The A/B/C cost category is asked only, and always, of the immigration technician. */
export function showsCostCategory(roles: readonly Role[]): boolean {
  return roles.includes('tech_immigration');
}

/** Ticks or unticks a role; unticking the immigration technician forgets the category. */
export function toggleRole(
  draft: DraftOf['new_professional'],
  role: Role,
  on: boolean,
): DraftOf['new_professional'] {
  const roles = on
    ? draft.roles.includes(role)
      ? draft.roles
      : [...draft.roles, role]
    : draft.roles.filter((r) => r !== role);
  return { ...draft, roles, costCategory: showsCostCategory(roles) ? draft.costCategory : null };
}

const optional = (text: string) => (text.trim() === '' ? undefined : text);

/**
 * The fields the API takes, from the form as typed (an empty optional note is left out; what is
 * unanswered stays empty so that the schema names it). Connection and export errors carry the
 * diagnostics collected when the form opened.
 */
export function fieldsOf(kind: TicketKind, draft: Draft, diagnostics: Diagnostics): unknown {
  switch (kind) {
    case 'new_professional': {
      const d = draft as DraftOf['new_professional'];
      return { ...d, note: optional(d.note) };
    }
    case 'merge_persons': {
      const d = draft as DraftOf['merge_persons'];
      return {
        personIds: [d.persons[0]?.id ?? '', d.persons[1]?.id ?? ''],
        survivorId: d.survivorId,
        reason: d.reason === '' ? undefined : d.reason,
        note: optional(d.note),
      };
    }
    case 'merge_case_files': {
      const d = draft as DraftOf['merge_case_files'];
      return { numbers: d.numbers, survivorNumber: d.survivorNumber, note: optional(d.note) };
    }
    case 'mass_transfer': {
      const d = draft as DraftOf['mass_transfer'];
      return {
        ...d,
        caseFiles: d.caseFiles === '' ? undefined : d.caseFiles,
        persons: d.persons ?? undefined,
        note: optional(d.note),
      };
    }
    case 'delete_case_files': {
      const d = draft as DraftOf['delete_case_files'];
      return { ...d, note: optional(d.note) };
    }
    case 'connection_error':
      return { diagnostics, note: optional((draft as DraftOf['connection_error']).note) };
    case 'export_error': {
      const d = draft as DraftOf['export_error'];
      return { what: d.what, diagnostics, note: optional(d.note) };
    }
    case 'other':
      return { text: (draft as DraftOf['other']).text };
  }
}

/** What is wrong with one field, as a key the form words (`support.form.errors.<key>`). */
export type FieldProblem =
  | 'required'
  | 'email'
  | 'too_long'
  | 'invalid'
  | 'same_record'
  | 'survivor_not_named'
  | 'reason_note_required'
  | 'same_professional'
  | 'duplicates'
  | 'confirm_required'
  | 'cost_category_required'
  | 'cost_category_not_allowed'
  | `document_${string}`;

function isEmpty(value: unknown): boolean {
  return (
    value === undefined ||
    value === null ||
    (typeof value === 'string' && value.trim() === '') ||
    (Array.isArray(value) && value.length === 0)
  );
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

type Issue = {
  code: string;
  path: readonly PropertyKey[];
  params?: Record<string, unknown> | undefined;
  format?: string;
};

function problemOf(issue: Issue, fields: unknown): FieldProblem {
  const i18n = issue.params?.i18n;
  if (typeof i18n === 'string') return i18n as FieldProblem;
  if (isEmpty(valueAt(fields, issue.path))) return 'required';
  if (issue.code === 'too_small') return 'required';
  if (issue.code === 'too_big') return 'too_long';
  if (issue.code === 'invalid_format' && issue.format === 'email') return 'email';
  return 'invalid';
}

/**
 * The form's own checks: the kind's schema from the contract (the same the API runs), each
 * problem under its field's path (`email`, `personIds.1`, `numbers.0`), the first per field.
 */
export function fieldProblems(
  kind: TicketKind,
  draft: Draft,
  diagnostics: Diagnostics,
): Record<string, FieldProblem> {
  const fields = fieldsOf(kind, draft, diagnostics);
  const result = TICKET_FIELDS_SCHEMAS[kind].safeParse(fields);
  const problems: Record<string, FieldProblem> = {};
  if (result.success) return problems;
  for (const issue of result.error.issues as Issue[]) {
    const path = issue.path.map(String).join('.') || '_form';
    if (!problems[path]) problems[path] = problemOf(issue, fields);
  }
  return problems;
}

/**
 * The server's refusal of `/check` or of the ticket: its field details, by the path inside
 * `fields` (`fields.email` → `email`).
 */
export function serverProblems(details: { field?: string | undefined; message: string }[]) {
  const errors: FieldErrors = {};
  for (const detail of details) {
    const path = detail.field?.replace(/^fields\./, '') ?? '_form';
    if (!errors[path]) errors[path] = detail.message;
  }
  return errors;
}

/** Whether the ticket may go: complete, valid as typed, and not refused by the server's check. */
export function canSend(
  problems: Record<string, FieldProblem>,
  check: 'idle' | 'checking' | 'ok' | 'refused' | 'unavailable',
): boolean {
  return Object.keys(problems).length === 0 && (check === 'ok' || check === 'unavailable');
}
