import {
  ATTACHMENT_MAX_UPLOADS_IN_PROGRESS,
  type Attachment,
  type AttachmentList,
  type AttachmentListQuery,
  type AttachmentOwner,
  type CreateAttachment,
  type Language,
} from '@caliu/common';
import type { Tx } from '../../db/connect';
import { actorOf, type AppDeps, type RequestContext } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import * as caseFiles from '../case-files/repository';
import { readable } from '../case-files/content/guard';
import { todayIn } from '../persons/rules';
import { columnsOf, megabytes, presentAttachment } from './present';
import { deleteAttachment } from './removal-repository';
import * as repo from './repository';
import { auditDeletions, auditList } from './trace';

/**
 * Attachments (issue 17, docs/decisions/0007-attachments.md): creating an upload, listing a
 * record's attachments, deleting one. The chunks and the completion are in upload.ts, the
 * download in download.ts; who reaches what is access.ts, in the SQL of repository.ts.
 */

/** A record's list holds at most this many (the newest). */
export const LIST_LIMIT = 500;

/**
 * Refuses an upload past the uploader's cap of uploads in progress or the entity's quota (read
 * under lockQuota's lock): the checks of every upload, a record's or a ticket's.
 */
export function assertRoom(
  language: Language,
  room: { used: number; quota: number; in_progress: number; size: number },
) {
  if (room.in_progress >= ATTACHMENT_MAX_UPLOADS_IN_PROGRESS) {
    throw new AppError('attachments.too_many_uploads', 409, {
      limit: ATTACHMENT_MAX_UPLOADS_IN_PROGRESS,
    });
  }
  if (room.used + room.size > room.quota) {
    throw new AppError('attachments.quota_exceeded', 413, {
      quota: megabytes(room.quota, language),
      free: megabytes(Math.max(0, room.quota - room.used), language),
    });
  }
}

/** Refuses an owner the viewer may not attach to: unseen is "not found", as the record's own. */
function assertMayAttach(check: repo.OwnerCheck, owner: AttachmentOwner) {
  if (owner.type === 'person') {
    if (!check.found) throw notFound('person');
    // Basic data is seen entity-wide: what is missing is the full record (a case file's content).
    if (!check.may_attach) throw new AppError('attachments.person_full_record', 403);
    return;
  }
  if (!check.found) throw notFound('case_file');
  if (!check.may_attach) throw new AppError('case_files.content_not_allowed', 403);
  if (owner.type === 'item' && !check.item_found) throw notFound(owner.itemKind);
  if (check.file_state !== 'open') throw new AppError('case_files.closed', 409);
}

/**
 * Starts an upload: checks who attaches where, the category, the document's date (not in the
 * entity's future), the per-file limit and the entity's quota; answers the attachment
 * `uploading`, invisible to anyone else until complete, and the chunk size.
 */
export async function create(
  deps: AppDeps,
  ctx: RequestContext,
  input: CreateAttachment,
): Promise<Attachment> {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  const now = deps.clock.now();
  if (input.documentDate > todayIn(auth.entity.timeZone, now)) {
    throw fieldError(ctx, 400, 'attachments.date_in_future', 'documentDate');
  }
  const limit = deps.config.attachmentMaxBytes;
  if (input.size > limit) {
    throw fieldError(ctx, 413, 'attachments.too_large', 'size', {
      limit: megabytes(limit, ctx.language),
      size: megabytes(input.size, ctx.language),
    });
  }
  const owner = columnsOf(input.owner);
  return deps.database.tenant(entityId, async (tx) => {
    const category = await caseFiles.catalogueEntry(
      tx,
      entityId,
      'document_category',
      input.categoryId,
    );
    if (!category) throw fieldError(ctx, 400, 'attachments.unknown_category', 'categoryId');
    // The record locked first, as the commands that delete or move it lock it: a deletion or a
    // transfer at the same moment then finds this attachment to delete or carry, or this
    // creation finds the record gone.
    if (!(await repo.lockOwner(tx, auth, owner))) {
      throw notFound(input.owner.type === 'person' ? 'person' : 'case_file');
    }
    assertMayAttach(await repo.checkOwner(tx, auth, owner, input.categoryId), input.owner);
    const room = await repo.lockQuota(tx, entityId, auth.professionalId);
    assertRoom(ctx.language, { ...room, size: input.size });
    const id = await repo.insertAttachment(tx, {
      entityId,
      ...owner,
      title: input.title,
      categoryId: input.categoryId,
      documentDate: input.documentDate,
      fileName: input.fileName,
      size: input.size,
      uploadedBy: auth.professionalId,
      now,
    });
    const row = await repo.findVisible(tx, auth, id, now, { uploading: true });
    return presentAttachment(row!, ctx.language);
  });
}

