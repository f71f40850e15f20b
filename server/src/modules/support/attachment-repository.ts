import { type SQL, sql } from 'drizzle-orm';
import {
  ATTACHMENT_OWN_DELETE_MS,
  type AttachmentMediaType,
  type AttachmentState,
} from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';

/**
 * The SQL of a support ticket's files (migration 0023): rows of `attachments` owned by the ticket,
 * in the ticket's entity (the caller's tenant transaction), with their chunks in
 * `attachment_chunks` as any attachment's (attachments/chunk-repository.ts). Every statement
 * names the ticket: a file is reached through its ticket, never by its id alone.
 */

/** Who uploads: the ticket's requester (a professional of the entity), or a support agent. */
export type Uploader =
  { side: 'requester'; professionalId: string } | { side: 'agent'; agentId: string; name: string };

export type TicketAttachmentRow = {
  id: string;
  file_name: string;
  media_type: AttachmentMediaType | null;
  size: number;
  received_bytes: number;
  chunk_count: number;
  sha256: string | null;
  state: AttachmentState;
  side: 'requester' | 'agent';
  author_name: string;
  created_at: Date | string;
  /** The viewer added it. */
  own: boolean;
  may_delete: boolean;
};

/** The rows `uploader` added (an agent's by their id; a requester's by their professional id). */
const byUploader = (uploader: Uploader): SQL =>
  uploader.side === 'agent'
    ? sql`coalesce(a.uploaded_by_agent_id = ${uploader.agentId}, FALSE)`
    : sql`coalesce(a.uploaded_by = ${uploader.professionalId}, FALSE)`;

/**
 * The columns of a ticket's file as the API answers it. `may_delete`: the viewer's own upload in
 * progress, or their own file within ATTACHMENT_OWN_DELETE_MS of adding it.
 */
function selectFor(uploader: Uploader, now: Date, where: SQL, lock = false): SQL {
  const since = new Date(now.getTime() - ATTACHMENT_OWN_DELETE_MS).toISOString();
  return sql`SELECT a.id, a.file_name, a.media_type, a.size::float8 AS size,
      a.received_bytes::float8 AS received_bytes, a.chunk_count, a.sha256, a.state,
      CASE WHEN a.uploaded_by_agent_id IS NOT NULL THEN 'agent' ELSE 'requester' END AS side,
      coalesce(a.uploader_name, pr.given_name || ' ' || pr.surnames, '') AS author_name,
      a.created_at, ${byUploader(uploader)} AS own,
      (${byUploader(uploader)}
        AND (a.state = 'uploading' OR a.created_at > ${since}::timestamptz)) AS may_delete
    FROM attachments a
    LEFT JOIN professionals pr ON pr.entity_id = a.entity_id AND pr.id = a.uploaded_by
    WHERE ${where}
    ${lock ? sql`FOR UPDATE OF a` : sql``}`;
}

const ofTicket = (entityId: string, ticketId: string) =>
  sql`a.entity_id = ${entityId} AND a.support_ticket_id = ${ticketId}`;

export type NewTicketAttachment = {
  entityId: string;
  ticketId: string;
  fileName: string;
  size: number;
  uploader: Uploader;
  now: Date;
};

/** Starts an upload on the ticket (state `uploading`); its title is the file's name. */
export async function insertTicketAttachment(tx: Tx, v: NewTicketAttachment): Promise<string> {
  const agent = v.uploader.side === 'agent' ? v.uploader : null;
  const professionalId = v.uploader.side === 'requester' ? v.uploader.professionalId : null;
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`INSERT INTO attachments (entity_id, support_ticket_id, title, file_name, size, uploaded_by,
        uploaded_by_agent_id, uploader_name, created_at, last_activity_at)
      VALUES (${v.entityId}, ${v.ticketId}, ${v.fileName.slice(0, 200)}, ${v.fileName}, ${v.size},
        ${professionalId}, ${agent?.agentId ?? null}, ${agent?.name.slice(0, 300) ?? null},
        ${v.now.toISOString()}, now())
      RETURNING id`,
  );
  return row!.id;
}

/** The ticket's ready files, oldest first; with `ownUploads`, also that uploader's in progress. */
export function listOfTicket(
  tx: Tx,
  entityId: string,
  ticketId: string,
  viewer: Uploader,
  now: Date,
): Promise<TicketAttachmentRow[]> {
  return rowsOf<TicketAttachmentRow>(
    tx,
    sql`${selectFor(viewer, now, sql`${ofTicket(entityId, ticketId)} AND a.state = 'ready'`)}
      ORDER BY a.created_at, a.id`,
  );
}

/** One file of the ticket: ready, or (with `uploading`) the viewer's own upload in progress. */
export async function findOnTicket(
  tx: Tx,
  entityId: string,
  ticketId: string,
  id: string,
  viewer: Uploader,
  now: Date,
  options: { uploading?: boolean; lock?: boolean } = {},
): Promise<TicketAttachmentRow | null> {
  const shown = options.uploading
    ? sql`(a.state = 'ready' OR (a.state = 'uploading' AND ${byUploader(viewer)}))`
    : sql`a.state = 'ready'`;
  const [row] = await rowsOf<TicketAttachmentRow>(
    tx,
    selectFor(
      viewer,
      now,
      sql`${ofTicket(entityId, ticketId)} AND a.id = ${id} AND ${shown}`,
      options.lock,
    ),
  );
  return row ?? null;
}

/** The uploader's upload in progress on the ticket, locked; null when there is none such. */
export async function lockOwnUpload(
  tx: Tx,
  entityId: string,
  ticketId: string,
  id: string,
  uploader: Uploader,
  now: Date,
): Promise<TicketAttachmentRow | null> {
  const [row] = await rowsOf<TicketAttachmentRow>(
    tx,
    selectFor(
      uploader,
      now,
      sql`${ofTicket(entityId, ticketId)} AND a.id = ${id} AND a.state = 'uploading'
        AND ${byUploader(uploader)}`,
      true,
    ),
  );
  return row ?? null;
}

/**
 * How many uploads the uploader has in progress in the entity (records' and tickets' alike for a
 * professional; an agent's on this entity's tickets), for ATTACHMENT_MAX_UPLOADS_IN_PROGRESS.
 * Runs after attachments' lockQuota, which serialises creations in the entity.
 */
export async function uploadsInProgress(
  tx: Tx,
  entityId: string,
  uploader: Uploader,
): Promise<number> {
  const [row] = await rowsOf<{ count: number }>(
    tx,
    sql`SELECT count(*)::int AS count FROM attachments a
      WHERE a.entity_id = ${entityId} AND a.state = 'uploading' AND ${byUploader(uploader)}`,
  );
  return row!.count;
}
