import type { Tx } from '../../db/connect';
import { AppError } from '../../platform/errors';
import { enqueue } from '../../platform/messaging/outbox';
import { sha256 } from '../../platform/secrets';
import { findActiveAccount } from './account-repository';
import * as repo from './throttle-repository';
import type { ThrottleKey, ThrottleKind } from './throttle-repository';

/**
 * Login throttling (docs/decisions/0004), stored in the database so that every process sees the
 * same counts, within an entity, with three keys that stop guessing without locking the innocent
 * out:
 * - an account from one address: 10 failures. The guesser waits; the account's owner, signing in
 *   from anywhere else, does not.
 * - an account from every address: 100 failures, far more than one address can reach while its
 *   own key makes it wait, so only a guess spread over many addresses trips it; the account's
 *   owner is told by email.
 * - an address across every account: 300 failures, which a town hall of fifty professionals
 *   behind one address never reaches, and which stops one address guessing many usernames.
 * From a key's threshold on, each failure makes it wait 1, 2, 4, 8, then 15 minutes. A count
 * restarts after an hour without failures; a successful sign-in clears its account-and-address
 * count.
 */
export const THROTTLE = {
  thresholds: { account_address: 10, account: 100, address: 300 } satisfies Record<
    ThrottleKind,
    number
  >,
  restartAfterMs: 60 * 60_000,
  maxDelayMinutes: 15,
};

export function delayMinutes(failures: number, threshold: number): number {
  if (failures < threshold) return 0;
  return Math.min(2 ** (failures - threshold), THROTTLE.maxDelayMinutes);
}

const normal = (username: string) => username.trim().toLowerCase();

/** The keys of a sign-in attempt: the account from this address, the account, the address. */
export function throttleKeys(username: string, ip: string): ThrottleKey[] {
  return [...accountKeys(username, ip), { kind: 'address', hash: sha256(`address:${ip}`) }];
}

/** The keys of a check of the account's own password (a password change, a reset). */
export function accountKeys(username: string, ip: string): ThrottleKey[] {
  const account = normal(username);
  return [
    { kind: 'account_address', hash: sha256(`account_address:${account}\n${ip}`) },
    { kind: 'account', hash: sha256(`account:${account}`), username: account },
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
 * caller's transaction then rolls back and nothing is counted. When the account-wide key starts
 * to wait, the account's owner is emailed (once an episode), in this same transaction.
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
    const minutes = delayMinutes(failures, THROTTLE.thresholds[key.kind]);
    if (minutes === 0) continue;
    await repo.block(tx, entityId, key, new Date(now.getTime() + minutes * 60_000));
    if (key.kind === 'account' && key.username) {
      await tellOwner(tx, entityId, key, minutes, now, restartBefore);
    }
  }
  if (waitUntil) throw throttledError(waitUntil, now);
}

/** Emails the account's owner that sign-in is paused, unless told already in this episode. */
async function tellOwner(
  tx: Tx,
  entityId: string,
  key: ThrottleKey,
  minutes: number,
  now: Date,
  restartBefore: Date,
) {
  const owner = await findActiveAccount(tx, { username: key.username! });
  if (!owner) return;
  if (!(await repo.markNotified(tx, entityId, key, now, restartBefore))) return;
  await enqueue(tx, {
    entityId,
    channel: 'email',
    template: 'login_throttled',
    to: owner.email,
    language: owner.language,
    data: { givenName: owner.givenName, username: owner.username, minutes },
    idempotencyKey: `login_throttled:${owner.id}:${now.toISOString()}`,
  });
}

/** Now and then (1 failure in 100), forgets the counts of keys that have been quiet for a day. */
export async function pruneNowAndThen(tx: Tx, entityId: string, now: Date) {
  if (Math.random() >= 0.01) return;
  await repo.prune(tx, entityId, new Date(now.getTime() - 24 * 3600_000), now);
}

/**
 * The attempt was right. `complete`: the sign-in is done, the account-and-address count is
 * cleared; the other counts (and an unfinished sign-in's) only get the attempt back, so that a
 * guesser elsewhere does not start again from nothing when the owner signs in.
 */
export async function attemptSucceeded(
  tx: Tx,
  entityId: string,
  keys: ThrottleKey[],
  complete: boolean,
) {
  for (const key of keys) {
    if (complete && key.kind === 'account_address') await repo.clear(tx, entityId, key);
    else await repo.giveBack(tx, entityId, key, THROTTLE.thresholds[key.kind]);
  }
}

/** The owner proved control of the account (a reset through its mailbox): forget its counts. */
export async function clearAccount(tx: Tx, entityId: string, keys: ThrottleKey[]) {
  for (const key of keys) if (key.kind !== 'address') await repo.clear(tx, entityId, key);
}
