import { createHash } from 'node:crypto';
import {
  ATTACHMENT_CHUNK_BYTES,
  type Attachment,
  type AttachmentMediaType,
  type CompleteAttachment,
  type Language,
} from '@caliu/common';
import type { Tx } from '../../db/connect';
import { actorOf, type AppDeps, type RequestContext } from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { ACCEPTED_TYPE_NAMES, detectMediaType } from './media-type';
import { megabytes, presentAttachment } from './present';
import * as content from './chunk-repository';
import { deleteAttachment } from './removal-repository';
import * as repo from './repository';
import { auditCreated } from './trace';

/**
 * The upload's chunks and its completion (decision 0007): each chunk in its own short
 * transaction, in order, by its uploader alone; the first chunk's bytes decide the type; the
 * completion reads the chunks back one short query at a time, compares size and checksum, and
 * only then makes the attachment visible. No transaction stays open while a tablet sends.
 */

/** What the upload's requests read of an attachment, whoever's it is. */
export type UploadRow = {
  id: string;
  size: number;
  received_bytes: number;
  chunk_count: number;
};

/**
 * Where an upload is and whose it is: a professional's on a record (recordGate, below), or a
 * requester's or an agent's on a support ticket (modules/support/attachments.ts). The steps
 * below are the same for all; the gate says which rows the caller may touch and how it is traced.
 */
export type UploadGate<R extends UploadRow> = {
  /** The entity behind whose wall the attachment is. */
  entityId: string;
  /** The caller's upload in progress, locked, or null (not theirs, finished, gone, out of reach). */
  lockOwnUpload: (tx: Tx, id: string, now: Date) => Promise<R | null>;
  /** The caller's upload already completed with this checksum (a repeated completion), or null. */
  findCompleted: (tx: Tx, id: string, now: Date, sha256: string) => Promise<R | null>;
  /** The audit row of an attachment that has just become visible. */
  auditCreated: (tx: Tx, row: R) => Promise<unknown>;
};

/** A professional's upload on a person record, a case file or an item (access.ts's scope). */
function recordGate(ctx: RequestContext): UploadGate<repo.AttachmentRow> {
  const { auth } = ctx;
  return {
    entityId: auth.entity.id,
    lockOwnUpload: (tx, id, now) => repo.lockOwnUpload(tx, auth, id, now),
    findCompleted: async (tx, id, now, sha256) => {
      const done = await repo.findVisible(tx, auth, id, now);
      return done && done.uploaded_by === auth.professionalId && done.sha256 === sha256
        ? done
        : null;
    },
    auditCreated: (tx, row) => auditCreated(tx, actorOf(ctx), row),
  };
}

/** Stores chunk `index` of the caller's upload on a record (storeChunk). */
export async function putChunk(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  index: number,
  data: Buffer,
): Promise<Attachment> {
  const row = await storeChunk(deps, recordGate(ctx), ctx.language, id, index, data);
  return presentAttachment(row, ctx.language);
}

/** Completes the caller's upload on a record (completeUpload). */
export async function complete(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: CompleteAttachment,
): Promise<Attachment> {
  const row = await completeUpload(deps, recordGate(ctx), ctx.language, id, input);
  return presentAttachment(row, ctx.language);
}

/**
 * Stores chunk `index` of the caller's upload. Chunks come in order (index = the number stored);
 * a chunk already stored with the same bytes is a retry after a lost answer (answered as the
 * upload stands); every chunk but the last holds exactly ATTACHMENT_CHUNK_BYTES, and the total
 * never exceeds the declared size. A first chunk of a type not accepted discards the upload.
 */
