import type { Role } from '@caliu/common';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/connect';
import { caseFileFor } from './case-files-matrix';
import { createTestProfessional, type TestEntity } from './factories';
import type { Caller, ExpectedRow, Relation } from './matrix/expected';
import type { Scenario } from './matrix/scenarios';
import type { World } from './matrix/world';
import { createTestPerson } from './persons-factories';

/**
 * The authorization matrix's rows and scenarios for coordinator requests and the self-diagnosis
 * (issue 19, decision 0009), written by hand from DESIGN.md and the seed: whoever may open a
 * ticket (`support.open_ticket`, every role) may hand a request to coordinators and run the
 * diagnosis — about records they see: persons by `persons.view_basic`, case files by
 * `case_files.view` (technicians their own, the coordinator their teams', the technical
 * administrator every one). Those routes' own rows hold no cell (no request passes for a role that
 * sees no record at all: the administrator, the head of operations, the support agent); their
 * variants, one per kind of record, prove them. Requests addressed to a coordinator are theirs to
 * list and close (`support.coordinator_requests`, the team relation); one's own requests are
 * one's own to list and read.
 *
 * Relations: `self` a request of the caller's; `team` a request addressed to the matrix's
 * coordinator (of the north team); `other_team` one addressed to someone else; `other_entity` one
 * of entity B. For the variants on records: a person of the north team (`none`) or of entity B,
 * and the case files of case-files-matrix.ts.
 */

const NONE: Relation[] = ['none'];
const RECORD: Relation[] = ['own', 'team', 'other_team', 'other_entity'];
const EVERY_ROLE: Role[] = [
  'aux_admin',
  'tech_admin',
  'tech_ssb',
  'tech_siad',
  'tech_sad',
  'tech_immigration',
  'tech_eaia',
  'coordinator',
  'administrator',
  'operator',
  'head_of_operations',
  'support_agent',
];
const TECHNICIANS: Role[] = ['tech_ssb', 'tech_siad', 'tech_sad', 'tech_immigration', 'tech_eaia'];
/** Who sees person records (basic data): everyone but the administrators and the agent. */
const PERSON_VIEWERS: Role[] = [
  'aux_admin',
  'tech_admin',
  ...TECHNICIANS,
  'coordinator',
  'operator',
];

function allow(roles: readonly Caller[], relations: Relation[]) {
  return Object.fromEntries(roles.map((role) => [role, relations])) as Partial<
    Record<Caller, Relation[]>
  >;
}

/** A case file's header: technicians own, the coordinator team, the technical administrator all. */
const CASE_FILE_READERS = {
  ...allow(TECHNICIANS, ['own']),
  coordinator: ['own', 'team'] as Relation[],
  tech_admin: ['own', 'team', 'other_team'] as Relation[],
};

export const COORDINATOR_REQUESTS_EXPECTED: Record<string, ExpectedRow> = {
  'GET /api/support/coordinators': { relations: NONE, allow: allow(EVERY_ROLE, NONE) },
  // Proven by its variants (see above).
  'POST /api/support/coordinator-requests': { relations: [], allow: allow(EVERY_ROLE, NONE) },
  'POST /api/support/coordinator-requests (persons)': {
    relations: ['none', 'other_entity'],
    allow: allow(PERSON_VIEWERS, NONE),
    permission: 'persons.view_basic',
  },
  'POST /api/support/coordinator-requests (case file)': {
    relations: RECORD,
    allow: CASE_FILE_READERS,
    permission: 'case_files.view',
  },
  'GET /api/support/coordinator-requests': { relations: NONE, allow: allow(EVERY_ROLE, NONE) },
  'GET /api/support/coordinator-requests (coordinator)': {
    relations: NONE,
    allow: { coordinator: NONE },
    permission: 'support.coordinator_requests',
  },
  'GET /api/support/coordinator-requests/:id': {
    relations: ['self', 'other_team', 'other_entity'],
    allow: allow(EVERY_ROLE, ['self']),
  },
  'GET /api/support/coordinator-requests/:id (coordinator)': {
    relations: ['team', 'other_team', 'other_entity'],
    allow: { coordinator: ['team'] },
    permission: 'support.coordinator_requests',
  },
  'POST /api/support/coordinator-requests/:id/close': {
    relations: ['team', 'other_team', 'other_entity'],
    allow: { coordinator: ['team'] },
  },
  // Proven by its variant (see above).
  'POST /api/support/diagnose/content': { relations: [], allow: allow(EVERY_ROLE, NONE) },
  'POST /api/support/diagnose/content (case file)': {
    relations: RECORD,
    allow: CASE_FILE_READERS,
    permission: 'case_files.view',
  },
};

/**
 * A second coordinator of the north team, so that a request of the matrix's coordinator (who is
 * never their own recipient) reaches someone; they coordinate the south team too, since a request
 * on a case file of a team reaches only that team's coordinators.
 */
