import type { Role } from '@caliu/common';
import { eq } from 'drizzle-orm';
import { supportTickets } from '../db/schema';
import { createTestProfessional, type TestEntity } from './factories';
import type { Caller, ExpectedRow, Relation } from './matrix/expected';
import type { Scenario } from './matrix/scenarios';
import type { World } from './matrix/world';
import { minimalPng, sha256 } from './attachment-files';
import { createTestCaseFile } from './case-files-factories';
import { insertTicket } from '../modules/support/repository';
import { createTestTicket, createTestTicketAttachment } from './support-factories';

/**
 * The authorization matrix's rows and scenarios for support tickets (issue 19, decision 0009),
 * written by hand from DESIGN.md ("support ticket: open" — every role, own tickets; "support
 * ticket: resolve" — the support agent, every entity):
 *
 * - the requester's routes: every role opens and checks tickets, and reads and answers its own
 *   only. Relations: `own` a ticket of the caller's; `other_team` a colleague's ticket in the
 *   caller's entity; `other_entity` a ticket of entity B.
 * - an agent's actions on one ticket: the support agent alone, in any entity. Relations: `none` a
 *   ticket of the caller's own entity; `other_entity` a ticket of another entity (the council A
 *   for the agent, B for anyone else).
 * - a ticket's files, on both sides: the requester's routes on their own ticket only, the agents'
 *   on any; an upload's chunks and completion, and a deletion, on the caller's own file (an
 *   upload by the ticket's requester in the requester's relations, by the caller as an agent).
 */

const NONE: Relation[] = ['none'];
const OWN: Relation[] = ['own'];
const REQUESTER_RELATIONS: Relation[] = ['own', 'other_team', 'other_entity'];
const AGENT_RELATIONS: Relation[] = ['none', 'other_entity'];
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

function everyone(relations: Relation[]): Partial<Record<Caller, Relation[]>> {
  return Object.fromEntries(EVERY_ROLE.map((role) => [role, relations]));
}

const AGENT = { support_agent: AGENT_RELATIONS };

/** The routes of a ticket's files, on each side's prefix. */
const REQUESTER_FILES = '/api/support/tickets/:id/attachments';
const AGENT_FILES = '/api/support/entities/:entityId/tickets/:ticketId/attachments';
const FILE_ROUTES = [
  'POST PREFIX',
  'PUT PREFIX/:attachmentId/chunks/:index',
  'POST PREFIX/:attachmentId/complete',
  'GET PREFIX/:attachmentId/content',
  'DELETE PREFIX/:attachmentId',
] as const;

export const SUPPORT_TICKETS_EXPECTED: Record<string, ExpectedRow> = {
  'POST /api/support/tickets': { relations: NONE, allow: everyone(NONE) },
  'POST /api/support/tickets/check': { relations: NONE, allow: everyone(NONE) },
  'GET /api/support/tickets/:id': { relations: REQUESTER_RELATIONS, allow: everyone(OWN) },
  'POST /api/support/tickets/:id/answer': {
    relations: REQUESTER_RELATIONS,
    allow: everyone(OWN),
  },
  'GET /api/support/entities/:entityId/tickets/:ticketId': {
    relations: AGENT_RELATIONS,
    allow: AGENT,
  },
  'POST /api/support/entities/:entityId/tickets/:ticketId/comments': {
    relations: AGENT_RELATIONS,
    allow: AGENT,
  },
  'POST /api/support/entities/:entityId/tickets/:ticketId/status': {
    relations: AGENT_RELATIONS,
    allow: AGENT,
  },
  'PUT /api/support/entities/:entityId/tickets/:ticketId/assignee': {
    relations: AGENT_RELATIONS,
    allow: AGENT,
  },
  'POST /api/support/entities/:entityId/tickets/:ticketId/operation/preview': {
    relations: AGENT_RELATIONS,
    allow: AGENT,
  },
  'POST /api/support/entities/:entityId/tickets/:ticketId/operation/run': {
    relations: AGENT_RELATIONS,
    allow: AGENT,
  },
  ...Object.fromEntries(
    FILE_ROUTES.flatMap((route) => [
      [
        route.replace('PREFIX', REQUESTER_FILES),
        { relations: REQUESTER_RELATIONS, allow: everyone(OWN) },
      ],
      [route.replace('PREFIX', AGENT_FILES), { relations: AGENT_RELATIONS, allow: AGENT }],
    ]),
  ),
};

const OTHER_BODY = { kind: 'other', fields: { text: 'How do I change my signature?' } };

