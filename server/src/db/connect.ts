import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { fuzzystrmatch } from '@electric-sql/pglite/contrib/fuzzystrmatch';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import { type SQL, sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from 'drizzle-orm/pg-core';
import type { ExtractTablesWithRelations } from 'drizzle-orm';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import * as schema from './schema';
import { migrate } from './migrate';
import { lockDataDir } from './pglite-lock';
import { PreparingClient } from './prepared';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;

/** The role the application works as: it cannot bypass row-level security. */
export const APP_ROLE = 'caliu_app';

export type DatabaseOptions = (
  | { kind: 'pglite'; dataDir: string }
  | { kind: 'pglite-memory'; loadDataDir?: Blob | File }
  | { kind: 'postgres'; url: string; poolSize?: number }
) & {
  /** The role to work as after migrating; tests use it to check the refusal of a bypassing role. */
  appRole?: string;
  /**
   * Hears every statement the application sends, with its parameters (the benchmark records an
   * endpoint's statements to replay them as its baseline). Parameters may hold personal data:
   * never log them.
   */
  onQuery?: QueryListener;
};

export type QueryListener = (text: string, params: unknown[]) => void;

/**
 * The database as the rest of Caliu sees it. Every read or write of tenant data goes through
 * `tenant()`, a short transaction with the tenant set for row-level security.
 */
export type Database = {
  kind: 'pglite' | 'postgres';
  db: Db;
  /** Runs fn in a transaction whose row-level-security tenant is entityId. */
  tenant<T>(entityId: string, fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** A transaction with no tenant: only non-tenant functions (entity look-up by code) answer. */
  anonymous<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  /** Runs fn as the database owner (maintenance, bulk loaders). Never used to serve requests. */
  asOwner<T>(fn: (tx: Tx) => Promise<T>): Promise<T>;
  close(): Promise<void>;
};

/**
 * A list of ids as one parameter (`= ANY(${uuidArray(ids)})`): a statement of the same text
 * however many ids, and no string built from them.
 */
export const uuidArray = (ids: readonly string[]): SQL => sql`${`{${ids.join(',')}}`}::uuid[]`;

/** Raw SQL for what the query builder cannot say; both drivers answer with `rows`. */
export async function rowsOf<T>(tx: Tx | Db, query: SQL): Promise<T[]> {
  const result = (await tx.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/** `a, b, c` for `IN (…)`: ids as uuid parameters (an empty list is the caller's to avoid). */
export function uuidList(ids: readonly string[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
}

function pgIdent(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`Invalid role name ${name}`);
  return name;
}

const extensions = { pg_trgm, unaccent, fuzzystrmatch };

async function assertCannotBypassRls(run: (q: string) => Promise<{ rows: unknown[] }>) {
  const { rows } = await run(
    `SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
  );
  const role = rows[0] as { name: string; rolsuper: boolean; rolbypassrls: boolean } | undefined;
  if (!role || role.rolsuper || role.rolbypassrls) {
    throw new Error(
      `Refusing to start: the database role "${role?.name ?? '?'}" can bypass row-level ` +
        'security. Caliu must work as a role without SUPERUSER or BYPASSRLS (caliu_app).',
    );
  }
}

const loggerOf = (onQuery: QueryListener | undefined) =>
  onQuery ? { logger: { logQuery: onQuery } } : {};

export async function openPglite(
  client: PGlite,
  release?: () => void,
  appRole = APP_ROLE,
  onQuery?: QueryListener,
): Promise<Database> {
  await migrate({
    query: (text, params) => client.query(text, params),
    exec: (text) => client.exec(text),
  });
  // PGlite's default user is a superuser; the application works as caliu_app from here on.
  await client.exec(`SET ROLE ${pgIdent(appRole)}`);
  try {
    await assertCannotBypassRls((q) => client.query(q));
  } catch (error) {
    await client.close();
    release?.();
    throw error;
  }
  const db = drizzlePglite(client, { schema, ...loggerOf(onQuery) }) as unknown as Db;
  return wrap('pglite', db, async () => {
    await client.close();
    release?.();
  });
}

/**
 * The application's pool: every connection works as the application role from its start-up
 * packet on, prepares its frequent statements (prepared.ts) and, once opened, stays open. A new
 * connection is a new PostgreSQL backend whose catalogue caches and statement plans start cold:
 * with pg's default (close after 10 s idle), the connections a quiet moment closed were all
 * opened again in the next busy one, and each request they served waited for tens of
 * milliseconds of planning (measured by the benchmark at 1,000,000 persons). Each backend's
 * prepared statements are bounded (prepared.ts), so none grows without bound.
 */
export function poolOptions(url: string, size: number, appRole = APP_ROLE): pg.PoolConfig {
  return {
    Client: PreparingClient,
    connectionString: url,
    max: size,
    min: size,
    options: `-c role=${pgIdent(appRole)}`,
  };
}

export async function openPostgres(
  url: string,
  poolSize = 10,
  appRole = APP_ROLE,
  onQuery?: QueryListener,
): Promise<Database> {
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  try {
    await migrate({ query: (text, params) => owner.query(text, params) });
  } finally {
    await owner.end();
  }
  const pool = new pg.Pool(poolOptions(url, poolSize, appRole));
  try {
    await assertCannotBypassRls((q) => pool.query(q));
  } catch (error) {
    await pool.end();
    throw error;
  }
  const db = drizzlePg(pool, { schema, ...loggerOf(onQuery) }) as unknown as Db;
  return wrap('postgres', db, () => pool.end());
}

/** Sets the row-level-security tenant for the transaction ('' for none); its text is SET_TENANT. */
export const setTenant = (entityId: string) =>
  sql`SELECT set_config('app.entity_id', ${entityId}, true)`;

function wrap(kind: Database['kind'], db: Db, close: () => Promise<void>): Database {
  return {
    kind,
    db,
    tenant: (entityId, fn) =>
      db.transaction(async (tx) => {
        await tx.execute(setTenant(entityId));
        return fn(tx);
      }),
    anonymous: (fn) =>
      db.transaction(async (tx) => {
        await tx.execute(setTenant(''));
        return fn(tx);
      }),
    asOwner: (fn) =>
      db.transaction(async (tx) => {
        // Back to the session user (the owner) for this transaction only.
        await tx.execute(sql`SET LOCAL ROLE NONE`);
        return fn(tx);
      }),
    close,
  };
}

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  switch (options.kind) {
    case 'postgres':
      return openPostgres(options.url, options.poolSize, options.appRole, options.onQuery);
    case 'pglite-memory':
      return openPglite(
        await PGlite.create({
          extensions,
          ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
        }),
        undefined,
        options.appRole,
        options.onQuery,
      );
    case 'pglite': {
      const pgDataDir = path.join(options.dataDir, 'pgdata');
      const release = lockDataDir(options.dataDir, pgDataDir);
      try {
        return await openPglite(
          await PGlite.create(pgDataDir, { extensions }),
          release,
          options.appRole,
          options.onQuery,
        );
      } catch (error) {
        release(); // idempotent: openPglite may have released already
        throw error;
      }
    }
  }
}
