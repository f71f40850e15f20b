import type { AppError } from './errors';

/**
 * What PostgreSQL's errors mean to the application, whichever driver (pg, PGlite) raised them
 * and however Drizzle wraps them: the error and the causes it wraps, read for their SQLSTATE.
 */
function* chainOf(error: unknown): Generator<{ code?: unknown; constraint?: unknown }> {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    yield current as { code?: unknown; constraint?: unknown };
    current = (current as { cause?: unknown }).cause;
  }
}

/** Why PostgreSQL refused a write: the SQLSTATE classes a user can be told about. */
export type ConstraintKind = 'unique' | 'foreign_key' | 'check';

const KINDS: Record<string, ConstraintKind> = {
  '23505': 'unique',
  '23503': 'foreign_key',
  '23514': 'check',
};

/** A refused write: the kind and the constraint, or null for any other error. */
function constraintViolation(error: unknown): { kind: ConstraintKind; constraint: string } | null {
  for (const { code, constraint } of chainOf(error)) {
    const kind = typeof code === 'string' ? KINDS[code] : undefined;
    if (kind) return { kind, constraint: typeof constraint === 'string' ? constraint : '' };
  }
  return null;
}

/**
 * What a refused write means to the user, by kind of constraint; given the constraint's name, a
 * function answers the error, or null when that constraint is not one it knows.
 */
export type Refusals = Partial<Record<ConstraintKind, (constraint: string) => AppError | null>>;

/**
 * Runs `work`; when PostgreSQL refuses its write for a reason `refusals` knows, the caller gets
 * that error (a 409 they can act on) instead of a crash. Any other error goes on as it was.
 */
export async function withRefusals<T>(work: () => Promise<T>, refusals: Refusals): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const violation = constraintViolation(error);
    throw (violation && refusals[violation.kind]?.(violation.constraint)) ?? error;
  }
}

/** A data exception (SQLSTATE class 22): input the schemas let through but PostgreSQL refuses. */
export function isDataException(error: unknown): boolean {
  for (const { code } of chainOf(error)) {
    if (typeof code === 'string' && /^22[0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
}
