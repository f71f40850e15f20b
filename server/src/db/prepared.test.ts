import { randomUUID } from 'node:crypto';
import { PgDialect } from 'drizzle-orm/pg-core';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { onPostgres } from '../testing/database';
import { setTenant } from './connect';
import {
  PER_CONNECTION,
  PREPARE_AFTER,
  PreparingClient,
  SET_TENANT,
  statementName,
} from './prepared';

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

  it('knows the text that sets the tenant as drizzle writes it (else no round trip is saved)', () => {
    expect(new PgDialect().sqlToQuery(setTenant(randomUUID())).sql).toBe(SET_TENANT);
  });

  it.skipIf(!onPostgres())(
    `sends begin and the tenant as one message, and anything else after a real begin (${NEEDS_POOL})`,
    async () => {
      const sent: string[] = [];
      const original = pg.Client.prototype.query;
      pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
        const first = args[0] as string | { text: string };
        sent.push(typeof first === 'string' ? first : first.text);
        return (original as (...a: unknown[]) => unknown).apply(this, args);
      } as typeof original;
      const client = new PreparingClient({ connectionString: process.env.TEST_DATABASE_URL });
      pg.Client.prototype.query = original;
      await client.connect();
      try {
        const inTransaction = async () =>
          (await client.query('SELECT now() <> statement_timestamp() AS yes')).rows[0].yes;
        const entity = randomUUID();
        await client.query('begin');
        const set = await client.query(SET_TENANT, [entity]);
        expect(set.rows).toEqual([{ set_config: entity }]);
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(await inTransaction()).toBe(true);
        expect((await client.query("SELECT current_setting('app.entity_id') AS e")).rows).toEqual([
          { e: entity },
        ]);
        await client.query('rollback');
        expect(sent.slice(0, 2)).toEqual([
          `BEGIN; SELECT set_config('app.entity_id', '${entity}', true)`,
          'SELECT now() <> statement_timestamp() AS yes',
        ]);
        expect(
          (await client.query("SELECT current_setting('app.entity_id', true) AS e")).rows,
        ).toEqual([{ e: '' }]);

        // Not a tenant (or not a uuid): begin goes first, on its own; the transaction is real.
        sent.length = 0;
        await client.query('begin');
        await client.query(SET_TENANT, ["x' OR true --"]);
        await new Promise((resolve) => setTimeout(resolve, 5));
        expect(await inTransaction()).toBe(true);
        await client.query('commit');
        expect(sent.slice(0, 2)).toEqual(['begin', SET_TENANT]);

        // A transaction with nothing in it sends nothing.
        sent.length = 0;
        await client.query('begin');
        await client.query('commit');
        expect(sent).toEqual([]);
        expect(await inTransaction()).toBe(false);
      } finally {
        await client.end();
      }
    },
  );
});
