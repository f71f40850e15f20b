import { type SQL, sql } from 'drizzle-orm';
import type {
  AttachmentItemKind,
  AttachmentMediaType,
  AttachmentState,
  Language,
} from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import type { AuthContext } from '../../platform/context';
import { visible } from '../case-files/access';
import * as caseFiles from '../case-files/repository';
import { viewerOf } from '../case-files/service';
import { personScope } from '../persons/repository';
import { attachmentScope, mayDelete, type Need } from './access';

/**
 * The SQL of attachments (migration 0016): creating one and reading them for a professional,
 * every read with the record's scope (access.ts) in its WHERE clause. Their chunks are in
 * chunk-repository.ts; deleting and moving them in removal-repository.ts.
 */

/** An owner as stored: a person, a case file alone, or an item of a case file. */
export type OwnerColumns = {
  personId: string | null;
  caseFileId: string | null;
  itemKind: AttachmentItemKind | null;
  itemId: string | null;
};

/** The table of each kind of item an attachment may belong to. */
const ITEM_TABLES: Record<AttachmentItemKind, string> = {
  intervention: 'interventions',
  demand: 'demands',
  problem: 'problems',
  resource: 'resources',
  procedure: 'procedures',
  plan: 'intervention_plans',
};

/**
 * The persons an attachment of the row `a` concerns: the person it is on; an item's persons; a
 * case file's (or a plan's) members. Its audit rows are tagged with them (the access report).
 */
export const SUBJECTS = sql`CASE
  WHEN a.person_id IS NOT NULL THEN ARRAY[a.person_id]
  WHEN a.item_kind = 'intervention' THEN ARRAY(SELECT ip.person_id FROM intervention_persons ip
    WHERE ip.entity_id = a.entity_id AND ip.intervention_id = a.item_id)
  ${sql.join(
    (['demand', 'problem', 'resource', 'procedure'] as const).map(
      (kind) => sql`WHEN a.item_kind = ${kind} THEN ARRAY(SELECT x.person_id
        FROM ${sql.identifier(ITEM_TABLES[kind])} x
        WHERE x.entity_id = a.entity_id AND x.id = a.item_id)`,
    ),
    sql` `,
  )}
  ELSE ARRAY(SELECT m.person_id FROM case_file_members m
    WHERE m.entity_id = a.entity_id AND m.case_file_id = a.case_file_id)
  END`;

/**
 * Whether the owner of the row `a` still holds it: an item is still in `a`'s case file (items have
 * no foreign key here; a person and a case file do). An upload whose item was deleted or moved
 * without it is nobody's to finish.
 */
const OWNER_HOLDS = sql`(CASE a.item_kind
  ${sql.join(
    (Object.keys(ITEM_TABLES) as AttachmentItemKind[]).map(
      (kind) => sql`WHEN ${kind} THEN EXISTS (SELECT 1 FROM ${sql.identifier(ITEM_TABLES[kind])} x
        WHERE x.entity_id = a.entity_id AND x.case_file_id = a.case_file_id AND x.id = a.item_id)`,
    ),
    sql` `,
  )}
  ELSE TRUE END)`;

// ─── Before creating ─────────────────────────────────────────────────────────────────────────

/**
 * Locks the record an attachment is about to join, as the commands that delete or move it do:
 * a person FOR SHARE, never a tombstone (its deletion and a merge lock it FOR UPDATE: waiting on
 * a merge, this reads the merged row once it committed and finds it gone); a case file as every change to it does
 * (lockCaseFile: FOR UPDATE, if the viewer sees it), then the item FOR KEY SHARE (its deletion and
 * its transfer lock it FOR UPDATE, after the case file). Whichever comes second finds the other's
 * outcome: a deleted item, a moved one, or the new attachment to delete or carry. Answers whether
 * the record is there (in sight, for a case file).
 */
