import { ApiError } from '@/lib/api-client';
import type { FieldErrors } from '@/lib/form-errors';

/** Refusals the server states by their code alone: the field each one is about. */
const FIELD_OF_CODE: Partial<Record<string, string>> = {
  'case_files.referent_self_or_none': 'referentId',
  'case_files.referent_change_coordinator_only': 'referentId',
  'case_files.team_change_coordinator_only': 'teamId',
  // Content for one member (a demand, a resource…): the person field says both municipalities.
  'case_files.municipality_mismatch': 'personId',
};

/**
 * The server's refusal of a form, by field (only the form's own `fields`): the details that name
 * one (the municipality rule names `personIds`), and the codes that are about one field, in the
 * API's own words.
 */
export function refusedFields(error: unknown, fields: readonly string[]): FieldErrors {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiError)) return errors;
  for (const detail of error.details) {
    const field = detail.field?.split('.')[0];
    if (field && fields.includes(field) && !errors[field]) errors[field] = detail.message;
  }
  const field = FIELD_OF_CODE[error.code];
  if (field && fields.includes(field) && !errors[field]) errors[field] = error.message;
  return errors;
}

/**
 * A refusal about a field stays until that field changes: `sent` is what the refused save sent,
 * `values` what the form holds now.
 */
export function stillRefused<V extends object>(
  refused: FieldErrors,
  sent: V | null,
  values: V,
): FieldErrors {
  if (!sent) return {};
  return Object.fromEntries(
    Object.entries(refused).filter(
      ([field]) =>
        JSON.stringify(sent[field as keyof V]) === JSON.stringify(values[field as keyof V]),
    ),
  );
}

/** Whether the case file is gone or out of the user's reach (the API does not tell which). */
export function isNotFound(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 404 || error.code === 'common.not_found');
}
