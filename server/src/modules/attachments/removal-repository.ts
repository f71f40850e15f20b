import { type SQL, sql } from 'drizzle-orm';
import {
  ATTACHMENT_ABANDONED_AFTER_MS,
  type AttachmentItemKind,
  type AttachmentState,
} from '@caliu/common';
import { rowsOf, type Tx, uuidArray } from '../../db/connect';
import { SUBJECTS } from './repository';

/**
 * What happens to attachments besides their upload: deleted by themselves or with the record that
 * holds them, moved with a transferred item (the commands), and abandoned uploads cleaned up
 * (the worker's chore, abandoned.ts).
 */

/** What the audit keeps of a deleted attachment. */
export type DeletedRow = {
  id: string;
  title: string;
  file_name: string;
  sha256: string | null;
  size: number;
  media_type: string | null;
  state: AttachmentState;
  person_id: string | null;
  case_file_id: string | null;
  item_kind: AttachmentItemKind | null;
  item_id: string | null;
  support_ticket_id: string | null;
  subject_ids: string[];
};

/** Deletes attachments (their chunks go with them: ON DELETE CASCADE), answering what they were. */
async function deleteWhere(tx: Tx, entityId: string, where: SQL): Promise<DeletedRow[]> {
  // The subjects are read before the rows go (an item's persons are still there).
  return rowsOf<DeletedRow>(
    tx,
    sql`WITH gone AS (
        SELECT a.id, ${SUBJECTS} AS subject_ids FROM attachments a
        WHERE a.entity_id = ${entityId} AND ${where}
        FOR UPDATE OF a)
      DELETE FROM attachments a USING gone
      WHERE a.entity_id = ${entityId} AND a.id = gone.id
      RETURNING a.id, a.title, a.file_name, a.sha256, a.size::float8 AS size, a.media_type,
        a.state, a.person_id, a.case_file_id, a.item_kind, a.item_id, a.support_ticket_id,
        gone.subject_ids`,
  );
}

export const deleteAttachment = (tx: Tx, entityId: string, id: string) =>
  deleteWhere(tx, entityId, sql`a.id = ${id}`);

/** Every attachment of a person record (to delete it). */
export const deleteOfPerson = (tx: Tx, entityId: string, personId: string) =>
  deleteWhere(tx, entityId, sql`a.person_id = ${personId}`);

/** The attachments left on these case files (with `uploadingOnly`, the uploads in progress). */
export const deleteOfCaseFiles = (
  tx: Tx,
  entityId: string,
  caseFileIds: readonly string[],
  options: { uploadingOnly: boolean },
) =>
  deleteWhere(
    tx,
    entityId,
    sql`a.case_file_id = ANY(${uuidArray(caseFileIds)})
      ${options.uploadingOnly ? sql`AND a.state = 'uploading'` : sql``}`,
  );

/** The items of one case file, by kind: an item and what goes with it (a resource's grants). */
export type ItemRef = { kind: AttachmentItemKind; id: string };

const ofItems = (caseFileId: string, items: readonly ItemRef[]) =>
  sql`a.case_file_id = ${caseFileId} AND (${sql.join(
    items.map((i) => sql`(a.item_kind = ${i.kind} AND a.item_id = ${i.id})`),
    sql` OR `,
  )})`;

/** Deletes the attachments of these items of the case file. */
export async function deleteOfItems(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  items: readonly ItemRef[],
): Promise<DeletedRow[]> {
  if (items.length === 0) return [];
  return deleteWhere(tx, entityId, ofItems(caseFileId, items));
}

/** How many attachments these items of the case file hold (a transfer's preview). */
export async function countOfItems(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  items: readonly ItemRef[],
): Promise<number> {
  if (items.length === 0) return 0;
  const [row] = await rowsOf<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM attachments a
      WHERE a.entity_id = ${entityId} AND ${ofItems(caseFileId, items)}`,
  );
  return row?.n ?? 0;
}

/** Moves the attachments of these items to another case file; answers their ids. */
export async function moveItems(
  tx: Tx,
  entityId: string,
  from: string,
  to: string,
  items: readonly ItemRef[],
): Promise<string[]> {
  if (items.length === 0) return [];
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`UPDATE attachments a SET case_file_id = ${to}
      WHERE a.entity_id = ${entityId} AND ${ofItems(from, items)}
      RETURNING a.id`,
  );
  return rows.map((r) => r.id);
}

// ─── Abandoned uploads (across entities: the worker's pass) ───────────────────────────────────

/**
 * Still `uploading` an hour after the last chunk (ATTACHMENT_ABANDONED_AFTER_MS), by the database's
 * clock — the one that writes last_activity_at, and the one caliu_abandoned_attachments reads.
 */
const ABANDONED = sql`a.state = 'uploading'
  AND a.last_activity_at < now() - make_interval(secs => ${ATTACHMENT_ABANDONED_AFTER_MS / 1000})`;

/** Abandoned uploads of the entities listed (or all): ids only. */
export async function abandoned(
  tx: Tx,
  limit: number,
  entities: readonly string[] | null,
): Promise<{ id: string; entity_id: string }[]> {
  return rowsOf<{ id: string; entity_id: string }>(
    tx,
    sql`SELECT id, entity_id FROM caliu_abandoned_attachments(${limit},
      ${entities ? entities.join(',') : null})`,
  );
}

/** Deletes one abandoned upload, if it is still so (a chunk may have arrived meanwhile). */
export async function deleteAbandoned(tx: Tx, entityId: string, id: string): Promise<boolean> {
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`DELETE FROM attachments a WHERE a.entity_id = ${entityId} AND a.id = ${id}
      AND ${ABANDONED}
      RETURNING a.id`,
  );
  return rows.length > 0;
}
