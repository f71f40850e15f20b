import { ATTACHMENT_CHUNK_BYTES, type TicketAttachment } from '@caliu/common';
import type { TicketAttachmentRow } from './attachment-repository';

/** A ticket's file as its requester and the agents read it. */
export function presentTicketAttachment(row: TicketAttachmentRow): TicketAttachment {
  return {
    id: row.id,
    fileName: row.file_name,
    mediaType: row.media_type,
    size: row.size,
    sha256: row.sha256,
    state: row.state,
    side: row.side,
    authorName: row.author_name,
    createdAt: new Date(row.created_at).toISOString(),
    receivedBytes: row.received_bytes,
    chunkBytes: ATTACHMENT_CHUNK_BYTES,
    can: { delete: row.may_delete },
  };
}