/** A colleague of the caller in their own entity (a second agent for the support agent). */
const colleagues = new WeakMap<World, Promise<string>>();
async function colleagueOf(w: World, caller: Caller): Promise<{ entity: TestEntity; id: string }> {
  if (caller !== 'support_agent') return { entity: w.a, id: w.colleagues.north.id };
  let id = colleagues.get(w);
  if (!id) {
    id = createTestProfessional(w.db, w.provider, { roles: ['support_agent'] }).then((p) => p.id);
    colleagues.set(w, id);
  }
  return { entity: w.provider, id: await id };
}

function callerOf(w: World, caller: Caller) {
  return caller === 'anonymous'
    ? { entity: w.a, id: w.actors.tech_ssb.id }
    : { entity: w.actors[caller].entity, id: w.actors[caller].id };
}

/** The requester of a ticket in the relation: the caller, a colleague, or one of entity B. */
async function requesterOf(w: World, caller: Caller, relation: Relation) {
  if (relation === 'own') return callerOf(w, caller);
  if (relation === 'other_entity') return { entity: w.b, id: w.colleagues.otherEntity.id };
  return colleagueOf(w, caller);
}

/** A ticket in the requester relation: the caller's, a colleague's, or one of entity B. */
async function requesterTicket(w: World, caller: Caller, relation: Relation, waiting: boolean) {
  const owner = await requesterOf(w, caller, relation);
  const ticket = await createTestTicket(w.db, owner.entity, owner.id);
  if (waiting) {
    await w.db.tenant(owner.entity.id, (tx) =>
      tx
        .update(supportTickets)
        .set({ status: 'waiting_requester' })
        .where(eq(supportTickets.id, ticket.id)),
    );
  }
  return ticket.id;
}

/** A ticket in the agent relation: of the caller's own entity, or of another one. */
async function agentTicket(w: World, caller: Caller, relation: Relation) {
  const own = callerOf(w, caller);
  const owner =
    relation === 'none'
      ? own
      : own.entity.id === w.a.id
        ? { entity: w.b, id: w.colleagues.otherEntity.id }
        : { entity: w.a, id: w.colleagues.north.id };
  const ticket = await createTestTicket(w.db, owner.entity, owner.id);
  return `/api/support/entities/${owner.entity.id}/tickets/${ticket.id}`;
}

const PNG = minimalPng();
type FileState = 'uploading' | 'uploaded' | 'ready';

/** A ticket in the requester relation and a file on it by its requester: their base and id. */
async function requesterFile(w: World, caller: Caller, relation: Relation, state: FileState) {
  const owner = await requesterOf(w, caller, relation);
  const ticket = await createTestTicket(w.db, owner.entity, owner.id);
  const id = await createTestTicketAttachment(
    w.db,
    owner.entity,
    ticket.id,
    { side: 'requester', professionalId: owner.id },
    state,
  );
  return { base: `/api/support/tickets/${ticket.id}/attachments`, id };
}

/** A ticket in the agent relation and a file on it by the caller as an agent. */
async function agentFile(w: World, caller: Caller, relation: Relation, state: FileState) {
  const url = await agentTicket(w, caller, relation);
  const [, entityId, ticketId] = /entities\/([^/]+)\/tickets\/([^/]+)$/.exec(url)!;
  const id = await createTestTicketAttachment(
    w.db,
    { id: entityId! },
    ticketId!,
    { side: 'agent', agentId: callerOf(w, caller).id, name: 'Agent' },
    state,
  );
  return { base: `${url}/attachments`, id };
}

/**
 * A "delete case files" ticket in the agent relation, naming a case file of its entity that can
 * go: its base, for the operation's routes.
 */
async function operationTicket(w: World, caller: Caller, relation: Relation) {
  const own = callerOf(w, caller);
  const entity = relation === 'none' ? own.entity : own.entity.id === w.a.id ? w.b : w.a;
  const requester = entity.id === w.a.id ? w.colleagues.north.id : w.colleagues.otherEntity.id;
  const file = await createTestCaseFile(w.db, entity, {});
  const { id } = await w.db.tenant(entity.id, (tx) =>
    insertTicket(tx, {
      entityId: entity.id,
      kind: 'delete_case_files',
      fields: { numbers: [file.number], nothingAttached: true },
      subject: 'Delete case files',
      requesterId: entity.id === w.provider.id ? own.id : requester,
      now: new Date(),
    }),
  );
  return `/api/support/entities/${entity.id}/tickets/${id}/operation`;
}

