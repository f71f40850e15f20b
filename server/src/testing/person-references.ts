import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../db/connect';
import { PERSON_REFERENCES } from '../commands/person-references';

/**
 * The live schema's foreign keys to `table` as `table.column` (the tenant column left out), for
 * the tests that walk every reference to a kind of record ("Nothing forgotten", decision 0010).
 */
export async function foreignKeysTo(db: Database, entityId: string, table: string) {
  const rows = await db.tenant(entityId, (tx) =>
    rowsOf<{ reference: string }>(
      tx,
      sql`SELECT c.conrelid::regclass::text || '.' || a.attname AS reference
        FROM pg_constraint c
        JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
        WHERE c.contype = 'f' AND c.confrelid = ${table}::regclass
          AND a.attname <> 'entity_id'
        ORDER BY 1`,
    ),
  );
  return rows.map((r) => r.reference);
}

/**
 * How many rows of each foreign key to `persons` (commands/person-references.ts) name the person,
 * keyed `table.column`: what the tests of a merge of person records compare before and after.
 */
export async function referenceCounts(
  db: Database,
  entityId: string,
  personId: string,
): Promise<Record<string, number>> {
  const columns = PERSON_REFERENCES.map(
    ({ table, column }) =>
      sql`(SELECT count(*) FROM ${sql.identifier(table)} WHERE entity_id = ${entityId}
        AND ${sql.identifier(column)} = ${personId})::int AS ${sql.identifier(`${table}.${column}`)}`,
  );
  const [row] = await db.tenant(entityId, (tx) =>
    rowsOf<Record<string, number>>(tx, sql`SELECT ${sql.join(columns, sql`, `)}`),
  );
  return row!;
}
