import { openDatabase, type Database } from '../db/connect';

let shared: Promise<Database> | undefined;

/**
 * The database of this test worker: PGlite in memory by default, the PostgreSQL server named by
 * TEST_DATABASE_URL when set. One per worker, never reset: tests create a fresh entity each.
 */
export function testDatabase(): Promise<Database> {
  shared ??= openDatabase(
    process.env.TEST_DATABASE_URL
      ? { kind: 'postgres', url: process.env.TEST_DATABASE_URL, poolSize: 5 }
      : { kind: 'pglite-memory' },
  );
  return shared;
}

export const onPostgres = () => Boolean(process.env.TEST_DATABASE_URL);

/** Why a race or multi-process test is skipped on PGlite (one transaction at a time). */
export const NEEDS_POSTGRES =
  'needs a PostgreSQL server (PGlite runs one transaction at a time): set TEST_DATABASE_URL';
