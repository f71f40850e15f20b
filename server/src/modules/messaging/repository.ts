import { and, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Language, MailboxFailure } from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import { entities, mailboxMessages, outboxMessages } from '../../db/schema';

type Cursor = { at: Date; id: string } | null;

const mailboxColumns = {
  id: mailboxMessages.id,
  entityId: mailboxMessages.entityId,
  entityCode: entities.code,
  entityName: entities.name,
  channel: mailboxMessages.channel,
  template: mailboxMessages.template,
  language: mailboxMessages.language,
  recipient: mailboxMessages.recipient,
  subject: mailboxMessages.subject,
  createdAt: mailboxMessages.createdAt,
  failure: mailboxMessages.failure,
};

export type MailboxRow = {
  id: string;
  entityId: string;
  entityCode: string;
  entityName: string;
  channel: 'email' | 'sms';
  template: string;
  language: Language;
  recipient: string;
  subject: string | null;
  createdAt: Date;
  failure: MailboxFailure | null;
};

/** A page of the current entity's mailbox, newest first (limit + 1 rows). */
export async function listMailbox(tx: Tx, entityId: string, limit: number, after: Cursor) {
  return tx
    .select(mailboxColumns)
    .from(mailboxMessages)
    .innerJoin(entities, eq(entities.id, mailboxMessages.entityId))
    .where(
      and(
        eq(mailboxMessages.entityId, entityId),
        after
          ? or(
              lt(mailboxMessages.createdAt, after.at),
              and(eq(mailboxMessages.createdAt, after.at), lt(mailboxMessages.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(mailboxMessages.createdAt), desc(mailboxMessages.id))
    .limit(limit + 1);
}

/**
 * The support agent's page of every entity's mailbox: the cross-entity read goes through the
 * SECURITY DEFINER function caliu_mailbox_list_all (the service audits each call).
 */
export async function listMailboxAllEntities(
  tx: Tx,
  limit: number,
  after: Cursor,
  entityId: string | null,
): Promise<MailboxRow[]> {
  const rows = await rowsOf<{
    id: string;
    entity_id: string;
    entity_code: string;
    entity_name: string;
    channel: 'email' | 'sms';
    template: string;
    language: Language;
    recipient: string;
    subject: string | null;
    created_at: Date | string;
    failure: MailboxFailure | null;
  }>(
    tx,
    sql`SELECT * FROM caliu_mailbox_list_all(${limit + 1}, ${after?.at.toISOString() ?? null}::timestamptz,
          ${after?.id ?? null}::uuid, ${entityId}::uuid)`,
  );
  return rows.map((r) => ({
    id: r.id,
    entityId: r.entity_id,
    entityCode: r.entity_code,
    entityName: r.entity_name,
    channel: r.channel,
    template: r.template,
    language: r.language,
    recipient: r.recipient,
    subject: r.subject,
    createdAt: new Date(r.created_at),
    failure: r.failure,
  }));
}

/** Which entity a mailbox message belongs to (support agent only; see the service). */
export async function mailboxEntityOf(tx: Tx, id: string): Promise<string | null> {
  const [row] = await rowsOf<{ entity_id: string | null }>(
    tx,
    sql`SELECT caliu_mailbox_entity_of(${id}::uuid) AS entity_id`,
  );
  return row?.entity_id ?? null;
}

/** One message; its body only when `withBody` (never for the support agent: see the service). */
export async function getMailboxMessage(tx: Tx, id: string, withBody: boolean) {
  const [row] = await tx
    .select({
      ...mailboxColumns,
      sender: mailboxMessages.sender,
      replyTo: mailboxMessages.replyTo,
      messageId: mailboxMessages.messageId,
      textBody: withBody ? mailboxMessages.textBody : sql<string | null>`NULL`,
      htmlBody: withBody ? mailboxMessages.htmlBody : sql<string | null>`NULL`,
    })
    .from(mailboxMessages)
    .innerJoin(entities, eq(entities.id, mailboxMessages.entityId))
    .where(eq(mailboxMessages.id, id));
  return row ?? null;
}

const outboxColumns = {
  id: outboxMessages.id,
  channel: outboxMessages.channel,
  template: outboxMessages.template,
  recipient: outboxMessages.recipient,
  language: outboxMessages.language,
  status: outboxMessages.status,
  attempts: outboxMessages.attempts,
  lastError: outboxMessages.lastError,
  createdAt: outboxMessages.createdAt,
  lastAttemptAt: outboxMessages.lastAttemptAt,
  nextAttemptAt: outboxMessages.nextAttemptAt,
};

export type OutboxRow = {
  id: string;
  channel: 'email' | 'sms';
  template: string;
  recipient: string;
  language: Language;
  status: 'pending' | 'sent' | 'failed';
  attempts: number;
  lastError: string | null;
  createdAt: Date;
  lastAttemptAt: Date | null;
  nextAttemptAt: Date;
};

/** A page of the entity's failed messages, newest first (limit + 1 rows). */
export async function listFailed(
  tx: Tx,
  entityId: string,
  limit: number,
  after: Cursor,
): Promise<OutboxRow[]> {
  return tx
    .select(outboxColumns)
    .from(outboxMessages)
    .where(
      and(
        eq(outboxMessages.entityId, entityId),
        eq(outboxMessages.status, 'failed'),
        after
          ? or(
              lt(outboxMessages.createdAt, after.at),
              and(eq(outboxMessages.createdAt, after.at), lt(outboxMessages.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
    .limit(limit + 1);
}

export async function findOutboxMessage(tx: Tx, id: string): Promise<OutboxRow | null> {
  const [row] = await tx
    .select(outboxColumns)
    .from(outboxMessages)
    .where(eq(outboxMessages.id, id));
  return row ?? null;
}

/** A failed message back to the queue with a fresh count of attempts; null if it is not failed. */
export async function requeueFailed(tx: Tx, id: string): Promise<OutboxRow | null> {
  const [row] = await tx
    .update(outboxMessages)
    .set({ status: 'pending', attempts: 0, nextAttemptAt: sql`now()`, lockedUntil: null })
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'failed')))
    .returning(outboxColumns);
  return row ?? null;
}
