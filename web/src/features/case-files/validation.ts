import {
  addMemberSchema,
  closeCaseFileSchema,
  createCaseFileSchema,
  createInterventionSchema,
  reopenCaseFileSchema,
  updateCaseFileSchema,
} from '@caliu/common';
import type { CaseScope, CreateCaseFile } from '@caliu/common';

/**
 * What can be wrong with a field before any server is asked: the API's own schemas (common/src/
 * case-files.ts) run on every keystroke over what the form would send, plus the date rule the
 * server applies. Each problem is a key of `caseFiles.validation`.
 */
export const PROBLEMS = [
  'required',
  'choose',
  'too_long',
  'invalid',
  'control_characters',
  'date',
  'in_future',
  'duration',
] as const;
export type Problem = (typeof PROBLEMS)[number];

type Issue = {
  code: string;
  path: readonly PropertyKey[];
  format?: string;
  params?: Record<string, unknown>;
};

/** What the check needs of a zod schema. */
type Checkable = {
  safeParse(
    data: unknown,
  ): { success: true } | { success: false; error: { issues: readonly unknown[] } };
};

export type Problems<F extends string, P extends string = Problem> = Partial<Record<F, P>>;

function problemOf(issue: Issue, value: unknown, { choice }: { choice: boolean }): Problem {
  if (issue.code === 'custom' && issue.params?.i18n === 'control_characters') {
    return 'control_characters';
  }
  if (value === '' || value === undefined || value === null) return choice ? 'choose' : 'required';
  if (issue.code === 'too_small') return 'required';
  if (issue.code === 'too_big') return 'too_long';
  if (issue.code === 'invalid_format' && issue.format === 'date') return 'date';
  if (choice) return 'choose';
  return 'invalid';
}

/**
 * The first problem of each field of `fields` when `schema` checks `body`; `values` are what the
 * form holds (an empty one is "required"), `choices` the fields picked from a list.
 */
export function check<F extends string>(
  schema: Checkable,
  body: unknown,
  values: Partial<Record<F, unknown>>,
  fields: readonly F[],
  choices: readonly F[] = [],
): Problems<F> {
  const problems: Problems<F> = {};
  const parsed = schema.safeParse(body);
  if (parsed.success) return problems;
  for (const raw of parsed.error.issues) {
    const issue = raw as Issue;
    const field = String(issue.path[0] ?? '') as F;
    if (!fields.includes(field) || problems[field]) continue;
    problems[field] = problemOf(issue, values[field], { choice: choices.includes(field) });
  }
  return problems;
}

// Opening a case file.
export const CREATE_FIELDS = ['scope', 'municipalityId', 'referentId'] as const;
export type CreateField = (typeof CREATE_FIELDS)[number];
export type CreateValues = Record<CreateField, string>;

/** What opening sends: the referent only when the user chose (none is `null`). */
export function createBody(
  personId: string,
  values: CreateValues,
  { withReferent = true } = {},
): CreateCaseFile {
  return {
    personId,
    // Checked by the schema before it is sent.
    scope: values.scope as CaseScope,
    municipalityId: values.municipalityId,
    ...(withReferent ? { referentId: values.referentId || null } : {}),
  };
}

export function createProblems(personId: string, values: CreateValues): Problems<CreateField> {
  return check(
    createCaseFileSchema,
    createBody(personId, values),
    values,
    CREATE_FIELDS,
    CREATE_FIELDS,
  );
}

// The header.
export const HEADER_FIELDS = ['municipalityId', 'teamId', 'referentId', 'assignedIds'] as const;
export type HeaderField = (typeof HEADER_FIELDS)[number];
export type HeaderValues = {
  municipalityId: string;
  teamId: string;
  referentId: string;
  assignedIds: string[];
};

export function headerProblems(values: HeaderValues): Problems<HeaderField> {
  return check(
    updateCaseFileSchema,
    { municipalityId: values.municipalityId, assignedIds: values.assignedIds },
    values,
    HEADER_FIELDS,
    HEADER_FIELDS,
  );
}

// Closing and reopening.
export const CLOSE_FIELDS = ['reasonId', 'note'] as const;
export type CloseField = (typeof CLOSE_FIELDS)[number];
export type CloseValues = Record<CloseField, string>;

export const closeBody = (values: CloseValues) => ({
  reasonId: values.reasonId,
  ...(values.note.trim() ? { note: values.note } : {}),
});

export function closeProblems(values: CloseValues): Problems<CloseField> {
  return check(closeCaseFileSchema, closeBody(values), values, CLOSE_FIELDS, ['reasonId']);
}

export function reopenProblems(values: { reason: string }): Problems<'reason'> {
  return check(reopenCaseFileSchema, values, values, ['reason'] as const);
}

// Linking a person.
export const MEMBER_FIELDS = ['personId', 'role'] as const;
export type MemberField = (typeof MEMBER_FIELDS)[number];

export function memberProblems(values: Record<MemberField, string>): Problems<MemberField> {
  return check(addMemberSchema, values, values, MEMBER_FIELDS, MEMBER_FIELDS);
}

// Recording an intervention.
export const INTERVENTION_FIELDS = [
  'typeId',
  'occurredOn',
  'durationMinutes',
  'place',
  'personIds',
  'professionalIds',
  'notes',
] as const;
export type InterventionField = (typeof INTERVENTION_FIELDS)[number];
export type InterventionValues = {
  typeId: string;
  occurredOn: string;
  /** As typed: whole minutes. */
  durationMinutes: string;
  place: string;
  personIds: string[];
  professionalIds: string[];
  notes: string;
};

/** What recording sends (empty optional fields are left out). */
export function interventionBody(values: InterventionValues) {
  const duration = values.durationMinutes.trim();
  return {
    typeId: values.typeId,
    occurredOn: values.occurredOn,
    ...(duration ? { durationMinutes: Number(duration) } : {}),
    ...(values.place ? { place: values.place } : {}),
    personIds: values.personIds,
    professionalIds: values.professionalIds,
    ...(values.notes.trim() ? { notes: values.notes } : {}),
  };
}

export function interventionProblems(
  values: InterventionValues,
  { today }: { today: string },
): Problems<InterventionField> {
  const problems = check(
    createInterventionSchema,
    interventionBody(values),
    values,
    INTERVENTION_FIELDS,
    ['typeId', 'place', 'personIds', 'professionalIds'],
  );
  if (problems.durationMinutes) problems.durationMinutes = 'duration';
  if (!problems.occurredOn && values.occurredOn > today) problems.occurredOn = 'in_future';
  return problems;
}
