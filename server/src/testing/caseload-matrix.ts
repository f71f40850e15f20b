import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/connect';
import { todayIn } from '../modules/persons/rules';
import { createTestProfessional, type TestEntity } from './factories';
import type { Caller, ExpectedRow, Relation } from './matrix/expected';
import type { Scenario } from './matrix/scenarios';
import type { World } from './matrix/world';

/**
 * The authorization matrix's rows and scenarios for a team's caseload and covers (issue 16):
 * a coordinator's, for the teams they coordinate (`caseload.manage`, team scope: north in the
 * matrix's world); the covers of one's own, every signed-in professional's.
 */

/** A team the caller coordinates, another team of the entity, a team of another entity. */
const TEAMS: Relation[] = ['team', 'other_team', 'other_entity'];
const COORDINATOR = { coordinator: ['team'] as Relation[] };

export const CASELOAD_EXPECTED: Record<string, ExpectedRow> = {
  'GET /api/caseload/teams/:teamId': { relations: TEAMS, allow: COORDINATOR },
  'POST /api/caseload/teams/:teamId/covers': { relations: TEAMS, allow: COORDINATOR },
  'POST /api/caseload/teams/:teamId/covers/:coverId/end': {
    relations: TEAMS,
    allow: COORDINATOR,
  },
};

/** The cells' team, with two of its members: one absent, one who covers. */
function teamOf(w: World, relation: Relation): { entity: TestEntity; team: string } {
  if (relation === 'other_entity') return { entity: w.b, team: w.b.teams.north };
  return { entity: w.a, team: relation === 'other_team' ? w.a.teams.south : w.a.teams.north };
}

/** Today where the entity is (the server's "today" for covers), not in UTC. */
const today = () => todayIn('Europe/Madrid', new Date());

export const CASELOAD_SCENARIOS: Record<string, Scenario> = {
  'GET /api/caseload/teams/:teamId': async (w, _caller, relation) => ({
    method: 'GET',
    url: `/api/caseload/teams/${teamOf(w, relation).team}`,
  }),
  // North: the colleague is absent, the matrix's SSB technician (a member of north) covers.
  'POST /api/caseload/teams/:teamId/covers': async (w, _caller, relation) => ({
    method: 'POST',
    url: `/api/caseload/teams/${teamOf(w, relation).team}/covers`,
    payload: {
      absentId: w.colleagues.north.id,
      coverId: w.actors.tech_ssb.id,
      reason: 'holidays',
      startsOn: today(),
      endsOn: today(),
    },
  }),
  'POST /api/caseload/teams/:teamId/covers/:coverId/end': async (w, _caller, relation) => {
    const { entity, team } = teamOf(w, relation);
    // Two members of the cell's team: its colleague is absent, a new technician covers.
    const absent =
      relation === 'other_entity'
        ? w.colleagues.otherEntity.id
        : relation === 'other_team'
          ? w.colleagues.south.id
          : w.colleagues.north.id;
    const cover = await createTestProfessional(w.db, entity, {
      roles: ['tech_ssb'],
      teams: [team],
    });
    const [row] = await w.db.tenant(entity.id, (tx) =>
      rowsOf<{ id: string }>(
        tx,
        sql`INSERT INTO caseload_covers (entity_id, team_id, absent_id, cover_id, reason,
            starts_on, ends_on)
          VALUES (${entity.id}, ${team}, ${absent}, ${cover.id}, 'holidays',
            current_date, current_date + 7)
          RETURNING id`,
      ),
    );
    return { method: 'POST', url: `/api/caseload/teams/${team}/covers/${row!.id}/end` };
  },
};

/** A notice of an assignment to the caller (a person record of their entity, by id only). */
export async function noticeFor(w: World, caller: Exclude<Caller, 'anonymous'>): Promise<string> {
  const actor = w.actors[caller];
  const [row] = await w.db.tenant(actor.entity.id, (tx) =>
    rowsOf<{ id: string }>(
      tx,
      sql`INSERT INTO assignment_notices (entity_id, professional_id, record_type, record_id, role)
        VALUES (${actor.entity.id}, ${actor.id}, 'person', gen_random_uuid(), 'referent')
        RETURNING id`,
    ),
  );
  return row!.id;
}
