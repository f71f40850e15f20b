import { and, desc, eq, gte, lt, type SQL, sql } from 'drizzle-orm';
import type { AuditQuery } from '@caliu/common';
import type { Scope } from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import { auditLog, professionals } from '../../db/schema';
import { personScope } from '../persons/repository';

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

/** The record types whose names the audit log can show, and the table (and name) of each. */
const NAMED_TABLES = {
  professional: { table: sql`professionals`, name: sql`given_name || ' ' || surnames` },
  team: { table: sql`teams`, name: sql`name` },
  sector: { table: sql`sectors`, name: sql`name` },
  municipality: { table: sql`municipalities`, name: sql`name` },
} as const;

export type NamedRecordType = keyof typeof NAMED_TABLES | 'person';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idList(ids: string[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
}

/**
 * The names of the entity's records of one type among `ids` (one query for them all). Persons
 * are named only within the viewer's scope of `persons.view_basic`, decided in SQL by the persons
 * module's scope mechanism; a person outside it (or no grant at all) is simply not answered.
 */
export async function recordNames(
  tx: Tx,
  entityId: string,
  type: NamedRecordType,
  ids: string[],
  personViewer: { id: string; scope: Scope | undefined },
): Promise<Map<string, string>> {
  const wanted = [...new Set(ids.filter((id) => UUID.test(id)))];
  if (!wanted.length) return new Map();
  let query: SQL;
  if (type === 'person') {
    if (!personViewer.scope) return new Map();
    query = sql`SELECT p.id::text AS id,
        concat_ws(' ', p.given_name, p.first_surname, p.second_surname) AS name
      FROM persons p
      WHERE p.entity_id = ${entityId} AND p.id IN (${idList(wanted)})
        AND ${personScope('persons.view_basic', personViewer.scope, personViewer.id)}`;
  } else {
    const { table, name } = NAMED_TABLES[type];
    query = sql`SELECT id::text AS id, ${name} AS name FROM ${table}
      WHERE entity_id = ${entityId} AND id IN (${idList(wanted)})`;
  }
  const rows = await rowsOf<{ id: string; name: string }>(tx, query);
  return new Map(rows.map((row) => [row.id, row.name]));
}
