import type { Language } from '@caliu/common';
import type { Tx } from '../../db/connect';
import { outboxMessages } from '../../db/schema';

/** What a secret link in a message is for; the worker mints its token when it sends. */
export type SecretLinkRequest = { purpose: string; subjectId: string; ttlHours: number };

export type OutboxMessage = {
  entityId: string;
  channel: 'email' | 'sms';
  /** A template name (see templates/); its texts are in every language. */
  template: string;
  /** An email address, or a phone number for SMS (never a new professional's mobile: see sms.ts). */
  to: string;
  language: Language;
  /** Template data. Never a secret: use `secretLink`. */
  data: Record<string, unknown>;
  /** Same key, same message: a repeated enqueue is ignored, and it becomes the Message-ID. */
  idempotencyKey: string;
  replyTo?: string;
  secretLink?: SecretLinkRequest;
};

/**
 * Writes a message in the caller's transaction: it exists exactly when the change that causes it
 * commits. Returns the message id, or null when the idempotency key was already used.
 */
export async function enqueue(tx: Tx, message: OutboxMessage): Promise<string | null> {
  const [row] = await tx
    .insert(outboxMessages)
    .values({
      entityId: message.entityId,
      channel: message.channel,
      template: message.template,
      recipient: message.to,
      language: message.language,
      data: message.data,
      replyTo: message.replyTo ?? null,
      idempotencyKey: message.idempotencyKey,
      secretPurpose: message.secretLink?.purpose ?? null,
      secretSubjectId: message.secretLink?.subjectId ?? null,
      secretTtlHours: message.secretLink?.ttlHours ?? null,
    })
    .onConflictDoNothing({ target: [outboxMessages.entityId, outboxMessages.idempotencyKey] })
    .returning({ id: outboxMessages.id });
  return row?.id ?? null;
}
