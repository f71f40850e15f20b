import { sql } from 'drizzle-orm';
import type { Language, TicketKind, TicketStatus } from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import { enqueue } from '../../platform/messaging/outbox';

/**
 * The requester's emails of a ticket (decision 0009): at every change of status an agent makes and
 * at every agent comment, in the requester's language, through the outbox in the transaction of
 * the change. Only the number, the kind, the new status and the agent's comment travel — no other
 * content of the ticket. The address is the professional's, or the one a public-form ticket
 * brought.
 */

export type NotifiedTicket = {
  id: string;
  entityId: string;
  number: string;
  kind: TicketKind;
  requesterId: string | null;
  requesterEmail: string | null;
  requesterLanguage: Language | null;
};

export async function recipientOf(
  tx: Tx,
  ticket: NotifiedTicket,
): Promise<{ to: string; language: Language | null } | null> {
  if (ticket.requesterId) {
    const [row] = await rowsOf<{ email: string; language: Language | null }>(
      tx,
      sql`SELECT email, language FROM professionals
        WHERE entity_id = ${ticket.entityId} AND id = ${ticket.requesterId}`,
    );
    if (row) return { to: row.email, language: row.language };
  }
  return ticket.requesterEmail
    ? { to: ticket.requesterEmail, language: ticket.requesterLanguage }
    : null;
}

export async function notifyStatus(
  tx: Tx,
  ticket: NotifiedTicket,
  eventId: string,
  status: TicketStatus,
  comment: string | null,
): Promise<void> {
  const recipient = await recipientOf(tx, ticket);
  if (!recipient) return;
  await enqueue(tx, {
    entityId: ticket.entityId,
    channel: 'email',
    template: 'support_ticket_status',
    to: recipient.to,
    language: recipient.language,
    data: { number: ticket.number, kind: ticket.kind, status, comment },
    idempotencyKey: `support_ticket_status:${eventId}`,
  });
}

export async function notifyComment(
  tx: Tx,
  ticket: NotifiedTicket,
  eventId: string,
  comment: string,
): Promise<void> {
  const recipient = await recipientOf(tx, ticket);
  if (!recipient) return;
  await enqueue(tx, {
    entityId: ticket.entityId,
    channel: 'email',
    template: 'support_ticket_comment',
    to: recipient.to,
    language: recipient.language,
    data: { number: ticket.number, kind: ticket.kind, comment },
    idempotencyKey: `support_ticket_comment:${eventId}`,
  });
}
