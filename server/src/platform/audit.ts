import { sql } from 'drizzle-orm';
import type { Tx } from '../db/connect';

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
 * The row and its subjects are one statement (a read of a case file writes one per request, so
 * a round trip counts).
 */
export async function writeAudit(tx: Tx, actor: AuditActor, entry: AuditEntry): Promise<void> {
  const subjects = [...new Set(entry.subjects ?? [])];
  await tx.execute(sql`WITH row AS (
      INSERT INTO audit_log (entity_id, actor_id, actor_entity_id, request_id, ip, action,
        outcome, record_type, record_id, ticket_id, details)
      VALUES (${actor.entityId}, ${actor.actorId}, ${actor.actorEntityId ?? null},
        ${actor.requestId}, ${actor.ip}, ${entry.action}, ${entry.outcome ?? 'ok'},
        ${entry.recordType ?? null}, ${entry.recordId ?? null}, ${entry.ticketId ?? null},
        ${JSON.stringify(entry.details ?? {})}::jsonb)
      RETURNING id)
    INSERT INTO audit_subjects (entity_id, person_id, audit_id)
    SELECT ${actor.entityId}, subject, row.id
    FROM row, unnest(${`{${subjects.join(',')}}`}::uuid[]) AS subject`);
}
