import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/connect';
import { buildTestApp, login } from '../../testing/app';
import { testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { createTestPerson } from '../../testing/persons-factories';

async function setUp() {
  const { app } = await buildTestApp();
  const db = await testDatabase();
  const entity = await createTestEntity(db);
  const admin = await createTestProfessional(db, entity, { roles: ['administrator'] });
  const tech = await createTestProfessional(db, entity, {
    roles: ['tech_ssb'],
    teams: [entity.teams.north],
  });
  const person = await createTestPerson(db, entity, {
    givenName: 'Núria',
    firstSurname: 'Puig',
    secondSurname: 'i Vidal',
    birthDate: '1961-04-02',
    documentType: 'dni',
    documentNumber: '12345678Z',
    mobilePhone: '600111222',
    address: 'Carrer Major, 3',
    referentId: tech.id,
  });
  return {
    app,
    db,
    entity,
    person,
    admin: await login(app, entity.code, admin.username),
    tech: await login(app, entity.code, tech.username),
    techId: tech.id,
  };
}

describe("the administrator's data-subject tools", () => {
  it('identifies a person by document or name, with identification only, and audits the look-up', async () => {
    const { app, db, entity, person, admin } = await setUp();
    for (const query of ['document=12345678z', 'document=12345678', 'name=nuria%20puig']) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/audit/person-lookup?${query}`,
        headers: admin.headers(),
      });
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items).toEqual([
        {
          id: person,
          givenName: 'Núria',
          firstSurname: 'Puig',
          secondSurname: 'i Vidal',
          birthDate: '1961-04-02',
          documentType: 'dni',
          documentNumber: '12345678Z',
          status: 'active',
        },
      ]);
    }
    const nobody = await app.inject({
      method: 'GET',
      url: '/api/audit/person-lookup?document=99999999R',
      headers: admin.headers(),
    });
    expect(nobody.json().items).toEqual([]);
    const audit = await db.asOwner((tx) =>
      rowsOf<{ details: Record<string, unknown>; record_type: string; record_id: string }>(
        tx,
        sql`SELECT details, record_type, record_id FROM audit_log WHERE entity_id = ${entity.id}
          AND action = 'person.lookup' ORDER BY id`,
      ),
    );
    // Each look-up is tagged with the person it found, so it shows in their access report.
    expect(audit).toEqual([
      {
        details: { by: 'document', length: 9, results: 1 },
        record_type: 'person',
        record_id: person,
      },
      {
        details: { by: 'document', length: 8, results: 1 },
        record_type: 'person',
        record_id: person,
      },
      { details: { by: 'name', length: 10, results: 1 }, record_type: 'person', record_id: person },
      { details: { by: 'document', length: 9, results: 0 }, record_type: null, record_id: null },
    ]);
    const report = await app.inject({
      method: 'GET',
      url: `/api/audit/persons/${person}/access-report`,
      headers: admin.headers(),
    });
    expect(
      report.json().entries.filter((e: { action: string }) => e.action === 'person.lookup'),
    ).toHaveLength(3);
  });

  it('asks for a document or a name, not both', async () => {
    const { app, admin } = await setUp();
    const res = await app.inject({
      method: 'GET',
      url: '/api/audit/person-lookup?document=1&name=x',
      headers: admin.headers('en'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].message).toMatch(/either by document or by name/);
  });

  it("reports who consulted or changed the person's data, and when: one entry per page view", async () => {
    const { app, db, entity, person, admin, tech, techId } = await setUp();
    // The referent's view of the person's page reads the full record (basic data and history
    // in one answer): one entry, not one for each part.
    const techView = await app.inject({
      method: 'GET',
      url: `/api/persons/${person}/view?limit=20`,
      headers: tech.headers(),
    });
    expect(techView.statusCode, techView.body).toBe(200);
    expect(techView.json().history).toMatchObject({ items: expect.any(Array) });
    await app.inject({
      method: 'PATCH',
      url: `/api/persons/${person}`,
      payload: { address: 'Carrer Nou, 5' },
      headers: tech.headers(),
    });
    // Someone who sees only basic data: the view holds no history, and says so in the log.
    const aux = await createTestProfessional(db, entity, { roles: ['aux_admin'] });
    const auxSession = await login(app, entity.code, aux.username);
    const auxView = await app.inject({
      method: 'GET',
      url: `/api/persons/${person}/view`,
      headers: auxSession.headers(),
    });
    expect(auxView.statusCode, auxView.body).toBe(200);
    expect(auxView.json().history).toBeNull();
    const res = await app.inject({
      method: 'GET',
      url: `/api/audit/persons/${person}/access-report`,
      headers: admin.headers(),
    });
    expect(res.statusCode, res.body).toBe(200);
    const report = res.json();
    expect(report.person.documentNumber).toBe('12345678Z');
    expect(report.person).not.toHaveProperty('address');
    expect(report.truncated).toBe(false);
    expect(report.entries.map((e: { action: string }) => e.action)).toEqual([
      'person.read_basic',
      'person.update',
      'person.read_full',
    ]);
    expect(report.entries[2].actor).toMatchObject({ id: techId, fromSupport: false });
    expect(report.entries[2].actor.name).toMatch(/^Test Professional/);
    // Producing the report is itself a consultation: the next report shows it.
    const again = await app.inject({
      method: 'GET',
      url: `/api/audit/persons/${person}/access-report`,
      headers: admin.headers(),
    });
    expect(again.json().entries[0].action).toBe('person.access_report');
  });

  it('is for the administrator only, and a person of another entity is not found', async () => {
    const { app, db, person, admin, tech } = await setUp();
    const denied = await app.inject({
      method: 'GET',
      url: `/api/audit/persons/${person}/access-report`,
      headers: tech.headers(),
    });
    expect(denied.statusCode).toBe(403);
    const lookup = await app.inject({
      method: 'GET',
      url: '/api/audit/person-lookup?name=puig',
      headers: tech.headers(),
    });
    expect(lookup.statusCode).toBe(403);
    // The administrator sees no person data otherwise.
    const basic = await app.inject({
      method: 'GET',
      url: `/api/persons/${person}`,
      headers: admin.headers(),
    });
    expect(basic.statusCode).toBe(403);
    const stranger = await createTestPerson(db, await createTestEntity(db));
    const foreign = await app.inject({
      method: 'GET',
      url: `/api/audit/persons/${stranger}/access-report`,
      headers: admin.headers(),
    });
    expect(foreign.statusCode).toBe(404);
  });
});
