import { type SQL, sql } from 'drizzle-orm';
import { rowsOf, type Tx, uuidArray } from '../../../db/connect';
import { namesAlike } from '../duplicate-rule';
import { phraseDriver, type WordCondition, type WordPlan } from './parse';

/**
 * The SQL of person search (the design is described in service.ts). Under row-level security an
 * index only serves leakproof operators, so every filter here is a B-tree equality or range on
 * the word index (person_name_terms) or on ids; LIKE and similarity only rank rows already found.
 */

/** A person as search finds them: the summary columns and how well they matched. */
export type SearchRow = {
  id: string;
  given_name: string;
  first_surname: string;
  second_surname: string | null;
  sex: 'female' | 'male' | 'other' | null;
  birth_date: string | null;
  document_type: 'dni' | 'nie' | 'passport' | null;
  document_number: string | null;
  municipality_id: string;
  municipality_name: string;
  status: 'active' | 'deceased';
  deceased_on: string | null;
  /** 0 exact, 1 whole words, 2 word prefixes, 4 approximate, 9 document, 10 document prefix. */
  tier: number;
};

/** A page of a ranking: how many rows, after how many. */
export type Window = { limit: number; offset: number };

const COLUMNS = sql`p.id, p.given_name, p.first_surname, p.second_surname, p.sex,
  p.birth_date::text AS birth_date, p.document_type, p.document_number, p.municipality_id,
  m.name AS municipality_name, p.status, p.deceased_on::text AS deceased_on`;
const FROM = sql`persons p JOIN municipalities m
  ON m.entity_id = p.entity_id AND m.id = p.municipality_id`;

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** A text[] built from parameters: the same on PGlite and node-postgres. */
function textArray(values: string[]): SQL {
  if (values.length === 0) return sql`ARRAY[]::text[]`;
  return sql`ARRAY[${sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )}]::text[]`;
}

/** Many ids as one parameter (they come from the database: never user text). */

/** The query folded exactly as names are (caliu_name_key), so both sides compare alike. */
export async function nameKey(tx: Tx, text: string): Promise<string> {
  const [row] = await rowsOf<{ key: string | null }>(
    tx,
    sql`SELECT caliu_name_key(${text}) AS key`,
  );
  return row?.key ?? '';
}

function matches(alias: string, condition: WordCondition): SQL {
  if (condition.kind === 'phrase') return matches(alias, phraseDriver(condition));
  const word = sql.raw(`${alias}.word`);
  return condition.kind === 'prefix'
    ? sql`${word} >= ${condition.prefix} AND ${word} < ${condition.next}`
    : sql`${word} IN (${sql.join(
        condition.words.map((w) => sql`${w}`),
        sql`, `,
      )})`;
}

/**
 * About how many persons have a name word meeting each condition, from the vocabulary's counts
 * (exact for words, an over-estimate after deletions or renames): 0 means nobody.
 */
export async function personCounts(
  tx: Tx,
  entityId: string,
  conditions: WordCondition[],
): Promise<number[]> {
  if (conditions.length === 0) return [];
  const columns = conditions.map(
    (c, i) => sql`(SELECT coalesce(sum(v.persons), 0) FROM person_name_words v
      WHERE v.entity_id = ${entityId} AND ${matches('v', c)}) AS ${sql.raw(`c${i}`)}`,
  );
  const [row] = await rowsOf<Record<string, number | string>>(
    tx,
    sql`SELECT ${sql.join(columns, sql`, `)}`,
  );
  return conditions.map((_, i) => Number(row?.[`c${i}`] ?? 0));
}

/** The same condition as a filter on a search key (the index carries each person's key). */
function keyMatches(name: SQL, condition: WordCondition): SQL {
  switch (condition.kind) {
    case 'prefix':
      return sql`(' ' || ${name}) LIKE ${`% ${escapeLike(condition.prefix)}%`}`;
    case 'exact':
      return sql`(' ' || ${name} || ' ') LIKE ANY (${textArray(
        condition.words.map((w) => `% ${escapeLike(w)} %`),
      )})`;
    case 'phrase':
      return sql`(' ' || ${name}) LIKE ${`% ${escapeLike(condition.pieces.join(' '))}%`}`;
  }
}

/**
 * Persons with, for every condition, a name word that meets it. The first condition is an index
 * range (the caller puts the rarest first); the others filter the search key that the index
 * carries, after the tenant wall: no probe per row, no visit to the table.
 */
