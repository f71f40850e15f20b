import { checkLetterFor, normalizeDocument, type PersonSearchPage } from '@caliu/common';
import type { Tx } from '../../db/connect';
import * as repo from './search-repository';
import { presentSearchRow } from './present';

/**
 * Person search: one box, a name in any order or a document number.
 *
 * Names are compared on their search key (accent- and case-folded, punctuation dropped: the
 * database function caliu_name_key, also applied to the query). Row-level security lets indexes
 * serve only leakproof operators (B-tree equality and ranges, not LIKE or the trigram operators),
 * so search runs on an inverted index of name words (person_name_terms):
 *
 * 1. Strict: every typed word starts a word of the name (`word >= 'garc' AND word < 'gard'`).
 *    The rarest typed word (by the vocabulary's counts) is the index range; the others filter
 *    the search key that the index carries, so no row of `persons` is read until the page.
 * 2. Typo-tolerant fallback, only when the strict stage finds fewer than FALLBACK_BELOW persons:
 *    for each typed word, the name words of 4+ letters within one edit of it (insertion,
 *    deletion, substitution, transposition) are found through the index of one-letter deletions
 *    (person_name_word_deletions: equality lookups, no scan), and the search runs again with that
 *    word replaced by them.
 *
 * Results are ranked: every word whole and nothing else (exact), every word whole, word prefixes,
 * then approximate matches; within a tier the words in the order typed first, then trigram
 * similarity to the query (skipped for broad queries of thousands of matches), then name.
 * Pages are offsets into that ranking (a keyset on a computed score would not be stable).
 */
export const FALLBACK_BELOW = 20;
/** Typos are tolerated in name words of this many letters or more (so typed with 3 or more). */
export const TYPO_MIN_LETTERS = 4;
/** Above this many matches a query is broad: ranked without similarity, in SQL. */
export const BROAD_ABOVE = 2000;
const MAX_WORDS = 8;
const MAX_CORRECTIONS = 40;
/** Deeper than this, the user should type more. */
export const MAX_OFFSET = 1000;

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
export function planWords(key: string): repo.WordPlan | null {
  const words = [...new Set(key.split(' ').filter(Boolean))].slice(0, MAX_WORDS);
  if (words.join('').length < 2) return null;
  return {
    key: words.join(' '),
    words,
    significant: words.filter((w) => !NAME_PARTICLES.includes(w)).length,
  };
}

const prefixOf = (word: string): repo.WordCondition => ({
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

export type SearchPage = { limit: number; offset: number };

/** Runs a search in the caller's transaction; answers one page and whether there are more. */
export async function searchPersons(
  tx: Tx,
  entityId: string,
  q: string | undefined,
  page: SearchPage,
): Promise<{ kind: ParsedQuery['kind']; page: PersonSearchPage['items']; hasMore: boolean }> {
  const parsed = parseQuery(q);
  const window = { limit: page.limit + 1, offset: page.offset };
  let rows: repo.SearchRow[] = [];
  if (parsed.kind === 'empty') {
    rows = await repo.listRecent(tx, entityId, window);
  } else if (parsed.kind === 'document') {
    rows = await repo.searchByDocument(tx, entityId, parsed.exact, parsed.prefix, window);
  } else {
    const plan = planWords(await repo.nameKey(tx, parsed.text));
    if (plan) rows = await searchByName(tx, entityId, plan, window);
  }
  return {
    kind: parsed.kind,
    page: rows.slice(0, page.limit).map(presentSearchRow),
    hasMore: rows.length > page.limit,
  };
}

async function searchByName(
  tx: Tx,
  entityId: string,
  plan: repo.WordPlan,
  window: SearchPage,
): Promise<repo.SearchRow[]> {
  // The rarest word drives the candidate query; a word nobody has means no strict match.
  const prefixes = plan.words.map(prefixOf);
  const counts = await repo.personCounts(tx, entityId, prefixes);
  const byRarity = prefixes
    .map((condition, i) => ({ condition, count: counts[i]! }))
    .sort((a, b) => a.count - b.count);
  const ordered = byRarity.map((c) => c.condition);
  const strict =
    byRarity[0]!.count === 0 ? [] : await repo.candidates(tx, entityId, ordered, BROAD_ABOVE + 1);
  if (strict.length > BROAD_ABOVE) {
    return repo.rankBroad(tx, entityId, plan, ordered, window);
  }
  const approximate: string[] = [];
  if (strict.length < FALLBACK_BELOW) {
    const known = new Set(strict);
    const corrections = [...(await correctionsFor(tx, entityId, plan))];
    const replaced = corrections.map(([, words]): repo.WordCondition => ({ kind: 'exact', words }));
    const replacedCounts = await repo.personCounts(tx, entityId, replaced);
    for (const [i, [typed]] of corrections.entries()) {
      // That word replaced by its corrections; again the rarest condition drives.
      const conditions = [
        { condition: replaced[i]!, count: replacedCounts[i]! },
        ...byRarity.filter((c) => c.condition !== prefixes[plan.words.indexOf(typed)]),
      ]
        .sort((a, b) => a.count - b.count)
        .map((c) => c.condition);
      for (const id of await repo.candidates(tx, entityId, conditions, BROAD_ABOVE)) {
        if (!known.has(id)) {
          known.add(id);
          approximate.push(id);
        }
      }
    }
  }
  return repo.rankCandidates(tx, entityId, plan, { strict, approximate }, window);
}

/** For each typed word that may carry a typo, the name words one edit away from it. */
async function correctionsFor(
  tx: Tx,
  entityId: string,
  plan: repo.WordPlan,
): Promise<Map<string, string[]>> {
  const eligible = plan.words.filter((w) => [...w].length >= TYPO_MIN_LETTERS - 1);
  if (eligible.length === 0) return new Map();
  const found = await repo.wordsWithinOneEdit(
    tx,
    entityId,
    eligible.map((word) => ({ word, deletions: deletionsOf(word) })),
  );
  const out = new Map<string, string[]>();
  for (const { typed, word } of found) {
    const list = out.get(typed) ?? [];
    if (list.length < MAX_CORRECTIONS) list.push(word);
    out.set(typed, list);
  }
  return out;
}
