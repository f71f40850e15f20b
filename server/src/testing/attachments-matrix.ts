import { sql } from 'drizzle-orm';
import { type AttachmentOwner, type Role } from '@caliu/common';
import { minimalPdf, sha256 } from './attachment-files';
import {
  categoryId,
  createTestAttachment,
  type TestAttachmentInput,
} from './attachments-factories';
import { caseFileFor } from './case-files-matrix';
import { createTestProfessional, type TestEntity } from './factories';
import type { Caller, ExpectedRow, Relation } from './matrix/expected';
import type { CellRequest, Scenario } from './matrix/scenarios';
import type { World } from './matrix/world';
import { personFor } from './persons-matrix';

/**
 * The authorization matrix's rows and scenarios for attachments (decision 0007), written by hand
 * from DESIGN.md and the decision: access follows the record. On a person, an identity document
 * is for whoever keeps basic data (`persons.edit_basic`, entity-wide: aux. admin, tech. admin,
 * technicians, coordinator — not the operator, whose basic data is there to link help requests:
 * their list of a person's documents answers, empty); any other category for whoever sees the
 * content of a case file holding the person (technicians own, coordinator team). On a case file
 * or an item, that case file's content scope, SIAD's for their circle alone. An upload's chunks
 * and completion are its uploader's alone, within that same reach. Deleting: the uploader within
 * a day, or a coordinator of the record's team.
 *
 * Relations of the upload routes: `self` is the caller's own upload, `team` a colleague's of the
 * caller's team, `other_entity` one of another entity.
 */

const NONE: Relation[] = ['none'];
const RECORD: Relation[] = ['own', 'team', 'other_team', 'other_entity'];
const ENTITY_WIDE: Relation[] = ['own', 'team', 'other_team'];
const OWN: Relation[] = ['own'];
const TEAM: Relation[] = ['own', 'team'];
const UPLOADS: Relation[] = ['self', 'team', 'other_entity'];
const TECHNICIANS: Role[] = ['tech_ssb', 'tech_siad', 'tech_sad', 'tech_immigration', 'tech_eaia'];
const EDITORS: Role[] = ['aux_admin', 'tech_admin', ...TECHNICIANS, 'coordinator'];
const VIEWERS: Role[] = [...EDITORS, 'operator'];

const allow = (roles: Role[], relations: Relation[]) =>
  Object.fromEntries(roles.map((r) => [r, relations])) as Partial<Record<Caller, Relation[]>>;

/** A case file's content: technicians own, the coordinator team; no one else. */
const CONTENT = { ...allow(TECHNICIANS, OWN), coordinator: TEAM };
/** SIAD: its technician (own) and the coordinators of its team, whatever the grant. */
const SIAD = { tech_siad: OWN, coordinator: TEAM };

