import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../db/connect';

/**
 * Finding a number that must be stored nowhere (a new professional's mobile, used for one SMS):
 * a pattern that matches it however it is written, and the tables of the database that hold it.
 */

/** Matches the number however it is written: spaces, dots or dashes between the digits. */
export function patternFor(digits: string): string {
  return digits.split('').join('[^0-9a-zA-Z]{0,3}');
}

/**
 * The tables holding `pattern` in any column of any row (every table of the public schema, each
 * row read as JSON, as the owner: past the tenant walls).
 */
export async function tablesHolding(database: Database, pattern: string) {
  const tables = await database.asOwner((tx) =>
    rowsOf<{ name: string }>(
      tx,
      sql`SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') ORDER BY 1`,
    ),
  );
  expect(tables.length).toBeGreaterThan(15);
  const holding: string[] = [];
  for (const { name } of tables) {
    const [row] = await database.asOwner((tx) =>
      rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(name)} t
            WHERE row_to_json(t)::text ~ ${pattern}`,
      ),
    );
    if (row!.n > 0) holding.push(name);
  }
  return holding;
}
