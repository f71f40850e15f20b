import { type SQL, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../../db/connect';
import {
  coordinatedTeams,
  type ScopeRules,
  scopePredicate,
  type Viewer,
} from '../../../platform/access/scope';
import { namesAlike } from '../duplicate-rule';
import type { SearchRow } from '../search/repository';

/**
 * The SQL of candidate duplicates: every pair of person records of the viewer's teams that the
 * person form's warning (search/repository.ts#findDuplicates) would show for one another, found
 * set-based in one statement — the team's persons paired within each birth date (and through the
 * other forms of a document number), never the per-record check in a loop. The name rule is the
 * form's own (../duplicate-rule.ts); the forms of a document number (caliu_document_forms) are
 * held to the form's (search/parse.ts#documentCandidates) by ../duplicate-rule.test.ts.
 */

/**
 * Whose records: the persons of the teams the viewer coordinates (person-level team scope, as
 * for deleting); being a person's referent gives no say. Reads the scope of `persons.duplicates`.
 */
const DUPLICATES_SCOPE: ScopeRules = {
  own: () => sql`FALSE`,
  // As an array: under row-level security an IN (subquery) stays a filter on every person of the
  // entity, where `= ANY (array)` is a condition of the team index.
  team: (viewer) => sql`p.team_id = ANY (ARRAY${coordinatedTeams(viewer)})`,
};
const inScope = (viewer: Viewer) => scopePredicate(viewer, 'persons.duplicates', DUPLICATES_SCOPE);

/**
 * More persons than this born on one day of a team is not a birthday but a placeholder (records
 * imported with 1 January for an unknown date): their names are not compared pairwise (500 is
 * already 124,750 comparisons), though their documents still are.
 */
const MAX_SAME_DAY = 500;

/**
 * A DNI or NIE not in the form the person form stores (8 digits and the letter; X, Y or Z, 7
 * digits and the letter): without its letter, or a DNI of 7 digits. Two numbers in the stored form
 * are never the same document (one record per document): only a number in another form (recorded
 * before the form checked documents) may be another's, so only those few are expanded into their
 * forms (caliu_document_forms) and looked for. (All are 8 characters or fewer: the length, cheaper
 * than the pattern, turns most numbers away first.)
 */
const OTHER_DOCUMENT_FORM = '^([0-9]{7}[A-Z]?|[0-9]{8}|[XYZ][0-9]{7})$';

/** The position after a pair in the list's order (score down, then the ids). */
export type PairPosition = { score: number; low: string; high: string };

/** One side of a pair, as the console shows it, and when it was recorded. */
export type PairPerson = SearchRow & { created_at: Date | string };

/** A pair of the page, the facts its reasons are read from, and both records. */
export type PairRow = {
  low: string;
  high: string;
  score: number;
  same_document: boolean;
  /** The form's name rule holds (same birth date, similar names, given names alike). */
  similar_name: boolean;
  same_birth_date: boolean;
  same_name: boolean;
  same_name_key: boolean;
  second_surname_missing: boolean;
  surnames_swapped: boolean;
  one_letter_apart: boolean;
  a: PairPerson;
  b: PairPerson;
};

const PERSON_FIELDS = [
  'id',
  'given_name',
  'first_surname',
  'second_surname',
  'sex',
  'document_type',
  'document_number',
  'municipality_id',
  'status',
  'created_at',
] as const;

/** A person's summary columns under the prefix `x_` (x is the person's alias). */
function summaryColumns(x: 'a' | 'b'): SQL {
  return sql.raw(
    [
      ...PERSON_FIELDS.map((f) => `${x}.${f} AS ${x}_${f}`),
      `${x}.birth_date::text AS ${x}_birth_date`,
      `${x}.deceased_on::text AS ${x}_deceased_on`,
      `${x}.municipality_name AS ${x}_municipality_name`,
    ].join(', '),
  );
}

function personOf(row: Record<string, unknown>, x: 'a' | 'b'): PairPerson {
  const field = (name: string) => row[`${x}_${name}`];
  return {
    id: field('id'),
    given_name: field('given_name'),
    first_surname: field('first_surname'),
    second_surname: field('second_surname'),
    sex: field('sex'),
    birth_date: field('birth_date'),
    document_type: field('document_type'),
    document_number: field('document_number'),
    municipality_id: field('municipality_id'),
    municipality_name: field('municipality_name'),
    status: field('status'),
    deceased_on: field('deceased_on'),
    created_at: field('created_at'),
    tier: 0,
  } as PairPerson;
}

/**
 * A record of the page and its municipality's name, by its id. A subquery with a LIMIT, so that
 * it stays a look-up by primary key whatever the planner believes of the entity's row counts.
 */
const onePerson = (entityId: string, id: SQL) =>
  sql`(SELECT x.*, m.name AS municipality_name FROM persons x
    JOIN municipalities m ON m.entity_id = x.entity_id AND m.id = x.municipality_id
    WHERE x.entity_id = ${entityId} AND x.id = ${id} LIMIT 1)`;

/** Surnames compared without a leading conjunction ("i Vidal", "y Ruiz"). */
const surname = (column: SQL) => sql`regexp_replace(caliu_name_key(${column}), '^(i|y|e) ', '')`;

/**
 * A page of the candidate pairs of the viewer's teams that nobody dismissed, strongest first,
 * with how many there are in all. One statement: the team's persons once (by the team index),
 * grouped by birth date and paired within each day for the name rule (a grouping, not a join
 * whose plan would hang on row estimates: a nested loop over a new entity's unanalysed rows
 * compared every person with every other), and, for the few documents not in the stored form,
 * their other forms (set apart first, for the same reason) looked up by the document index for the
 * document rule; only the page's records are read whole.
 */
export async function candidatePairs(
  tx: Tx,
  entityId: string,
  viewer: Viewer,
  after: PairPosition | null,
  limit: number,
): Promise<{ total: number; rows: PairRow[] }> {
  const position = after
    ? sql`(l.score < ${after.score} OR (l.score = ${after.score}
        AND (l.low, l.high) > (${after.low}::uuid, ${after.high}::uuid)))`
    : sql`TRUE`;
  // The planner cannot know how few pairs the joins keep (estimates run to millions of rows): on
  // a server with JIT, compiling the plan took 1.3 s of a 0.1 s query. Off for this transaction.
  await tx.execute(sql`SELECT set_config('jit', 'off', true)`);
  const rows = await rowsOf<Record<string, unknown> & { total: number | string }>(
    tx,
    sql`WITH scoped AS MATERIALIZED (
        SELECT p.id, p.birth_date, p.search_name, p.given_name, p.document_number
        FROM persons p
        WHERE p.entity_id = ${entityId} AND p.merged_into_id IS NULL AND ${inScope(viewer)}),
      born AS (
        SELECT array_agg(s.id) AS ids, array_agg(s.search_name) AS names,
          array_agg(s.given_name) AS givens
        FROM scoped s WHERE s.birth_date IS NOT NULL
        GROUP BY s.birth_date HAVING count(*) BETWEEN 2 AND ${MAX_SAME_DAY}),
      named AS (
        SELECT a.id AS low, b.id AS high, similarity(a.name, b.name) AS similarity
        FROM born d,
          LATERAL unnest(d.ids, d.names, d.givens) AS a (id, name, given),
          LATERAL unnest(d.ids, d.names, d.givens) AS b (id, name, given)
        WHERE a.id < b.id AND ${namesAlike(
          { name: sql`a.name`, given: sql`caliu_name_key(a.given)` },
          { name: sql`b.name`, given: sql`caliu_name_key(b.given)` },
        )}),
      other_forms AS MATERIALIZED (
        SELECT a.id, f.form
        FROM scoped a
          CROSS JOIN LATERAL unnest(caliu_document_forms(a.document_number)) AS f (form)
        WHERE length(a.document_number) <= 8 AND a.document_number ~ ${OTHER_DOCUMENT_FORM}),
      documented AS (
        SELECT DISTINCT least(o.id, p.id) AS low, greatest(o.id, p.id) AS high
        FROM other_forms o
          JOIN persons p ON p.entity_id = ${entityId} AND p.document_number = o.form
            AND p.id <> o.id AND p.merged_into_id IS NULL
        WHERE ${inScope(viewer)}),
      pairs AS (
        SELECT coalesce(n.low, d.low) AS low, coalesce(n.high, d.high) AS high,
          d.low IS NOT NULL AS same_document, n.low IS NOT NULL AS similar_name,
          CASE WHEN d.low IS NOT NULL THEN 100
            ELSE round(n.similarity * 100)::integer END AS score
        FROM named n FULL JOIN documented d ON d.low = n.low AND d.high = n.high),
      listed AS (
        SELECT x.* FROM pairs x
        WHERE NOT EXISTS (SELECT 1 FROM person_duplicate_dismissals dd
          WHERE dd.entity_id = ${entityId} AND dd.person_low = x.low AND dd.person_high = x.high)),
      summary AS (SELECT count(*)::integer AS total FROM listed),
      page AS (
        SELECT l.* FROM listed l WHERE ${position}
        ORDER BY l.score DESC, l.low, l.high
        LIMIT ${limit}),
      shown AS (
        SELECT pg.*, a.birth_date = b.birth_date AS same_birth_date,
          (a.given_name = b.given_name AND a.first_surname = b.first_surname
            AND a.second_surname IS NOT DISTINCT FROM b.second_surname) AS same_name,
          a.search_name = b.search_name AS same_name_key,
          ((a.second_surname IS NULL) <> (b.second_surname IS NULL)
            AND caliu_person_name_key(a.given_name, a.first_surname, NULL)
              = caliu_person_name_key(b.given_name, b.first_surname, NULL)) AS second_surname_missing,
          (a.second_surname IS NOT NULL AND b.second_surname IS NOT NULL
            AND caliu_name_key(a.given_name) = caliu_name_key(b.given_name)
            AND ${surname(sql`a.first_surname`)} = ${surname(sql`b.second_surname`)}
            AND ${surname(sql`a.second_surname`)} = ${surname(sql`b.first_surname`)}) AS surnames_swapped,
          coalesce(caliu_within_one_edit(a.search_name, b.search_name), false) AS one_letter_apart,
          ${summaryColumns('a')}, ${summaryColumns('b')}
        FROM page pg
          CROSS JOIN LATERAL ${onePerson(entityId, sql`pg.low`)} a
          CROSS JOIN LATERAL ${onePerson(entityId, sql`pg.high`)} b)
      SELECT s.total, r.* FROM summary s LEFT JOIN shown r ON true
      ORDER BY r.score DESC, r.low, r.high`,
  );
  return {
    total: Number(rows[0]?.total ?? 0),
    rows: rows
      .filter((r) => r.low != null)
      .map((r) => ({
        low: r.low as string,
        high: r.high as string,
        score: Number(r.score),
        same_document: r.same_document === true,
        similar_name: r.similar_name === true,
        same_birth_date: r.same_birth_date === true,
        same_name: r.same_name === true,
        same_name_key: r.same_name_key === true,
        second_surname_missing: r.second_surname_missing === true,
        surnames_swapped: r.surnames_swapped === true,
        one_letter_apart: r.one_letter_apart === true,
        a: personOf(r, 'a'),
        b: personOf(r, 'b'),
      })),
  };
}

/** The pair in its stored order (low id first), when both records are within the viewer's scope, locked against deletion until the transaction ends; null otherwise. */
export async function pairInScope(
  tx: Tx,
  entityId: string,
  viewer: Viewer,
  ids: { firstId: string; secondId: string },
): Promise<{ low: string; high: string } | null> {
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`SELECT p.id FROM persons p
      WHERE p.entity_id = ${entityId} AND p.id IN (${ids.firstId}::uuid, ${ids.secondId}::uuid)
        AND p.merged_into_id IS NULL AND ${inScope(viewer)}
      ORDER BY p.id
      FOR KEY SHARE`,
  );
  if (rows.length !== 2) return null;
  return { low: rows[0]!.id, high: rows[1]!.id };
}

/** Remembers the pair as "not the same person"; false when it was already. */
export async function insertDismissal(
  tx: Tx,
  entityId: string,
  pair: { low: string; high: string },
  dismissedBy: string,
): Promise<boolean> {
  const rows = await rowsOf<{ person_low: string }>(
    tx,
    sql`INSERT INTO person_duplicate_dismissals (entity_id, person_low, person_high, dismissed_by)
      VALUES (${entityId}, ${pair.low}, ${pair.high}, ${dismissedBy})
      ON CONFLICT DO NOTHING
      RETURNING person_low`,
  );
  return rows.length > 0;
}

/** Forgets a dismissal; false when there was none. */
export async function deleteDismissal(
  tx: Tx,
  entityId: string,
  pair: { low: string; high: string },
): Promise<boolean> {
  const rows = await rowsOf<{ person_low: string }>(
    tx,
    sql`DELETE FROM person_duplicate_dismissals
      WHERE entity_id = ${entityId} AND person_low = ${pair.low} AND person_high = ${pair.high}
      RETURNING person_low`,
  );
  return rows.length > 0;
}