/** The five file routes' scenarios on one side. */
function fileScenarios(
  prefix: string,
  file: typeof requesterFile,
  ticketBase: (w: World, caller: Caller, relation: Relation) => Promise<string>,
): Record<string, Scenario> {
  return {
    [`POST ${prefix}`]: async (w, caller, relation) => ({
      method: 'POST',
      url: await ticketBase(w, caller, relation),
      payload: { fileName: 'captura.png', size: PNG.length },
    }),
    [`PUT ${prefix}/:attachmentId/chunks/:index`]: async (w, caller, relation) => {
      const { base, id } = await file(w, caller, relation, 'uploading');
      return {
        method: 'PUT',
        url: `${base}/${id}/chunks/0`,
        payload: PNG,
        headers: { 'content-type': 'application/octet-stream' },
      };
    },
    [`POST ${prefix}/:attachmentId/complete`]: async (w, caller, relation) => {
      const { base, id } = await file(w, caller, relation, 'uploaded');
      return { method: 'POST', url: `${base}/${id}/complete`, payload: { sha256: sha256(PNG) } };
    },
    [`GET ${prefix}/:attachmentId/content`]: async (w, caller, relation) => {
      const { base, id } = await file(w, caller, relation, 'ready');
      return { method: 'GET', url: `${base}/${id}/content` };
    },
    [`DELETE ${prefix}/:attachmentId`]: async (w, caller, relation) => {
      const { base, id } = await file(w, caller, relation, 'ready');
      return { method: 'DELETE', url: `${base}/${id}` };
    },
  };
}

export const SUPPORT_TICKETS_SCENARIOS: Record<string, Scenario> = {
  'POST /api/support/tickets': async () => ({
    method: 'POST',
    url: '/api/support/tickets',
    payload: OTHER_BODY,
  }),
  'POST /api/support/tickets/check': async () => ({
    method: 'POST',
    url: '/api/support/tickets/check',
    payload: OTHER_BODY,
  }),
  'GET /api/support/tickets/:id': async (w, caller, relation) => ({
    method: 'GET',
    url: `/api/support/tickets/${await requesterTicket(w, caller, relation, false)}`,
  }),
  'POST /api/support/tickets/:id/answer': async (w, caller, relation) => ({
    method: 'POST',
    url: `/api/support/tickets/${await requesterTicket(w, caller, relation, true)}/answer`,
    payload: { body: 'The answer' },
  }),
  'GET /api/support/entities/:entityId/tickets/:ticketId': async (w, caller, relation) => ({
    method: 'GET',
    url: await agentTicket(w, caller, relation),
  }),
  'POST /api/support/entities/:entityId/tickets/:ticketId/comments': async (
    w,
    caller,
    relation,
  ) => ({
    method: 'POST',
    url: `${await agentTicket(w, caller, relation)}/comments`,
    payload: { body: 'Looking at it' },
  }),
  'POST /api/support/entities/:entityId/tickets/:ticketId/status': async (w, caller, relation) => ({
    method: 'POST',
    url: `${await agentTicket(w, caller, relation)}/status`,
    payload: { status: 'in_progress' },
  }),
  'PUT /api/support/entities/:entityId/tickets/:ticketId/assignee': async (
    w,
    caller,
    relation,
  ) => ({
    method: 'PUT',
    url: `${await agentTicket(w, caller, relation)}/assignee`,
    payload: { agentId: w.actors.support_agent.id },
  }),
  ...fileScenarios(
    REQUESTER_FILES,
    requesterFile,
    async (w, caller, relation) =>
      `/api/support/tickets/${await requesterTicket(w, caller, relation, false)}/attachments`,
  ),
  ...fileScenarios(
    AGENT_FILES,
    agentFile,
    async (w, caller, relation) => `${await agentTicket(w, caller, relation)}/attachments`,
  ),
  'POST /api/support/entities/:entityId/tickets/:ticketId/operation/preview': async (
    w,
    caller,
    relation,
  ) => ({ method: 'POST', url: `${await operationTicket(w, caller, relation)}/preview` }),
  // Confirmed with the fingerprint the support agent's own preview answers.
  'POST /api/support/entities/:entityId/tickets/:ticketId/operation/run': async (
    w,
    caller,
    relation,
  ) => {
    const base = await operationTicket(w, caller, relation);
    const shown = await w.app.inject({
      method: 'POST',
      url: `${base}/preview`,
      headers: w.actors.support_agent.session.headers('en'),
    });
    const fingerprint = (shown.json() as { fingerprint?: string }).fingerprint ?? '0'.repeat(64);
    return { method: 'POST', url: `${base}/run`, payload: { fingerprint } };
  },
};
