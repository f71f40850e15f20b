import { createHash } from 'node:crypto';

/**
 * Deterministic, well-spread UUIDs for synthetic rows: `id(kind, i)` is the same for the same
 * entity code, kind and index, so a manifest of planted duplicates can name them; the index is
 * scrambled by an odd multiplier modulo 2^48, so consecutive rows do not land side by side in a
 * B-tree as random production UUIDs would not either.
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

const MASK = (1n << 48n) - 1n;
const MULTIPLIER = 0x9e3779b97f4bn; // odd: a bijection modulo 2^48

export function idMaker(entityCode: string) {
  const tag = createHash('sha256').update(entityCode).digest('hex').slice(0, 8);
  return (kind: IdKind, index: number): string => {
    const scrambled = ((BigInt(index) * MULTIPLIER) & MASK).toString(16).padStart(12, '0');
    return `${tag}-${KINDS[kind].toString(16).padStart(4, '0')}-4000-8000-${scrambled}`;
  };
}
