import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { Database } from '../../db/connect';

/**
 * Where synthetic rows go. On PostgreSQL, `COPY … FROM STDIN` through a connection of the
 * database's owner (a role that bypasses row-level security: COPY is refused under it,
 * STACK-NOTES.md); on PGlite (tests, `--scale small`), multi-row INSERTs as the owner. Triggers
 * run either way: a COPY is one statement, so the statement-level name index trigger indexes a
 * whole batch at once.
 */
export type Value = string | number | boolean | null;

export interface RowSink {
  write(table: string, columns: readonly string[], rows: Value[][]): Promise<void>;
  /** Runs a maintenance statement as the owner (ANALYZE…). */
  run(statement: string): Promise<void>;
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

export async function copySink(url: string): Promise<RowSink> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  // A bulk load needs no durability per commit; the data is synthetic.
  await client.query('SET synchronous_commit = off');
  return {
    async write(table, columns, rows) {
      if (rows.length === 0) return;
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
    },
    async run(statement) {
      await client.query(statement);
    },
    close: () => client.end(),
  };
}

export function insertSink(database: Database): RowSink {
  return {
    async write(table, columns, rows) {
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
    },
    async run(statement) {
      await database.asOwner((tx) => tx.execute(sql.raw(statement)));
    },
    close: async () => {},
  };
}