function candidatesQuery(entityId: string, conditions: WordCondition[], extra: SQL[] = []): SQL {
  const [driver, ...others] = conditions;
  // A phrase's index look-up finds one of its words: the key says whether the others follow.
  const checked = driver!.kind === 'phrase' ? conditions : others;
  const filters = checked.map((c) => sql`AND ${keyMatches(sql`t0.name`, c)}`);
  const columns = [sql`t0.person_id AS id`, ...extra];
  const distinct = extra.length === 0 ? sql`DISTINCT` : sql``;
  return sql`SELECT ${distinct} ${sql.join(columns, sql`, `)} FROM person_name_terms t0
    WHERE t0.entity_id = ${entityId} AND ${matches('t0', driver!)} ${sql.join(filters, sql` `)}`;
}

/** What the strict stage found: how many, whether one is named exactly, and a ranked page. */
export type StrictStage = {
  /** Persons found, up to the cap. */
  total: number;
  /** One of them is named exactly what was typed (tier 0): no typo fallback is needed. */
  exact: boolean;
  /** Every one of them, when fewer than `few` (what the typo fallback ranks with its own). */
  ids: string[] | null;
  /** The window of them, ranked (tier, order, similarity, name) and read. */
  page: SearchRow[];
};

/**
 * The strict stage in one statement: the candidates with their rank, computed from the key that
 * the word index carries (no row of `persons` read to rank them), then only the page's persons.
 * A name of common words ("Montserrat García García": nearly a thousand persons) costs one index
 * range and a sort, not a visit to each of them.
 */
export async function strictStage(
  tx: Tx,
  entityId: string,
  plan: WordPlan,
  conditions: WordCondition[],
  window: Window,
  limits: { cap: number; few: number },
): Promise<StrictStage> {
  const name = sql`t0.name`;
  const hits = candidatesQuery(entityId, conditions, [
    sql`${strictTier(name, sql`t0.name_words`, plan)} AS tier`,
    sql`t0.name`,
  ]);
  // Order and similarity only for the persons kept (at most the cap), not for every posting.
  const h = sql`h.name`;
  type Row = SearchRow & { in_order: boolean; score: number; name: string };
  const rows = await rowsOf<
    Partial<Row> & { total: number | string; exact: boolean; few: string[] | null }
  >(
    tx,
    sql`WITH hits AS (SELECT DISTINCT * FROM (${hits}) h LIMIT ${limits.cap}),
      summary AS (SELECT count(*)::integer AS total, coalesce(bool_or(tier = 0), false) AS exact,
          CASE WHEN count(*) < ${limits.few} THEN coalesce(array_agg(id::text), '{}') END AS few
        FROM hits),
      page AS (SELECT h.*, ${inOrder(h, plan)} AS in_order, similarity(h.name, ${plan.key}) AS score
        FROM hits h ORDER BY tier, in_order DESC, score DESC, name, id
        LIMIT ${window.limit} OFFSET ${window.offset}),
      ranked AS (SELECT ${COLUMNS}, page.tier, page.in_order, page.score, page.name
        FROM page JOIN persons p ON p.entity_id = ${entityId} AND p.id = page.id
          JOIN municipalities m ON m.entity_id = p.entity_id AND m.id = p.municipality_id)
      SELECT s.total, s.exact, s.few, r.* FROM summary s LEFT JOIN ranked r ON true
      ORDER BY r.tier, r.in_order DESC, r.score DESC, r.name, r.id`,
  );
  const first = rows[0];
  return {
    total: Number(first?.total ?? 0),
    exact: first?.exact === true,
    ids: first?.few ?? null,
    page: rows
      .filter((r) => r.id != null)
      // eslint-disable-next-line @typescript-eslint/no-unused-vars
      .map(({ total, exact, few, in_order, score, name, ...row }) => row as SearchRow),
  };
}

/** How many persons have had each of these exact name words (absent: nobody). */
export async function wordCounts(
  tx: Tx,
  entityId: string,
  words: string[],
): Promise<Map<string, number>> {
  if (words.length === 0) return new Map();
  const rows = await rowsOf<{ word: string; persons: number | string }>(
    tx,
    sql`SELECT v.word, v.persons FROM person_name_words v
      WHERE v.entity_id = ${entityId} AND v.word IN (${sql.join(
        words.map((w) => sql`${w}`),
        sql`, `,
      )}) AND v.persons > 0`,
  );
  return new Map(rows.map((r) => [r.word, Number(r.persons)]));
}

