import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { NEEDS_POSTGRES, onPostgres } from '../testing/database';
import { openPostgres } from './connect';
import { listMigrations } from './migrate';

/** Runs one statement as the owner on a database of the test server (`postgres` by default). */
async function onServer(statement: string, database = 'postgres') {
  const url = new URL(process.env.TEST_DATABASE_URL!);
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    return (await client.query(statement)).rows;
  } finally {
    await client.end();
  }
}

describe('migrations', () => {
  it.skipIf(!onPostgres())(
    `let several processes start at once on a new database: one migrates, the others wait and find it done (${onPostgres() ? 'PostgreSQL' : NEEDS_POSTGRES})`,
    async () => {
      const name = `caliu_migrate_${process.pid}_${Date.now()}`;
      await onServer(`CREATE DATABASE ${name}`);
      try {
        const url = new URL(process.env.TEST_DATABASE_URL!);
        url.pathname = `/${name}`;
        const opened = await Promise.all([1, 2, 3].map(() => openPostgres(url.toString(), 1)));
        await Promise.all(opened.map((db) => db.close()));
        const [applied] = await onServer('SELECT count(*)::int AS n FROM caliu_migrations', name);
        expect(applied).toEqual({ n: listMigrations().length });
      } finally {
        await onServer(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      }
    },
  );
});