export const ATTACHMENTS_EXPECTED: Record<string, ExpectedRow> = {
  'GET /api/attachments/categories': { relations: NONE, allow: allow(VIEWERS, NONE) },
  // A person's identity documents: basic data.
  'GET /api/attachments': { relations: RECORD, allow: allow(VIEWERS, ENTITY_WIDE) },
  'GET /api/attachments (case file)': {
    relations: RECORD,
    allow: CONTENT,
    permission: 'content.view',
  },
  'GET /api/attachments (siad)': { relations: RECORD, allow: SIAD },
  'GET /api/attachments (item)': { relations: RECORD, allow: CONTENT, permission: 'content.view' },
  'POST /api/attachments': { relations: RECORD, allow: allow(EDITORS, ENTITY_WIDE) },
  // Any other category on a person: the full record (a case file holding them).
  'POST /api/attachments (person, health)': {
    relations: RECORD,
    allow: CONTENT,
    permission: 'content.edit',
  },
  'POST /api/attachments (case file)': {
    relations: RECORD,
    allow: CONTENT,
    permission: 'content.edit',
  },
  'POST /api/attachments (item)': { relations: RECORD, allow: CONTENT, permission: 'content.edit' },
  'POST /api/attachments (siad)': { relations: RECORD, allow: SIAD },
  'PUT /api/attachments/:attachmentId/chunks/:index': {
    relations: UPLOADS,
    allow: allow(EDITORS, ['self']),
  },
  // The caller's own upload on a SIAD case file in the relation: theirs to go on with only
  // inside the SIAD circle.
  'PUT /api/attachments/:attachmentId/chunks/:index (siad)': { relations: RECORD, allow: SIAD },
  'POST /api/attachments/:attachmentId/complete': {
    relations: UPLOADS,
    allow: allow(EDITORS, ['self']),
  },
  'POST /api/attachments/:attachmentId/complete (siad)': { relations: RECORD, allow: SIAD },
  // A person's identity document: whoever keeps basic data, not the operator.
  'GET /api/attachments/:attachmentId/content': {
    relations: RECORD,
    allow: allow(EDITORS, ENTITY_WIDE),
    permission: 'persons.edit_basic',
  },
  'GET /api/attachments/:attachmentId/content (person, health)': {
    relations: RECORD,
    allow: CONTENT,
    permission: 'content.view',
  },
  'GET /api/attachments/:attachmentId/content (case file)': {
    relations: RECORD,
    allow: CONTENT,
    permission: 'content.view',
  },
  'GET /api/attachments/:attachmentId/content (siad)': { relations: RECORD, allow: SIAD },
  // One's own upload (a person's identity document) within a day; a coordinator of the
  // person's team (`team`: a colleague's upload on a person of the team they coordinate).
  'DELETE /api/attachments/:attachmentId': {
    relations: ['self', 'team', 'other_team', 'other_entity'],
    allow: { ...allow(EDITORS, ['self']), coordinator: ['self', 'team'] },
  },
  // After a day, one's own upload is the coordinator's to delete (here the caller's team's).
  'DELETE /api/attachments/:attachmentId (after a day)': {
    relations: ['self'],
    allow: { coordinator: ['self'] },
  },
  // A colleague's upload on a case file: a coordinator of the case file's team.
  'DELETE /api/attachments/:attachmentId (case file)': {
    relations: ['team', 'other_team', 'other_entity'],
    allow: { coordinator: ['team'] },
  },
  // The caller's own upload on a SIAD case file: theirs to delete only inside the circle.
  'DELETE /api/attachments/:attachmentId (siad)': { relations: RECORD, allow: SIAD },
};

/** The entity of a relation's records: B for another entity, A otherwise. */
const entityOf = (w: World, relation: Relation): TestEntity =>
  relation === 'other_entity' ? w.b : w.a;

/** The caller's professional id in entity A (the support agent's is elsewhere: none). */
function callerIn(w: World, caller: Caller): string | null {
  if (caller === 'anonymous') return null;
  const actor = w.actors[caller];
  return actor.entity.id === w.a.id ? actor.id : null;
}

/** Document categories of each entity by code, read once. */
const categories = new Map<string, string>();
async function category(w: World, entity: TestEntity, code: string): Promise<string> {
  const key = `${entity.id}:${code}`;
  if (!categories.has(key)) {
    categories.set(key, await w.db.tenant(entity.id, (tx) => categoryId(tx, entity.id, code)));
  }
  return categories.get(key)!;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * The referent of the `team` relation's case files: a technician of the north team of its own.
 * The world's north colleague will not do: the caseload rows, walked before these, leave the SSB
 * technician covering that colleague's files (a cover makes them the technician's own).
 */
const teamReferents = new WeakMap<World, Promise<string>>();
function teamReferent(w: World): Promise<string> {
  if (!teamReferents.has(w)) {
    teamReferents.set(
      w,
      createTestProfessional(w.db, w.a, { roles: ['tech_ssb'], teams: [w.a.teams.north] }).then(
        (p) => p.id,
      ),
    );
  }
  return teamReferents.get(w)!;
}

/** A case file in the relation to the caller (see caseFileFor), its `team` referent uncovered. */
const fileFor = async (
  w: World,
  caller: Caller,
  relation: Relation,
  extra: Parameters<typeof caseFileFor>[3] = {},
) => caseFileFor(w, caller, relation, { ...extra, teamReferent: await teamReferent(w) });

type OwnerKind = 'person identity' | 'person health' | 'case file' | 'item' | 'siad';

