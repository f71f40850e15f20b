/**
 * The baseline: exactly the SQL statements an endpoint ran (recorded from the application
 * itself while it answered each request), replayed through the same driver with the same pool
 * size and concurrency, but without HTTP, routing, validation, the application's code between
 * statements or serialization. The ratio of the endpoint to its baseline is what Caliu adds to
 * the database's own floor.
 */
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { APP_ROLE, type Database, type QueryListener } from '../../server/src/db/connect';
import { latencies, round, since } from './stats';

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
const AUDIT_INSERT = /^insert into "audit_log"/i;
const AUDIT_SUBJECTS_INSERT = /^insert into "audit_subjects"/i;

/** Runs one recorded request's statements in one transaction, as the endpoint did. */
export type Replay = (statements: Statement[]) => Promise<void>;

/**
 * The audit row's id is the database's (a sequence), and its subjects refer to it: the replay
 * puts the id its own insert got where the recording had the original's (the only number among
 * those parameters: the others are uuids).
 */
export async function replayIn(
  query: (text: string, params: unknown[]) => Promise<{ rows: unknown[] }>,
  statements: Statement[],
) {
  let auditId: unknown = null;
  for (const s of statements) {
    if (TRANSACTION.test(s.text)) continue;
    const params =
      auditId !== null && AUDIT_SUBJECTS_INSERT.test(s.text)
        ? s.params.map((p) => (typeof p === 'number' ? auditId : p))
        : s.params;
    const { rows } = await query(s.text, params);
    if (AUDIT_INSERT.test(s.text)) auditId = (rows[0] as { id: unknown } | undefined)?.id ?? null;
  }
}

export function replayerFor(
  database: Database,
  target: { url: string; poolSize: number } | null,
): { replay: Replay; close(): Promise<void> } {
  if (target) {
    // A pool like the application's: same size, same role from the connection's start.
    const pool = new pg.Pool({
      connectionString: target.url,
      max: target.poolSize,
      options: `-c role=${APP_ROLE}`,
    });
    return {
      replay: async (statements) => {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          await replayIn((text, params) => client.query(text, params), statements);
          await client.query('COMMIT');
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
      pglite.transaction((tx) => replayIn((text, params) => tx.query(text, params), statements)),
    close: async () => {},
  };
}

export type BaselineRun = ReturnType<typeof latencies> & { throughput: number };

/**
 * Runs recorded requests the way the load generator sends them: `connections` loops, each
 * taking the next recording; at a fixed `rate`, each loop sends its share of a second's requests
 * one after the other at the start of every second (autocannon's pacing), else as fast as they
 * complete.
 */
export async function runBaseline(
  replay: Replay,
  recordings: Statement[][],
  options: { connections: number; seconds: number; rate?: number },
): Promise<BaselineRun> {
  const samples: number[] = [];
  const started = process.hrtime.bigint();
  const until = options.seconds * 1000;
  const perSecond = options.rate ? Math.max(1, Math.round(options.rate / options.connections)) : 0;
  const loop = async (index: number) => {
    let next = Math.floor((recordings.length / options.connections) * index);
    const one = async () => {
      const t = process.hrtime.bigint();
      await replay(recordings[next++ % recordings.length]!);
      samples.push(since(t));
    };
    if (!perSecond) {
      while (since(started) < until) await one();
      return;
    }
    for (let second = 1; since(started) < until; second++) {
      for (let k = 0; k < perSecond && since(started) < until; k++) await one();
      const wait = second * 1000 - since(started);
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  await Promise.all(Array.from({ length: options.connections }, (_, i) => loop(i)));
  const seconds = since(started) / 1000;
  return { ...latencies(samples), throughput: round(samples.length / seconds, 1) };
}
