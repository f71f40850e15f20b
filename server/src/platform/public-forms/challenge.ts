import { createHash, createHmac, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { PowChallenge } from '@caliu/common';
import { type Database, rowsOf, type Tx } from '../../db/connect';

/**
 * The proof of work of the public forms, with no third-party service: the server hands out a
 * challenge (a random salt, a difficulty, an expiry, an HMAC-SHA256 over them with an
 * installation key); the browser finds a nonce such that SHA-256(`${salt}:${nonce}`) starts with
 * `difficulty` zero bits (a Web Worker, about a second at the default difficulty) and sends it
 * with the form; the server checks the signature, the expiry, the work, and that the challenge
 * was not used before. It costs a robot the same second per request, and the server nothing.
 */

/** A challenge lives ten minutes: long enough to type the form, too short to stockpile. */
export const CHALLENGE_TTL_MS = 10 * 60_000;

/** The installation key that signs challenges (caliu_private.server_keys, created on first use). */
const KEY_NAME = 'public_forms_challenge_v1';

const keys = new WeakMap<Database, Promise<Buffer>>();

/** The signing key of this database's installation, read once per process as the owner. */
export function challengeKeyOf(database: Database): Promise<Buffer> {
  let key = keys.get(database);
  if (!key) {
    key = database
      .asOwner(async (tx) => {
        await tx.execute(sql`INSERT INTO caliu_private.server_keys (name, key)
          VALUES (${KEY_NAME}, ${randomBytes(32)}) ON CONFLICT (name) DO NOTHING`);
        const [row] = await rowsOf<{ key: Buffer | Uint8Array }>(
          tx,
          sql`SELECT key FROM caliu_private.server_keys WHERE name = ${KEY_NAME}`,
        );
        if (!row) throw new Error(`The installation key ${KEY_NAME} could not be read`);
        return Buffer.from(row.key);
      })
      .catch((error: unknown) => {
        keys.delete(database);
        throw error;
      });
    keys.set(database, key);
  }
  return key;
}

type Signed = Pick<PowChallenge, 'id' | 'salt' | 'difficulty' | 'expiresAt'>;

function sign(key: Buffer, c: Signed): string {
  return createHmac('sha256', key)
    .update(`${c.id}|${c.salt}|${c.difficulty}|${c.expiresAt}`)
    .digest('base64url');
}

/** A new challenge, signed. */
export function issueChallenge(key: Buffer, difficulty: number, now: Date): PowChallenge {
  const unsigned: Signed = {
    id: randomUUID(),
    salt: randomBytes(16).toString('base64url'),
    difficulty,
    expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS).toISOString(),
  };
  return { ...unsigned, signature: sign(key, unsigned) };
}

/** How many zero bits the digest starts with. */
export function leadingZeroBits(digest: Uint8Array): number {
  let bits = 0;
  for (const byte of digest) {
    if (byte === 0) {
      bits += 8;
      continue;
    }
    return bits + Math.clz32(byte) - 24;
  }
  return bits;
}

/** Whether the nonce does the work the challenge asks for. */
export function hasWork(salt: string, nonce: string, difficulty: number): boolean {
  const digest = createHash('sha256').update(`${salt}:${nonce}`).digest();
  return leadingZeroBits(digest) >= difficulty;
}

/** Why a proof was refused (the form's code `public_forms.proof_<reason>`). */
export type ProofRefusal = 'signature' | 'expired' | 'work' | 'used';

export type ProofCheck = { ok: true } | { ok: false; reason: ProofRefusal };

/**
 * Checks a solved challenge: the signature (nothing of it was changed, the difficulty included),
 * the expiry, the work, and — last, so that only a proof that is otherwise right uses its
 * challenge up — that it was not used before (caliu_use_challenge, in the caller's transaction).
 * `minDifficulty`: the least difficulty accepted (the configured one), so that an old challenge
 * signed at a lower difficulty does not pass after the setting is raised.
 */
export async function verifyProof(
  tx: Tx,
  key: Buffer,
  solution: PowChallenge & { nonce: string },
  now: Date,
  minDifficulty = 1,
): Promise<ProofCheck> {
  const expected = Buffer.from(sign(key, solution));
  const given = Buffer.from(solution.signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    return { ok: false, reason: 'signature' };
  }
  if (solution.difficulty < minDifficulty) return { ok: false, reason: 'signature' };
  const expiresAt = new Date(solution.expiresAt);
  if (!(expiresAt.getTime() > now.getTime())) return { ok: false, reason: 'expired' };
  if (!hasWork(solution.salt, solution.nonce, solution.difficulty)) {
    return { ok: false, reason: 'work' };
  }
  return (await useOnce(tx, solution.id, expiresAt)) ? { ok: true } : { ok: false, reason: 'used' };
}

/**
 * Marks a single-use thing of a public form used — a challenge, or another form's signed token
 * given a uuid — in the caller's transaction (caliu_use_challenge: the row is kept until an hour
 * after `expiresAt`, at most a day, then the worker's chore forgets it). True the first time,
 * false when it already was used.
 */
export async function useOnce(tx: Tx, id: string, expiresAt: Date): Promise<boolean> {
  const [row] = await rowsOf<{ fresh: boolean }>(
    tx,
    sql`SELECT caliu_use_challenge(${id}::uuid, ${expiresAt.toISOString()}::timestamptz) AS fresh`,
  );
  return Boolean(row?.fresh);
}

/** The worker's chore: forgets expired challenges and day-old help requests (migration 0021). */
export async function purgePublicForms(
  database: Database,
  entities: readonly string[] | null = null,
): Promise<number> {
  const [row] = await database.anonymous((tx) =>
    rowsOf<{ count: number }>(
      tx,
      sql`SELECT caliu_purge_public_forms(${entities ? entities.join(',') : null}) AS count`,
    ),
  );
  return Number(row?.count ?? 0);
}
