import { type SQL, sql } from 'drizzle-orm';
import {
  HELP_REQUEST_STATUSES,
  HELP_TYPES,
  type HelpRequestEdit,
  type HelpRequestListQuery,
} from '@caliu/common';
import { rowsOf, type Tx } from '../../../db/connect';
import { NAME_SIMILARITY } from '../../persons/duplicate-rule';

/**
 * The operators' help requests (issue 22, docs/decisions/0012): SQL only. Every statement runs in
 * the entity's own transaction (row-level security) and names the entity besides.
 */

/**
 * The municipality a submission names, as a uuid compared as one (written in capitals, it is the
 * same); none when the text is not a uuid.
 */
const SUBMITTED_MUNICIPALITY = sql`(CASE WHEN s.fields->>'municipalityId'
  ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
  THEN (s.fields->>'municipalityId')::uuid END)`;

/** The submission's municipality is one of the entity's (the form checked it was, then). */
const MUNICIPALITY_EXISTS = sql`EXISTS (SELECT 1 FROM municipalities m
  WHERE m.entity_id = s.entity_id AND m.id = ${SUBMITTED_MUNICIPALITY})`;

/**
 * Every pending submission of the entity becomes a help request, in one statement: the fields
 * copied (the form validated them when they were typed), the submission's `fields` emptied and
 * marked imported. Rows another import holds are waited for, then skipped as imported already.
 * A submission whose municipality was removed since cannot be (a request has a municipality): it
 * stays, counted by `countUnimportable`. Answers the new requests' ids.
 */
export async function importPending(
  tx: Tx,
  entityId: string,
  importedBy: string,
  now: Date,
): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`WITH pending AS MATERIALIZED (
        SELECT s.id, s.reference, s.fields AS f, s.language, s.entered_by, s.submitted_at,
          ${SUBMITTED_MUNICIPALITY} AS municipality_id, gen_random_uuid() AS request_id
        FROM help_request_submissions s
        WHERE s.entity_id = ${entityId} AND s.imported_at IS NULL AND ${MUNICIPALITY_EXISTS}
        ORDER BY s.submitted_at, s.id
        FOR UPDATE OF s),
      created AS (
        INSERT INTO help_requests (id, entity_id, reference, name, phone, email, address,
          municipality_id, help_type, needed_on, needed_part, urgency, description, language,
          consent_at, entered_by, submitted_at, imported_at, imported_by, updated_at)
        SELECT p.request_id, ${entityId}, p.reference, p.f->>'name',
          nullif(p.f->>'phone', ''), nullif(p.f->>'email', ''), p.f->>'address',
          p.municipality_id, p.f->>'helpType',
          CASE WHEN p.f->>'when' = 'date' THEN (p.f->>'neededOn')::date END,
          CASE WHEN p.f->>'when' = 'date' THEN p.f->>'neededPart' END,
          p.f->>'urgency', p.f->>'description', p.language, p.submitted_at, p.entered_by,
          p.submitted_at, ${now}, ${importedBy}, ${now}
        FROM pending p
        RETURNING id)
      UPDATE help_request_submissions s
      SET fields = '{}'::jsonb, imported_at = ${now}, help_request_id = p.request_id
      FROM pending p
      WHERE s.entity_id = ${entityId} AND s.id = p.id
        AND p.request_id IN (SELECT id FROM created)
      RETURNING s.help_request_id AS id`,
  );
  return rows.map((r) => r.id);
}

