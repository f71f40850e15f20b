import { expect } from 'vitest';
import { type SQL, sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../db/connect';

/**
 * Races in a chosen order (PostgreSQL only): a side transaction holds the row `lock` selects
 * FOR UPDATE; each request is started in turn and the next one only once the previous one waits
 * behind that lock (directly, or behind the request queued before it); then the side transaction
 * ends and PostgreSQL grants the row to the waiters in the order they queued. A race test can then
 * prove each order happens and what it leads to, instead of hoping the scheduler tries both.
 */
export async function inLockOrder<T>(
  db: Database,
  lock: SQL,
  requests: readonly (() => Promise<T>)[],
): Promise<T[]> {
  const started: Promise<T>[] = [];
  await db.asOwner(async (tx) => {
    const [side] = await rowsOf<{ pid: number }>(tx, sql`SELECT pg_backend_pid() AS pid`);
    await tx.execute(sql`${lock} FOR UPDATE`);
    for (const request of requests) {
      started.push(request());
      const queued = started.length;
      await expect
        .poll(() => waitersBehind(db, side!.pid), { timeout: 10_000, interval: 10 })
        .toBeGreaterThanOrEqual(queued);
    }
  });
  return Promise.all(started);
}

/** How many sessions wait behind `pid`: on it, or on a session that waits on it. */
async function waitersBehind(db: Database, pid: number): Promise<number> {
  const [row] = await db.asOwner((tx) =>
    rowsOf<{ n: number }>(
      tx,
      sql`SELECT count(*)::int AS n FROM pg_stat_activity b
        WHERE ${pid} = ANY (pg_blocking_pids(b.pid))
          OR EXISTS (SELECT 1 FROM pg_stat_activity c
            WHERE ${pid} = ANY (pg_blocking_pids(c.pid)) AND c.pid = ANY (pg_blocking_pids(b.pid)))`,
    ),
  );
  return row!.n;
}
