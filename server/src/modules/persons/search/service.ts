import {
  type DuplicateCheck,
  type DuplicateCheckResult,
  normalizeDocument,
  type PersonSearchPage,
} from '@caliu/common';
import type { Tx } from '../../../db/connect';
import { writeAudit } from '../../../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../../../platform/context';
import { decodeOffsetCursor, encodeOffsetCursor } from '../../../platform/pagination';
import { presentSummary } from '../present';
import { clean } from '../rules';
import {
  deletionsOf,
  documentCandidates,
  parseQuery,
  type ParsedQuery,
  planWords,
  prefixOf,
  splitsOf,
  type WordCondition,
  type WrongCheckLetter,
  type WordPlan,
} from './parse';
import * as repo from './repository';

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
 * 2. Typo-tolerant fallback, only when the strict stage finds fewer than FALLBACK_BELOW persons
 *    and none of them is named exactly what was typed (a name typed whole and found needs no
 *    "did you mean"; it would cost most of the search's statements):
 *    for each typed word, the name words of 4+ letters within one edit of it (insertion,
 *    deletion, substitution, transposition) are found through the index of one-letter deletions
 *    (person_name_word_deletions: equality lookups, no scan), and the search runs again with that
 *    word replaced by them. Spaces are tolerated the same way: a typed word that runs names
 *    together ("Elamrani" for El Amrani) is cut into words of the vocabulary and searched as
 *    those words in a row; two typed words that a name writes as one ("D Amico") are joined.
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
const MAX_CORRECTIONS = 40;
/** The cuts of one typed word into several names that are searched (fewest pieces first). */
const MAX_SPLITS = 4;
/** Deeper than this, the user should type more. */
export const MAX_OFFSET = 1000;

/** Runs a search in the caller's transaction; answers one page and whether there are more. */
export async function searchPersons(
  tx: Tx,
  entityId: string,
  q: string | undefined,
  page: repo.Window,
): Promise<{
  kind: ParsedQuery['kind'];
  page: PersonSearchPage['items'];
  hasMore: boolean;
  wrongCheckLetter: WrongCheckLetter | null;
}> {
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
    wrongCheckLetter: parsed.kind === 'document' ? parsed.wrongCheckLetter : null,
  };
}

async function searchByName(
  tx: Tx,
  entityId: string,
  plan: WordPlan,
  window: repo.Window,
): Promise<repo.SearchRow[]> {
  // The rarest word drives the candidate query; a word nobody has means no strict match.
  const prefixes = plan.words.map(prefixOf);
  const counts = await repo.personCounts(tx, entityId, prefixes);
  const byRarity = prefixes
    .map((condition, i) => ({ condition, count: counts[i]! }))
    .sort((a, b) => a.count - b.count);
  const ordered = byRarity.map((c) => c.condition);
  if (byRarity[0]!.count === 0) {
    // A typed word that nobody's name starts with: only the typo fallback may find someone.
    return fallback(tx, entityId, plan, { prefixes, counts, strict: [] }, window);
  }
  const found = await repo.strictStage(tx, entityId, plan, ordered, window, {
    cap: BROAD_ABOVE + 1,
    few: FALLBACK_BELOW,
  });
  if (found.total > BROAD_ABOVE) return repo.rankBroad(tx, entityId, plan, ordered, window);
  if (found.ids && !found.exact) {
    return fallback(tx, entityId, plan, { prefixes, counts, strict: found.ids }, window);
  }
  return found.page;
}

/**
 * Typo-tolerant fallback (fewer than FALLBACK_BELOW strict matches, none exact): the strict
 * matches ranked with the persons that a corrected, split or joined reading of the words finds.
 */
async function fallback(
  tx: Tx,
  entityId: string,
  plan: WordPlan,
  stage: { prefixes: WordCondition[]; counts: number[]; strict: string[] },
  window: repo.Window,
): Promise<repo.SearchRow[]> {
  const { prefixes, counts, strict } = stage;
  const typed = prefixes.map((condition, i) => ({ condition, count: counts[i]! }));
  const alternatives = [
    ...(await correctionsFor(tx, entityId, plan)),
    // Only rare words may run names together: "garcia" or "maria" are not cut up.
    ...(await splitsFor(
      tx,
      entityId,
      plan.words.filter((_, i) => counts[i]! < FALLBACK_BELOW),
    )),
    ...joinsOf(plan),
  ];
  const alternativeCounts = await repo.personCounts(
    tx,
    entityId,
    alternatives.map((a) => a.condition),
  );
  const readings: WordCondition[][] = [];
  for (const [i, alternative] of alternatives.entries()) {
    // The typed words replaced by the alternative; again the rarest condition drives.
    const replaced = new Set(alternative.replaces.map((w) => prefixes[plan.words.indexOf(w)]));
    const conditions = [
      { condition: alternative.condition, count: alternativeCounts[i]! },
      ...typed.filter((c) => !replaced.has(c.condition)),
    ].sort((a, b) => a.count - b.count);
    // A condition that nobody meets: no need to ask.
    if (conditions[0]!.count > 0) readings.push(conditions.map((c) => c.condition));
  }
  return repo.rankFallback(
    tx,
    entityId,
    plan,
    { strict, alternatives: readings },
    BROAD_ABOVE,
    window,
  );
}

/** Another reading of some typed words: a typo corrected, spaces put in or taken out. */
type Alternative = { replaces: string[]; condition: WordCondition };