export async function lockOwner(tx: Tx, auth: AuthContext, owner: OwnerColumns): Promise<boolean> {
  const entityId = auth.entity.id;
  if (owner.personId) {
    const rows = await rowsOf<{ id: string }>(
      tx,
      sql`SELECT id FROM persons WHERE entity_id = ${entityId} AND id = ${owner.personId}
        AND merged_into_id IS NULL
        FOR SHARE`,
    );
    return rows.length > 0;
  }
  if (!(await caseFiles.lockCaseFile(tx, entityId, owner.caseFileId!, viewerOf(auth)))) {
    return false;
  }
  if (owner.itemKind && owner.itemId) {
    await tx.execute(
      sql`SELECT id FROM ${sql.identifier(ITEM_TABLES[owner.itemKind])}
        WHERE entity_id = ${entityId} AND case_file_id = ${owner.caseFileId}
          AND id = ${owner.itemId}
        FOR KEY SHARE`,
    );
  }
  return true;
}

export type OwnerCheck = {
  /** The person exists; for a case file or an item, the viewer sees the case file's header. */
  found: boolean;
  item_found: boolean;
  may_attach: boolean;
  file_state: 'open' | 'closed' | null;
};

/**
 * What the viewer may do with an attachment on this owner, in this category, before it exists:
 * the access predicates evaluated over the row it would be.
 */
export async function checkOwner(
  tx: Tx,
  auth: AuthContext,
  owner: OwnerColumns,
  categoryId: string,
): Promise<OwnerCheck> {
  const entityId = auth.entity.id;
  const item =
    owner.itemKind && owner.itemId
      ? sql`EXISTS (SELECT 1 FROM ${sql.identifier(ITEM_TABLES[owner.itemKind])} x
          WHERE x.entity_id = a.entity_id AND x.case_file_id = a.case_file_id
            AND x.id = ${owner.itemId})`
      : sql`TRUE`;
  const [row] = await rowsOf<OwnerCheck>(
    tx,
    sql`SELECT
        CASE WHEN a.person_id IS NOT NULL
          THEN EXISTS (SELECT 1 FROM persons p WHERE p.entity_id = a.entity_id AND p.id = a.person_id)
          ELSE EXISTS (SELECT 1 FROM case_files cf WHERE cf.entity_id = a.entity_id
            AND cf.id = a.case_file_id AND ${visible(viewerOf(auth))}) END AS found,
        ${item} AS item_found,
        ${attachmentScope(auth, 'attach')} AS may_attach,
        (SELECT cf.state FROM case_files cf
          WHERE cf.entity_id = a.entity_id AND cf.id = a.case_file_id) AS file_state
      FROM (SELECT ${entityId}::uuid AS entity_id, ${owner.personId}::uuid AS person_id,
        ${owner.caseFileId}::uuid AS case_file_id, ${categoryId}::uuid AS category_id) a`,
  );
  return row!;
}

/**
 * What the entity's attachments take and its quota, and how many uploads the professional has in
 * progress. `used` counts ready files whole and uploads in progress by the bytes they have
 * received (an upload declared large and never sent takes no room); the cap of uploads in progress
 * per professional (ATTACHMENT_MAX_UPLOADS_IN_PROGRESS) bounds what those still to come may add.
 * Two creations at once in one entity queue on a transaction-level advisory lock, so that both
 * cannot pass either check.
 */
export async function lockQuota(tx: Tx, entityId: string, professionalId: string) {
  await tx.execute(
    sql`SELECT pg_advisory_xact_lock(hashtextextended(${`caliu.attachments:${entityId}`}, 0))`,
  );
  const [row] = await rowsOf<{ used: number; quota: number; in_progress: number }>(
    tx,
    sql`SELECT (SELECT coalesce(sum(CASE WHEN a.state = 'ready' THEN a.size
          ELSE a.received_bytes END), 0)
        FROM attachments a WHERE a.entity_id = ${entityId})::float8 AS used,
      e.attachment_quota_bytes::float8 AS quota,
      (SELECT count(*) FROM attachments a WHERE a.entity_id = ${entityId}
        AND a.state = 'uploading' AND a.uploaded_by = ${professionalId})::int AS in_progress
      FROM entities e WHERE e.id = ${entityId}`,
  );
  return row!;
}

export type OwnerRights = {
  view_identity: boolean;
  view_other: boolean;
  attach_identity: boolean;
  attach_other: boolean;
};