/** The owner of a cell's attachment: the record of that kind in the relation to the caller. */
async function ownerFor(
  w: World,
  caller: Caller,
  relation: Relation,
  kind: OwnerKind,
): Promise<{ owner: AttachmentOwner; category: string }> {
  switch (kind) {
    case 'person identity':
      return {
        owner: { type: 'person', personId: await personFor(w, caller, relation) },
        category: 'identity',
      };
    case 'person health': {
      // The person is the holder of a case file in the relation: its content is the full record.
      const file = await fileFor(w, caller, relation);
      return { owner: { type: 'person', personId: file.holderId }, category: 'health' };
    }
    case 'item': {
      const file = await fileFor(w, caller, relation, { interview: true });
      return {
        owner: {
          type: 'item',
          caseFileId: file.id,
          itemKind: 'intervention',
          itemId: file.interventionId!,
        },
        category: 'other',
      };
    }
    default: {
      const file = await fileFor(w, caller, relation, { siad: kind === 'siad' });
      return { owner: { type: 'case_file', caseFileId: file.id }, category: 'legal' };
    }
  }
}

/**
 * Starting an upload on an owner of that kind (the category ids are entity A's, the caller's).
 * Each cell starts from none of the caller's uploads in progress: they may have only a few at
 * once (ATTACHMENT_MAX_UPLOADS_IN_PROGRESS), and the cells before left theirs.
 */
const create =
  (kind: OwnerKind): Scenario =>
  async (w, caller, relation) => {
    const { owner, category: code } = await ownerFor(w, caller, relation, kind);
    const me = callerIn(w, caller);
    if (me) {
      await w.db.asOwner((tx) =>
        tx.execute(sql`DELETE FROM attachments WHERE state = 'uploading' AND uploaded_by = ${me}`),
      );
    }
    return {
      method: 'POST',
      url: '/api/attachments',
      payload: {
        owner,
        title: 'Matrix',
        categoryId: await category(w, w.a, code),
        documentDate: today(),
        fileName: 'matrix.pdf',
        size: 1000,
      },
    };
  };

/** A ready attachment on an owner of that kind, uploaded by a colleague; then the request. */
const onAttachment =
  (kind: OwnerKind, request: (id: string, owner: AttachmentOwner) => CellRequest): Scenario =>
  async (w, caller, relation) => {
    const { owner, category: code } = await ownerFor(w, caller, relation, kind);
    const id = await createTestAttachment(w.db, entityOf(w, relation), { owner, category: code });
    return request(id, owner);
  };

const download = (id: string): CellRequest => ({
  method: 'GET',
  url: `/api/attachments/${id}/content`,
});

function listOf(owner: AttachmentOwner): CellRequest {
  const id = owner.type === 'person' ? owner.personId : owner.caseFileId;
  const item = owner.type === 'item' ? `&itemKind=${owner.itemKind}&itemId=${owner.itemId}` : '';
  return { method: 'GET', url: `/api/attachments?ownerType=${owner.type}&ownerId=${id}${item}` };
}

/** The caller's own upload (another entity's: a colleague there) on a SIAD case file. */
async function siadUpload(
  w: World,
  caller: Caller,
  relation: Relation,
  input: Omit<TestAttachmentInput, 'owner'>,
): Promise<string> {
  const { owner } = await ownerFor(w, caller, relation, 'siad');
  return createTestAttachment(w.db, entityOf(w, relation), {
    owner,
    category: 'legal',
    uploadedBy: relation === 'other_entity' ? w.colleagues.otherEntity.id : callerIn(w, caller),
    ...input,
  });
}

/** An upload in the relation: the caller's own, a colleague's of their team, another entity's. */
async function uploadFor(
  w: World,
  caller: Caller,
  relation: Relation,
  input: Omit<TestAttachmentInput, 'owner'>,
): Promise<string> {
  const entity = entityOf(w, relation);
  const uploadedBy =
    relation === 'self'
      ? (callerIn(w, caller) ?? w.colleagues.north.id)
      : relation === 'other_entity'
        ? w.colleagues.otherEntity.id
        : w.colleagues.north.id;
  const personId = await personFor(w, caller, relation === 'other_entity' ? relation : 'team');
  return createTestAttachment(w.db, entity, {
    owner: { type: 'person', personId },
    category: 'identity',
    uploadedBy,
    ...input,
  });
}

const PDF = minimalPdf('Matrix');

