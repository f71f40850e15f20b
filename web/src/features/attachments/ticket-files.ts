import type { FailedTicketFile, TicketReader } from '@/lib/ticket-files-slot';

/** Why a file did not go, in the server's words (its translated message). */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends files one after another (the server takes only a few uploads at once from one person)
 * and answers those that failed, with why; a failure does not stop the files after it.
 */
export async function uploadInTurn(
  files: readonly File[],
  send: (file: File) => Promise<unknown>,
): Promise<FailedTicketFile[]> {
  const failed: FailedTicketFile[] = [];
  for (const file of files) {
    try {
      await send(file);
    } catch (error) {
      failed.push({ fileName: file.name, reason: reasonOf(error) });
    }
  }
  return failed;
}

/** Which ticket, read by whom: the requester's routes name the ticket, the agents' its entity too. */
export type TicketTarget =
  | { reader: Extract<TicketReader, 'requester'>; ticketId: string }
  | { reader: Extract<TicketReader, 'agent'>; entityId: string; ticketId: string };

/** Where a ticket's files are, by the reader's own routes. */
export function ticketAttachmentsPath(target: TicketTarget): string {
  const ticket = encodeURIComponent(target.ticketId);
  return target.reader === 'agent'
    ? `/api/support/entities/${encodeURIComponent(target.entityId)}/tickets/${ticket}/attachments`
    : `/api/support/tickets/${ticket}/attachments`;
}

/** The target of a ticket as read. */
export function targetOf(reader: TicketReader, ticket: { id: string; entity: { id: string } }) {
  return reader === 'agent'
    ? ({ reader, entityId: ticket.entity.id, ticketId: ticket.id } satisfies TicketTarget)
    : ({ reader, ticketId: ticket.id } satisfies TicketTarget);
}

/** One file of a ticket, by the reader's routes. */
export function ticketAttachmentPath(target: TicketTarget, attachmentId: string): string {
  return `${ticketAttachmentsPath(target)}/${encodeURIComponent(attachmentId)}`;
}

/** Where a ticket's file downloads from (the session's cookie goes with a plain link). */
export function ticketContentUrl(target: TicketTarget, attachmentId: string): string {
  return `${ticketAttachmentPath(target, attachmentId)}/content`;
}
