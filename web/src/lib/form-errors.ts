import { ApiError } from './api-client';

/** Field → message; a field without a problem is absent. */
export type FieldErrors = Partial<Record<string, string>>;

/**
 * The first message the API gave about each field of a refused form, by the field's top-level
 * name: a detail about `teams.0.teamId` belongs to the `teams` field, `emailDomains.2` to
 * `emailDomains`.
 */
export function serverFieldErrors(error: unknown): FieldErrors {
  const errors: FieldErrors = {};
  if (!(error instanceof ApiError)) return errors;
  for (const detail of error.details) {
    const field = detail.field?.split('.')[0];
    if (field && !errors[field]) errors[field] = detail.message;
  }
  return errors;
}

/** The first field, in the form's order, that has a problem. */
export function firstInvalid<F extends string>(order: readonly F[], errors: FieldErrors) {
  return order.find((field) => errors[field]);
}

/** Whether `errors` holds any problem. */
export function hasErrors(errors: FieldErrors): boolean {
  return Object.values(errors).some(Boolean);
}
