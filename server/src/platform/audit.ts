import type { Tx } from '../db/connect';
import { auditLog, auditSubjects } from '../db/schema';

/** Who acts and from which request: the part of every audit row that the request knows. */
export type AuditActor = {
  entityId: string;
  actorId: string | null;
  actorEntityId?: string | null;
  requestId: string | null;
  ip: string | null;
};

export type AuditEntry = {
  action: string;
  outcome?: 'ok' | 'denied' | 'failed';
  recordType?: string;
  recordId?: string;
  ticketId?: string;
  details?: Record<string, unknown>;
  /**
   * The persons the action concerns besides its record (a read of a case file's content concerns
   * each member): the data subject's access report lists the row for each of them.
   */
  subjects?: readonly string[];
};

/**
 * Writes one audit row in the caller's transaction, so it exists exactly when the change it
 * records committed. Rows name records by opaque id; details never hold secrets or content.
 */
export async function writeAudit(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const [row] = await tx
    .insert(auditLog)
    .values({
      entityId: actor.entityId,
      actorId: actor.actorId,
      actorEntityId: actor.actorEntityId ?? null,
      requestId: actor.requestId,
      ip: actor.ip,
      action: entry.action,
      outcome: entry.outcome ?? 'ok',
      recordType: entry.recordType ?? null,
      recordId: entry.recordId ?? null,
      ticketId: entry.ticketId ?? null,
      details: entry.details ?? {},
    })
    .returning({ id: auditLog.id });
  const subjects = [...new Set(entry.subjects ?? [])];
  if (subjects.length > 0) {
    await tx
      .insert(auditSubjects)
      .values(
        subjects.map((personId) => ({ entityId: actor.entityId, personId, auditId: row!.id })),
      );
  }
}
