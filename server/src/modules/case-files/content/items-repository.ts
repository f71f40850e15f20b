import type { Catalogue, Language, MovableKind } from '@caliu/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx, uuidList } from '../../../db/connect';

/**
 * One item of a case file's content, whatever its kind, as the coordinator's tools see it: what
 * it is (its type's code and labels, its day), the persons it concerns, and the rows that go
 * with it. Moving it to another case file or deleting it is a statement or two here; the rules
 * are in commands/transfer-content.ts and commands/delete-content.ts.
 */

export type { MovableKind };

type KindTable = {
  table: string;
  catalogue: Catalogue;
  /** The day it is filed under, over the row aliased `e`. */
  date: string;
  /** The persons it concerns, over the row aliased `e`, as uuid[]. */
  persons: string;
};

const ONE_PERSON = 'ARRAY[e.person_id]';

const TABLES: Record<MovableKind, KindTable> = {
  intervention: {
    table: 'interventions',
    catalogue: 'intervention_type',
    date: 'e.occurred_on',
    persons: `ARRAY(SELECT ip.person_id FROM intervention_persons ip
      WHERE ip.entity_id = e.entity_id AND ip.intervention_id = e.id)`,
  },
  demand: { table: 'demands', catalogue: 'demand', date: 'e.requested_on', persons: ONE_PERSON },
  problem: { table: 'problems', catalogue: 'problem', date: 'e.started_on', persons: ONE_PERSON },
  resource: {
    table: 'resources',
    catalogue: 'resource',
    date: 'coalesce(e.starts_on, e.recorded_on)',
    persons: ONE_PERSON,
  },
  procedure: {
    table: 'procedures',
    catalogue: 'procedure',
    date: 'coalesce(e.filed_on, e.recorded_on)',
    persons: ONE_PERSON,
  },
};

export type ItemRow = {
  id: string;
  catalogue: Catalogue;
  type_code: string | null;
  type_labels: Partial<Record<Language, string>> | null;
  /** Set for what the system recorded by itself (an opening, a resource granted). */
  event: string | null;
  day: string;
  person_ids: string[];
};

/** The item of the case file, locked for the rest of the transaction; null if it is not there. */
export async function lockItem(
  tx: Tx,
  entityId: string,
  kind: MovableKind,
  caseFileId: string,
  id: string,
): Promise<ItemRow | null> {
  const k = TABLES[kind];
  const event = kind === 'intervention' ? 'e.event' : 'NULL::text';
  const [row] = await rowsOf<ItemRow>(
    tx,
    sql`SELECT e.id, ${k.catalogue}::text AS catalogue, t.code AS type_code,
        t.labels AS type_labels, ${sql.raw(event)} AS event,
        (${sql.raw(k.date)})::text AS day, ${sql.raw(k.persons)} AS person_ids
      FROM ${sql.identifier(k.table)} e
      LEFT JOIN catalogue_items t ON t.entity_id = e.entity_id AND t.id = e.type_id
      WHERE e.entity_id = ${entityId} AND e.case_file_id = ${caseFileId} AND e.id = ${id}
      FOR UPDATE OF e`,
  );
  return row ?? null;
}

/**
 * Moves the item from its case file to another; a resource takes along the interventions that
 * record its grant. Answers the ids of those that went with it.
 */
export async function moveItem(
  tx: Tx,
  entityId: string,
  kind: MovableKind,
  id: string,
  from: string,
  to: string,
): Promise<string[]> {
  await tx.execute(
    sql`UPDATE ${sql.identifier(TABLES[kind].table)}
      SET case_file_id = ${to}, version = version + 1, updated_at = now()
      WHERE entity_id = ${entityId} AND case_file_id = ${from} AND id = ${id}`,
  );
  if (kind !== 'resource') return [];
  const carried = await rowsOf<{ id: string }>(
    tx,
    sql`UPDATE interventions
      SET case_file_id = ${to}, version = version + 1, updated_at = now()
      WHERE entity_id = ${entityId} AND case_file_id = ${from} AND resource_id = ${id}
      RETURNING id`,
  );
  return carried.map((r) => r.id);
}

/**
 * The interventions that record the grant of a resource of the case file (they go wherever it
 * goes), with the persons each names.
 */
export async function grantRecords(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  resourceId: string,
): Promise<{ id: string; person_ids: string[] }[]> {
  return rowsOf<{ id: string; person_ids: string[] }>(
    tx,
    sql`SELECT i.id, ARRAY(SELECT ip.person_id FROM intervention_persons ip
        WHERE ip.entity_id = i.entity_id AND ip.intervention_id = i.id) AS person_ids
      FROM interventions i
      WHERE i.entity_id = ${entityId} AND i.case_file_id = ${caseFileId}
        AND i.resource_id = ${resourceId}
      ORDER BY i.id`,
  );
}

/**
 * Deletes the item; its own rows go with it (an intervention's persons and professionals, a
 * resource's grant records: ON DELETE CASCADE). False if it was not there.
 */
export async function deleteItem(
  tx: Tx,
  entityId: string,
  kind: MovableKind,
  id: string,
): Promise<boolean> {
  const deleted = await rowsOf<{ id: string }>(
    tx,
    sql`DELETE FROM ${sql.identifier(TABLES[kind].table)}
      WHERE entity_id = ${entityId} AND id = ${id} RETURNING id`,
  );
  return deleted.length > 0;
}

/** The persons' names as lists show them, in the order given. */
export async function personNames(
  tx: Tx,
  entityId: string,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  if (ids.length === 0) return [];
  const rows = await rowsOf<{ id: string; name: string }>(
    tx,
    sql`SELECT p.id, concat_ws(' ', p.given_name, p.first_surname, p.second_surname) AS name
      FROM persons p
      WHERE p.entity_id = ${entityId} AND p.id IN (${uuidList(ids)})`,
  );
  return ids.flatMap((id) => rows.filter((r) => r.id === id));
}
