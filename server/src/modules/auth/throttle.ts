import type { Tx } from '../../db/connect';
import { AppError } from '../../platform/errors';
import { sha256 } from '../../platform/secrets';
import * as repo from './throttle-repository';
import type { ThrottleKey } from './throttle-repository';

/**
 * Login throttling, per account (the username tried) and per address (the client's IP), within an
 * entity, stored in the database so that every process sees the same counts. From the 10th failure
 * on, each failure makes the key wait: 1, 2, 4, 8, then 15 minutes. A count restarts after an
 * hour without failures, and a successful sign-in clears its account's count.
 */
export const THROTTLE = { threshold: 10, restartAfterMs: 60 * 60_000, maxDelayMinutes: 15 };

export function delayMinutes(failures: number): number {
  if (failures < THROTTLE.threshold) return 0;
  return Math.min(2 ** (failures - THROTTLE.threshold), THROTTLE.maxDelayMinutes);
}

export function throttleKeys(username: string, ip: string): ThrottleKey[] {
  return [
    { kind: 'account', hash: sha256(`account:${username.trim().toLowerCase()}`) },
    { kind: 'address', hash: sha256(`address:${ip}`) },
  ];
}

/** The refusal of an attempt while a key waits: says how long, in whole minutes. */
export function throttledError(until: Date, now: Date): AppError {
  const seconds = Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));
  return new AppError('auth.throttled', 429, {
    count: Math.ceil(seconds / 60),
    retryAfterSeconds: seconds,
  });
}

/**
 * Counts this attempt against every key before the password (or code) is checked, so that
 * concurrent attempts cannot get past the limit. Throws `auth.throttled` while a key waits: the
 * caller's transaction then rolls back and nothing is counted.
 */
export async function countAttempt(tx: Tx, entityId: string, keys: ThrottleKey[], now: Date) {
  const restartBefore = new Date(now.getTime() - THROTTLE.restartAfterMs);
  let waitUntil: Date | null = null;
  for (const key of keys) {
    const failures = await repo.countAttempt(tx, entityId, key, now, restartBefore);
    if (failures === null) {
      const until = (await repo.blockedUntil(tx, entityId, key)) ?? now;
      if (!waitUntil || until > waitUntil) waitUntil = until;
      continue;
    }
    const minutes = delayMinutes(failures);
    if (minutes > 0)
      await repo.block(tx, entityId, key, new Date(now.getTime() + minutes * 60_000));
  }
  if (waitUntil) throw throttledError(waitUntil, now);
}

/** Now and then (1 failure in 100), forgets the counts of keys that have been quiet for a day. */
export async function pruneNowAndThen(tx: Tx, entityId: string, now: Date) {
  if (Math.random() >= 0.01) return;
  await repo.prune(tx, entityId, new Date(now.getTime() - 24 * 3600_000), now);
}

/**
 * The attempt was right. `complete`: the sign-in is done, the account's count is cleared;
 * otherwise (a second factor still to come) the attempt is only given back.
 */
export async function attemptSucceeded(
  tx: Tx,
  entityId: string,
  keys: ThrottleKey[],
  complete: boolean,
) {
  for (const key of keys) {
    if (complete && key.kind === 'account') await repo.clear(tx, entityId, key);
    else await repo.giveBack(tx, entityId, key, THROTTLE.threshold);
  }
}
