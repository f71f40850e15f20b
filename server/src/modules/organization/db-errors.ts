/**
 * PostgreSQL's answer to a refused write, whichever driver (pg, PGlite) and however Drizzle
 * wraps it: the SQLSTATE and the constraint, or null for any other error.
 */
export function constraintViolation(
  error: unknown,
): { kind: 'unique' | 'foreign_key' | 'check'; constraint: string } | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth++) {
    const { code, constraint } = current as { code?: unknown; constraint?: unknown };
    const kind =
      code === '23505'
        ? 'unique'
        : code === '23503'
          ? 'foreign_key'
          : code === '23514'
            ? 'check'
            : null;
    if (kind) return { kind, constraint: typeof constraint === 'string' ? constraint : '' };
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}
