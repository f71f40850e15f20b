import type { Tx } from '../db/connect';
import { auditLog } from '../db/schema';

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
};

/**
 * Writes one audit row in the caller's transaction, so it exists exactly when the change it
 * records committed. Rows name records by opaque id; details never hold secrets or content.
 */
export async function writeAudit(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  await tx.insert(auditLog).values({
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
  });
}
