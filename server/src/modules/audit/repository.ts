import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { AuditQuery } from '@caliu/common';
import type { Tx } from '../../db/connect';
import { auditLog, professionals } from '../../db/schema';

/** Audit rows matching the filters, newest first, keyset-paginated by id. */
export async function searchAudit(
  tx: Tx,
  filters: Omit<AuditQuery, 'limit' | 'cursor'>,
  timeZone: string,
  limit: number,
  beforeId: number | null,
) {
  const conditions: (SQL | undefined)[] = [
    filters.actorId ? eq(auditLog.actorId, filters.actorId) : undefined,
    filters.recordType ? eq(auditLog.recordType, filters.recordType) : undefined,
    filters.recordId ? eq(auditLog.recordId, filters.recordId) : undefined,
    filters.action ? eq(auditLog.action, filters.action) : undefined,
    filters.outcome ? eq(auditLog.outcome, filters.outcome) : undefined,
    // Dates are the entity's calendar days.
    filters.from
      ? gte(auditLog.at, sql`(${filters.from}::date)::timestamp AT TIME ZONE ${timeZone}`)
      : undefined,
    filters.to
      ? lt(auditLog.at, sql`((${filters.to}::date + 1)::timestamp) AT TIME ZONE ${timeZone}`)
      : undefined,
    beforeId !== null ? lt(auditLog.id, beforeId) : undefined,
  ];
  return tx
    .select({
      id: auditLog.id,
      at: auditLog.at,
      actorId: auditLog.actorId,
      actorEntityId: auditLog.actorEntityId,
      actorName: sql<string | null>`${professionals.givenName} || ' ' || ${professionals.surnames}`,
      action: auditLog.action,
      outcome: auditLog.outcome,
      recordType: auditLog.recordType,
      recordId: auditLog.recordId,
      ticketId: auditLog.ticketId,
      requestId: auditLog.requestId,
      ip: auditLog.ip,
      details: auditLog.details,
    })
    .from(auditLog)
    .leftJoin(professionals, eq(professionals.id, auditLog.actorId))
    .where(and(...conditions))
    .orderBy(desc(auditLog.id))
    .limit(limit);
}

export type AuditRow = Awaited<ReturnType<typeof searchAudit>>[number];
