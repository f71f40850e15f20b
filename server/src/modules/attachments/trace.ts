import type { Tx } from '../../db/connect';
import { type AuditActor, type AuditEntry, writeAudit, writeAudits } from '../../platform/audit';
import { ownerOf } from './present';
import type { DeletedRow } from './removal-repository';
import type { AttachmentRow } from './repository';

/**
 * The audit rows of attachments, each tagged with the persons it concerns (the person it is on,
 * an item's persons, a case file's members), so that the data subject's access report lists it.
 */

/** The owner as the audit names it: a record's (as the API names it), or a support ticket. */
const ownerDetails = (
  row: Parameters<typeof ownerOf>[0] & { support_ticket_id?: string | null },
) => ({
  owner: row.support_ticket_id
    ? { type: 'support_ticket', ticketId: row.support_ticket_id }
    : ownerOf(row),
});

/** An upload completed: the attachment exists from now on. */
export const auditCreated = (tx: Tx, actor: AuditActor, row: AttachmentRow) =>
  writeAudit(tx, actor, {
    action: 'attachment.create',
    recordType: 'attachment',
    recordId: row.id,
    subjects: row.subject_ids,
    details: {
      ...ownerDetails(row),
      size: row.size,
      mediaType: row.media_type,
      sha256: row.sha256,
    },
  });

/** A download (or a preview: the same request): one audited read of the file. */
export const auditDownload = (tx: Tx, actor: AuditActor, row: AttachmentRow) =>
  writeAudit(tx, actor, {
    action: 'attachment.download',
    recordType: 'attachment',
    recordId: row.id,
    subjects: row.subject_ids,
    details: ownerDetails(row),
  });

/** A record's list of attachments read (titles and categories are content too). */
export const auditList = (
  tx: Tx,
  actor: AuditActor,
  record: { type: string; id: string },
  rows: AttachmentRow[],
) =>
  writeAudit(tx, actor, {
    action: 'attachment.list',
    recordType: record.type,
    recordId: record.id,
    subjects: [...new Set(rows.flatMap((r) => r.subject_ids))],
    details: { count: rows.length },
  });

/** Why attachments were deleted: by themselves, or with the record that held them. */
export type DeletionReason = 'deleted' | 'item_deleted' | 'person_deleted' | 'case_file_deleted';

/**
 * The trace of deleted attachments (DESIGN.md: who, when, title, checksum; never the content),
 * one row each, in one statement.
 */
export async function auditDeletions(
  tx: Tx,
  actor: AuditActor,
  rows: readonly DeletedRow[],
  reason: DeletionReason,
  /** The support ticket whose operation deleted them, if one did. */
  ticketId?: string,
): Promise<void> {
  const entries = rows.map((row): AuditEntry => ({
    action: 'attachment.delete',
    recordType: 'attachment',
    recordId: row.id,
    ...(ticketId ? { ticketId } : {}),
    subjects: row.subject_ids,
    details: {
      ...ownerDetails(row),
      title: row.title,
      sha256: row.sha256,
      size: row.size,
      mediaType: row.media_type,
      state: row.state,
      reason,
    },
  }));
  await writeAudits(tx, actor, entries);
}
