import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { CSRF_HEADER } from '@caliu/common';
import { rowsOf } from '../db/connect';
import { createTestProfessional, type TestEntity } from './factories';
import type { Caller, ExpectedRow, Relation } from './matrix/expected';
import type { Scenario } from './matrix/scenarios';
import type { World } from './matrix/world';

/**
 * The authorization matrix's rows and scenarios for the coordinators' caseload transfers
 * (issue 21): `caseload.manage` (coordinators), for the teams they coordinate — north in the
 * matrix's world. A request's professionals are members of the caller's teams (a request about
 * others is refused in words, 400: not a cell of the matrix); a transfer of another team, or of
 * another entity, is "not found" to them.
 */

const NONE: Relation[] = ['none'];
const TEAMS: Relation[] = ['team', 'other_team', 'other_entity'];
const ACROSS: Relation[] = ['other_entity'];
const AGENT_PATH = '/api/support/entities/:entityId/caseload-transfers/:id';

export const CASELOAD_TRANSFERS_EXPECTED: Record<string, ExpectedRow> = {
  'POST /api/caseload/transfers/preview': { relations: NONE, allow: { coordinator: NONE } },
  'POST /api/caseload/transfers': { relations: NONE, allow: { coordinator: NONE } },
  'GET /api/caseload/transfers': { relations: NONE, allow: { coordinator: NONE } },
  'GET /api/caseload/transfers/:id/preview': {
    relations: TEAMS,
    allow: { coordinator: ['team'] },
  },
  'POST /api/caseload/transfers/:id/approve': {
    relations: TEAMS,
    allow: { coordinator: ['team'] },
  },
  'POST /api/caseload/transfers/:id/cancel': {
    relations: TEAMS,
    allow: { coordinator: ['team'] },
  },
  // A support agent's: every council's transfers (`support.resolve`), a transfer of council A
  // for the agent and of council B for anyone else.
  'GET /api/support/caseload-transfers': { relations: NONE, allow: { support_agent: NONE } },
  [`GET ${AGENT_PATH}/preview`]: { relations: ACROSS, allow: { support_agent: ACROSS } },
  [`POST ${AGENT_PATH}/approve`]: { relations: ACROSS, allow: { support_agent: ACROSS } },
  [`POST ${AGENT_PATH}/cancel`]: { relations: ACROSS, allow: { support_agent: ACROSS } },
};

/** A request of the caller's team: a new technician of north (holding nothing) to its colleague. */
async function requestBody(w: World) {
  const leaving = await createTestProfessional(w.db, w.a, {
    roles: ['tech_ssb'],
    teams: [w.a.teams.north],
  });
  return {
    fromProfessionalId: leaving.id,
    toProfessionalId: w.colleagues.north.id,
    caseFiles: 'open_and_closed',
    persons: true,
    agenda: true,
    reason: 'Leaving the team',
  };
}

/**
 * A pending transfer of the cell's team, requested by another coordinator of it (written straight
 * in): of north, of south, or of entity B's north.
 */
async function transferOf(
  w: World,
  relation: Relation,
  entity: TestEntity = relation === 'other_entity' ? w.b : w.a,
): Promise<string> {
  const team = relation === 'other_team' ? w.a.teams.south : entity.teams.north;
  const requester = await createTestProfessional(w.db, entity, {
    roles: ['coordinator'],
    coordinates: [team],
  });
  const from = await createTestProfessional(w.db, entity, { roles: ['tech_ssb'], teams: [team] });
  const to = await createTestProfessional(w.db, entity, { roles: ['tech_ssb'], teams: [team] });
  const [row] = await w.db.tenant(entity.id, (tx) =>
    rowsOf<{ id: string }>(
      tx,
      sql`INSERT INTO caseload_transfers (entity_id, requested_by, from_professional_id,
          to_professional_id, options, reason, team_ids, requested_lines, requested_fingerprint,
          requested_at, expires_at)
        VALUES (${entity.id}, ${requester.id}, ${from.id}, ${to.id},
          '{"caseFiles":"open_and_closed","persons":true,"agenda":true}'::jsonb, 'Leaving',
          ARRAY[${team}]::uuid[], '[]'::jsonb, ${'0'.repeat(64)}, now(), now() + interval '1 day')
        RETURNING id`,
    ),
  );
  return row!.id;
}

/**
 * The fingerprint a caller is shown for a transfer at `url` (any, when not theirs): the matrix's
 * coordinator by default.
 */
async function fingerprintOf(
  w: World,
  id: string,
  url = `/api/caseload/transfers/${id}/preview`,
  caller: Exclude<Caller, 'anonymous'> = 'coordinator',
): Promise<string> {
  const session = w.actors[caller].session;
  const shown = await w.app.inject({
    method: 'GET',
    url,
    headers: { cookie: session.cookie, [CSRF_HEADER]: session.csrf },
  });
  return shown.statusCode === 200
    ? (shown.json() as { fingerprint: string }).fingerprint
    : 'f'.repeat(64);
}

export const CASELOAD_TRANSFERS_SCENARIOS: Record<string, Scenario> = {
  'POST /api/caseload/transfers/preview': async (w) => ({
    method: 'POST',
    url: '/api/caseload/transfers/preview',
    payload: await requestBody(w),
  }),
  'POST /api/caseload/transfers': async (w) => ({
    method: 'POST',
    url: '/api/caseload/transfers',
    payload: await requestBody(w),
  }),
  'GET /api/caseload/transfers': async () => ({ method: 'GET', url: '/api/caseload/transfers' }),
  'GET /api/caseload/transfers/:id/preview': async (w, caller, relation) => ({
    method: 'GET',
    url: `/api/caseload/transfers/${caller === 'anonymous' ? randomUUID() : await transferOf(w, relation)}/preview`,
  }),
  'POST /api/caseload/transfers/:id/approve': async (w, _caller, relation) => {
    const id = await transferOf(w, relation);
    return {
      method: 'POST',
      url: `/api/caseload/transfers/${id}/approve`,
      payload: { fingerprint: await fingerprintOf(w, id) },
    };
  },
  'POST /api/caseload/transfers/:id/cancel': async (w, _caller, relation) => ({
    method: 'POST',
    url: `/api/caseload/transfers/${await transferOf(w, relation)}/cancel`,
  }),
  'GET /api/support/caseload-transfers': async () => ({
    method: 'GET',
    url: '/api/support/caseload-transfers',
  }),
  [`GET ${AGENT_PATH}/preview`]: async (w, caller) => ({
    method: 'GET',
    url: `${(await acrossOf(w, caller)).base}/preview`,
  }),
  [`POST ${AGENT_PATH}/approve`]: async (w, caller) => {
    const { id, base } = await acrossOf(w, caller);
    return {
      method: 'POST',
      url: `${base}/approve`,
      payload: { fingerprint: await fingerprintOf(w, id, `${base}/preview`, 'support_agent') },
    };
  },
  [`POST ${AGENT_PATH}/cancel`]: async (w, caller) => ({
    method: 'POST',
    url: `${(await acrossOf(w, caller)).base}/cancel`,
  }),
};

/** A pending transfer of another entity than the caller's: council A for the agent, else B. */
async function acrossOf(w: World, caller: Caller) {
  const entity = caller === 'support_agent' ? w.a : w.b;
  const id = await transferOf(w, 'team', entity);
  return { id, base: `/api/support/entities/${entity.id}/caseload-transfers/${id}` };
}
