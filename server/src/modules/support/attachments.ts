import {
  type CompleteAttachment,
  OPEN_TICKET_STATUSES,
  type TicketAttachment,
  type TicketAttachmentCreate,
  type TicketStatus,
} from '@caliu/common';
import type { Tx } from '../../db/connect';
import { asSupportAgent } from '../../platform/access/cross-entity';
import { type AuditActor, writeAudit } from '../../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../../platform/context';
import { AppError, conflict, fieldError, notFound } from '../../platform/errors';
import { chunkStream } from '../attachments/download';
import { megabytes } from '../attachments/present';
import { deleteAttachment } from '../attachments/removal-repository';
import { lockQuota } from '../attachments/repository';
import { assertRoom } from '../attachments/service';
import { auditDeletions } from '../attachments/trace';
import { completeUpload, storeChunk, type UploadGate } from '../attachments/upload';
import { presentTicketAttachment } from './attachment-present';
import * as files from './attachment-repository';
import * as repo from './repository';
import { agentActor, agentUploader, ownTicket, requesterUploader } from './service';

/**
 * A support ticket's files (issue 19, decision 0009 "Attachments on tickets"): a screenshot or a
 * document added by the requester or by an agent, through the chunked upload of attachments
 * (attachments/upload.ts, the same steps, limits and checks), stored in the ticket's entity and
 * counted in its quota. The requester reaches their own ticket's files behind their wall; an
 * agent crosses into the ticket's entity through `asSupportAgent`, audited in the support entity,
 * and every upload, download and deletion is audited in the ticket's entity too.
 */

/** How one side reaches a ticket: where it is, who acts, how they cross, which ticket is theirs. */
export type TicketReach = {
  entityId: string;
  ticketId: string;
  uploader: files.Uploader;
  actor: AuditActor;
  /** Runs `fn` behind the ticket's entity's wall (an agent's crossing audited for `purpose`). */
  enter: <T>(purpose: string, fn: (tx: Tx) => Promise<T>) => Promise<T>;
  /** The ticket if this side reaches it (else "not found"), locked when asked. */
  ticket: (tx: Tx, lock?: boolean) => Promise<repo.TicketRow>;
};

/** The requester on their own ticket, in their own entity. */
export function requesterReach(deps: AppDeps, ctx: RequestContext, ticketId: string): TicketReach {
  const entityId = ctx.auth.entity.id;
  return {
    entityId,
    ticketId,
    uploader: requesterUploader(ctx),
    actor: actorOf(ctx),
    enter: (_purpose, fn) => deps.database.tenant(entityId, fn),
    ticket: (tx, lock) => ownTicket(tx, ctx, ticketId, lock),
  };
}

/** A support agent on any entity's ticket, across the wall. */
export function agentReach(
  deps: AppDeps,
  ctx: RequestContext,
  entityId: string,
  ticketId: string,
): TicketReach {
  return {
    entityId,
    ticketId,
    uploader: agentUploader(ctx),
    actor: agentActor(ctx, entityId),
    enter: (purpose, fn) => asSupportAgent(deps.database, ctx, purpose, entityId, fn),
    ticket: async (tx, lock) => {
      const row = await repo.findTicket(tx, entityId, ticketId, lock);
      if (!row) throw notFound('support_ticket');
      return row;
    },
  };
}

const isOpen = (status: TicketStatus) =>
  (OPEN_TICKET_STATUSES as readonly TicketStatus[]).includes(status);

/** The audit's name of a ticket's file: its ticket. */
const owner = (reach: TicketReach) => ({ type: 'support_ticket', ticketId: reach.ticketId });

/**
 * Starts an upload on an open ticket: the per-file limit, the entity's quota and the cap of
 * uploads in progress as for any attachment; answers the upload `uploading` and the chunk size.
 */
export async function create(
  deps: AppDeps,
  ctx: RequestContext,
  reach: TicketReach,
  input: TicketAttachmentCreate,
): Promise<TicketAttachment> {
  const now = deps.clock.now();
  const limit = deps.config.attachmentMaxBytes;
  if (input.size > limit) {
    throw fieldError(ctx, 413, 'attachments.too_large', 'size', {
      limit: megabytes(limit, ctx.language),
      size: megabytes(input.size, ctx.language),
    });
  }
  const { entityId, ticketId, uploader } = reach;
  return reach.enter('support.ticket_attach', async (tx) => {
    // Locked as a change of status locks it: a ticket closed meanwhile takes no more files.
    const ticket = await reach.ticket(tx, true);
    if (!isOpen(ticket.status)) {
      throw conflict('support.not_open', { status: ctx.t(`support.statuses.${ticket.status}`) });
    }
    const { used, quota } = await lockQuota(tx, entityId, ctx.auth.professionalId);
    const inProgress = await files.uploadsInProgress(tx, entityId, uploader);
    assertRoom(ctx.language, { used, quota, in_progress: inProgress, size: input.size });
    const id = await files.insertTicketAttachment(tx, {
      entityId,
      ticketId,
      fileName: input.fileName,
      size: input.size,
      uploader,
      now,
    });
    const row = await files.findOnTicket(tx, entityId, ticketId, id, uploader, now, {
      uploading: true,
    });
    return presentTicketAttachment(row!);
  });
}

