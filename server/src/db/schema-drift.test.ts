import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { rowsOf } from './connect';
import * as schema from './schema';
import { testDatabase } from '../testing/database';

/**
 * The SQL migrations are authoritative and the Drizzle schema describes the same tables for typed
 * queries (docs/decisions/0002): this test keeps the two from drifting apart.
 */
describe('the Drizzle schema', () => {
  it('matches the migrated database, table by table and column by column', async () => {
    const db = await testDatabase();
    const columns = await db.asOwner((tx) =>
      rowsOf<{ table_name: string; column_name: string; is_nullable: 'YES' | 'NO' }>(
        tx,
        sql`SELECT table_name, column_name, is_nullable FROM information_schema.columns
            WHERE table_schema = 'public'`,
      ),
    );
    const live = new Map<string, Map<string, boolean>>();
    for (const c of columns) {
      if (!live.has(c.table_name)) live.set(c.table_name, new Map());
      live.get(c.table_name)!.set(c.column_name, c.is_nullable === 'NO');
    }
    const problems: string[] = [];
    for (const value of Object.values(schema)) {
      if (!(value instanceof PgTable)) continue;
      const config = getTableConfig(value);
      const table = live.get(config.name);
      if (!table) {
        problems.push(`${config.name}: no such table in the database`);
        continue;
      }
      const described = new Set<string>();
      for (const column of config.columns) {
        described.add(column.name);
        const notNull = table.get(column.name);
        if (notNull === undefined) problems.push(`${config.name}.${column.name}: no such column`);
        else if (notNull !== column.notNull) {
          problems.push(
            `${config.name}.${column.name}: NOT NULL is ${notNull} in SQL, ${column.notNull} in Drizzle`,
          );
        }
      }
      for (const name of table.keys()) {
        if (!described.has(name))
          problems.push(`${config.name}.${name}: missing from the Drizzle schema`);
      }
    }
    expect(problems).toEqual([]);
  });
});
