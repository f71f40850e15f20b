import { and, asc, desc, eq, lt, or, sql } from 'drizzle-orm';
import type { Language, TicketKind, TicketStatus } from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import { supportTicketEvents, supportTickets } from '../../db/schema';
import { decodeCursor } from '../../platform/pagination';

/** SQL of support tickets, in the ticket's entity (the caller's tenant transaction). */

/** `T-2026-000001`: the year of creation and the entity's running count of tickets. */
export function ticketNumber(year: number, seq: number): string {
  return `T-${year}-${String(seq).padStart(6, '0')}`;
}

/**
 * The next ticket number of the entity (entity_counters, name `support_ticket`, one count for
 * every year as the demo seeds it). The counter row stays locked until the transaction ends, so
 * concurrent creations queue on it and one that rolls back takes its number back with it.
 */
async function nextTicketSeq(tx: Tx, entityId: string): Promise<number> {
  const [row] = await rowsOf<{ value: string | number }>(
    tx,
    sql`INSERT INTO entity_counters (entity_id, name, value)
      VALUES (${entityId}, 'support_ticket', 1)
      ON CONFLICT (entity_id, name) DO UPDATE SET value = entity_counters.value + 1
      RETURNING value`,
  );
  return Number(row!.value);
}

export type NewTicket = {
  entityId: string;
  kind: TicketKind;
  fields: Record<string, unknown>;
  subject: string;
  /** Null for a ticket of the public help form that matched no professional. */
  requesterId: string | null;
  /** Required when `requesterId` is null (and kept as the event's author then). */
  requesterName?: string;
  requesterEmail?: string;
  /** The language a public-form ticket's author wrote in (their emails go in it). */
  requesterLanguage?: Language;
  now: Date;
};

/**
 * Stores a new ticket (status `new`) with its first history entry (the requester opening it).
 * The author's name of that entry is the requester's: the snapshot given, else the professional's
 * current name.
 */
export async function insertTicket(
  tx: Tx,
  input: NewTicket,
): Promise<{ id: string; number: string }> {
  const seq = await nextTicketSeq(tx, input.entityId);
  // The year on the entity's calendar: a ticket of the first hour of January in Madrid is the
  // new year's, though it is still the old one in UTC.
  const [local] = await rowsOf<{ year: number }>(
    tx,
    sql`SELECT extract(year FROM ${input.now.toISOString()}::timestamptz AT TIME ZONE time_zone)::int
        AS year FROM entities WHERE id = ${input.entityId}`,
  );
  const number = ticketNumber(local?.year ?? input.now.getUTCFullYear(), seq);
  const [row] = await tx
    .insert(supportTickets)
    .values({
      entityId: input.entityId,
      number,
      kind: input.kind,
      status: 'new',
      requesterId: input.requesterId,
      requesterName: input.requesterName?.slice(0, 200) || null,
      requesterEmail: input.requesterEmail ?? null,
      requesterLanguage: input.requesterLanguage ?? null,
      subject: input.subject.slice(0, 300),
      fields: input.fields,
      createdAt: input.now,
      updatedAt: input.now,
    })
    .returning({ id: supportTickets.id });
  let authorName = input.requesterName;
  if (!authorName && input.requesterId) {
    const [p] = await rowsOf<{ name: string }>(
      tx,
      sql`SELECT trim(given_name || ' ' || surnames) AS name FROM professionals
        WHERE entity_id = ${input.entityId} AND id = ${input.requesterId}`,
    );
    authorName = p?.name;
  }
  await tx.insert(supportTicketEvents).values({
    entityId: input.entityId,
    ticketId: row!.id,
    side: 'requester',
    authorId: input.requesterId,
    authorName: (authorName || '—').slice(0, 200),
    body: null,
    status: 'new',
    createdAt: input.now,
  });
  return { id: row!.id, number };
}

