import { ApiError } from '@/lib/api-client';
import type { FieldErrors } from '@/lib/form-errors';
import { FIELD_ORDER, isPersonField } from './form-values';
import type { PersonField } from './form-values';

/** Refusals the server states by their code alone: the field each one is about. */
const FIELD_OF_CODE: Partial<Record<string, PersonField>> = {
  'persons.birth_date_in_future': 'birthDate',
  'persons.birth_date_too_early': 'birthDate',
  'persons.municipality_not_found': 'municipalityId',
  'persons.sector_not_found': 'sectorId',
  'persons.sector_outside_municipality': 'sectorId',
  'persons.team_not_found': 'teamId',
  'persons.team_change_coordinator_only': 'teamId',
  'persons.referent_not_found': 'referentId',
  'persons.referent_change_coordinator_only': 'referentId',
  'persons.referent_self_or_none': 'referentId',
  'persons.consent_sms_needs_mobile': 'consentSms',
  'persons.consent_email_needs_email': 'consentEmail',
  'persons.duplicate_document': 'documentNumber',
};

/**
 * The server's refusal of a save, by field: the details that name a field, and the codes that are
 * about one field (a taken document, a date of birth in the future…), in the API's own words.
 */
export function refusedFields(error: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiError)) return errors;
  for (const detail of error.details) {
    const field = detail.field?.split('.')[0];
    if (field && isPersonField(field) && !errors[field]) errors[field] = detail.message;
  }
  const field = FIELD_OF_CODE[error.code];
  if (field && !errors[field]) errors[field] = error.message;
  return errors;
}

/** The first field, in the form's order, that has a problem. */
export function firstField(errors: FieldErrors): PersonField | undefined {
  return FIELD_ORDER.find((field) => errors[field]);
}