/** Name words of 4+ letters within one edit of each typed word (symmetric-deletion index). */
export async function wordsWithinOneEdit(
  tx: Tx,
  entityId: string,
  typed: { word: string; deletions: string[] }[],
): Promise<{ typed: string; word: string }[]> {
  const branches = typed.map(
    ({ word, deletions }) => sql`SELECT ${word}::text AS typed, c.word FROM (
        SELECT v.word FROM person_name_words v
          WHERE v.entity_id = ${entityId} AND v.word IN (${sql.join(
            deletions.map((d) => sql`${d}`),
            sql`, `,
          )})
        UNION
        SELECT d.word FROM person_name_word_deletions d
          WHERE d.entity_id = ${entityId} AND d.deletion = ${word}
        UNION
        SELECT d.word FROM person_name_word_deletions d
          WHERE d.entity_id = ${entityId} AND d.deletion IN (${sql.join(
            deletions.map((d) => sql`${d}`),
            sql`, `,
          )})
      ) c
      WHERE c.word <> ${word} AND length(c.word) >= 4 AND caliu_within_one_edit(${word}, c.word)`,
  );
  return rowsOf<{ typed: string; word: string }>(
    tx,
    sql`${sql.join(branches, sql` UNION ALL `)} ORDER BY 1, 2`,
  );
}

/**
 * Tier of a word-prefix match: every word whole and no other word but particles (exact), every
 * word whole, word prefixes. `name` is a search key, `words` its count of significant words.
 */
function strictTier(name: SQL, words: SQL, plan: WordPlan): SQL {
  const whole = textArray(plan.words.map((w) => `% ${escapeLike(w)} %`));
  return sql`CASE WHEN (' ' || ${name} || ' ') LIKE ALL (${whole})
      THEN CASE WHEN ${words} <= ${plan.significant} THEN 0 ELSE 1 END
    ELSE 2 END`;
}

/** The words as typed, in a row: "Nuria Puig" puts Núria Puig i Vidal before Núria Clos Puig. */
const inOrder = (name: SQL, plan: WordPlan) =>
  sql`${name} LIKE ${`%${escapeLike(plan.words.join(' '))}%`}`;

/**
 * The typo fallback's page in one statement: the persons that each alternative reading of the
 * words finds (each `rarestFirst`, at most `cap` apiece) with the strict matches, ranked (tier,
 * order, similarity, name) from the search key that the word index carries; only the page's
 * persons are then read.
 */
export async function rankFallback(
  tx: Tx,
  entityId: string,
  plan: WordPlan,
  found: { strict: string[]; alternatives: WordCondition[][] },
  cap: number,
  window: Window,
): Promise<SearchRow[]> {
  if (found.strict.length === 0 && found.alternatives.length === 0) return [];
  const strict = uuidArray(found.strict);
  const approximate = found.alternatives.map(
    (conditions) =>
      // DISTINCT before LIMIT: a person found by several of their words takes one place.
      sql`(SELECT DISTINCT * FROM (${candidatesQuery(entityId, conditions, [
        sql`t0.name`,
        sql`t0.name_words`,
      ])}) r LIMIT ${cap})`,
  );
  const name = sql`c.name`;
  return rowsOf<SearchRow>(
    tx,
    sql`WITH found AS (
        SELECT p.id, p.search_name AS name, p.search_words AS words, true AS strict FROM persons p
          WHERE p.entity_id = ${entityId} AND p.id = ANY (${strict})
        ${
          approximate.length
            ? sql`UNION ALL SELECT a.id, a.name, a.name_words, false FROM (${sql.join(approximate, sql` UNION `)}) a
          WHERE NOT a.id = ANY (${strict})`
            : sql``
        }),
      page AS (
        SELECT DISTINCT c.id, c.name,
          CASE WHEN c.strict THEN ${strictTier(name, sql`c.words`, plan)}
            ELSE 4 END AS tier,
          ${inOrder(name, plan)} AS in_order,
          similarity(c.name, ${plan.key}) AS score
        FROM found c
        ORDER BY tier, in_order DESC, score DESC, c.name, c.id
        LIMIT ${window.limit} OFFSET ${window.offset})
      SELECT ${COLUMNS}, page.tier
      FROM page JOIN persons p ON p.entity_id = ${entityId} AND p.id = page.id
        JOIN municipalities m ON m.entity_id = p.entity_id AND m.id = p.municipality_id
      ORDER BY page.tier, page.in_order DESC, page.score DESC, page.name, page.id`,
  );
}

/**
 * A page of a broad query (thousands of matches: "garcia"): ranked by tier, order and name only,
 * from the word index alone (it carries each person's search key); then that page's persons.
 */
