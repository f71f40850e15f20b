import { and, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import { entityOfToken } from '@caliu/common';
import type { Tx } from '../../db/connect';
import { secretLinks } from '../../db/schema';
import { newToken, sha256 } from '../secrets';

/**
 * A secret link's token is "<entity id>.<random>": the entity id lets its check run behind the
 * tenant wall; only the SHA-256 of the whole token is stored.
 */
export function parseLinkToken(token: string): { entityId: string } | null {
  const entityId = entityOfToken(token);
  return entityId ? { entityId } : null;
}

/**
 * Mints a new token for (purpose, subject), revoking any earlier one. Called by the sender. A link
 * minted again for the same outbox message (a repeat after a crash between sending and marking
 * sent, which carries the same Message-ID) leaves that message's earlier links alive.
 */
export async function mintSecretLink(
  tx: Tx,
  input: {
    entityId: string;
    purpose: string;
    subjectId: string;
    ttlHours: number;
    now: Date;
    outboxMessageId?: string | null;
  },
): Promise<string> {
  const messageId = input.outboxMessageId ?? null;
  await tx
    .update(secretLinks)
    .set({ revokedAt: input.now })
    .where(
      and(
        eq(secretLinks.purpose, input.purpose),
        eq(secretLinks.subjectId, input.subjectId),
        isNull(secretLinks.usedAt),
        isNull(secretLinks.revokedAt),
        messageId
          ? or(isNull(secretLinks.outboxMessageId), ne(secretLinks.outboxMessageId, messageId))
          : undefined,
      ),
    );
  const token = `${input.entityId}.${newToken()}`;
  await tx.insert(secretLinks).values({
    entityId: input.entityId,
    purpose: input.purpose,
    subjectId: input.subjectId,
    tokenHash: sha256(token),
    outboxMessageId: messageId,
    expiresAt: new Date(input.now.getTime() + input.ttlHours * 3600_000),
  });
  return token;
}

/** Revokes one token (a link whose message could not be sent). */
export async function revokeSecretLink(tx: Tx, token: string, now: Date): Promise<void> {
  await tx
    .update(secretLinks)
    .set({ revokedAt: now })
    .where(
      and(
        eq(secretLinks.tokenHash, sha256(token)),
        isNull(secretLinks.usedAt),
        isNull(secretLinks.revokedAt),
      ),
    );
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

/**
 * Uses a link up (single use): answers its subject, or null when it is not live. Any other live
 * link for the same purpose and subject (a repeated copy of the same message) stops working too.
 */
export async function consumeSecretLink(tx: Tx, purpose: string, token: string, now: Date) {
  const live = await peekSecretLink(tx, purpose, token, now);
  if (!live) return null;
  const used = await tx
    .update(secretLinks)
    .set({ usedAt: sql`now()` })
    .where(and(eq(secretLinks.id, live.id), isNull(secretLinks.usedAt)))
    .returning({ id: secretLinks.id });
  if (!used.length) return null;
  await tx
    .update(secretLinks)
    .set({ revokedAt: now })
    .where(
      and(
        eq(secretLinks.purpose, purpose),
        eq(secretLinks.subjectId, live.subjectId),
        ne(secretLinks.id, live.id),
        isNull(secretLinks.usedAt),
        isNull(secretLinks.revokedAt),
      ),
    );
  return { subjectId: live.subjectId };
}