export const ATTACHMENTS_SCENARIOS: Record<string, Scenario> = {
  'GET /api/attachments/categories': async () => ({
    method: 'GET',
    url: '/api/attachments/categories',
  }),
  'GET /api/attachments': onAttachment('person identity', (_id, owner) => listOf(owner)),
  'GET /api/attachments (case file)': onAttachment('case file', (_id, owner) => listOf(owner)),
  'GET /api/attachments (siad)': onAttachment('siad', (_id, owner) => listOf(owner)),
  'GET /api/attachments (item)': onAttachment('item', (_id, owner) => listOf(owner)),
  'POST /api/attachments': create('person identity'),
  'POST /api/attachments (person, health)': create('person health'),
  'POST /api/attachments (case file)': create('case file'),
  'POST /api/attachments (item)': create('item'),
  'POST /api/attachments (siad)': create('siad'),
  'PUT /api/attachments/:attachmentId/chunks/:index': async (w, caller, relation) => {
    const id = await uploadFor(w, caller, relation, { state: 'uploading', content: PDF });
    return {
      method: 'PUT',
      url: `/api/attachments/${id}/chunks/0`,
      payload: PDF,
      headers: { 'content-type': 'application/octet-stream' },
    };
  },
  'PUT /api/attachments/:attachmentId/chunks/:index (siad)': async (w, caller, relation) => {
    const id = await siadUpload(w, caller, relation, { state: 'uploading', content: PDF });
    return {
      method: 'PUT',
      url: `/api/attachments/${id}/chunks/0`,
      payload: PDF,
      headers: { 'content-type': 'application/octet-stream' },
    };
  },
  'POST /api/attachments/:attachmentId/complete': async (w, caller, relation) => {
    const id = await uploadFor(w, caller, relation, { state: 'uploaded', content: PDF });
    return {
      method: 'POST',
      url: `/api/attachments/${id}/complete`,
      payload: { sha256: sha256(PDF) },
    };
  },
  'POST /api/attachments/:attachmentId/complete (siad)': async (w, caller, relation) => {
    const id = await siadUpload(w, caller, relation, { state: 'uploaded', content: PDF });
    return {
      method: 'POST',
      url: `/api/attachments/${id}/complete`,
      payload: { sha256: sha256(PDF) },
    };
  },
  'GET /api/attachments/:attachmentId/content': onAttachment('person identity', download),
  'GET /api/attachments/:attachmentId/content (person, health)': onAttachment(
    'person health',
    download,
  ),
  'GET /api/attachments/:attachmentId/content (case file)': onAttachment('case file', download),
  'GET /api/attachments/:attachmentId/content (siad)': onAttachment('siad', download),
  'DELETE /api/attachments/:attachmentId': async (w, caller, relation) => {
    const entity = entityOf(w, relation);
    const personId = await personFor(w, caller, relation === 'self' ? 'team' : relation);
    const uploadedBy =
      relation === 'self'
        ? callerIn(w, caller)
        : relation === 'other_team'
          ? w.colleagues.south.id
          : relation === 'other_entity'
            ? w.colleagues.otherEntity.id
            : w.colleagues.north.id;
    const id = await createTestAttachment(w.db, entity, {
      owner: { type: 'person', personId },
      category: 'identity',
      uploadedBy,
    });
    return { method: 'DELETE', url: `/api/attachments/${id}` };
  },
  'DELETE /api/attachments/:attachmentId (after a day)': async (w, caller) => {
    const personId = await personFor(w, caller, 'team');
    const id = await createTestAttachment(w.db, w.a, {
      owner: { type: 'person', personId },
      category: 'identity',
      uploadedBy: callerIn(w, caller),
      at: new Date(Date.now() - 25 * 3600_000),
    });
    return { method: 'DELETE', url: `/api/attachments/${id}` };
  },
  'DELETE /api/attachments/:attachmentId (case file)': async (w, caller, relation) => {
    const { owner } = await ownerFor(w, caller, relation, 'case file');
    const uploadedBy =
      relation === 'other_team'
        ? w.colleagues.south.id
        : relation === 'other_entity'
          ? w.colleagues.otherEntity.id
          : w.colleagues.north.id;
    const id = await createTestAttachment(w.db, entityOf(w, relation), { owner, uploadedBy });
    return { method: 'DELETE', url: `/api/attachments/${id}` };
  },
  'DELETE /api/attachments/:attachmentId (siad)': async (w, caller, relation) => {
    const id = await siadUpload(w, caller, relation, {});
    return { method: 'DELETE', url: `/api/attachments/${id}` };
  },
};
