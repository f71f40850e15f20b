import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Role } from '@caliu/common';
import { rowsOf } from '../../db/connect';
import { buildTestApp, login, type Session } from '../../testing/app';
import { testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { createTestPerson } from '../../testing/persons-factories';

/**
 * Who changes a person's referent and team: at creation the creator names
 * themself or no one; afterwards only a coordinator of the person's team, with the change in the
 * person's history and the audit log. Replayed as the attacks that found it.
 */
async function setUp() {
  const { app } = await buildTestApp();
  const db = await testDatabase();
  const entity = await createTestEntity(db);
  const as = async (roles: Role[], options: { teams?: string[]; coordinates?: string[] } = {}) => {
    const pro = await createTestProfessional(db, entity, {
      roles,
      teams: options.teams ?? [entity.teams.north],
      ...(options.coordinates ? { teams: [], coordinates: options.coordinates } : {}),
    });
    return { ...pro, session: await login(app, entity.code, pro.username) };
  };
  const call = (
    session: Session,
    method: 'GET' | 'PATCH' | 'POST',
    url: string,
    payload?: object,
  ) =>
    app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: session.headers('ca'),
    });
  const auditOf = (recordId: string) =>
    db.asOwner((tx) =>
      rowsOf<{ action: string; details: Record<string, unknown> }>(
        tx,
        sql`SELECT action, details FROM audit_log WHERE entity_id = ${entity.id}
          AND record_id = ${recordId} AND action = 'person.update' ORDER BY id`,
      ),
    );
  return { app, db, entity, as, call, auditOf };
}

