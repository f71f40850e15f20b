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
  | {
      kind: 'document';
      exact: string[];
      prefix: { from: string; to: string } | null;
      /** A DNI or NIE typed with a wrong check letter: searched by its number as well. */
      wrongCheckLetter: WrongCheckLetter | null;
    }
  | { kind: 'name'; text: string };

/** "12345678A" should end in Z: the number typed (12345678) and the letter it should have. */
export type WrongCheckLetter = { typed: string; number: string; expected: string };

/** The words of a folded name query, as the search looks for them. */
export type WordPlan = {
  /** The folded query, its distinct words joined by one space. */
  key: string;
  words: string[];
  /** Words that are not particles ("de", "i", "della"…). */
  significant: number;
};

/**
 * What one typed word must match: a name word starting with it, one of these words, or
 * consecutive name words that it runs together ("elamrani": El Amrani; the last one starts with
 * the rest of the typed word). A phrase is looked up in the index by its piece `driver`.
 */
export type WordCondition =
  | { kind: 'prefix'; prefix: string; next: string }
  | { kind: 'exact'; words: string[] }
  | { kind: 'phrase'; pieces: string[]; driver: number };

/** A query with a digit is a document number; anything else is a name. */
export function parseQuery(q: string | undefined): ParsedQuery {
  const text = (q ?? '').trim();
  if (!text) return { kind: 'empty' };
  const normalized = normalizeDocument(text);
  if (/\d/.test(text) && /^[A-Z0-9]{1,20}$/.test(normalized)) {
    const wrongCheckLetter = wrongCheckLetterOf(normalized);
    const exact = documentCandidates(normalized);
    if (wrongCheckLetter) exact.push(...documentCandidates(wrongCheckLetter.number));
    return {
      kind: 'document',
      exact: [...new Set(exact)],
      prefix: normalized.length >= 4 ? { from: normalized, to: nextString(normalized) } : null,
      wrongCheckLetter,
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

/** A DNI (8 digits, or 7 without the leading zero) or NIE whose check letter is not the right one. */
export function wrongCheckLetterOf(normalized: string): WrongCheckLetter | null {
  const dni = /^(\d{7,8})([A-Z])$/.exec(normalized);
  const nie = /^([XYZ])(\d{7})([A-Z])$/.exec(normalized);
  const [number, digits, letter] = dni
    ? [dni[1]!, dni[1]!.padStart(8, '0'), dni[2]!]
    : nie
      ? [nie[1]! + nie[2]!, String('XYZ'.indexOf(nie[1]!)) + nie[2]!, nie[3]!]
      : [];
  if (!number || !digits || !letter) return null;
  const expected = checkLetterFor(digits);
  return expected === letter ? null : { typed: normalized, number, expected };
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

/** The piece of a phrase that the index looks up: a whole word, or the start of one if last. */
export function phraseDriver(condition: { pieces: string[]; driver: number }): WordCondition {
  const piece = condition.pieces[condition.driver]!;
  return condition.driver === condition.pieces.length - 1
    ? prefixOf(piece)
    : { kind: 'exact', words: [piece] };
}

/** The word with each one of its letters removed (as caliu_deletions does in the database). */
export function deletionsOf(word: string): string[] {
  const points = [...word];
  return [
    ...new Set(points.map((_, i) => [...points.slice(0, i), ...points.slice(i + 1)].join(''))),
  ];
}

/** Name pieces of at least this many letters are tried when a typed word runs names together. */
const PIECE_MIN_LETTERS = 2;
const MAX_PIECES = 3;
/** Longer typed words are not cut into pieces (their cuts would be many and unlikely). */
const SPLIT_MAX_LETTERS = 24;

/**
 * The ways to cut a typed word into 2 or 3 consecutive name words ("delafuente": "de la fuente",
 * "dela fuente", "de lafuente"…), each of 2 letters or more; which of them exist is for the
 * vocabulary to say. The last piece may be the start of a word, as any typed word may.
 */
export function splitsOf(word: string): string[][] {
  const letters = [...word];
  if (letters.length < 2 * PIECE_MIN_LETTERS || letters.length > SPLIT_MAX_LETTERS) return [];
  const out: string[][] = [];
  const cut = (from: number, pieces: string[]) => {
    for (let end = from + PIECE_MIN_LETTERS; end <= letters.length; end++) {
      const piece = letters.slice(from, end).join('');
      const rest = letters.length - end;
      if (rest === 0) {
        if (pieces.length > 0) out.push([...pieces, piece]);
      } else if (rest >= PIECE_MIN_LETTERS && pieces.length < MAX_PIECES - 1) {
        cut(end, [...pieces, piece]);
      }
    }
  };
  cut(0, []);
  return out.sort((a, b) => a.length - b.length);
}
