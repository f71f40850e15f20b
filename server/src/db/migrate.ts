import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MIGRATIONS_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** The smallest interface both PGlite and a pg client offer. */
export type SqlRunner = {
  query: (text: string, params?: unknown[]) => Promise<{ rows: unknown[] }>;
  exec?: (text: string) => Promise<unknown>;
};

export function listMigrations(): { name: string; sql: string }[] {
  return readdirSync(MIGRATIONS_DIR)
    .filter((f) => /^\d{4}_[a-z0-9_]+\.sql$/.test(f))
    .sort()
    .map((name) => ({ name, sql: readFileSync(path.join(MIGRATIONS_DIR, name), 'utf8') }));
}

/**
 * Applies the committed SQL migrations in order, each in its own transaction, as the database
 * owner. An advisory lock lets several processes start against one server at once.
 * Hand-written SQL rather than drizzle-kit's journal: see docs/decisions/0002-sql-migrations.md.
 */
export async function migrate(runner: SqlRunner): Promise<string[]> {
  const run = async (text: string) => (runner.exec ? runner.exec(text) : runner.query(text));
  const applied: string[] = [];
  await run('BEGIN');
  try {
    // The lock comes first: even CREATE TABLE IF NOT EXISTS fails when two sessions create the
    // table at once ("type caliu_migrations already exists"), as two processes starting together
    // on a new database do.
    await runner.query('SELECT pg_advisory_xact_lock(724111)');
    await run(`CREATE TABLE IF NOT EXISTS caliu_migrations (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await runner.query('SELECT name FROM caliu_migrations')).rows.map(
        (r) => (r as { name: string }).name,
      ),
    );
    for (const migration of listMigrations()) {
      if (done.has(migration.name)) continue;
      await run(migration.sql);
      await runner.query('INSERT INTO caliu_migrations (name) VALUES ($1)', [migration.name]);
      applied.push(migration.name);
    }
    await run('COMMIT');
  } catch (error) {
    await run('ROLLBACK');
    throw error;
  }
  return applied;
}
