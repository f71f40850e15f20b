import { withRefusals } from '../../platform/db-errors';
import { AppError } from '../../platform/errors';

/** Small rules shared by the person services. */

/** Optional text as stored: trimmed, and '' means none. */
export function clean(value: string | null | undefined): string | null {
  if (value === undefined || value === null) return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed;
}

/** Today's date (YYYY-MM-DD) in the entity's time zone. */
export function todayIn(timeZone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

const EARLIEST_BIRTH = '1900-01-01';

/** A birth date in the past (not before 1900); a death on or after it, not in the future. */
export function assertDates(birthDate: string | null, deceasedOn: string | null, today: string) {
  if (birthDate !== null && birthDate > today) {
    throw new AppError('persons.birth_date_in_future', 400);
  }
  if (birthDate !== null && birthDate < EARLIEST_BIRTH) {
    throw new AppError('persons.birth_date_too_early', 400);
  }
  if (deceasedOn !== null && deceasedOn > today) {
    throw new AppError('persons.deceased_in_future', 400);
  }
  if (deceasedOn !== null && birthDate !== null && deceasedOn < birthDate) {
    throw new AppError('persons.deceased_before_birth', 400);
  }
}

/** Two saves of the same document at once: the unique index decides, the user reads why. */
export function conflictOnDuplicateDocument<T>(fn: () => Promise<T>): Promise<T> {
  return withRefusals(fn, { unique: () => new AppError('persons.duplicate_document', 409) });
}