/** For each typed word that may carry a typo, the name words one edit away from it. */
async function correctionsFor(tx: Tx, entityId: string, plan: WordPlan): Promise<Alternative[]> {
  const eligible = plan.words.filter((w) => [...w].length >= TYPO_MIN_LETTERS - 1);
  if (eligible.length === 0) return [];
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
  return [...out].map(([typed, words]) => ({
    replaces: [typed],
    condition: { kind: 'exact', words },
  }));
}

/**
 * Typed words that run name words together ("Elamrani" for El Amrani, "Delafuente"): the cuts
 * of each into names of the vocabulary, every piece a whole word but the last, which may be the
 * start of one. Found by equality and ranges on the vocabulary (leakproof, so indexed under
 * row-level security), the rarest piece then drives the search. Only for rare typed words (a
 * common one is a name as typed), so an ordinary search pays nothing for it.
 */
async function splitsFor(tx: Tx, entityId: string, words: string[]): Promise<Alternative[]> {
  const splits = words.map((word) => ({ word, splits: splitsOf(word) }));
  const pieces = new Set<string>();
  const lastPieces = new Set<string>();
  for (const { splits: cuts } of splits) {
    for (const cut of cuts) {
      cut.slice(0, -1).forEach((p) => pieces.add(p));
      lastPieces.add(cut.at(-1)!);
    }
  }
  if (pieces.size === 0) return [];
  const whole = await repo.wordCounts(tx, entityId, [...pieces]);
  const starts = [...lastPieces];
  const startCounts = await repo.personCounts(tx, entityId, starts.map(prefixOf));
  const started = new Map(starts.map((p, i) => [p, startCounts[i]!]));
  const out: Alternative[] = [];
  for (const { word, splits: cuts } of splits) {
    // Each piece's count: a whole word, or words starting with it for the last piece.
    const found = cuts
      .map((cut) => ({
        cut,
        pieceCounts: cut.map((p, i) => (i < cut.length - 1 ? whole.get(p) : started.get(p)) ?? 0),
      }))
      .filter(({ pieceCounts }) => pieceCounts.every((c) => c > 0))
      .slice(0, MAX_SPLITS);
    for (const { cut, pieceCounts } of found) {
      const driver = pieceCounts.indexOf(Math.min(...pieceCounts));
      out.push({ replaces: [word], condition: { kind: 'phrase', pieces: cut, driver } });
    }
  }
  return out;
}

/** Two typed words that a name writes as one ("D Amico" for D'Amico, "Mari Carmen"). */
function joinsOf(plan: WordPlan): Alternative[] {
  return plan.words
    .slice(1)
    .map((word, i) => [plan.words[i]!, word] as const)
    .map(([a, b]) => ({ replaces: [a, b], condition: prefixOf(a + b) }));
}

/** One box: a name in any order, or a document. Audited as a search of that length, not its text. */
export async function search(
  deps: AppDeps,
  ctx: RequestContext,
  query: { q?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<PersonSearchPage> {
  const entityId = ctx.auth.entity.id;
  const offset = decodeOffsetCursor(query.cursor, MAX_OFFSET);
  return deps.database.tenant(entityId, async (tx) => {
    const result = await searchPersons(tx, entityId, query.q, { limit: query.limit, offset });
    await writeAudit(tx, actorOf(ctx), {
      action: 'person.search',
      details: { kind: result.kind, length: (query.q ?? '').trim().length, offset },
    });
    const next = offset + query.limit;
    return {
      items: result.page,
      nextCursor: result.hasMore && next <= MAX_OFFSET ? encodeOffsetCursor(next) : null,
      wrongCheckLetter: result.wrongCheckLetter,
    };
  });
}

/** Likely duplicates of a record being typed: the same document, or a similar name born the same day. */
export async function duplicateCheck(
  deps: AppDeps,
  ctx: RequestContext,
  input: DuplicateCheck,
): Promise<DuplicateCheckResult> {
  const entityId = ctx.auth.entity.id;
  const document = clean(input.documentNumber);
  const documents = document ? documentCandidates(normalizeDocument(document)) : [];
  const given = clean(input.givenName);
  const surname = clean(input.firstSurname);
  const birthDate = input.birthDate ?? null;
  if (documents.length === 0 && !(birthDate && given && surname)) return { items: [] };
  return deps.database.tenant(entityId, async (tx) => {
    const full =
      given && surname
        ? await repo.nameKey(tx, [given, surname, clean(input.secondSurname) ?? ''].join(' '))
        : null;
    const givenKey = given ? await repo.nameKey(tx, given) : null;
    const rows = await repo.findDuplicates(tx, entityId, {
      documents,
      birthDate,
      nameKey: full,
      givenKey,
      excludeId: input.excludeId ?? null,
    });
    await writeAudit(tx, actorOf(ctx), {
      action: 'person.duplicate_check',
      details: { results: rows.length },
    });
    return { items: rows.map(presentDuplicate) };
  });
}

const MATCH_BY_TIER: Record<number, PersonSearchPage['items'][number]['match']> = {
  0: 'exact',
  1: 'words',
  2: 'partial',
  3: 'partial',
  4: 'approximate',
  9: 'document',
  10: 'partial',
};

function presentSearchRow(row: repo.SearchRow): PersonSearchPage['items'][number] {
  return { ...presentSummary(row), match: MATCH_BY_TIER[Number(row.tier)] ?? 'partial' };
}

function presentDuplicate(row: repo.DuplicateRow): DuplicateCheckResult['items'][number] {
  const reasons: DuplicateCheckResult['items'][number]['reasons'] = [];
  if (row.same_document) reasons.push('same_document');
  if (row.similar_name) reasons.push('similar_name_same_birth_date');
  return { ...presentSummary(row), reasons };
}
