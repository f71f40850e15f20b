import { and, eq, lt, or, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connect';
import { loginThrottles } from '../../db/schema';

export type ThrottleKind = 'account_address' | 'account' | 'address';
/** A counted key: only its hash is stored; `username` (account key) lets its owner be told. */
export type ThrottleKey = { kind: ThrottleKind; hash: Buffer; username?: string };

const where = (entityId: string, key: ThrottleKey) =>
  and(
    eq(loginThrottles.entityId, entityId),
    eq(loginThrottles.kind, key.kind),
    eq(loginThrottles.keyHash, key.hash),
  );

/**
 * Counts an attempt in advance, unless the key is blocked. The upsert takes the row's lock, so
 * concurrent attempts (from any process) are counted one after the other. A count older than
 * `restartBefore` starts again at 1. Answers the new count, or null when the key is blocked.
 */
export async function countAttempt(
  tx: Tx,
  entityId: string,
  key: ThrottleKey,
  now: Date,
  restartBefore: Date,
): Promise<number | null> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const [row] = await tx
    .insert(loginThrottles)
    .values({ entityId, kind: key.kind, keyHash: key.hash, failures: 1, lastFailureAt: now })
    .onConflictDoUpdate({
      target: [loginThrottles.entityId, loginThrottles.kind, loginThrottles.keyHash],
      set: {
        failures: sql`CASE WHEN ${loginThrottles.lastFailureAt} < ${restartBefore.toISOString()}::timestamptz
                      THEN 1 ELSE ${loginThrottles.failures} + 1 END`,
        lastFailureAt: now,
      },
      setWhere: sql`${loginThrottles.blockedUntil} IS NULL OR ${loginThrottles.blockedUntil} <= ${at}`,
    })
    .returning({ failures: loginThrottles.failures });
  return row ? row.failures : null;
}

export async function block(tx: Tx, entityId: string, key: ThrottleKey, until: Date) {
  await tx.update(loginThrottles).set({ blockedUntil: until }).where(where(entityId, key));
}

export async function blockedUntil(tx: Tx, entityId: string, key: ThrottleKey) {
  const [row] = await tx
    .select({ blockedUntil: loginThrottles.blockedUntil })
    .from(loginThrottles)
    .where(where(entityId, key));
  return row?.blockedUntil ?? null;
}

/** Gives back an attempt counted in advance that turned out right; unblocks below `threshold`. */
export async function giveBack(tx: Tx, entityId: string, key: ThrottleKey, threshold: number) {
  await tx
    .update(loginThrottles)
    .set({
      failures: sql`GREATEST(${loginThrottles.failures} - 1, 0)`,
      blockedUntil: sql`CASE WHEN ${loginThrottles.failures} - 1 < ${threshold} THEN NULL
                        ELSE ${loginThrottles.blockedUntil} END`,
    })
    .where(where(entityId, key));
}

/**
 * Records that the key's owner was told, unless they were already in this episode (since
 * `restartBefore`). Answers whether to tell them now.
 */
export async function markNotified(
  tx: Tx,
  entityId: string,
  key: ThrottleKey,
  now: Date,
  restartBefore: Date,
): Promise<boolean> {
  const rows = await tx
    .update(loginThrottles)
    .set({ notifiedAt: now })
    .where(
      and(
        where(entityId, key),
        or(isNull(loginThrottles.notifiedAt), lt(loginThrottles.notifiedAt, restartBefore)),
      ),
    )
    .returning({ kind: loginThrottles.kind });
  return rows.length > 0;
}

export async function clear(tx: Tx, entityId: string, key: ThrottleKey) {
  await tx.delete(loginThrottles).where(where(entityId, key));
}

/** Forgets counts that no longer make anyone wait (older than `before`). */
export async function prune(tx: Tx, entityId: string, before: Date, now: Date) {
  await tx
    .delete(loginThrottles)
    .where(
      and(
        eq(loginThrottles.entityId, entityId),
        lt(loginThrottles.lastFailureAt, before),
        or(isNull(loginThrottles.blockedUntil), lt(loginThrottles.blockedUntil, now)),
      ),
    );
}
