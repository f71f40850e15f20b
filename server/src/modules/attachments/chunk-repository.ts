import { sql } from 'drizzle-orm';
import type { AttachmentMediaType } from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';

/**
 * The SQL of an attachment's content: its chunks (`attachment_chunks`, 1 MiB each, in order),
 * written and read one per statement, each in the caller's short transaction (upload.ts,
 * download.ts).
 */

/**
 * Stores the next chunk and counts it in the attachment (one transaction, the caller's). Its
 * activity is the database's clock, which the clean-up of abandoned uploads reads too.
 */
export async function appendChunk(
  tx: Tx,
  entityId: string,
  id: string,
  index: number,
  data: Buffer,
  changes: { mediaType: AttachmentMediaType | null },
): Promise<void> {
  await tx.execute(
    sql`INSERT INTO attachment_chunks (entity_id, attachment_id, chunk_index, data)
      VALUES (${entityId}, ${id}, ${index}, ${data}::bytea)`,
  );
  await tx.execute(
    sql`UPDATE attachments SET chunk_count = chunk_count + 1,
        received_bytes = received_bytes + ${data.length},
        last_activity_at = now(),
        media_type = coalesce(${changes.mediaType}, media_type)
      WHERE entity_id = ${entityId} AND id = ${id}`,
  );
}

/** One chunk's bytes, or null when there is no such chunk (any more). */
export async function readChunk(
  tx: Tx,
  entityId: string,
  id: string,
  index: number,
): Promise<Buffer | null> {
  const [row] = await rowsOf<{ data: Uint8Array }>(
    tx,
    sql`SELECT data FROM attachment_chunks
      WHERE entity_id = ${entityId} AND attachment_id = ${id} AND chunk_index = ${index}`,
  );
  if (!row) return null;
  // PGlite answers a Uint8Array, pg a Buffer: the same bytes, without a copy.
  return Buffer.isBuffer(row.data)
    ? row.data
    : Buffer.from(row.data.buffer, row.data.byteOffset, row.data.byteLength);
}

/** Whether the stored chunk `index` holds exactly these bytes (null: there is no such chunk). */
export async function sameChunk(
  tx: Tx,
  entityId: string,
  id: string,
  index: number,
  data: Buffer,
): Promise<boolean | null> {
  // Read only for a chunk sent again (its answer was lost): rare, and one chunk.
  const stored = await readChunk(tx, entityId, id, index);
  return stored ? stored.equals(data) : null;
}

/** The upload complete: it becomes visible. */
export async function markReady(tx: Tx, entityId: string, id: string, sha256: string, now: Date) {
  await tx.execute(
    sql`UPDATE attachments SET state = 'ready', sha256 = ${sha256},
        completed_at = ${now.toISOString()}, last_activity_at = now()
      WHERE entity_id = ${entityId} AND id = ${id} AND state = 'uploading'`,
  );
}
