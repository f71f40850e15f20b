import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { CSRF_HEADER } from '@caliu/common';
import { rowsOf } from '../db/connect';
import { createTestProfessional, type TestEntity } from './factories';
import type { ExpectedRow, Relation } from './matrix/expected';
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
async function transferOf(w: World, relation: Relation): Promise<string> {
  const entity: TestEntity = relation === 'other_entity' ? w.b : w.a;
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

/** The fingerprint the matrix's coordinator is shown for a transfer (any, when not theirs). */
async function fingerprintOf(w: World, id: string): Promise<string> {
  const session = w.actors.coordinator.session;
  const shown = await w.app.inject({
    method: 'GET',
    url: `/api/caseload/transfers/${id}/preview`,
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
};
