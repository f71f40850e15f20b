import type { Role } from '@caliu/common';
import { eq } from 'drizzle-orm';
import { supportTickets } from '../db/schema';
import { createTestProfessional, type TestEntity } from './factories';
import type { Caller, ExpectedRow, Relation } from './matrix/expected';
import type { Scenario } from './matrix/scenarios';
import type { World } from './matrix/world';
import { createTestTicket } from './support-factories';

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

/** A ticket in the requester relation: the caller's, a colleague's, or one of entity B. */
async function requesterTicket(w: World, caller: Caller, relation: Relation, waiting: boolean) {
  const owner =
    relation === 'own'
      ? callerOf(w, caller)
      : relation === 'other_entity'
        ? { entity: w.b, id: w.colleagues.otherEntity.id }
        : await colleagueOf(w, caller);
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
};