const coCoordinators = new WeakMap<World, Promise<string>>();
function coCoordinatorOf(w: World): Promise<string> {
  let id = coCoordinators.get(w);
  if (!id) {
    id = createTestProfessional(w.db, w.a, {
      roles: ['coordinator'],
      coordinates: [w.a.teams.north, w.a.teams.south],
    }).then((p) => p.id);
    coCoordinators.set(w, id);
  }
  return id;
}

/** A request stored straight into the database, from `requesterId` to `recipientId`. */
async function requestIn(
  w: World,
  entity: TestEntity,
  requesterId: string,
  recipientId: string,
): Promise<string> {
  const person = await createTestPerson(w.db, entity);
  return w.db.tenant(entity.id, async (tx) => {
    const [row] = await rowsOf<{ id: string }>(
      tx,
      sql`INSERT INTO coordinator_requests (entity_id, kind, requester_id, person_ids, created_at)
        VALUES (${entity.id}, 'delete_persons', ${requesterId}, ${`{${person}}`}::uuid[], now())
        RETURNING id`,
    );
    await tx.execute(sql`INSERT INTO coordinator_request_recipients (entity_id, request_id,
        coordinator_id) VALUES (${entity.id}, ${row!.id}, ${recipientId})`);
    return row!.id;
  });
}

/** The request of the cell: the caller's own (`self`), or addressed by relation (see above). */
async function requestFor(w: World, caller: Caller, relation: Relation): Promise<string> {
  const coordinator = w.actors.coordinator.id;
  switch (relation) {
    case 'self': {
      if (caller === 'anonymous') return randomUUID();
      const actor = w.actors[caller];
      return requestIn(w, actor.entity, actor.id, actor.id);
    }
    case 'team':
      return requestIn(w, w.a, w.colleagues.north.id, coordinator);
    case 'other_team':
      return requestIn(w, w.a, w.colleagues.north.id, w.colleagues.south.id);
    default:
      return requestIn(w, w.b, w.colleagues.otherEntity.id, w.colleagues.otherEntity.id);
  }
}

export const COORDINATOR_REQUESTS_SCENARIOS: Record<string, Scenario> = {
  'GET /api/support/coordinators': async () => ({
    method: 'GET',
    url: '/api/support/coordinators',
  }),
  'POST /api/support/coordinator-requests': async (w) => ({
    method: 'POST',
    url: '/api/support/coordinator-requests',
    payload: {
      kind: 'delete_persons',
      personIds: [await createTestPerson(w.db, w.a)],
      note: '',
    },
  }),
  'POST /api/support/coordinator-requests (persons)': async (w, _caller, relation) => {
    await coCoordinatorOf(w);
    const person = await createTestPerson(w.db, relation === 'other_entity' ? w.b : w.a);
    return {
      method: 'POST',
      url: '/api/support/coordinator-requests',
      payload: { kind: 'delete_persons', personIds: [person], note: 'Recorded twice' },
    };
  },
  'POST /api/support/coordinator-requests (case file)': async (w, caller, relation) => {
    await coCoordinatorOf(w);
    const file = await caseFileFor(w, caller, relation);
    return {
      method: 'POST',
      url: '/api/support/coordinator-requests',
      payload: {
        kind: 'unlink_persons',
        caseFileId: file.id,
        personIds: [file.holderId],
        note: '',
      },
    };
  },
  'GET /api/support/coordinator-requests': async () => ({
    method: 'GET',
    url: '/api/support/coordinator-requests?role=requester',
  }),
  'GET /api/support/coordinator-requests (coordinator)': async () => ({
    method: 'GET',
    url: '/api/support/coordinator-requests?role=coordinator',
  }),
  'GET /api/support/coordinator-requests/:id': async (w, caller, relation) => ({
    method: 'GET',
    url: `/api/support/coordinator-requests/${await requestFor(w, caller, relation)}`,
  }),
  'GET /api/support/coordinator-requests/:id (coordinator)': async (w, caller, relation) => ({
    method: 'GET',
    url: `/api/support/coordinator-requests/${await requestFor(w, caller, relation)}`,
  }),
  'POST /api/support/coordinator-requests/:id/close': async (w, caller, relation) => ({
    method: 'POST',
    url: `/api/support/coordinator-requests/${await requestFor(w, caller, relation)}/close`,
    payload: { outcome: 'done' },
  }),
  'POST /api/support/diagnose/content': async (w) => {
    const file = await caseFileFor(w, 'tech_ssb', 'team');
    return {
      method: 'POST',
      url: '/api/support/diagnose/content',
      payload: { personId: file.holderId, caseFileId: file.id, kind: 'intervention' },
    };
  },
  'POST /api/support/diagnose/content (case file)': async (w, caller, relation) => {
    const file = await caseFileFor(w, caller, relation);
    return {
      method: 'POST',
      url: '/api/support/diagnose/content',
      payload: { personId: file.holderId, caseFileId: file.id, kind: 'intervention' },
    };
  },
};
