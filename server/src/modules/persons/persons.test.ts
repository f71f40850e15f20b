import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/connect';
import { buildTestApp, login, type Session } from '../../testing/app';
import { testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional, type TestEntity } from '../../testing/factories';
import { createTestPerson } from '../../testing/persons-factories';

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

async function setUp(roles: Parameters<typeof createTestProfessional>[2]['roles'] = ['tech_ssb']) {
  const { app, logs } = await buildTestApp();
  const db = await testDatabase();
  const entity = await createTestEntity(db);
  const pro = await createTestProfessional(db, entity, { roles, teams: [entity.teams.north] });
  const session = await login(app, entity.code, pro.username);
  return { app, db, entity, pro, session, logs };
}

const base = (entity: TestEntity) => ({
  givenName: 'Núria',
  firstSurname: 'Puig',
  secondSurname: 'i Vidal',
  birthDate: '1961-04-02',
  municipalityId: entity.municipalities.north1,
});

function post(app: App, session: Session, url: string, payload: object, language = 'en') {
  return app.inject({ method: 'POST', url, payload, headers: session.headers(language) });
}

async function auditActions(entity: TestEntity, recordId?: string) {
  const db = await testDatabase();
  return db.asOwner((tx) =>
    rowsOf<{ action: string; details: Record<string, unknown> }>(
      tx,
      sql`SELECT action, details FROM audit_log WHERE entity_id = ${entity.id}
        ${recordId ? sql`AND record_id = ${recordId}` : sql``} ORDER BY id`,
    ),
  );
}