/**
 * What the viewer may see and attach on this owner, by kind of category (identity or any other):
 * attachmentScope over the row an attachment of each kind would be — the predicate creation
 * checks — and, on a case file or an item, the case file open (creation refuses a closed one).
 */
export async function ownerRights(
  tx: Tx,
  auth: AuthContext,
  owner: OwnerColumns,
): Promise<OwnerRights> {
  const open = owner.personId
    ? sql`TRUE`
    : sql`EXISTS (SELECT 1 FROM case_files cf WHERE cf.entity_id = a.entity_id
        AND cf.id = a.case_file_id AND cf.state = 'open')`;
  const may = (need: Need, identity: boolean) =>
    sql`coalesce(${attachmentScope(auth, need, identity ? sql`TRUE` : sql`FALSE`)}, FALSE)`;
  const [row] = await rowsOf<OwnerRights>(
    tx,
    sql`SELECT ${may('view', true)} AS view_identity, ${may('view', false)} AS view_other,
        (${may('attach', true)} AND ${open}) AS attach_identity,
        (${may('attach', false)} AND ${open}) AS attach_other
      FROM (SELECT ${auth.entity.id}::uuid AS entity_id, ${owner.personId}::uuid AS person_id,
        ${owner.caseFileId}::uuid AS case_file_id, NULL::uuid AS category_id) a`,
  );
  return row!;
}

export type NewAttachment = OwnerColumns & {
  entityId: string;
  title: string;
  categoryId: string;
  documentDate: string;
  fileName: string;
  size: number;
  uploadedBy: string;
  now: Date;
};

export async function insertAttachment(tx: Tx, v: NewAttachment): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`INSERT INTO attachments (entity_id, person_id, case_file_id, item_kind, item_id, title,
        category_id, document_date, file_name, size, uploaded_by, created_at, last_activity_at)
      VALUES (${v.entityId}, ${v.personId}, ${v.caseFileId}, ${v.itemKind}, ${v.itemId},
        ${v.title}, ${v.categoryId}, ${v.documentDate}, ${v.fileName}, ${v.size},
        ${v.uploadedBy}, ${v.now.toISOString()}, now())
      RETURNING id`,
  );
  return row!.id;
}

// ─── Reading for a professional ──────────────────────────────────────────────────────────────

export type AttachmentRow = {
  id: string;
  person_id: string | null;
  case_file_id: string | null;
  item_kind: AttachmentItemKind | null;
  item_id: string | null;
  title: string;
  category_id: string;
  category_code: string;
  category_labels: Partial<Record<Language, string>> | null;
  document_date: string;
  file_name: string;
  media_type: AttachmentMediaType | null;
  size: number;
  received_bytes: number;
  chunk_count: number;
  sha256: string | null;
  state: AttachmentState;
  uploaded_by: string | null;
  uploader_name: string | null;
  created_at: Date | string;
  may_delete: boolean;
  subject_ids: string[];
};

function selectFor(auth: AuthContext, now: Date, need: Need, where: SQL, lock = false): SQL {
  return sql`SELECT a.id, a.person_id, a.case_file_id, a.item_kind, a.item_id, a.title,
      a.category_id, c.code AS category_code, c.labels AS category_labels,
      a.document_date::text AS document_date, a.file_name, a.media_type, a.size::float8 AS size,
      a.received_bytes::float8 AS received_bytes, a.chunk_count, a.sha256, a.state,
      a.uploaded_by, pr.given_name || ' ' || pr.surnames AS uploader_name, a.created_at,
      coalesce(${mayDelete(auth, now)}, FALSE) AS may_delete, ${SUBJECTS} AS subject_ids
    FROM attachments a
    JOIN catalogue_items c ON c.entity_id = a.entity_id AND c.id = a.category_id
    LEFT JOIN professionals pr ON pr.entity_id = a.entity_id AND pr.id = a.uploaded_by
    WHERE a.entity_id = ${auth.entity.id} AND ${where}
      AND coalesce(${attachmentScope(auth, need)}, FALSE)
    ${lock ? sql`FOR UPDATE OF a` : sql``}`;
}

