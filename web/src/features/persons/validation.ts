import { createPersonSchema } from '@caliu/common';
import { createBody, isPersonField } from './form-values';
import type { PersonField, PersonValues } from './form-values';

/**
 * What can be wrong with a field before any server is asked: the API's own schema
 * (createPersonSchema, with its DNI/NIE check letters and consent rules) run on every keystroke,
 * and the date rules the server applies. Each problem is a key of `persons.validation`.
 */
export const PROBLEMS = [
  'required',
  'too_long',
  'invalid',
  'control_characters',
  'email',
  'phone',
  'phone_implausible',
  'phone_not_mobile',
  'date',
  'birth_date_in_future',
  'birth_date_too_early',
  'dni_format',
  'dni_check_letter',
  'nie_format',
  'nie_check_letter',
  'passport_format',
  'document_type_required',
  'document_together',
  'consent_sms_needs_mobile',
  'consent_email_needs_email',
] as const;
export type Problem = (typeof PROBLEMS)[number];

function isProblem(value: unknown): value is Problem {
  return (PROBLEMS as readonly unknown[]).includes(value);
}

type Issue = {
  code: string;
  path: readonly PropertyKey[];
  format?: string;
  params?: Record<string, unknown>;
};

function problemOf(issue: Issue, value: unknown): Problem {
  if (value === '' || value === undefined || value === null) {
    // An empty field that must hold something (a name, the municipality, the document number).
    if (issue.code !== 'custom') return 'required';
  }
  switch (issue.code) {
    case 'custom': {
      const key = issue.params?.i18n;
      return isProblem(key) ? key : 'invalid';
    }
    case 'too_small':
    case 'invalid_type':
      return 'required';
    case 'too_big':
      return 'too_long';
    case 'invalid_format':
      if (issue.format === 'email') return 'email';
      if (issue.format === 'date') return 'date';
      if (issue.format === 'regex' && issue.path[0] !== 'nationality') return 'phone';
      return 'invalid';
    default:
      return 'invalid';
  }
}

const EARLIEST_BIRTH = '1900-01-01';

/** The problems of the form's values, by field (the first one of each field). */
export function personProblems(
  values: PersonValues,
  { today }: { today: string },
): Partial<Record<PersonField, Problem>> {
  const problems: Partial<Record<PersonField, Problem>> = {};
  const parsed = createPersonSchema.safeParse(createBody(values, { withTeam: false }));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      if (!isPersonField(field) || problems[field]) continue;
      problems[field] = problemOf(issue as Issue, values[field]);
    }
  }
  if (!problems.birthDate && values.birthDate) {
    if (values.birthDate > today) problems.birthDate = 'birth_date_in_future';
    else if (values.birthDate < EARLIEST_BIRTH) problems.birthDate = 'birth_date_too_early';
  }
  return problems;
}
