import { expect } from 'vitest';
import { sql } from 'drizzle-orm';
import {
  ATTACHMENT_CHUNK_BYTES,
  type Attachment,
  type AttachmentOwner,
  CSRF_HEADER,
} from '@caliu/common';
import { rowsOf } from '../db/connect';
import { login, type Session } from './app';
import { sha256 } from './attachment-files';
import { contentWorld } from './content-world';

/**
 * What the attachments' tests start from: the world of a case file's content (content-world.ts:
 * the app on a clock stopped at 10:00 UTC of `today`, a fresh entity, `actor`, `call`), the
 * entity's document categories by code, `start` an upload, and `upload` to send a file the way the
 * console does (create, chunks in order, complete with the SHA-256).
 */
export async function attachmentsWorld(
  options: { today?: string; env?: Record<string, string> } = {},
) {
  const world = await contentWorld(options.today ?? '2026-03-10', options);
  const { app, db, entity, call } = world;
  const putChunk = (session: Session, id: string, index: number, data: Buffer, language = 'en') =>
    app.inject({
      method: 'PUT',
      url: `/api/attachments/${id}/chunks/${index}`,
      payload: data,
      headers: {
        cookie: session.cookie,
        [CSRF_HEADER]: session.csrf,
        'content-type': 'application/octet-stream',
        'accept-language': language,
      },
    });

  const categoryRows = await db.tenant(entity.id, (tx) =>
    rowsOf<{ id: string; code: string }>(
      tx,
      sql`SELECT id, code FROM catalogue_items
        WHERE entity_id = ${entity.id} AND catalogue = 'document_category'`,
    ),
  );
  const categories = Object.fromEntries(categoryRows.map((c) => [c.code, c.id])) as Record<
    string,
    string
  >;

  /** The body of a new upload of `content` on `owner`. */
  const newUpload = (
    owner: AttachmentOwner,
    content: Buffer,
    extra: { category?: string; fileName?: string; title?: string; documentDate?: string } = {},
  ) => ({
    owner,
    title: extra.title ?? 'Informe mèdic',
    categoryId: categories[extra.category ?? 'health']!,
    documentDate: extra.documentDate ?? '2026-03-01',
    fileName: extra.fileName ?? 'informe.pdf',
    size: content.length,
  });

  /** Starts an upload of `content` (a size of its own in `size`), answering the response. */
  const start = (
    session: Session,
    owner: AttachmentOwner,
    content: Buffer,
    extra: Parameters<typeof newUpload>[2] & { size?: number } = {},
    language = 'en',
  ) =>
    call(
      session,
      'POST',
      '/api/attachments',
      { ...newUpload(owner, content, extra), ...(extra.size ? { size: extra.size } : {}) },
      language,
    );

  /** The id of a new upload of `content`, which must be accepted. */
  const started = async (...args: Parameters<typeof start>) => {
    const res = await start(...args);
    expect(res.statusCode, res.body).toBe(201);
    return (res.json() as Attachment).id;
  };

  /** Sends a whole file as the console does; answers the attachment, ready. */
  const upload = async (
    session: Session,
    owner: AttachmentOwner,
    content: Buffer,
    extra: Parameters<typeof newUpload>[2] = {},
  ): Promise<Attachment> => {
    const id = await started(session, owner, content, extra);
    for (let index = 0; index * ATTACHMENT_CHUNK_BYTES < content.length; index++) {
      const start = index * ATTACHMENT_CHUNK_BYTES;
      const sent = await putChunk(
        session,
        id,
        index,
        content.subarray(start, start + ATTACHMENT_CHUNK_BYTES),
      );
      expect(sent.statusCode, sent.body).toBe(200);
    }
    const done = await call(session, 'POST', `/api/attachments/${id}/complete`, {
      sha256: sha256(content),
    });
    expect(done.statusCode, done.body).toBe(200);
    return done.json() as Attachment;
  };

  /** The ids of a record's attachments as this session sees them (null: refused, with status). */
  const listed = async (session: Session, query: string) => {
    const res = await call(session, 'GET', `/api/attachments?${query}`);
    return res.statusCode === 200
      ? (res.json() as { items: Attachment[] }).items.map((a) => a.id)
      : res.statusCode;
  };

  /** The audit rows of an action in the entity, oldest first, with their subjects. */
  const audits = (action: string) =>
    db.asOwner((tx) =>
      rowsOf<{
        record_id: string;
        actor_id: string | null;
        details: Record<string, unknown>;
        subjects: string[];
      }>(
        tx,
        sql`SELECT a.record_id, a.actor_id, a.details,
            ARRAY(SELECT s.person_id::text FROM audit_subjects s
              WHERE s.audit_id = a.id ORDER BY s.person_id) AS subjects
          FROM audit_log a WHERE a.entity_id = ${entity.id} AND a.action = ${action}
          ORDER BY a.id`,
      ),
    );

  /** How many attachments (any state) and chunks the entity holds. */
  const stored = async () => {
    const [row] = await db.asOwner((tx) =>
      rowsOf<{ attachments: number; chunks: number }>(
        tx,
        sql`SELECT (SELECT count(*)::int FROM attachments WHERE entity_id = ${entity.id}) AS attachments,
          (SELECT count(*)::int FROM attachment_chunks WHERE entity_id = ${entity.id}) AS chunks`,
      ),
    );
    return row!;
  };

  /** A new session for a professional (after the clock moved past the old one's expiry). */
  const signIn = (pro: { username: string }) => login(app, entity.code, pro.username);

  return {
    ...world,
    signIn,
    putChunk,
    start,
    started,
    categories,
    newUpload,
    upload,
    listed,
    audits,
    stored,
  };
}

export type AttachmentsWorld = Awaited<ReturnType<typeof attachmentsWorld>>;
