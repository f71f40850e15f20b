import { and, eq, sql } from 'drizzle-orm';
import type { Language } from '@caliu/common';
import type { Tx } from '../../db/connect';
import { entities, outboxMessages } from '../../db/schema';

/** What a secret link in a message is for; the worker mints its token when it sends. */
export type SecretLinkRequest = { purpose: string; subjectId: string; ttlHours: number };

export type OutboxMessage = {
  entityId: string;
  channel: 'email' | 'sms';
  /** A template name (see templates/); its texts are in every language. */
  template: string;
  /** An email address, or a phone number for SMS (never a new professional's mobile: see sms.ts). */
  to: string;
  /** The recipient's language; null or absent: the entity's default language. */
  language?: Language | null;
  /** Template data. Never a secret: use `secretLink`. */
  data: Record<string, unknown>;
  /** Same key, same message: a repeated enqueue is ignored, and it becomes the Message-ID. */
  idempotencyKey: string;
  replyTo?: string;
  secretLink?: SecretLinkRequest;
  /**
   * Not sent before this moment (a reminder): the worker claims it once its clock or the
   * database's reaches it. Absent: as soon as the worker runs.
   */
  notBefore?: Date;
};

/** Data keys that look like secrets: a message must carry a `secretLink` instead. */
const SECRET_LOOKING_KEY = /token|password|secret/i;

/**
 * Writes a message in the caller's transaction: it exists exactly when the change that causes it
 * commits. Returns the message id, or null when the idempotency key was already used.
 */
export async function enqueue(tx: Tx, message: OutboxMessage): Promise<string | null> {
  const suspicious = Object.keys(message.data).filter((k) => SECRET_LOOKING_KEY.test(k));
  if (suspicious.length) {
    throw new Error(
      `Outbox data must not carry secrets (${suspicious.join(', ')}): use secretLink`,
    );
  }
  const language = message.language ?? (await entityLanguage(tx, message.entityId));
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      entityId: message.entityId,
      channel: message.channel,
      template: message.template,
      recipient: message.to,
      language,
      data: message.data,
      replyTo: message.replyTo ?? null,
      idempotencyKey: message.idempotencyKey,
      secretPurpose: message.secretLink?.purpose ?? null,
      secretSubjectId: message.secretLink?.subjectId ?? null,
      secretTtlHours: message.secretLink?.ttlHours ?? null,
      ...(message.notBefore ? { nextAttemptAt: message.notBefore } : {}),
    })
    .onConflictDoNothing({ target: [outboxMessages.entityId, outboxMessages.idempotencyKey] })
    .returning({ id: outboxMessages.id });
  return row?.id ?? null;
}

async function entityLanguage(tx: Tx, entityId: string): Promise<Language> {
  const [row] = await tx
    .select({ language: entities.defaultLanguage })
    .from(entities)
    .where(eq(entities.id, entityId));
  if (!row) throw new Error('enqueue: the entity is not visible in this transaction');
  return row.language;
}

/**
 * Withdraws a message no longer wanted before it was claimed (a fallback made needless): deleted,
 * never sent, so no link is ever minted for it. False when it is no longer pending or a worker
 * holds it (then it goes, or went, as any message).
 */
export async function withdrawUnclaimed(tx: Tx, id: string): Promise<boolean> {
  const gone = await tx
    .delete(outboxMessages)
    .where(
      and(
        eq(outboxMessages.id, id),
        eq(outboxMessages.status, 'pending'),
        sql`(${outboxMessages.lockedUntil} IS NULL OR ${outboxMessages.lockedUntil} <= now())`,
      ),
    )
    .returning({ id: outboxMessages.id });
  return gone.length > 0;
}

/**
 * Makes a pending message scheduled for later due now (a fallback needed at once). False when it
 * is no longer pending: it was sent, or failed, already.
 */
export async function dueNow(tx: Tx, id: string): Promise<boolean> {
  const due = await tx
    .update(outboxMessages)
    .set({ nextAttemptAt: sql`least(${outboxMessages.nextAttemptAt}, now())` })
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'pending')))
    .returning({ id: outboxMessages.id });
  return due.length > 0;
}