describe('person records', () => {
  it('creates a person in the team serving their place, with its first history and audit row', async () => {
    const { app, entity, session } = await setUp();
    const res = await post(app, session, '/api/persons', {
      ...base(entity),
      documentType: 'dni',
      documentNumber: '12.345.678-z',
      mobilePhone: '600 123 456',
      consentSms: true,
      sectorId: entity.sectors.south,
      municipalityId: entity.municipalities.south,
    });
    expect(res.statusCode, res.body).toBe(201);
    const person = res.json();
    expect(person).toMatchObject({
      givenName: 'Núria',
      secondSurname: 'i Vidal',
      documentNumber: '12345678Z',
      status: 'active',
      team: { id: entity.teams.south, name: 'South team' },
      municipality: { id: entity.municipalities.south, name: 'South One' },
      consentSms: true,
      version: 1,
    });
    expect(person.can).toEqual({
      edit: true,
      viewFullRecord: false,
      changeReferent: false,
      changeTeam: false,
      delete: false,
      reactivate: false,
      openCaseFile: true,
    });
    expect((await auditActions(entity, person.id)).map((a) => a.action)).toEqual(['person.create']);
  });

  it('assigns the team serving the municipality when no sector is given', async () => {
    const { app, entity, session } = await setUp();
    const res = await post(app, session, '/api/persons', {
      ...base(entity),
      municipalityId: entity.municipalities.north2,
    });
    expect(res.json().team.id).toBe(entity.teams.north);
  });

  it('tells the form which team a place is served by, before saving', async () => {
    const { app, entity, session } = await setUp();
    const teamFor = async (query: string) => {
      const res = await app.inject({
        method: 'GET',
        url: `/api/persons/team-for-place?${query}`,
        headers: session.headers('en'),
      });
      expect(res.statusCode, res.body).toBe(200);
      return res.json().team;
    };
    expect(await teamFor(`municipalityId=${entity.municipalities.north2}`)).toEqual({
      id: entity.teams.north,
      name: 'North team',
    });
    expect(
      await teamFor(
        `municipalityId=${entity.municipalities.south}&sectorId=${entity.sectors.south}`,
      ),
    ).toEqual({ id: entity.teams.south, name: 'South team' });
    // A place no team serves (or not of this entity): no team yet, said as such.
    expect(await teamFor(`municipalityId=${crypto.randomUUID()}`)).toBeNull();
    const bad = await app.inject({
      method: 'GET',
      url: '/api/persons/team-for-place?municipalityId=nope',
      headers: session.headers('en'),
    });
    expect(bad.statusCode).toBe(400);
  });

  it('refuses a DNI or NIE whose letter does not match, saying so in words', async () => {
    const { app, entity, session } = await setUp();
    const dni = await post(app, session, '/api/persons', {
      ...base(entity),
      documentType: 'dni',
      documentNumber: '12345678A',
    });
    expect(dni.statusCode).toBe(400);
    expect(dni.json().error.details).toEqual([
      {
        field: 'documentNumber',
        message:
          'Document number: the letter does not match the DNI number. Check both the digits and the letter.',
      },
    ]);
    const nie = await post(
      app,
      session,
      '/api/persons',
      { ...base(entity), documentType: 'nie', documentNumber: 'X1234567A' },
      'ca',
    );
    expect(nie.json().error.details[0].message).toMatch(/la lletra no correspon al número del NIE/);
    const format = await post(app, session, '/api/persons', {
      ...base(entity),
      documentType: 'dni',
      documentNumber: '1234',
    });
    expect(format.json().error.details[0].message).toMatch(/8 digits followed by a letter/);
    const passport = await post(app, session, '/api/persons', {
      ...base(entity),
      documentType: 'passport',
      documentNumber: 'ab 123456',
    });
    expect(passport.statusCode).toBe(201);
    expect(passport.json().documentNumber).toBe('AB123456');
  });

  it('refuses a second person with the same document, and explains what to do', async () => {
    const { app, entity, session } = await setUp();
    const first = await post(app, session, '/api/persons', {
      ...base(entity),
      documentType: 'nie',
      documentNumber: 'X1234567L',
    });
    expect(first.statusCode).toBe(201);
    const second = await post(app, session, '/api/persons', {
      ...base(entity),
      givenName: 'Other',
      documentType: 'nie',
      documentNumber: 'x-1234567-l',
    });
    expect(second.statusCode).toBe(409);
    expect(second.json().error.code).toBe('persons.duplicate_document');
    expect(second.json().error.message).toMatch(/Open their record instead/);
  });

  it('warns of likely duplicates before saving: the same document, or a similar name born the same day', async () => {
    const { app, entity, session, db } = await setUp();
    const maria = await createTestPerson(db, entity, {
      givenName: 'María',
      firstSurname: 'García',
      secondSurname: 'López',
      birthDate: '1950-03-14',
      documentType: 'dni',
      documentNumber: '12345678Z',
    });
    // Her twin: same surnames and birth date, another person.
    await createTestPerson(db, entity, {
      givenName: 'José',
      firstSurname: 'García',
      secondSurname: 'López',
      birthDate: '1950-03-14',
    });
    const check = (payload: object) =>
      post(app, session, '/api/persons/duplicate-check', payload).then((r) => {
        expect(r.statusCode, r.body).toBe(200);
        return r.json().items as { id: string; reasons: string[] }[];
      });
    expect(await check({ documentType: 'dni', documentNumber: '12345678z' })).toMatchObject([
      { id: maria, reasons: ['same_document'] },
    ]);
    expect(await check({ documentNumber: '12345678' })).toMatchObject([{ id: maria }]);
    for (const name of [
      { givenName: 'Maria', firstSurname: 'Garcia' },
      { givenName: 'maria', firstSurname: 'garsia', secondSurname: 'lopez' },
      { givenName: 'Maria Carmen', firstSurname: 'García', secondSurname: 'López' },
    ]) {
      expect(await check({ ...name, birthDate: '1950-03-14' }), JSON.stringify(name)).toMatchObject(
        [{ id: maria, reasons: ['similar_name_same_birth_date'] }],
      );
    }
    expect(
      await check({ givenName: 'María', firstSurname: 'García', birthDate: '1950-03-15' }),
    ).toEqual([]);
    expect(
      await check({
        givenName: 'María',
        firstSurname: 'García',
        birthDate: '1950-03-14',
        excludeId: maria,
      }),
    ).toEqual([]);
  });

  it('refuses references that are not of the entity as not found, naming the field', async () => {
    const { app, entity, session, db } = await setUp();
    const other = await createTestEntity(db);
    const foreignPro = await createTestProfessional(db, other, { roles: ['tech_ssb'] });
    const cases: [object, string][] = [
      [{ municipalityId: other.municipalities.north1 }, 'persons.municipality_not_found'],
      [{ sectorId: other.sectors.north }, 'persons.sector_not_found'],
      [{ sectorId: entity.sectors.south }, 'persons.sector_outside_municipality'],
      [{ referentId: foreignPro.id }, 'persons.referent_not_found'],
    ];
    for (const [change, code] of cases) {
      const res = await post(app, session, '/api/persons', { ...base(entity), ...change });
      expect(res.json().error?.code, code).toBe(code);
    }
  });

  it('refuses impossible dates in words', async () => {
    const { app, entity, session } = await setUp();
    const future = await post(app, session, '/api/persons', {
      ...base(entity),
      birthDate: '2999-01-01',
    });
    expect(future.json().error.code).toBe('persons.birth_date_in_future');
    const created = await post(app, session, '/api/persons', base(entity));
    const id = created.json().id;
    const early = await post(app, session, `/api/persons/${id}/deceased`, {
      deceasedOn: '1960-01-01',
    });
    expect(early.json().error.message).toBe(
      'The date of death cannot be before the date of birth.',
    );
  });

  it('edits a person, keeps history of referent, municipality and team, and refuses a stale edit', async () => {
    const { app, entity, session, db, pro } = await setUp();
    const created = (await post(app, session, '/api/persons', base(entity))).json();
    const referent = await createTestProfessional(db, entity, { roles: ['tech_sad'] });
    const coordinator = await createTestProfessional(db, entity, {
      roles: ['coordinator'],
      coordinates: [entity.teams.north],
    });
    const cs = await login(app, entity.code, coordinator.username);
    const patch = (payload: object, s = session) =>
      app.inject({
        method: 'PATCH',
        url: `/api/persons/${created.id}`,
        payload,
        headers: s.headers('en'),
      });
    // Anyone who edits basic data corrects the address; the team stays until its coordinator moves it.
    const corrected = await patch({ version: 1, municipalityId: entity.municipalities.south });
    expect(corrected.statusCode, corrected.body).toBe(200);
    expect(corrected.json()).toMatchObject({ version: 2, team: { id: entity.teams.north } });
    const moved = await patch(
      {
        version: 2,
        municipalityId: entity.municipalities.north2,
        referentId: referent.id,
        email: 'nuria@example.org',
        consentEmail: true,
      },
      cs,
    );
    expect(moved.statusCode, moved.body).toBe(200);
    const back = await patch({ version: 3, municipalityId: entity.municipalities.south }, cs);
    expect(back.json()).toMatchObject({
      version: 4,
      team: { id: entity.teams.south },
      referent: { id: referent.id },
      consentEmail: true,
    });
    const stale = await patch({ version: 1, address: 'Carrer Major, 1' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().error.code).toBe('persons.stale');
    const noChannel = await patch({ email: '' });
    expect(noChannel.json().error.code).toBe('persons.consent_email_needs_email');

    const audit = await auditActions(entity, created.id);
    expect(audit.filter((a) => a.action === 'person.update').map((a) => a.details)).toEqual([
      { fields: ['municipalityId'] },
      {
        fields: ['email', 'consentEmail', 'municipalityId', 'referentId'],
        referent: { from: null, to: referent.id },
      },
      {
        fields: ['municipalityId', 'teamId'],
        team: { from: entity.teams.north, to: entity.teams.south },
      },
    ]);

    // The history is the full record: the referent sees it; the creator (a colleague) does not.
    expect(
      (
        await app.inject({
          method: 'GET',
          url: `/api/persons/${created.id}/history`,
          headers: session.headers(),
        })
      ).statusCode,
    ).toBe(404);
    const referentSession = await login(app, entity.code, referent.username);
    const history = await app.inject({
      method: 'GET',
      url: `/api/persons/${created.id}/history?limit=50`,
      headers: referentSession.headers(),
    });
    expect(history.statusCode).toBe(200);
    const items = history.json().items as {
      field: string;
      from: unknown;
      to: unknown;
      by: unknown;
    }[];
    expect(items.map((i) => i.field).sort()).toEqual(
      [
        'municipality',
        'municipality',
        'municipality',
        'municipality',
        'referent',
        'team',
        'team',
      ].sort(),
    );
    expect(items.find((i) => i.field === 'municipality' && i.by)).toMatchObject({
      from: { name: 'North Two' },
      to: { name: 'South One' },
      by: { id: coordinator.id },
    });
    expect(items.filter((i) => i.field === 'municipality').at(-2)).toMatchObject({
      from: { name: 'North One' },
      to: { name: 'South One' },
      by: { id: pro.id },
    });
    expect((await auditActions(entity, created.id)).map((a) => a.action)).toContain(
      'person.read_full',
    );
  });

  it('lets only a coordinator choose the team; they see the full record and may delete', async () => {
    const { app, entity, session, db } = await setUp();
    const created = (await post(app, session, '/api/persons', base(entity))).json();
    const move = (s: Session) =>
      app.inject({
        method: 'PATCH',
        url: `/api/persons/${created.id}`,
        payload: { teamId: entity.teams.south },
        headers: s.headers('en'),
      });
    const refused = await move(session);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('persons.team_change_coordinator_only');

    const coordinator = await createTestProfessional(db, entity, {
      roles: ['coordinator'],
      coordinates: [entity.teams.north],
    });
    const cs = await login(app, entity.code, coordinator.username);
    const view = (
      await app.inject({ method: 'GET', url: `/api/persons/${created.id}`, headers: cs.headers() })
    ).json();
    expect(view.can).toEqual({
      edit: true,
      viewFullRecord: true,
      changeReferent: true,
      changeTeam: true,
      delete: true,
      reactivate: false,
      openCaseFile: true,
    });
    expect((await move(cs)).json().team.id).toBe(entity.teams.south);
    // Now in the south team, which this coordinator does not coordinate: as if it did not exist.
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/persons/${created.id}`,
      headers: cs.headers(),
    });
    expect(del.statusCode).toBe(404);
    const back = await createTestPerson(db, entity, { teamId: entity.teams.north });
    expect(
      (await app.inject({ method: 'DELETE', url: `/api/persons/${back}`, headers: cs.headers() }))
        .statusCode,
    ).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: `/api/persons/${back}`, headers: cs.headers() }))
        .statusCode,
    ).toBe(404);
  });

  it("does not let a coordinator delete a person of another team, even as the person's referent", async () => {
    const { app, entity, db } = await setUp();
    const coordinator = await createTestProfessional(db, entity, {
      roles: ['coordinator'],
      coordinates: [entity.teams.north],
    });
    const cs = await login(app, entity.code, coordinator.username);
    const theirs = await createTestPerson(db, entity, {
      teamId: entity.teams.south,
      referentId: coordinator.id,
    });
    const view = (
      await app.inject({ method: 'GET', url: `/api/persons/${theirs}`, headers: cs.headers() })
    ).json();
    expect(view.can.delete).toBe(false);
    const del = await app.inject({
      method: 'DELETE',
      url: `/api/persons/${theirs}`,
      headers: cs.headers(),
    });
    expect(del.statusCode).toBe(404);
  });

  it('records a death, stops reminders, and refuses to record it twice', async () => {
    const { app, entity, session } = await setUp();
    const created = (
      await post(app, session, '/api/persons', {
        ...base(entity),
        mobilePhone: '600000000',
        consentSms: true,
      })
    ).json();
    const res = await post(app, session, `/api/persons/${created.id}/deceased`, {
      deceasedOn: '2024-02-29',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'deceased',
      deceasedOn: '2024-02-29',
      consentSms: false,
    });
    const again = await post(app, session, `/api/persons/${created.id}/deceased`, {
      deceasedOn: '2024-03-01',
    });
    expect(again.statusCode).toBe(409);
  });

  it('answers a person of another entity exactly like a missing one', async () => {
    const { app, session, db } = await setUp();
    const other = await createTestEntity(db);
    const stranger = await createTestPerson(db, other);
    const missing = '00000000-0000-4000-8000-000000000000';
    for (const id of [stranger, missing]) {
      const res = await app.inject({
        method: 'GET',
        url: `/api/persons/${id}`,
        headers: session.headers('en'),
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error).toEqual({
        code: 'common.not_found',
        message: 'Not found, or you do not have access to it.',
      });
    }
  });

  it('audits searches by the length of the query, never its text, and never logs it', async () => {
    const { app, entity, session, logs } = await setUp(['operator']);
    const res = await app.inject({
      method: 'GET',
      url: `/api/persons?q=${encodeURIComponent('Garcia Lopez')}`,
      headers: session.headers(),
    });
    expect(res.statusCode).toBe(200);
    const audit = (await auditActions(entity)).filter((a) => a.action === 'person.search');
    expect(audit).toEqual([
      { action: 'person.search', details: { kind: 'name', length: 12, offset: 0 } },
    ]);
    expect(JSON.stringify(audit)).not.toContain('Garcia');
    expect(logs.join('\n')).not.toContain('Garcia');
    // The operator may look persons up, not create them.
    const create = await post(app, session, '/api/persons', base(entity));
    expect(create.statusCode).toBe(403);
  });
});
