import { and, asc, eq, sql } from 'drizzle-orm';
import type { TicketKind, TicketStatus } from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import { professionals } from '../../db/schema';

/**
 * The support agents' cross-entity reads, through migration 0020's SECURITY DEFINER functions
 * (metadata only, never a ticket's `fields`). Callers check the agent and audit the read.
 */

export type QueueFilters = {
  entityId: string | null;
  kind: TicketKind | null;
  statuses: TicketStatus[];
  createdAfter: Date | null;
  createdBefore: Date | null;
  /** `none`, an agent's id, or null for anyone. */
  assignee: string | null;
  newestFirst: boolean;
};

export type QueueRow = {
  id: string;
  entityId: string;
  entityCode: string;
  entityName: string;
  number: string;
  kind: TicketKind;
  status: TicketStatus;
  requesterName: string;
  assignedAgentId: string | null;
  assignedAgentName: string | null;
  createdAt: Date;
  updatedAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
};

const at = (value: Date | string) => new Date(value);
const maybeAt = (value: Date | string | null) => (value === null ? null : new Date(value));
const iso = (value: Date | null) => value?.toISOString() ?? null;

/** A page of the queue (limit + 1 rows), after the cursor's (created_at, id). */
export async function listQueue(
  tx: Tx,
  filters: QueueFilters,
  limit: number,
  after: { at: Date; id: string } | null,
): Promise<QueueRow[]> {
  const statuses = sql.join(
    filters.statuses.map((status) => sql`${status}`),
    sql`, `,
  );
  const rows = await rowsOf<{
    id: string;
    entity_id: string;
    entity_code: string;
    entity_name: string;
    number: string;
    kind: TicketKind;
    status: TicketStatus;
    requester_name: string | null;
    assigned_agent_id: string | null;
    assigned_agent_name: string | null;
    created_at: Date | string;
    updated_at: Date | string;
    first_response_at: Date | string | null;
    resolved_at: Date | string | null;
  }>(
    tx,
    sql`SELECT * FROM caliu_support_queue(${filters.entityId}::uuid, ${filters.kind}::text,
          ARRAY[${statuses}]::text[], ${iso(filters.createdAfter)}::timestamptz,
          ${iso(filters.createdBefore)}::timestamptz, ${filters.assignee}::text,
          ${limit + 1}::integer, ${iso(after?.at ?? null)}::timestamptz, ${after?.id ?? null}::uuid,
          ${filters.newestFirst}::boolean)`,
  );
  return rows.map((r) => ({
    id: r.id,
    entityId: r.entity_id,
    entityCode: r.entity_code,
    entityName: r.entity_name,
    number: r.number,
    kind: r.kind,
    status: r.status,
    requesterName: r.requester_name ?? '',
    assignedAgentId: r.assigned_agent_id,
    assignedAgentName: r.assigned_agent_name,
    createdAt: at(r.created_at),
    updatedAt: at(r.updated_at),
    firstResponseAt: maybeAt(r.first_response_at),
    resolvedAt: maybeAt(r.resolved_at),
  }));
}

/** The councils, by name (never the service provider's entity), through 0005's directory. */
export async function entityDirectory(tx: Tx) {
  return rowsOf<{ id: string; code: string; name: string }>(
    tx,
    sql`SELECT id, code, name FROM caliu_entity_directory() WHERE kind = 'council'
          ORDER BY name, id`,
  );
}

export type DashboardRow = {
  kind: TicketKind;
  status: TicketStatus;
  createdAt: Date;
  firstResponseAt: Date | null;
  resolvedAt: Date | null;
};

/** The times of every ticket opened or resolved within [from, to]. */
export async function dashboardRows(tx: Tx, from: Date, to: Date): Promise<DashboardRow[]> {
  const rows = await rowsOf<{
    kind: TicketKind;
    status: TicketStatus;
    created_at: Date | string;
    first_response_at: Date | string | null;
    resolved_at: Date | string | null;
  }>(
    tx,
    sql`SELECT * FROM caliu_support_dashboard(${from.toISOString()}::timestamptz,
          ${to.toISOString()}::timestamptz)`,
  );
  return rows.map((r) => ({
    kind: r.kind,
    status: r.status,
    createdAt: at(r.created_at),
    firstResponseAt: maybeAt(r.first_response_at),
    resolvedAt: maybeAt(r.resolved_at),
  }));
}

/** The active support agents of the caller's (the provider's) entity, by name. */
export async function supportAgents(tx: Tx) {
  return tx
    .select({
      id: professionals.id,
      name: sql<string>`${professionals.givenName} || ' ' || ${professionals.surnames}`,
    })
    .from(professionals)
    .where(and(eq(professionals.active, true), sql`'support_agent' = ANY (${professionals.roles})`))
    .orderBy(asc(professionals.givenName), asc(professionals.surnames), asc(professionals.id));
}
