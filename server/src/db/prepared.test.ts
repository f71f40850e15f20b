import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { onPostgres } from '../testing/database';
import { PER_CONNECTION, PREPARE_AFTER, PreparingClient, statementName } from './prepared';

const NEEDS_POOL =
  'needs a PostgreSQL server (the prepared-statement client is pg’s): set TEST_DATABASE_URL';

describe('prepared statements', () => {
  it('names a text from its third use on, the same name for the same text only', () => {
    const text = `SELECT $1::text AS probe -- ${randomUUID()}`;
    const names = Array.from({ length: PREPARE_AFTER + 2 }, () => statementName(text));
    expect(names.slice(0, PREPARE_AFTER - 1)).toEqual([undefined, undefined]);
    const name = names[PREPARE_AFTER - 1];
    expect(name).toMatch(/^c_[0-9a-f]{24}$/);
    expect(names.slice(PREPARE_AFTER)).toEqual([name, name]);
    const other = `SELECT $1::text AS other -- ${randomUUID()}`;
    for (let i = 0; i < PREPARE_AFTER; i++) statementName(other);
    expect(statementName(other)).not.toBe(name);
  });

  it.skipIf(!onPostgres())(
    `prepares frequent statements on the connection, at most ${PER_CONNECTION} of them (${NEEDS_POOL})`,
    async () => {
      const client = new PreparingClient({ connectionString: process.env.TEST_DATABASE_URL });
      await client.connect();
      try {
        const prepared = async () =>
          (await client.query('SELECT name FROM pg_prepared_statements')).rows.length;
        const text = `SELECT $1::int + 1 AS n -- ${randomUUID()}`;
        for (let i = 0; i < PREPARE_AFTER - 1; i++) await client.query(text, [i]);
        expect(await prepared()).toBe(0);
        const { rows } = await client.query(text, [41]);
        expect(rows).toEqual([{ n: 42 }]);
        expect(await prepared()).toBe(1);
        // Texts without parameters are never named; past the cap new texts go unnamed.
        for (let i = 0; i < PER_CONNECTION + 20; i++) {
          const each = `SELECT $1::int AS n${i} -- ${randomUUID()}`;
          for (let k = 0; k < PREPARE_AFTER; k++) await client.query(each, [k]);
        }
        expect(await prepared()).toBe(PER_CONNECTION);
        expect((await client.query(text, [1])).rows).toEqual([{ n: 2 }]);
      } finally {
        await client.end();
      }
    },
  );
});