export async function rankBroad(
  tx: Tx,
  entityId: string,
  plan: WordPlan,
  conditions: WordCondition[],
  window: Window,
): Promise<SearchRow[]> {
  const name = sql`t0.name`;
  const matched = candidatesQuery(entityId, conditions, [
    sql`${strictTier(name, sql`t0.name_words`, plan)} AS tier`,
    sql`${inOrder(name, plan)} AS in_order`,
    sql`t0.name`,
  ]);
  // A person appears once per name word that meets the first condition ("mar": Maria Martí):
  // a bounded top-N keeps enough rows for the page, the duplicates are adjacent and dropped.
  const enough = (window.offset + window.limit) * 4;
  return rowsOf<SearchRow>(
    tx,
    sql`WITH hits AS (${matched} ORDER BY tier, in_order DESC, name, id LIMIT ${enough}),
      page AS (SELECT DISTINCT id, tier, in_order, name FROM hits
        ORDER BY tier, in_order DESC, name, id
        LIMIT ${window.limit} OFFSET ${window.offset})
      SELECT ${COLUMNS}, page.tier
      FROM page JOIN persons p ON p.entity_id = ${entityId} AND p.id = page.id
        JOIN municipalities m ON m.entity_id = p.entity_id AND m.id = p.municipality_id
      ORDER BY page.tier, page.in_order DESC, page.name, page.id`,
  );
}

/** A document as typed (with or without its letter) first, then numbers that start with it. */
export async function searchByDocument(
  tx: Tx,
  entityId: string,
  exact: string[],
  prefix: { from: string; to: string } | null,
  window: Window,
): Promise<SearchRow[]> {
  const isExact = sql`p.document_number = ANY (${textArray(exact)})`;
  // ~>=~ and ~<~ are the text_pattern_ops range: leakproof, so the index serves them under RLS.
  const condition = prefix
    ? sql`(${isExact} OR (p.document_number ~>=~ ${prefix.from}
        AND p.document_number ~<~ ${prefix.to}))`
    : isExact;
  return rowsOf<SearchRow>(
    tx,
    sql`SELECT ${COLUMNS}, CASE WHEN ${isExact} THEN 9 ELSE 10 END AS tier
      FROM ${FROM}
      WHERE p.entity_id = ${entityId} AND p.document_number IS NOT NULL AND ${condition}
        AND p.merged_into_id IS NULL
      ORDER BY tier, p.document_number, p.id
      LIMIT ${window.limit} OFFSET ${window.offset}`,
  );
}

/** Without a query: the persons most recently recorded. */
export async function listRecent(tx: Tx, entityId: string, window: Window): Promise<SearchRow[]> {
  return rowsOf<SearchRow>(
    tx,
    sql`SELECT ${COLUMNS}, 2 AS tier FROM ${FROM}
      WHERE p.entity_id = ${entityId} AND p.merged_into_id IS NULL
      ORDER BY p.created_at DESC, p.id DESC
      LIMIT ${window.limit} OFFSET ${window.offset}`,
  );
}

/** A likely duplicate, and why. */
export type DuplicateRow = SearchRow & { same_document: boolean; similar_name: boolean };

/**
 * Likely duplicates: the same document, or the same birth date with a similar name (the rule of
 * duplicate-rule.ts, which the list of candidate duplicates asks too). Found through the document
 * and birth-date indexes; names only compared on those few rows.
 */
export async function findDuplicates(
  tx: Tx,
  entityId: string,
  input: {
    documents: string[];
    birthDate: string | null;
    nameKey: string | null;
    givenKey: string | null;
    excludeId: string | null;
  },
): Promise<DuplicateRow[]> {
  const byDocument =
    input.documents.length > 0
      ? sql`p.document_number = ANY (${textArray(input.documents)})`
      : null;
  const byBirth = input.birthDate ? sql`p.birth_date = ${input.birthDate}::date` : null;
  const reach = [byDocument, byBirth].filter((c): c is SQL => c !== null);
  if (reach.length === 0) return [];
  const similarName =
    byBirth && input.nameKey && input.givenKey
      ? sql`(${byBirth} AND ${namesAlike(
          { name: sql`p.search_name`, given: sql`caliu_name_key(p.given_name)` },
          { name: sql`${input.nameKey}::text`, given: sql`${input.givenKey}::text` },
        )})`
      : sql`false`;
  const exclude = input.excludeId ? sql`AND p.id <> ${input.excludeId}` : sql``;
  return rowsOf<DuplicateRow>(
    tx,
    sql`SELECT * FROM (
        SELECT ${COLUMNS}, 9 AS tier, coalesce(${byDocument ?? sql`false`}, false) AS same_document,
          coalesce(${similarName}, false) AS similar_name
        FROM ${FROM}
        WHERE p.entity_id = ${entityId} ${exclude} AND p.merged_into_id IS NULL
          AND (${sql.join(reach, sql` OR `)})
      ) c
      WHERE c.same_document OR c.similar_name
      ORDER BY c.same_document DESC, c.first_surname, c.given_name, c.id
      LIMIT 20`,
  );
}
