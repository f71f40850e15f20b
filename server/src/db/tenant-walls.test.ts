import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from './connect';
import { testDatabase } from '../testing/database';

/** Tables that are not tenant data, each with its reason. */
const NOT_TENANT_TABLES: Record<string, string> = {
  caliu_migrations: 'the schema version; the application role has no grant on it',
};

describe('tenant walls', () => {
  it('every table carries entity_id (or is the entity) under forced row-level security with a policy', async () => {
    const db = await testDatabase();
    const tables = await db.asOwner((tx) =>
      rowsOf<{
        name: string;
        rls: boolean;
        forced: boolean;
        policies: number;
        has_entity_id: boolean;
      }>(
        tx,
        sql`SELECT c.relname AS name, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced,
                   (SELECT count(*)::int FROM pg_policy p WHERE p.polrelid = c.oid) AS policies,
                   EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid
                           AND a.attname = 'entity_id' AND NOT a.attisdropped) AS has_entity_id
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`,
      ),
    );
    expect(tables.length).toBeGreaterThan(10);
    const problems = tables
      .filter((t) => !NOT_TENANT_TABLES[t.name])
      .flatMap((t) => [
        ...(t.rls && t.forced ? [] : [`${t.name}: row-level security not enabled and forced`]),
        ...(t.policies > 0 ? [] : [`${t.name}: no policy`]),
        ...(t.has_entity_id || t.name === 'entities' ? [] : [`${t.name}: no entity_id column`]),
      ]);
    expect(problems).toEqual([]);
  });

  it('the application role has no privilege on the non-tenant tables', async () => {
    const db = await testDatabase();
    for (const table of Object.keys(NOT_TENANT_TABLES)) {
      const [row] = await db.anonymous((tx) =>
        rowsOf<{ can: boolean }>(tx, sql`SELECT has_table_privilege(${table}, 'SELECT') AS can`),
      );
      expect(row?.can, table).toBe(false);
    }
  });
});