export async function listTicketsOfRequester(
  tx: Tx,
  requesterId: string,
  limit: number,
  cursor: string | undefined,
  status?: 'open' | 'closed',
) {
  const after = decodeCursor(cursor);
  return tx
    .select()
    .from(supportTickets)
    .where(
      and(
        eq(supportTickets.requesterId, requesterId),
        status === 'open'
          ? sql`${supportTickets.status} IN ('new', 'in_progress', 'waiting_requester')`
          : status === 'closed'
            ? sql`${supportTickets.status} IN ('resolved', 'rejected')`
            : undefined,
        after
          ? or(
              lt(supportTickets.createdAt, after.at),
              and(eq(supportTickets.createdAt, after.at), lt(supportTickets.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(supportTickets.createdAt), desc(supportTickets.id))
    .limit(limit + 1);
}

export type TicketRow = typeof supportTickets.$inferSelect;
export type EventRow = typeof supportTicketEvents.$inferSelect;

/** One ticket of the entity (locked for the transaction's rest when `lock`). */
export async function findTicket(
  tx: Tx,
  entityId: string,
  id: string,
  lock = false,
): Promise<TicketRow | null> {
  const query = tx
    .select()
    .from(supportTickets)
    .where(and(eq(supportTickets.entityId, entityId), eq(supportTickets.id, id)))
    .limit(1);
  const [row] = lock ? await query.for('update') : await query;
  return row ?? null;
}

/** A ticket's history, oldest first. */
export async function eventsOf(tx: Tx, entityId: string, ticketId: string): Promise<EventRow[]> {
  return tx
    .select()
    .from(supportTicketEvents)
    .where(
      and(eq(supportTicketEvents.entityId, entityId), eq(supportTicketEvents.ticketId, ticketId)),
    )
    .orderBy(asc(supportTicketEvents.createdAt), asc(supportTicketEvents.id));
}

export async function insertEvent(
  tx: Tx,
  values: {
    entityId: string;
    ticketId: string;
    side: 'requester' | 'agent';
    authorId: string | null;
    authorName: string;
    body: string | null;
    status: TicketStatus | null;
    createdAt: Date;
  },
): Promise<string> {
  const [row] = await tx
    .insert(supportTicketEvents)
    .values({ ...values, authorName: values.authorName.slice(0, 200) || '—' })
    .returning({ id: supportTicketEvents.id });
  return row!.id;
}

export async function updateTicket(
  tx: Tx,
  entityId: string,
  id: string,
  patch: Partial<
    Pick<
      TicketRow,
      | 'status'
      | 'assignedAgentId'
      | 'assignedAgentName'
      | 'firstResponseAt'
      | 'resolvedAt'
      | 'updatedAt'
    >
  >,
): Promise<void> {
  await tx
    .update(supportTickets)
    .set(patch)
    .where(and(eq(supportTickets.entityId, entityId), eq(supportTickets.id, id)));
}

/** The requester's name and email as the ticket shows them (the professional's current ones). */
export async function requesterOf(tx: Tx, ticket: TicketRow) {
  if (ticket.requesterId) {
    const [row] = await rowsOf<{ name: string; email: string }>(
      tx,
      sql`SELECT trim(given_name || ' ' || surnames) AS name, email FROM professionals
        WHERE entity_id = ${ticket.entityId} AND id = ${ticket.requesterId}`,
    );
    if (row) return { id: ticket.requesterId, name: row.name, email: row.email };
  }
  return {
    id: ticket.requesterId,
    name: ticket.requesterName ?? '—',
    email: ticket.requesterEmail,
  };
}

/** An active support agent of the support entity (the caller's tenant: the support entity's). */
export async function findSupportAgent(tx: Tx, entityId: string, id: string) {
  const [row] = await rowsOf<{ id: string; name: string }>(
    tx,
    sql`SELECT id, trim(given_name || ' ' || surnames) AS name FROM professionals
      WHERE entity_id = ${entityId} AND id = ${id} AND active
        AND 'support_agent' = ANY (roles)`,
  );
  return row ?? null;
}

export async function entitySummary(tx: Tx, entityId: string) {
  const [row] = await rowsOf<{ id: string; code: string; name: string }>(
    tx,
    sql`SELECT id, code, name FROM entities WHERE id = ${entityId}`,
  );
  return row!;
}