async function one(tx: Tx, query: SQL): Promise<AttachmentRow | null> {
  const [row] = await rowsOf<AttachmentRow>(tx, query);
  return row ?? null;
}

/** Ready attachments, and the viewer's own uploads in progress when `uploading` says so. */
const shown = (auth: AuthContext, uploading: boolean) =>
  uploading
    ? sql`(a.state = 'ready' OR (a.state = 'uploading' AND a.uploaded_by = ${auth.professionalId}))`
    : sql`a.state = 'ready'`;

/**
 * One attachment the viewer sees — ready, or (with `uploading`) their own in progress — or null
 * (missing and out of sight alike). `lock` holds it for a change.
 */
export async function findVisible(
  tx: Tx,
  auth: AuthContext,
  id: string,
  now: Date,
  options: { uploading?: boolean; lock?: boolean } = {},
): Promise<AttachmentRow | null> {
  const where = sql`a.id = ${id} AND ${shown(auth, options.uploading ?? false)}`;
  return one(tx, selectFor(auth, now, 'view', where, options.lock));
}

/**
 * The viewer's own upload in progress, locked, if they may still attach there and its owner still
 * holds it; null otherwise (someone else's, finished, gone, its item deleted or moved without it,
 * or out of their reach: all "not found").
 */
export async function lockOwnUpload(
  tx: Tx,
  auth: AuthContext,
  id: string,
  now: Date,
): Promise<AttachmentRow | null> {
  const where = sql`a.id = ${id} AND a.state = 'uploading'
    AND a.uploaded_by = ${auth.professionalId} AND ${OWNER_HOLDS}`;
  return one(tx, selectFor(auth, now, 'attach', where, true));
}

export type ListWhere = {
  owner: SQL;
  categoryId?: string | undefined;
  uploading: boolean;
};

/** A record's attachments the viewer sees, newest first. */
export async function listVisible(
  tx: Tx,
  auth: AuthContext,
  now: Date,
  where: ListWhere,
  limit: number,
): Promise<AttachmentRow[]> {
  const category = where.categoryId ? sql`AND a.category_id = ${where.categoryId}` : sql``;
  return rowsOf<AttachmentRow>(
    tx,
    sql`${selectFor(auth, now, 'view', sql`${where.owner} ${category} AND ${shown(auth, where.uploading)}`)}
      ORDER BY a.created_at DESC, a.id DESC
      LIMIT ${limit}`,
  );
}

/** The owner conditions of a list: a person's, a case file's (with its items'), an item's. */
export const ownerWhere = {
  person: (personId: string) => sql`a.person_id = ${personId}`,
  caseFile: (caseFileId: string, withItems: boolean) =>
    withItems
      ? sql`a.case_file_id = ${caseFileId}`
      : sql`a.case_file_id = ${caseFileId} AND a.item_kind IS NULL`,
  item: (caseFileId: string, kind: AttachmentItemKind, itemId: string) =>
    sql`a.case_file_id = ${caseFileId} AND a.item_kind = ${kind} AND a.item_id = ${itemId}`,
};

/** Whether the viewer sees the person's basic data (the door of a person's attachments). */
export async function personVisible(tx: Tx, auth: AuthContext, personId: string) {
  const [row] = await rowsOf<{ yes: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM persons p
      WHERE p.entity_id = ${auth.entity.id} AND p.id = ${personId}
        AND ${personScope('persons.view_basic', auth.grants['persons.view_basic'], auth.professionalId)}) AS yes`,
  );
  return row?.yes === true;
}

/** Whether the item is one of the case file's (for a list of its attachments). */
export async function itemExists(
  tx: Tx,
  entityId: string,
  caseFileId: string,
  kind: AttachmentItemKind,
  itemId: string,
): Promise<boolean> {
  const [row] = await rowsOf<{ yes: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM ${sql.identifier(ITEM_TABLES[kind])} x
      WHERE x.entity_id = ${entityId} AND x.case_file_id = ${caseFileId} AND x.id = ${itemId}) AS yes`,
  );
  return row?.yes === true;
}