/** The owner condition of a list, after the owner itself was found in the viewer's sight. */
async function listedOwner(tx: Tx, ctx: RequestContext, query: AttachmentListQuery) {
  const { auth } = ctx;
  const caseFile: repo.OwnerColumns = {
    personId: null,
    caseFileId: query.ownerId,
    itemKind: null,
    itemId: null,
  };
  switch (query.ownerType) {
    case 'person':
      if (!(await repo.personVisible(tx, auth, query.ownerId))) throw notFound('person');
      return {
        where: repo.ownerWhere.person(query.ownerId),
        record: 'person',
        columns: { ...caseFile, personId: query.ownerId, caseFileId: null },
      };
    case 'case_file':
      await readable(tx, auth, query.ownerId);
      return {
        where: repo.ownerWhere.caseFile(query.ownerId, query.includeItems),
        record: 'case_file',
        columns: caseFile,
      };
    case 'item': {
      const { itemKind, itemId } = query;
      if (!itemKind) throw fieldError(ctx, 400, 'attachments.item_required', 'itemKind');
      if (!itemId) throw fieldError(ctx, 400, 'attachments.item_required', 'itemId');
      await readable(tx, auth, query.ownerId);
      if (!(await repo.itemExists(tx, auth.entity.id, query.ownerId, itemKind, itemId))) {
        throw notFound(itemKind);
      }
      return {
        where: repo.ownerWhere.item(query.ownerId, itemKind, itemId),
        record: itemKind,
        // Attaching to an item is attaching to its case file.
        columns: caseFile,
      };
    }
  }
}

/**
 * A record's attachments the viewer sees, newest first: a person's (identity documents to whoever
 * keeps basic data, the rest to whoever sees the content of a case file holding them), a case
 * file's (with its items' on request) or an item's. Audited when it shows any. With them, what
 * the viewer may see and attach there by kind of category (`can`), by the predicates that guard
 * the list and the creation, so that the console offers exactly what the server accepts.
 */
export async function list(
  deps: AppDeps,
  ctx: RequestContext,
  query: AttachmentListQuery,
): Promise<AttachmentList> {
  const { auth } = ctx;
  const now = deps.clock.now();
  return deps.database.tenant(auth.entity.id, async (tx) => {
    const owner = await listedOwner(tx, ctx, query);
    const rows = await repo.listVisible(
      tx,
      auth,
      now,
      { owner: owner.where, categoryId: query.categoryId, uploading: query.includeUploading },
      LIST_LIMIT,
    );
    if (rows.length > 0) {
      const id = query.ownerType === 'item' ? query.itemId! : query.ownerId;
      await auditList(tx, actorOf(ctx), { type: owner.record, id }, rows);
    }
    const rights = await repo.ownerRights(tx, auth, owner.columns);
    return {
      items: rows.map((row) => presentAttachment(row, ctx.language)),
      can: {
        viewIdentity: rights.view_identity,
        viewOther: rights.view_other,
        attachIdentity: rights.attach_identity,
        attachOther: rights.attach_other,
      },
    };
  });
}

/**
 * Deletes an attachment: its uploader within a day of starting the upload, or a coordinator of
 * the record's team (mayDelete). An upload in progress is seen by its uploader alone, so only
 * they cancel it (an abandoned one goes by itself, an hour after its last chunk). The content
 * goes; the audit row keeps who, when, the title, the checksum and the size.
 */
export async function remove(deps: AppDeps, ctx: RequestContext, id: string): Promise<void> {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  const now = deps.clock.now();
  await deps.database.tenant(entityId, async (tx) => {
    const row = await repo.findVisible(tx, auth, id, now, { uploading: true, lock: true });
    if (!row) throw notFound('attachment');
    if (!row.may_delete) throw new AppError('attachments.delete_not_allowed', 403);
    const deleted = await deleteAttachment(tx, entityId, id);
    await auditDeletions(tx, actorOf(ctx), deleted, 'deleted');
  });
}
