import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../db/connect';

/**
 * Where synthetic rows go. On PostgreSQL, `COPY … FROM STDIN` through a connection of the
 * database's owner (a role that bypasses row-level security: COPY is refused under it,
 * STACK-NOTES.md); on PGlite (tests, `--scale small`), multi-row INSERTs as the owner. Persons'
 * triggers run either way: a COPY is one statement, so the statement-level name index trigger
 * indexes a whole batch at once.
 */
export type Value = string | number | boolean | null;

export interface RowSink {
  /** Queues rows for a table; resolves once they are written. */
  write(table: string, columns: readonly string[], rows: Value[][]): Promise<void>;
  /** Runs a maintenance statement as the owner (ANALYZE…). */
  run(statement: string): Promise<void>;
  /**
   * Switches foreign-key checks off for the rows written from now on (a server's
   * replication-replica mode, which also skips other triggers: only for tables without any);
   * sinks that cannot switch them off check each row as it comes.
   */
  keysOff(): Promise<void>;
  /**
   * Once everything is written: checks back on, then every foreign key of `tables` checked
   * set-based for the entity's rows, one anti-join per key — far faster than a check per row.
   * Throws naming the keys broken.
   */
  checkKeys(tables: readonly string[], entityId: string): Promise<void>;
  close(): Promise<void>;
}

function copyText(value: Value): string {
  if (value === null) return '\\N';
  if (typeof value === 'boolean') return value ? 't' : 'f';
  if (typeof value === 'number') return String(value);
  return value.replace(/[\\\t\n\r]/g, (c) =>
    c === '\\' ? '\\\\' : c === '\t' ? '\\t' : c === '\n' ? '\\n' : '\\r',
  );
}

/**
 * COPY through `lanes` connections (two cores: the server parses and indexes one table's rows on
 * one while the other takes another table's). A table keeps its lane, so its batches arrive in
 * order; a new table takes the lane with the fewest rows so far. Rows of different tables may
 * arrive in any order: only with foreign-key checks off (keysOff) may a load write a
 * table and the one it refers to in the same flush.
 */
export async function copySink(url: string, lanes = 2): Promise<RowSink> {
  const clients = await Promise.all(
    Array.from({ length: lanes }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      // A bulk load needs no durability per commit; the data is synthetic.
      await client.query('SET synchronous_commit = off');
      return client;
    }),
  );
  const queues = clients.map(() => Promise.resolve());
  const rowsIn = clients.map(() => 0);
  const laneOf = new Map<string, number>();
  const copy = async (
    client: pg.Client,
    table: string,
    columns: readonly string[],
    rows: Value[][],
  ) => {
    const stream = client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`));
    const lines = function* () {
      const size = 2000;
      for (let i = 0; i < rows.length; i += size) {
        yield rows
          .slice(i, i + size)
          .map((row) => row.map(copyText).join('\t') + '\n')
          .join('');
      }
    };
    await pipeline(Readable.from(lines()), stream);
  };
  const idle = () => Promise.all(queues);
  const everyClient = (statement: string) => Promise.all(clients.map((c) => c.query(statement)));
  return {
    write(table, columns, rows) {
      if (rows.length === 0) return Promise.resolve();
      let lane = laneOf.get(table);
      if (lane === undefined) {
        lane = rowsIn.indexOf(Math.min(...rowsIn));
        laneOf.set(table, lane);
      }
      rowsIn[lane]! += rows.length;
      const client = clients[lane]!;
      return (queues[lane] = queues[lane]!.then(() => copy(client, table, columns, rows)));
    },
    async run(statement) {
      await idle();
      await clients[0]!.query(statement);
    },
    async keysOff() {
      await idle();
      await everyClient('SET session_replication_role = replica');
    },
    async checkKeys(tables, entityId) {
      await idle();
      await everyClient('SET session_replication_role = DEFAULT');
      const keys = await foreignKeys(clients[0]!, tables);
      const broken: string[] = [];
      await Promise.all(
        clients.map(async (client, lane) => {
          for (const key of keys.filter((_, i) => i % clients.length === lane)) {
            const { rows } = await client.query<{ n: string }>(key.check, [entityId]);
            if (Number(rows[0]!.n) > 0) broken.push(`${key.name} (${rows[0]!.n} rows)`);
          }
        }),
      );
      if (broken.length > 0) throw new Error(`Foreign keys broken: ${broken.join(', ')}`);
    },
    close: async () => {
      await idle();
      await Promise.all(clients.map((c) => c.end()));
    },
  };
}

type ForeignKey = { name: string; check: string };

/** The foreign keys of `tables`, each with the query counting one entity's rows that break it. */
async function foreignKeys(client: pg.Client, tables: readonly string[]): Promise<ForeignKey[]> {
  const { rows } = await client.query<{
    name: string;
    child: string;
    parent: string;
    child_columns: string[];
    parent_columns: string[];
  }>(
    `SELECT c.conname AS name, c.conrelid::regclass::text AS child,
       c.confrelid::regclass::text AS parent,
       ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(n, i)
         JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n ORDER BY k.i) AS child_columns,
       ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(n, i)
         JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n ORDER BY k.i) AS parent_columns
     FROM pg_constraint c
     WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY($1)`,
    [tables],
  );
  return rows.map((key) => {
    const present = key.child_columns.map((column) => `c.${column} IS NOT NULL`);
    const join = key.child_columns.map((column, i) => `p.${key.parent_columns[i]} = c.${column}`);
    return {
      name: key.name,
      // MATCH SIMPLE: a key with a null column is not checked.
      check: `SELECT count(*) AS n FROM ${key.child} c WHERE c.entity_id = $1
        AND ${present.join(' AND ')}
        AND NOT EXISTS (SELECT 1 FROM ${key.parent} p WHERE ${join.join(' AND ')})`,
    };
  });
}

export function insertSink(database: Database): RowSink {
  // One write after another: rows are checked against the tables written before them.
  let queue = Promise.resolve();
  const insert = async (table: string, columns: readonly string[], rows: Value[][]) => {
    const perStatement = Math.max(1, Math.floor(30_000 / columns.length));
    for (let i = 0; i < rows.length; i += perStatement) {
      const chunk = rows.slice(i, i + perStatement);
      await database.asOwner((tx) =>
        tx.execute(
          sql`INSERT INTO ${sql.raw(table)} (${sql.raw(columns.join(', '))}) VALUES ${sql.join(
            chunk.map(
              (row) =>
                sql`(${sql.join(
                  row.map((v) => sql`${v}`),
                  sql`, `,
                )})`,
            ),
            sql`, `,
          )}`,
        ),
      );
    }
  };
  return {
    write: (table, columns, rows) => (queue = queue.then(() => insert(table, columns, rows))),
    async run(statement) {
      await queue;
      await database.asOwner((tx) => tx.execute(sql.raw(statement)));
    },
    // Rows are checked as they are inserted.
    keysOff: async () => {},
    checkKeys: () => queue,
    close: async () => {},
  };
}
