import type { Caller, Relation } from './expected';
import type { World } from './world';
import { PERSONS_SCENARIOS } from '../persons-matrix';
import { CASE_FILES_SCENARIOS } from '../case-files-matrix';
import { CASELOAD_SCENARIOS, noticeFor } from '../caseload-matrix';
import { CASELOAD_TRANSFERS_SCENARIOS } from '../caseload-transfers-matrix';
import { COMMUNITY_HELP_SCENARIOS } from '../community-help-matrix';
import { CATALOGUES_SCENARIOS } from '../catalogues-matrix';
import { DUPLICATES_SCENARIOS } from '../duplicates-matrix';
import { HOME_SCENARIOS } from '../home-matrix';
import { COORDINATOR_REQUESTS_SCENARIOS } from '../coordinator-requests-matrix';
import { ATTACHMENTS_SCENARIOS } from '../attachments-matrix';
import { AGENDA_SCENARIOS, CALENDAR_FEEDS_SCENARIOS } from '../agenda-matrix';
import { SUPPORT_QUEUE_SCENARIOS } from '../support-queue-matrix';
import { SUPPORT_TICKETS_SCENARIOS } from '../support-tickets-matrix';
import { PUBLIC_HELP_SCENARIOS } from '../public-help-matrix';
import { randomUUID } from 'node:crypto';
import { TEST_PASSWORD, type Session } from '../app';
import { IDENTITY_SCENARIOS } from './scenarios-identity';
import type { TestEntity } from '../factories';
import { mailboxMessages, outboxMessages } from '../../db/schema';

/** The request one cell of the matrix makes. */
export type CellRequest = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  payload?: unknown;
  /** Headers besides the session's (a body that is not JSON says its type). */
  headers?: Record<string, string>;
  /** Use a new session of the caller (routes that end or alter the session). */
  freshSession?: boolean;
  /** The route ends the caller's other sessions: the runner signs the caller in again after it. */
  endsOtherSessions?: boolean;
  /** Call as this session instead: a stand-in of the caller's role, prepared by the scenario. */
  session?: Session;
};

/**
 * How to call one route as `caller` in `relation`: it creates the target record for that
 * relation (fresh for every cell, so destructive routes stay independent) and returns the request.
 */
export type Scenario = (world: World, caller: Caller, relation: Relation) => Promise<CellRequest>;

const get =
  (url: string): Scenario =>
  async () => ({ method: 'GET', url });

async function mailboxMessageIn(w: World, entity: TestEntity): Promise<string> {
  const [row] = await w.db.tenant(entity.id, (tx) =>
    tx
      .insert(mailboxMessages)
      .values({
        entityId: entity.id,
        channel: 'email',
        template: 'password_reset',
        language: 'ca',
        recipient: `someone@${entity.domain}`,
        sender: `no-reply@${entity.domain}`,
        subject: 'Test',
        textBody: 'Test',
      })
      .returning({ id: mailboxMessages.id }),
  );
  return row!.id;
}

async function failedMessageIn(w: World, entity: TestEntity): Promise<string> {
  const [row] = await w.db.tenant(entity.id, (tx) =>
    tx
      .insert(outboxMessages)
      .values({
        entityId: entity.id,
        channel: 'email',
        template: 'password_reset',
        recipient: `someone@${entity.domain}`,
        language: 'ca',
        data: { givenName: 'Test', entityName: 'Test' },
        idempotencyKey: `matrix-${randomUUID()}`,
        status: 'failed',
        attempts: 8,
        lastError: 'refused',
      })
      .returning({ id: outboxMessages.id }),
  );
  return row!.id;
}

export const SCENARIOS: Record<string, Scenario> = {
  ...IDENTITY_SCENARIOS,
  ...PERSONS_SCENARIOS,
  ...CASE_FILES_SCENARIOS,
  ...CATALOGUES_SCENARIOS,
  ...CASELOAD_SCENARIOS,
  ...CASELOAD_TRANSFERS_SCENARIOS,
  ...COMMUNITY_HELP_SCENARIOS,
  ...DUPLICATES_SCENARIOS,
  ...HOME_SCENARIOS,
  ...COORDINATOR_REQUESTS_SCENARIOS,
  ...ATTACHMENTS_SCENARIOS,
  ...AGENDA_SCENARIOS,
  ...CALENDAR_FEEDS_SCENARIOS,
  ...SUPPORT_QUEUE_SCENARIOS,
  ...SUPPORT_TICKETS_SCENARIOS,
  ...PUBLIC_HELP_SCENARIOS,
  'GET /api/health': get('/api/health'),
  'GET /api/openapi.json': get('/api/openapi.json'),
  'POST /api/auth/login': async (w, caller) => {
    const actor = caller === 'anonymous' ? w.actors.tech_ssb : w.actors[caller];
    return {
      method: 'POST',
      url: '/api/auth/login',
      payload: { entity: actor.entity.code, username: actor.username, password: TEST_PASSWORD },
      // Login rotates the session whose cookie it is sent with: not the shared one.
      freshSession: caller !== 'anonymous',
    };
  },
  'GET /api/me': get('/api/me'),
  'GET /api/me/draft-keys': get('/api/me/draft-keys'),
  'PUT /api/me/preferences': async (_w, caller) => ({
    method: 'PUT',
    url: '/api/me/preferences',
    payload: { language: 'ca' },
    freshSession: caller !== 'anonymous',
  }),
  'POST /api/auth/logout': async () => ({
    method: 'POST',
    url: '/api/auth/logout',
    freshSession: true,
  }),
  'POST /api/auth/keep-alive': async () => ({ method: 'POST', url: '/api/auth/keep-alive' }),
  'GET /api/support/tickets': get('/api/support/tickets'),
  'GET /api/caseload/covers/mine': get('/api/caseload/covers/mine'),
  'GET /api/caseload/notices/mine': get('/api/caseload/notices/mine'),
  'POST /api/caseload/notices/:id/seen': async (w, caller) => ({
    method: 'POST',
    url: `/api/caseload/notices/${caller === 'anonymous' ? randomUUID() : await noticeFor(w, caller)}/seen`,
  }),
  'GET /api/audit': get('/api/audit?limit=5'),
  'GET /api/audit/export': get('/api/audit/export?action=auth.login'),

  'GET /api/mailbox': get('/api/mailbox?limit=5'),
  'GET /api/mailbox/:id': async (w, _caller, relation) => ({
    method: 'GET',
    url: `/api/mailbox/${await mailboxMessageIn(w, relation === 'other_entity' ? w.b : w.a)}`,
  }),
  'GET /api/outbox/failed': get('/api/outbox/failed'),
  'POST /api/outbox/:id/retry': async (w, _caller, relation) => ({
    method: 'POST',
    url: `/api/outbox/${await failedMessageIn(w, relation === 'other_entity' ? w.b : w.a)}/retry`,
  }),
};
