import { and, eq, inArray, sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/connect';
import { entities, outboxMessages } from '../../db/schema';

/** A claimed message: which one, and behind which entity's wall to read it. */
export type ClaimedMessage = { id: string; entityId: string };

/**
 * The worker's one cross-entity path: the SECURITY DEFINER function caliu_outbox_claim
 * (migrations/0002_messaging.sql, its clock from 0017_agenda.sql) leases due messages of every
 * entity with FOR UPDATE SKIP LOCKED. Due is due by the worker's clock (`now`) or the database's,
 * whichever is later: a reminder scheduled for tomorrow leaves when the worker's day comes (a
 * test's manual clock), and a worker whose clock lags never holds a message back. Run it in its
 * own short transaction; the lease outlives it.
 */
export async function claimDue(
  tx: Tx,
  limit: number,
  leaseSeconds: number,
  entityIds: string[] | null,
  now: Date,
): Promise<ClaimedMessage[]> {
  const rows = await rowsOf<{ id: string; entity_id: string }>(
    tx,
    sql`SELECT id, entity_id FROM caliu_outbox_claim(${limit}, ${leaseSeconds}, ${
      entityIds && entityIds.length ? entityIds.join(',') : null
    }, ${now.toISOString()}::timestamptz)`,
  );
  return rows.map((r) => ({ id: r.id, entityId: r.entity_id }));
}

/** The messages among `ids` still pending, with what sending them needs. */
export async function loadPending(tx: Tx, ids: string[]) {
  return tx
    .select({
      id: outboxMessages.id,
      entityId: outboxMessages.entityId,
      channel: outboxMessages.channel,
      template: outboxMessages.template,
      recipient: outboxMessages.recipient,
      language: outboxMessages.language,
      data: outboxMessages.data,
      replyTo: outboxMessages.replyTo,
      secretPurpose: outboxMessages.secretPurpose,
      secretSubjectId: outboxMessages.secretSubjectId,
      secretTtlHours: outboxMessages.secretTtlHours,
      idempotencyKey: outboxMessages.idempotencyKey,
      attempts: outboxMessages.attempts,
      entityName: entities.name,
      entityCode: entities.code,
    })
    .from(outboxMessages)
    .innerJoin(entities, eq(entities.id, outboxMessages.entityId))
    .where(and(inArray(outboxMessages.id, ids), eq(outboxMessages.status, 'pending')))
    .orderBy(outboxMessages.createdAt);
}

export type PendingMessage = Awaited<ReturnType<typeof loadPending>>[number];

export async function markSent(tx: Tx, ids: string[]): Promise<void> {
  await tx
    .update(outboxMessages)
    .set({ status: 'sent', sentAt: sql`now()`, lockedUntil: null, lastError: null })
    .where(and(inArray(outboxMessages.id, ids), eq(outboxMessages.status, 'pending')));
}

/** Back to the queue, due after the backoff delay (database time, as the claim uses). */
export async function scheduleRetry(
  tx: Tx,
  id: string,
  error: string,
  delayMs: number,
): Promise<void> {
  await tx
    .update(outboxMessages)
    .set({
      nextAttemptAt: sql`now() + make_interval(secs => ${delayMs / 1000})`,
      lockedUntil: null,
      lastError: error,
    })
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'pending')));
}

/** Out of attempts (or a permanent error): shown in the administrator's console with a retry. */
export async function markFailed(tx: Tx, id: string, error: string): Promise<void> {
  await tx
    .update(outboxMessages)
    .set({ status: 'failed', lockedUntil: null, lastError: error })
    .where(and(eq(outboxMessages.id, id), eq(outboxMessages.status, 'pending')));
}

/** Deletes a pending message that is no longer wanted (a `SendCheck` refused it). */
export async function withdraw(tx: Tx, id: string): Promise<void> {
  await tx.delete(outboxMessages).where(eq(outboxMessages.id, id));
}