/** How many of the entity's submissions cannot be imported: their municipality was removed. */
export async function countUnimportable(tx: Tx, entityId: string): Promise<number> {
  const [row] = await rowsOf<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM help_request_submissions s
      WHERE s.entity_id = ${entityId} AND s.imported_at IS NULL AND NOT ${MUNICIPALITY_EXISTS}`,
  );
  return row?.n ?? 0;
}

export type RequestRow = {
  id: string;
  reference: string;
  status: 'imported' | 'dispatched' | 'deleted' | 'completed';
  name: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  description: string | null;
  municipality_id: string;
  municipality_name: string;
  help_type: string;
  needed_on: string | null;
  needed_part: string | null;
  urgency: 'low' | 'medium' | 'high';
  language: string;
  consent_at: Date | string;
  person_id: string | null;
  person_name: string | null;
  entered_by: string | null;
  entered_by_name: string | null;
  imported_by_name: string;
  submitted_at: Date | string;
  imported_at: Date | string;
  updated_at: Date | string;
  deleted_at: Date | string | null;
  deleted_by_name: string | null;
  delete_reason: string | null;
  erased_at: Date | string | null;
};

const professionalName = (alias: string) =>
  sql.raw(`(SELECT ${alias}.given_name || ' ' || ${alias}.surnames)`);

/** One request with the names it refers to, or none. */
export async function findRequest(
  tx: Tx,
  entityId: string,
  id: string,
  lock = false,
): Promise<RequestRow | undefined> {
  const [row] = await rowsOf<RequestRow>(
    tx,
    sql`SELECT r.id, r.reference, r.status, r.name, r.phone, r.email, r.address, r.description,
        r.municipality_id, m.name AS municipality_name, r.help_type,
        to_char(r.needed_on, 'YYYY-MM-DD') AS needed_on, r.needed_part, r.urgency, r.language,
        r.consent_at, r.person_id,
        CASE WHEN p.id IS NOT NULL THEN concat_ws(' ', p.given_name, p.first_surname,
          p.second_surname) END AS person_name,
        r.entered_by, ${professionalName('e')} AS entered_by_name,
        ${professionalName('i')} AS imported_by_name,
        r.submitted_at, r.imported_at, r.updated_at, r.deleted_at,
        ${professionalName('d')} AS deleted_by_name, r.delete_reason, r.erased_at
      FROM help_requests r
        JOIN municipalities m ON m.entity_id = r.entity_id AND m.id = r.municipality_id
        JOIN professionals i ON i.entity_id = r.entity_id AND i.id = r.imported_by
        LEFT JOIN professionals e ON e.entity_id = r.entity_id AND e.id = r.entered_by
        LEFT JOIN professionals d ON d.entity_id = r.entity_id AND d.id = r.deleted_by
        LEFT JOIN persons p ON p.entity_id = r.entity_id AND p.id = r.person_id
      WHERE r.entity_id = ${entityId} AND r.id = ${id}
      ${lock ? sql`FOR UPDATE OF r` : sql``}`,
  );
  return row;
}

export type ListRow = {
  id: string;
  reference: string;
  status: RequestRow['status'];
  name: string | null;
  phone: string | null;
  email: string | null;
  municipality_id: string;
  municipality_name: string;
  help_type: string;
  urgency: RequestRow['urgency'];
  needed_on: string | null;
  needed_part: string | null;
  submitted_at: Date | string;
  imported_at: Date | string;
  person_id: string | null;
  entered_by: string | null;
  erased_at: Date | string | null;
  sort_key: string;
};

/** A page position: the previous page's last sort key (see `sortKey`) and id. */
export type ListPosition = { key: string; id: string };

const URGENCY_RANK = sql`CASE r.urgency WHEN 'high' THEN 0 WHEN 'medium' THEN 1 ELSE 2 END`;
/** A list's order as a key: the position of `column`'s value in `values`, as a digit pair. */
const rankOf = (column: SQL, values: readonly string[]) =>
  sql`lpad((array_position(${`{${values.join(',')}}`}::text[], ${column}) - 1)::text, 2, '0')`;
/**
 * A municipality's place among its entity's, by name in the database's collation (the key is
 * compared byte by byte: an accented first letter would otherwise sort after "Z").
 */
const MUNICIPALITY_RANK = sql`lpad((SELECT count(*) FROM municipalities o
  WHERE o.entity_id = r.entity_id AND (o.name, o.id::text) < (m.name, m.id::text))::text, 6, '0')`;
/** `asap` first, then by date and part of the day. */
const NEEDED_KEY = sql`CASE WHEN r.needed_on IS NULL THEN '0' ELSE
  '1' || to_char(r.needed_on, 'YYYY-MM-DD')
  || CASE r.needed_part WHEN 'morning' THEN 'a' WHEN 'afternoon' THEN 'b' ELSE 'c' END END`;
const SUBMITTED = sql`to_char(r.submitted_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US')`;
/** A time key that sorts newest first as text ascending: its complement, digit by digit. */
const SUBMITTED_DESC = sql`translate(${SUBMITTED}, '0123456789', '9876543210')`;

/**
 * Each sort as one text key, ascending, then the id: keyset pages whatever the sort. The key is
 * built in SQL from the row and carried in the cursor, and compared again in SQL (`COLLATE "C"`,
 * byte order, the same in both directions).
 */
function sortKey(sort: HelpRequestListQuery['sort']): SQL {
  switch (sort) {
    case 'oldest':
      return SUBMITTED;
    case 'urgency':
      return sql`(${URGENCY_RANK}::text || '|' || ${SUBMITTED_DESC})`;
    case 'needed':
      return sql`(${NEEDED_KEY} || '|' || ${SUBMITTED_DESC})`;
    // The states and the kinds in their declared order (the form lists the kinds so).
    case 'status':
      return sql`(${rankOf(sql`r.status`, HELP_REQUEST_STATUSES)} || '|' || ${SUBMITTED_DESC})`;
    case 'type':
      return sql`(${rankOf(sql`r.help_type`, HELP_TYPES)} || '|' || ${SUBMITTED_DESC})`;
    case 'municipality':
      return sql`(${MUNICIPALITY_RANK} || '|' || ${SUBMITTED_DESC})`;
    case 'newest':
    default:
      return SUBMITTED_DESC;
  }
}

const DAY_MS = 86_400_000;

/** A page of the operators' table: limit + 1 rows (the extra one says there is a next page). */
export async function listRequests(
  tx: Tx,
  entityId: string,
  query: HelpRequestListQuery,
  after: ListPosition | null,
  now: Date,
): Promise<ListRow[]> {
  const where: SQL[] = [sql`r.entity_id = ${entityId}`];
  where.push(query.status ? sql`r.status = ${query.status}` : sql`r.status <> 'deleted'`);
  if (query.helpType) where.push(sql`r.help_type = ${query.helpType}`);
  if (query.municipalityId) where.push(sql`r.municipality_id = ${query.municipalityId}`);
  if (query.urgency) where.push(sql`r.urgency = ${query.urgency}`);
  if (query.needed === 'asap') where.push(sql`r.needed_on IS NULL`);
  if (query.needed === 'date') where.push(sql`r.needed_on IS NOT NULL`);
  if (query.neededFrom) where.push(sql`r.needed_on >= ${query.neededFrom}::date`);
  if (query.neededTo) where.push(sql`r.needed_on <= ${query.neededTo}::date`);
  if (query.age === 'day') {
    where.push(sql`r.submitted_at > ${new Date(now.getTime() - DAY_MS)}`);
  } else if (query.age === 'week') {
    where.push(sql`r.submitted_at > ${new Date(now.getTime() - 7 * DAY_MS)}`);
  } else if (query.age === 'older') {
    where.push(sql`r.submitted_at <= ${new Date(now.getTime() - 7 * DAY_MS)}`);
  }
  const key = sortKey(query.sort);
  if (after) {
    where.push(sql`(${key} COLLATE "C", r.id) > (${after.key} COLLATE "C", ${after.id}::uuid)`);
  }
  return rowsOf<ListRow>(
    tx,
    sql`SELECT r.id, r.reference, r.status, r.name, r.phone, r.email, r.erased_at, r.municipality_id,
        m.name AS municipality_name, r.help_type, r.urgency,
        to_char(r.needed_on, 'YYYY-MM-DD') AS needed_on, r.needed_part, r.submitted_at,
        r.imported_at, r.person_id, r.entered_by, ${key} AS sort_key
      FROM help_requests r
        JOIN municipalities m ON m.entity_id = r.entity_id AND m.id = r.municipality_id
      WHERE ${sql.join(where, sql` AND `)}
      ORDER BY ${key} COLLATE "C", r.id
      LIMIT ${query.limit + 1}`,
  );
}

export type SuggestionRow = {
  id: string;
  name: string;
  birth_date: string | null;
  municipality: string;
  same_phone: boolean;
  same_email: boolean;
};

/**
 * The ways a phone may have been typed on a person record (stored as typed): as given, digits
 * only, and a nine-digit number in its usual groupings (600 112 233, 600 11 22 33, with dashes or
 * dots), each with and without the +34 prefix. Matched by equality, which an index answers behind
 * the tenant wall.
 */
export function phoneForms(phone: string): string[] {
  const digits = phone.replace(/[^0-9]/g, '');
  const national = digits.length === 11 && digits.startsWith('34') ? digits.slice(2) : digits;
  const forms = [phone.trim(), digits, phone.replace(/[^0-9+]/g, '')];
  if (national.length === 9) {
    const groups = [
      [national.slice(0, 3), national.slice(3, 6), national.slice(6)],
      [national.slice(0, 3), national.slice(3, 5), national.slice(5, 7), national.slice(7)],
    ];
    const bare = [national, ...groups.flatMap((g) => [' ', '-', '.'].map((sep) => g.join(sep)))];
    forms.push(...bare, ...bare.map((f) => `+34 ${f}`), `+34${national}`, `0034${national}`);
  }
  return [...new Set(forms)].filter((f) => f.length >= 3);
}

/**
 * Person records of the entity that may be who asked: the same phone or email (looked up by
 * index), and a similar name (the duplicates' trigram threshold on the folded names). Not merged
 * records. At most `limit`, the closest names first.
 */
export async function suggestedPersons(
  tx: Tx,
  entityId: string,
  request: { name: string; phone: string | null; email: string | null },
  limit = 5,
): Promise<SuggestionRow[]> {
  const phones = request.phone ? phoneForms(request.phone) : [];
  const emails = request.email
    ? [...new Set([request.email.trim(), request.email.trim().toLowerCase()])]
    : [];
  if (phones.length === 0 && emails.length === 0) return [];
  const phoneList = phones.length
    ? sql.join(
        phones.map((p) => sql`${p}`),
        sql`, `,
      )
    : sql`NULL`;
  const emailList = emails.length
    ? sql.join(
        emails.map((e) => sql`${e}`),
        sql`, `,
      )
    : sql`NULL`;
  return rowsOf<SuggestionRow>(
    tx,
    sql`WITH contact AS (
        SELECT p.id FROM persons p
        WHERE p.entity_id = ${entityId} AND p.mobile_phone IN (${phoneList})
        UNION SELECT p.id FROM persons p
        WHERE p.entity_id = ${entityId} AND p.other_phone IN (${phoneList})
        UNION SELECT p.id FROM persons p
        WHERE p.entity_id = ${entityId} AND p.email IN (${emailList})
        LIMIT 200),
      key AS (SELECT caliu_name_key(${request.name}) AS k)
      SELECT p.id, concat_ws(' ', p.given_name, p.first_surname, p.second_surname) AS name,
        to_char(p.birth_date, 'YYYY-MM-DD') AS birth_date, m.name AS municipality,
        coalesce(p.mobile_phone IN (${phoneList}) OR p.other_phone IN (${phoneList}), false)
          AS same_phone,
        coalesce(p.email IN (${emailList}), false) AS same_email
      FROM contact c
        JOIN persons p ON p.entity_id = ${entityId} AND p.id = c.id
        JOIN municipalities m ON m.entity_id = p.entity_id AND m.id = p.municipality_id
        CROSS JOIN key
      WHERE p.merged_into_id IS NULL
        AND greatest(similarity(p.search_name, key.k), word_similarity(key.k, p.search_name))
          >= ${NAME_SIMILARITY}::real
      ORDER BY similarity(p.search_name, key.k) DESC, p.id
      LIMIT ${limit}`,
  );
}

/** Whether the person record exists in the entity (not merged into another). */
export async function personExists(tx: Tx, entityId: string, personId: string): Promise<boolean> {
  const [row] = await rowsOf<{ ok: boolean }>(
    tx,
    sql`SELECT true AS ok FROM persons
      WHERE entity_id = ${entityId} AND id = ${personId} AND merged_into_id IS NULL`,
  );
  return Boolean(row);
}

/** Whether the municipality is one of the entity's. */
export async function municipalityExists(
  tx: Tx,
  entityId: string,
  municipalityId: string,
): Promise<boolean> {
  const [row] = await rowsOf<{ ok: boolean }>(
    tx,
    sql`SELECT true AS ok FROM municipalities WHERE entity_id = ${entityId} AND id = ${municipalityId}`,
  );
  return Boolean(row);
}

export async function updateRequest(
  tx: Tx,
  entityId: string,
  id: string,
  edit: HelpRequestEdit,
  now: Date,
): Promise<void> {
  const dated = edit.when === 'date';
  await tx.execute(sql`UPDATE help_requests SET
      name = ${edit.name}, phone = ${edit.phone || null}, email = ${edit.email || null},
      address = ${edit.address}, municipality_id = ${edit.municipalityId},
      help_type = ${edit.helpType},
      needed_on = ${dated ? (edit.neededOn ?? null) : null}::date,
      needed_part = ${dated ? (edit.neededPart ?? null) : null},
      urgency = ${edit.urgency}, description = ${edit.description}, language = ${edit.language},
      updated_at = ${now}
    WHERE entity_id = ${entityId} AND id = ${id}`);
}

export async function linkPerson(
  tx: Tx,
  entityId: string,
  id: string,
  personId: string | null,
  now: Date,
): Promise<void> {
  await tx.execute(sql`UPDATE help_requests SET person_id = ${personId}, updated_at = ${now}
    WHERE entity_id = ${entityId} AND id = ${id}`);
}

export async function markDeleted(
  tx: Tx,
  entityId: string,
  id: string,
  by: string,
  reason: string,
  now: Date,
): Promise<void> {
  await tx.execute(sql`UPDATE help_requests SET status = 'deleted', deleted_at = ${now},
      deleted_by = ${by}, delete_reason = ${reason}, updated_at = ${now}
    WHERE entity_id = ${entityId} AND id = ${id}`);
}
