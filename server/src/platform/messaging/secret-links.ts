import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connect';
import { secretLinks } from '../../db/schema';
import { newToken, sha256 } from '../secrets';

/**
 * A secret link's token is "<entity id>.<random>": the entity id lets its check run behind the
 * tenant wall; only the SHA-256 of the whole token is stored.
 */
export function parseLinkToken(token: string): { entityId: string } | null {
  const match = /^([0-9a-f-]{36})\.[A-Za-z0-9_-]{43}$/.exec(token);
  return match ? { entityId: match[1]! } : null;
}

/** Mints a new token for (purpose, subject), revoking any earlier one. Called by the sender. */
export async function mintSecretLink(
  tx: Tx,
  input: { entityId: string; purpose: string; subjectId: string; ttlHours: number; now: Date },
): Promise<string> {
  await tx
    .update(secretLinks)
    .set({ revokedAt: input.now })
    .where(
      and(
        eq(secretLinks.purpose, input.purpose),
        eq(secretLinks.subjectId, input.subjectId),
        isNull(secretLinks.usedAt),
        isNull(secretLinks.revokedAt),
      ),
    );
  const token = `${input.entityId}.${newToken()}`;
  await tx.insert(secretLinks).values({
    entityId: input.entityId,
    purpose: input.purpose,
    subjectId: input.subjectId,
    tokenHash: sha256(token),
    expiresAt: new Date(input.now.getTime() + input.ttlHours * 3600_000),
  });
  return token;
}

/** The subject of a live link (not used, revoked or expired), without using it up. */
export async function peekSecretLink(tx: Tx, purpose: string, token: string, now: Date) {
  const [row] = await tx
    .select({ id: secretLinks.id, subjectId: secretLinks.subjectId })
    .from(secretLinks)
    .where(
      and(
        eq(secretLinks.tokenHash, sha256(token)),
        eq(secretLinks.purpose, purpose),
        isNull(secretLinks.usedAt),
        isNull(secretLinks.revokedAt),
        gt(secretLinks.expiresAt, now),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** Uses a link up (single use): answers its subject, or null when it is not live. */
export async function consumeSecretLink(tx: Tx, purpose: string, token: string, now: Date) {
  const live = await peekSecretLink(tx, purpose, token, now);
  if (!live) return null;
  const used = await tx
    .update(secretLinks)
    .set({ usedAt: sql`now()` })
    .where(and(eq(secretLinks.id, live.id), isNull(secretLinks.usedAt)))
    .returning({ id: secretLinks.id });
  return used.length ? { subjectId: live.subjectId } : null;
}
