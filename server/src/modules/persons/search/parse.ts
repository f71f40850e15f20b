import { checkLetterFor, normalizeDocument } from '@caliu/common';

/**
 * What a typed query asks for, without the database: a document or a name, and for a name the
 * words to look for. Pure, so its rules are tested and reused (the data-subject look-up) as is.
 */

const MAX_WORDS = 8;

/** Particles do not count when deciding that a query names every part of a name. */
export const NAME_PARTICLES = [
  'de', 'del', 'dels', 'la', 'las', 'les', 'los', 'el', 'i', 'y', 'e', 'di', 'da', 'dal',
  'dalla', 'della', 'delle', 'degli', 'dello', 'lo', 'le', 'van', 'von', 'du', 'des', 'do',
  'dos', 'das',
]; // prettier-ignore

export type ParsedQuery =
  | { kind: 'empty' }
  | { kind: 'document'; exact: string[]; prefix: { from: string; to: string } | null }
  | { kind: 'name'; text: string };

/** The words of a folded name query, as the search looks for them. */
export type WordPlan = {
  /** The folded query, its distinct words joined by one space. */
  key: string;
  words: string[];
  /** Words that are not particles ("de", "i", "della"…). */
  significant: number;
};

/** What one typed word must match: a name word starting with it, or one of these words. */
export type WordCondition =
  { kind: 'prefix'; prefix: string; next: string } | { kind: 'exact'; words: string[] };

/** A query with a digit is a document number; anything else is a name. */
export function parseQuery(q: string | undefined): ParsedQuery {
  const text = (q ?? '').trim();
  if (!text) return { kind: 'empty' };
  const normalized = normalizeDocument(text);
  if (/\d/.test(text) && /^[A-Z0-9]{1,20}$/.test(normalized)) {
    return {
      kind: 'document',
      exact: documentCandidates(normalized),
      prefix: normalized.length >= 4 ? { from: normalized, to: nextString(normalized) } : null,
    };
  }
  return { kind: 'name', text };
}

/** The stored forms a typed document may stand for: with its check letter, or a leading zero. */
export function documentCandidates(normalized: string): string[] {
  const out = new Set([normalized]);
  const dni = (digits: string) => digits + checkLetterFor(digits);
  if (/^\d{8}$/.test(normalized)) out.add(dni(normalized));
  if (/^\d{7}$/.test(normalized)) out.add(dni(`0${normalized}`));
  if (/^\d{7}[A-Z]$/.test(normalized)) out.add(`0${normalized}`);
  const nie = /^([XYZ])(\d{7})$/.exec(normalized);
  if (nie) out.add(normalized + checkLetterFor(String('XYZ'.indexOf(nie[1]!)) + nie[2]!));
  return [...out];
}

/** The smallest string greater than every string that starts with `prefix` (code point order). */
export function nextString(prefix: string): string {
  const points = [...prefix];
  const last = points.pop()!;
  return points.join('') + String.fromCodePoint(last.codePointAt(0)! + 1);
}

/** The word plan of a folded query; null when there is too little to search for. */
export function planWords(key: string): WordPlan | null {
  const words = [...new Set(key.split(' ').filter(Boolean))].slice(0, MAX_WORDS);
  if (words.join('').length < 2) return null;
  return {
    key: words.join(' '),
    words,
    significant: words.filter((w) => !NAME_PARTICLES.includes(w)).length,
  };
}

/** A name word that starts with the typed one. */
export const prefixOf = (word: string): WordCondition => ({
  kind: 'prefix',
  prefix: word,
  next: nextString(word),
});

/** The word with each one of its letters removed (as caliu_deletions does in the database). */
export function deletionsOf(word: string): string[] {
  const points = [...word];
  return [
    ...new Set(points.map((_, i) => [...points.slice(0, i), ...points.slice(i + 1)].join(''))),
  ];
}