/**
 * The upload steps' view of a ticket's files: this side's own upload on this ticket; its
 * completion audited in the ticket's entity, and the ticket's activity moved on.
 */
function gateOf(deps: AppDeps, reach: TicketReach): UploadGate<files.TicketAttachmentRow> {
  const { entityId, ticketId, uploader } = reach;
  return {
    entityId,
    lockOwnUpload: (tx, id, now) => files.lockOwnUpload(tx, entityId, ticketId, id, uploader, now),
    findCompleted: async (tx, id, now, sha256) => {
      const row = await files.findOnTicket(tx, entityId, ticketId, id, uploader, now);
      return row?.own && row.sha256 === sha256 ? row : null;
    },
    auditCreated: async (tx, row) => {
      await writeAudit(tx, reach.actor, {
        action: 'attachment.create',
        recordType: 'attachment',
        recordId: row.id,
        ticketId,
        details: {
          owner: owner(reach),
          size: row.size,
          mediaType: row.media_type,
          sha256: row.sha256,
        },
      });
      await repo.updateTicket(tx, entityId, ticketId, { updatedAt: deps.clock.now() });
    },
  };
}

/** Checks the ticket is this side's, crossing (and auditing the crossing) as the side does. */
const reachTicket = (reach: TicketReach, purpose: string) =>
  reach.enter(purpose, (tx) => reach.ticket(tx));

/** Stores chunk `index` of this side's upload on the ticket (attachments' storeChunk). */
export async function putChunk(
  deps: AppDeps,
  ctx: RequestContext,
  reach: TicketReach,
  id: string,
  index: number,
  data: Buffer,
): Promise<TicketAttachment> {
  await reachTicket(reach, 'support.ticket_attach');
  const row = await storeChunk(deps, gateOf(deps, reach), ctx.language, id, index, data);
  return presentTicketAttachment(row);
}

/** Completes this side's upload on the ticket (attachments' completeUpload): it shows from now. */
export async function complete(
  deps: AppDeps,
  ctx: RequestContext,
  reach: TicketReach,
  id: string,
  input: CompleteAttachment,
): Promise<TicketAttachment> {
  await reachTicket(reach, 'support.ticket_attach');
  const row = await completeUpload(deps, gateOf(deps, reach), ctx.language, id, input);
  return presentTicketAttachment(row);
}

/** A download: the file found on the ticket (or "not found"), audited, then streamed. */
export async function openDownload(deps: AppDeps, reach: TicketReach, id: string) {
  const { entityId, ticketId } = reach;
  const row = await reach.enter('support.ticket_attachment_read', async (tx) => {
    await reach.ticket(tx);
    const found = await files.findOnTicket(
      tx,
      entityId,
      ticketId,
      id,
      reach.uploader,
      deps.clock.now(),
    );
    if (!found) throw notFound('attachment');
    await writeAudit(tx, reach.actor, {
      action: 'attachment.download',
      recordType: 'attachment',
      recordId: id,
      ticketId,
      details: { owner: owner(reach) },
    });
    return found;
  });
  return { row, body: chunkStream(deps.database, entityId, id, row.chunk_count) };
}

/**
 * Deletes a file of the ticket: its uploader's, in progress (a cancel) or within a day of adding
 * it. The audit row keeps who, when, the name and the checksum.
 */
export async function remove(deps: AppDeps, reach: TicketReach, id: string): Promise<void> {
  const { entityId, ticketId } = reach;
  await reach.enter('support.ticket_attach', async (tx) => {
    await reach.ticket(tx);
    const row = await files.findOnTicket(
      tx,
      entityId,
      ticketId,
      id,
      reach.uploader,
      deps.clock.now(),
      {
        uploading: true,
        lock: true,
      },
    );
    if (!row) throw notFound('attachment');
    if (!row.may_delete) throw new AppError('support.attachment_delete_not_allowed', 403);
    const deleted = await deleteAttachment(tx, entityId, id);
    await auditDeletions(tx, reach.actor, deleted, 'deleted');
  });
}
