import { createHash } from 'node:crypto';

/**
 * Deterministic UUIDs for synthetic rows: `id(kind, i)` is the same for the same entity code,
 * kind and index, so a manifest of planted duplicates can name them.
 *
 * They grow with the index (entity tag, kind, then the index in the last 12 hex digits), like
 * time-ordered UUIDs: a bulk load then appends to each primary-key index instead of touching a
 * random leaf per row. With random ids (as `gen_random_uuid()` makes in production) the load at
 * a million persons ran out of shared buffers and took 20 minutes instead of a few
 * (docs/PERFORMANCE.md). The price, said there too: indexes built in order are denser than
 * indexes grown at random, so look-ups by id touch slightly fewer pages than in production.
 */
const KINDS = {
  person: 1,
  case_file: 2,
  professional: 3,
  intervention: 4,
  demand: 5,
  problem: 6,
  resource: 7,
  procedure: 8,
  plan: 9,
} as const;
export type IdKind = keyof typeof KINDS;

export function idMaker(entityCode: string) {
  const tag = createHash('sha256').update(entityCode).digest('hex').slice(0, 8);
  return (kind: IdKind, index: number): string =>
    `${tag}-${KINDS[kind].toString(16).padStart(4, '0')}-4000-8000-${index.toString(16).padStart(12, '0')}`;
}