describe('changing who attends a person', () => {
  it("refuses a technician who makes themself referent of a colleague's person, and they still see nothing", async () => {
    const { db, entity, as, call, auditOf } = await setUp();
    const colleague = await createTestProfessional(db, entity, { roles: ['tech_ssb'] });
    const person = await createTestPerson(db, entity, { referentId: colleague.id });
    const tech = await as(['tech_ssb']);

    const view = await call(tech.session, 'GET', `/api/persons/${person}`);
    expect(view.json().can).toMatchObject({ edit: true, changeReferent: false, changeTeam: false });
    const taken = await call(tech.session, 'PATCH', `/api/persons/${person}`, {
      referentId: tech.id,
    });
    expect(taken.statusCode).toBe(403);
    expect(taken.json().error).toMatchObject({
      code: 'persons.referent_change_coordinator_only',
      message: expect.stringContaining('coordinador'),
    });
    // Also when the same request changes basic data: nothing of it is kept.
    const mixed = await call(tech.session, 'PATCH', `/api/persons/${person}`, {
      address: 'Carrer Nou, 2',
      referentId: null,
    });
    expect(mixed.statusCode).toBe(403);
    expect((await call(tech.session, 'GET', `/api/persons/${person}`)).json()).toMatchObject({
      address: null,
      referent: { id: colleague.id },
    });
    expect((await call(tech.session, 'GET', `/api/persons/${person}/history`)).statusCode).toBe(
      404,
    );
    expect(await auditOf(person)).toEqual([]);
  });

  it('refuses an administrative assistant who reassigns a referent', async () => {
    const { db, entity, as, call } = await setUp();
    const first = await createTestProfessional(db, entity, { roles: ['tech_ssb'] });
    const second = await createTestProfessional(db, entity, { roles: ['tech_sad'] });
    const person = await createTestPerson(db, entity, { referentId: first.id });
    const aux = await as(['aux_admin']);
    const res = await call(aux.session, 'PATCH', `/api/persons/${person}`, {
      referentId: second.id,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('persons.referent_change_coordinator_only');
    // Basic data stays theirs to edit.
    const edit = await call(aux.session, 'PATCH', `/api/persons/${person}`, {
      address: 'Plaça Major, 3',
      referentId: first.id,
    });
    expect(edit.statusCode, edit.body).toBe(200);
  });

  it('lets the creator name themself or no one as referent, and no one else', async () => {
    const { db, entity, as, call } = await setUp();
    const colleague = await createTestProfessional(db, entity, { roles: ['tech_ssb'] });
    const tech = await as(['tech_ssb']);
    const aux = await as(['aux_admin']);
    const body = (referentId: string | null) => ({
      givenName: 'Pere',
      firstSurname: 'Roca',
      municipalityId: entity.municipalities.north1,
      referentId,
    });
    const mine = await call(tech.session, 'POST', '/api/persons', body(tech.id));
    expect(mine.statusCode, mine.body).toBe(201);
    expect(mine.json().referent.id).toBe(tech.id);
    expect(
      (await call(tech.session, 'GET', `/api/persons/${mine.json().id}/history`)).statusCode,
    ).toBe(200);
    expect((await call(aux.session, 'POST', '/api/persons', body(null))).statusCode).toBe(201);

    for (const session of [tech.session, aux.session]) {
      const other = await call(session, 'POST', '/api/persons', body(colleague.id));
      expect(other.statusCode).toBe(403);
      expect(other.json().error.code).toBe('persons.referent_self_or_none');
    }
    // The coordinator of the team the new person gets assigns whoever they choose.
    const coordinator = await as(['coordinator'], { coordinates: [entity.teams.north] });
    const assigned = await call(coordinator.session, 'POST', '/api/persons', body(colleague.id));
    expect(assigned.statusCode, assigned.body).toBe(201);
    const elsewhere = await as(['coordinator'], { coordinates: [entity.teams.south] });
    const refused = await call(elsewhere.session, 'POST', '/api/persons', body(colleague.id));
    expect(refused.json().error.code).toBe('persons.referent_self_or_none');
  });

  it("only a coordinator of the person's team changes referent and team; the history and the audit log keep it", async () => {
    const { db, entity, as, call, auditOf } = await setUp();
    const first = await createTestProfessional(db, entity, { roles: ['tech_ssb'] });
    const second = await createTestProfessional(db, entity, { roles: ['tech_ssb'] });
    const person = await createTestPerson(db, entity, { referentId: first.id });
    const north = await as(['coordinator'], { coordinates: [entity.teams.north] });
    const south = await as(['coordinator'], { coordinates: [entity.teams.south] });

    // Another team's coordinator can neither reassign nor pull the person into their team…
    expect((await call(south.session, 'GET', `/api/persons/${person}`)).json().can).toMatchObject({
      changeReferent: false,
      changeTeam: false,
    });
    const reassign = await call(south.session, 'PATCH', `/api/persons/${person}`, {
      referentId: second.id,
    });
    expect(reassign.json().error.code).toBe('persons.referent_change_coordinator_only');
    const pull = await call(south.session, 'PATCH', `/api/persons/${person}`, {
      teamId: entity.teams.south,
    });
    expect(pull.statusCode).toBe(403);
    expect(pull.json().error.code).toBe('persons.team_change_coordinator_only');
    // …nor by moving them to a municipality their team serves: the team stays.
    const address = await call(south.session, 'PATCH', `/api/persons/${person}`, {
      municipalityId: entity.municipalities.south,
    });
    expect(address.statusCode, address.body).toBe(200);
    expect(address.json().team.id).toBe(entity.teams.north);
    expect((await call(south.session, 'GET', `/api/persons/${person}/history`)).statusCode).toBe(
      404,
    );

    // The person's own team's coordinator transfers them.
    expect((await call(north.session, 'GET', `/api/persons/${person}`)).json().can).toMatchObject({
      changeReferent: true,
      changeTeam: true,
    });
    const transferred = await call(north.session, 'PATCH', `/api/persons/${person}`, {
      referentId: second.id,
      teamId: entity.teams.south,
    });
    expect(transferred.statusCode, transferred.body).toBe(200);
    expect(transferred.json()).toMatchObject({
      referent: { id: second.id },
      team: { id: entity.teams.south },
    });
    const history = (
      await call(south.session, 'GET', `/api/persons/${person}/history?limit=50`)
    ).json().items as { field: string; from: { id: string } | null; to: { id: string } | null }[];
    expect(history.filter((h) => h.field !== 'municipality').slice(0, 2)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'referent',
          from: expect.objectContaining({ id: first.id }),
          to: expect.objectContaining({ id: second.id }),
        }),
        expect.objectContaining({
          field: 'team',
          from: expect.objectContaining({ id: entity.teams.north }),
          to: expect.objectContaining({ id: entity.teams.south }),
        }),
      ]),
    );
    expect((await auditOf(person)).at(-1)?.details).toEqual({
      fields: ['referentId', 'teamId'],
      referent: { from: first.id, to: second.id },
      team: { from: entity.teams.north, to: entity.teams.south },
    });
    // Now it is the north coordinator's turn to find the door closed.
    const again = await call(north.session, 'PATCH', `/api/persons/${person}`, {
      referentId: first.id,
    });
    expect(again.statusCode).toBe(403);
  });

  it("a person's referent who coordinates another team cannot reassign them either", async () => {
    const { db, entity, as, call } = await setUp();
    const other = await createTestProfessional(db, entity, { roles: ['tech_ssb'] });
    const coordinator = await as(['coordinator'], { coordinates: [entity.teams.south] });
    const person = await createTestPerson(db, entity, { referentId: coordinator.id });
    const res = await call(coordinator.session, 'PATCH', `/api/persons/${person}`, {
      referentId: other.id,
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('persons.referent_change_coordinator_only');
  });
});
