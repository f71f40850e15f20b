/**
 * The baseline: exactly the SQL statements an endpoint ran (recorded from the application
 * itself while it answered each request), replayed through the same driver with the same pool
 * size and concurrency, but without HTTP, routing, validation, the application's code between
 * statements or serialization. The ratio of the endpoint to its baseline is what Caliu adds to
 * the database's own floor.
 */
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Database, poolOptions, type QueryListener } from '../../server/src/db/connect';
import { scheduleFor, until } from './schedule';
import { latencies, round } from './stats';

export type Statement = { text: string; params: unknown[] };

/** Collects the statements the application sends while `record` runs (one request at a time). */
export class Recorder {
  private current: Statement[] | null = null;
  readonly listener: QueryListener = (text, params) => {
    this.current?.push({ text, params: [...params] });
  };
  async record(fn: () => Promise<void>): Promise<Statement[]> {
    if (this.current) throw new Error('one recording at a time');
    const statements: Statement[] = [];
    this.current = statements;
    try {
      await fn();
    } finally {
      this.current = null;
    }
    return statements;
  }
}

const TRANSACTION = /^\s*(begin|commit|rollback)\b/i;

/** Runs one recorded request's statements in one transaction, as the endpoint did. */
export type Replay = (statements: Statement[]) => Promise<void>;

/**
 * Sends a recording's statements inside the caller's transaction (PGlite: one at a time, as the
 * application's own transactions are), their BEGIN and COMMIT aside.
 */
export async function replayIn(
  query: (text: string, params: unknown[]) => Promise<unknown>,
  statements: Statement[],
) {
  for (const s of statements) {
    if (!TRANSACTION.test(s.text)) await query(s.text, s.params);
  }
}

/**
 * A write's recording as a baseline that leaves nothing behind: the same statements, its
 * transaction rolled back instead of committed (replayed twice, an insert would collide with the
 * first). The rollback costs less than a commit's flush: the baseline errs on the fast side.
 */
export const rolledBack = (statements: Statement[]): Statement[] => [
  ...statements.map((s) => (/^\s*commit\b/i.test(s.text) ? { text: 'ROLLBACK', params: [] } : s)),
  { text: '-- rolled back', params: [] },
];

export function replayerFor(
  database: Database,
  target: { url: string; poolSize: number } | null,
): { replay: Replay; close(): Promise<void> } {
  if (target) {
    // The application's pool: same size, role, prepared statements and connection lifetime.
    const pool = new pg.Pool(poolOptions(target.url, target.poolSize));
    return {
      // As recorded, transactions included: the session look-up runs on its own, then the
      // request's transaction.
      replay: async (statements) => {
        const client = await pool.connect();
        try {
          for (const s of statements) {
            if (s.text !== '-- rolled back') await client.query(s.text, s.params);
          }
        } catch (error) {
          await client.query('ROLLBACK');
          throw error;
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  // PGlite: the application's own instance, one transaction at a time as the application gets.
  const pglite = (database.db as unknown as { $client: PGlite }).$client;
  return {
    replay: (statements) =>
      pglite.transaction(async (tx) => {
        const last = statements[statements.length - 1];
        const discard = last?.text === '-- rolled back';
        await replayIn(
          (text, params) => tx.query(text, params),
          discard ? statements.slice(0, -1) : statements,
        );
        if (discard) await tx.rollback();
      }),
    close: async () => {},
  };
}

export type BaselineRun = ReturnType<typeof latencies> & { throughput: number };

/**
 * Runs recorded requests the way the load generator sends them: `connections` loops, each
 * taking the next recording; at a fixed `rate` on the same even schedule, each latency counted
 * from when its request was due (schedule.ts), else as fast as they complete.
 */
export async function runBaseline(
  replay: Replay,
  recordings: Statement[][],
  options: { connections: number; seconds: number; rate?: number },
): Promise<BaselineRun> {
  const samples: number[] = [];
  const start = performance.now();
  const end = start + options.seconds * 1000;
  const loop = async (index: number) => {
    let next = Math.floor((recordings.length / options.connections) * index);
    const schedule = options.rate
      ? scheduleFor(start, index, options.connections, options.rate)
      : null;
    while (performance.now() < end) {
      const due = schedule ? schedule.next() : performance.now();
      if (schedule) {
        await until(due);
        if (performance.now() >= end) break;
      }
      await replay(recordings[next++ % recordings.length]!);
      samples.push(performance.now() - due);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, i) => loop(i)));
  const seconds = (performance.now() - start) / 1000;
  return { ...latencies(samples), throughput: round(samples.length / seconds, 1) };
}