export async function storeChunk<R extends UploadRow>(
  deps: AppDeps,
  gate: UploadGate<R>,
  language: Language,
  id: string,
  index: number,
  data: Buffer,
): Promise<R> {
  const { entityId } = gate;
  if (data.length === 0) throw new AppError('attachments.chunk_empty', 400);
  if (data.length > ATTACHMENT_CHUNK_BYTES) {
    throw new AppError('attachments.chunk_too_large', 413, {
      limit: megabytes(ATTACHMENT_CHUNK_BYTES, language),
    });
  }
  // Decided before the transaction, which then stays short.
  const detected = index === 0 ? await detectMediaType(data) : null;
  const now = deps.clock.now();
  const outcome = await deps.database.tenant(entityId, async (tx) => {
    const row = await gate.lockOwnUpload(tx, id, now);
    if (!row) throw notFound('attachment');
    if (index < row.chunk_count) {
      if (!(await content.sameChunk(tx, entityId, id, index, data))) {
        throw new AppError('attachments.chunk_conflict', 409, { index });
      }
      return { row };
    }
    if (index > row.chunk_count) {
      throw new AppError('attachments.chunk_out_of_order', 409, {
        index,
        expected: row.chunk_count,
      });
    }
    const received = row.received_bytes + data.length;
    if (received > row.size) throw new AppError('attachments.size_overrun', 400);
    if (received < row.size && data.length !== ATTACHMENT_CHUNK_BYTES) {
      throw new AppError('attachments.chunk_size', 400, {
        size: megabytes(ATTACHMENT_CHUNK_BYTES, language),
      });
    }
    let mediaType: AttachmentMediaType | null = null;
    if (index === 0) {
      if (!detected) {
        // Not a document we keep: the upload goes (it was never visible).
        await deleteAttachment(tx, entityId, id);
        return { refused: true as const };
      }
      mediaType = detected;
    }
    await content.appendChunk(tx, entityId, id, index, data, { mediaType });
    return { row: (await gate.lockOwnUpload(tx, id, now))! };
  });
  if ('refused' in outcome) {
    throw new AppError('attachments.type_refused', 415, { types: ACCEPTED_TYPE_NAMES });
  }
  return outcome.row;
}

/** The SHA-256 and size of what is stored, read back one chunk per short transaction. */
async function readBack(deps: AppDeps, entityId: string, id: string, chunks: number) {
  const hash = createHash('sha256');
  let size = 0;
  for (let index = 0; index < chunks; index++) {
    const data = await deps.database.tenant(entityId, (tx) =>
      content.readChunk(tx, entityId, id, index),
    );
    if (!data) break;
    hash.update(data);
    size += data.length;
  }
  return { sha256: hash.digest('hex'), size };
}

/**
 * Completes the caller's upload with the SHA-256 their browser computed: once every byte is in,
 * the stored chunks are read back and hashed; a size or checksum that differs discards the
 * upload (409), a match makes it `ready` — visible from now on — and audits its creation. A
 * completion repeated after a lost answer, or two at once, answer the attachment again (the
 * same checksum) once it is ready.
 */
export async function completeUpload<R extends UploadRow>(
  deps: AppDeps,
  gate: UploadGate<R>,
  language: Language,
  id: string,
  input: CompleteAttachment,
): Promise<R> {
  const { entityId } = gate;
  const started = deps.clock.now();
  /** Already complete (a repeated completion, or one that ran beside this): the same answer. */
  const finished = async (tx: Tx, now: Date) => {
    const done = await gate.findCompleted(tx, id, now, input.sha256);
    if (done) return done;
    throw notFound('attachment');
  };
  const upload = await deps.database.tenant(
    entityId,
    async (tx): Promise<{ chunks: number } | { done: R }> => {
      const row = await gate.lockOwnUpload(tx, id, started);
      if (row) {
        if (row.received_bytes < row.size) {
          throw new AppError('attachments.incomplete', 409, {
            received: megabytes(row.received_bytes, language),
            size: megabytes(row.size, language),
          });
        }
        return { chunks: row.chunk_count };
      }
      return { done: await finished(tx, started) };
    },
  );
  if ('done' in upload) return upload.done;

  const stored = await readBack(deps, entityId, id, upload.chunks);
  const now = deps.clock.now();
  const outcome = await deps.database.tenant(entityId, async (tx) => {
    // Under the upload's lock: still the caller's, still in progress, its owner still holding it.
    const row = await gate.lockOwnUpload(tx, id, now);
    if (!row) return { ready: await finished(tx, now) };
    if (
      row.chunk_count !== upload.chunks ||
      stored.size !== row.size ||
      stored.sha256 !== input.sha256
    ) {
      await deleteAttachment(tx, entityId, id);
      return { mismatch: true as const };
    }
    await content.markReady(tx, entityId, id, stored.sha256, now);
    const ready = await finished(tx, now);
    await gate.auditCreated(tx, ready);
    return { ready };
  });
  if ('mismatch' in outcome) throw new AppError('attachments.checksum_mismatch', 409);
  return outcome.ready;
}
