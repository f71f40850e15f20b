/**
 * Evidence tests (`*.evidence.test.ts`) run in `npm test` at reduced counts that finish in seconds,
 * and in `npm run test:long` (CALIU_LONG=1, vitest.long.config.ts) at the full counts an issue
 * quotes. docs/TESTING.md has the budget.
 */
export const LONG_EVIDENCE = process.env.CALIU_LONG === '1';

/** The reduced count in `npm test`, the full one in `npm run test:long`. */
export function evidenceCount(reduced: number, full: number): number {
  return LONG_EVIDENCE ? full : reduced;
}
