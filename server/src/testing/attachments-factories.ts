import { sql } from 'drizzle-orm';
import { ATTACHMENT_CHUNK_BYTES, type AttachmentOwner } from '@caliu/common';
import { type Database, rowsOf, type Tx } from '../db/connect';
import { columnsOf } from '../modules/attachments/present';
import { minimalPdf, sha256 } from './attachment-files';
import type { TestEntity } from './factories';

/** A document category's id, by code, in the entity's catalogue. */
export async function categoryId(tx: Tx, entityId: string, code: string): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`SELECT id FROM catalogue_items WHERE entity_id = ${entityId}
      AND catalogue = 'document_category' AND code = ${code}`,
  );
  if (!row) throw new Error(`no document category ${code}`);
  return row.id;
}

export type TestAttachmentInput = {
  owner: AttachmentOwner;
  /** A document category's code (default `other`). */
  category?: string;
  uploadedBy?: string | null;
  /**
   * `ready` (default: its content stored, complete), `uploading` (nothing received yet) or
   * `uploaded` (every chunk in, awaiting completion).
   */
  state?: 'ready' | 'uploading' | 'uploaded';
  /** When it was uploaded (default: now); an upload's last activity too. */
  at?: Date;
  content?: Buffer;
  title?: string;
};

/**
 * An attachment written straight into the database (its chunks included when ready), for tests
 * that need one in a given relation to the caller. Answers its id.
 */
export async function createTestAttachment(
  database: Database,
  entity: Pick<TestEntity, 'id'>,
  input: TestAttachmentInput,
): Promise<string> {
  const content = input.content ?? minimalPdf();
  const state = input.state ?? 'ready';
  const stored = state !== 'uploading';
  const at = (input.at ?? new Date()).toISOString();
  const owner = columnsOf(input.owner);
  return database.tenant(entity.id, async (tx) => {
    const category = await categoryId(tx, entity.id, input.category ?? 'other');
    const ready = state === 'ready';
    const chunks: Buffer[] = [];
    for (let i = 0; stored && i < content.length; i += ATTACHMENT_CHUNK_BYTES) {
      chunks.push(content.subarray(i, i + ATTACHMENT_CHUNK_BYTES));
    }
    const [row] = await rowsOf<{ id: string }>(
      tx,
      sql`INSERT INTO attachments (entity_id, person_id, case_file_id, item_kind, item_id, title,
          category_id, document_date, file_name, media_type, size, received_bytes, chunk_count,
          sha256, state, uploaded_by, created_at, last_activity_at, completed_at)
        VALUES (${entity.id}, ${owner.personId}, ${owner.caseFileId}, ${owner.itemKind},
          ${owner.itemId}, ${input.title ?? 'Informe'}, ${category}, (${at}::timestamptz)::date, 'informe.pdf',
          ${stored ? 'application/pdf' : null}, ${content.length}, ${stored ? content.length : 0},
          ${chunks.length}, ${ready ? sha256(content) : null}, ${ready ? 'ready' : 'uploading'},
          ${input.uploadedBy ?? null}, ${at}, ${at}, ${ready ? at : null})
        RETURNING id`,
    );
    for (const [index, data] of chunks.entries()) {
      await tx.execute(sql`INSERT INTO attachment_chunks (entity_id, attachment_id, chunk_index, data)
        VALUES (${entity.id}, ${row!.id}, ${index}, ${data}::bytea)`);
    }
    return row!.id;
  });
}
