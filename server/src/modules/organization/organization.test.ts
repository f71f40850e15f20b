import { describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { auditLog } from '../../db/schema';
import { buildTestApp, login } from '../../testing/app';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { createAdmin } from '../../testing/identity-factories';

async function setup() {
  const { app, database } = await buildTestApp();
  const entity = await createTestEntity(database);
  const admin = await createAdmin(database, entity);
  const session = await login(app, entity.code, admin.username);
  const call = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: object,
    language?: string,
  ) =>
    app.inject({
      method,
      url,
      headers: session.headers(language),
      ...(payload ? { payload } : {}),
    });
  return { app, database, entity, admin, session, call };
}

describe('entity settings', () => {
  it('the administrator reads and changes the domains, time zone, language and second factor', async () => {
    const { call, database, entity } = await setup();
    const read = await call('GET', '/api/entity');
    expect(read.statusCode).toBe(200);
    expect(read.json()).toMatchObject({
      code: entity.code,
      emailDomains: [entity.domain],
      timeZone: 'Europe/Madrid',
      defaultLanguage: 'ca',
      requiresSecondFactor: false,
      isDemo: false,
      appointmentReminderHours: 24,
    });
    expect((await call('PATCH', '/api/entity', { appointmentReminderHours: 0 })).statusCode).toBe(
      400,
    );
    const changed = await call('PATCH', '/api/entity', {
      emailDomains: [entity.domain, 'Serveis-Socials.Example.CAT'],
      timeZone: 'Atlantic/Canary',
      defaultLanguage: 'es',
      requiresSecondFactor: true,
      appointmentReminderHours: 48,
    });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({
      emailDomains: [entity.domain, 'serveis-socials.example.cat'],
      timeZone: 'Atlantic/Canary',
      defaultLanguage: 'es',
      requiresSecondFactor: true,
      appointmentReminderHours: 48,
    });

    const [audit] = await database.tenant(entity.id, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'entity.update')),
    );
    expect(audit!.details).toMatchObject({
      changed: { timeZone: { from: 'Europe/Madrid', to: 'Atlantic/Canary' } },
    });
  });

  it('names what is wrong with the settings', async () => {
    const { call } = await setup();
    const res = await call(
      'PATCH',
      '/api/entity',
      { timeZone: 'Europe/Atlantis', emailDomains: ['not a domain'] },
      'en',
    );
    expect(res.statusCode).toBe(400);
    const messages = res.json().error.details.map((d: { message: string }) => d.message);
    expect(messages).toContain('Time zone is not a known time zone (for example Europe/Madrid).');
    expect(messages).toContain('Email domains must contain domains like ajuntament.cat.');
  });

  it('is not for other roles', async () => {
    const { app, database, entity } = await setup();
    const coordinator = await createTestProfessional(database, entity, {
      roles: ['coordinator'],
      coordinates: [entity.teams.north],
    });
    const session = await login(app, entity.code, coordinator.username);
    const res = await app.inject({ method: 'GET', url: '/api/entity', headers: session.headers() });
    expect(res.statusCode).toBe(403);
  });
});

describe('territory', () => {
  it('the administrator sets up municipalities, sectors and teams', async () => {
    const { call, entity } = await setup();
    const city = await call('POST', '/api/municipalities', {
      name: 'Vilafranca',
      ineCode: '08305',
    });
    expect(city.statusCode).toBe(201);
    const cityId = city.json().id as string;
    const duplicate = await call('POST', '/api/municipalities', { name: 'Vilafranca' }, 'en');
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().error.message).toBe(
      'There is already one named “Vilafranca”. Choose another name.',
    );
    const district = await call('POST', '/api/sectors', {
      name: 'Vilafranca – Eixample',
      municipalityIds: [cityId],
    });
    expect(district.statusCode).toBe(201);
    const group = await call('POST', '/api/sectors', {
      name: 'Rural',
      municipalityIds: [entity.municipalities.north1, entity.municipalities.south],
    });
    expect(group.json().municipalityIds.sort()).toEqual(
      [entity.municipalities.north1, entity.municipalities.south].sort(),
    );
    const team = await call('POST', '/api/teams', {
      name: 'Equip Eixample',
      sectorIds: [district.json().id],
      municipalityIds: [entity.municipalities.north2],
    });
    expect(team.statusCode).toBe(201);
    expect(team.json()).toMatchObject({
      name: 'Equip Eixample',
      active: true,
      sectorIds: [district.json().id],
      municipalityIds: [entity.municipalities.north2],
      memberCount: 0,
      can: { edit: true, configureMembers: true },
    });
    const renamed = await call('PATCH', `/api/teams/${team.json().id}`, {
      name: 'Equip Eixample Nord',
      municipalityIds: [],
    });
    expect(renamed.json()).toMatchObject({ name: 'Equip Eixample Nord', municipalityIds: [] });

    const inUse = await call('DELETE', `/api/sectors/${district.json().id}`);
    expect(inUse.statusCode).toBe(409);
    expect(inUse.json().error.code).toBe('organization.sector_in_use');
    const cityInUse = await call('DELETE', `/api/municipalities/${cityId}`);
    expect(cityInUse.json().error.code).toBe('organization.municipality_in_use');
    const spare = await call('POST', '/api/municipalities', { name: 'Spare' });
    expect((await call('DELETE', `/api/municipalities/${spare.json().id}`)).statusCode).toBe(204);
  });

  it('lists by name, a page at a time', async () => {
    const { call } = await setup();
    for (const name of ['Zeta', 'Alfa', 'Mu']) await call('POST', '/api/municipalities', { name });
    const first = await call('GET', '/api/municipalities?limit=2');
    expect(first.json().items.map((m: { name: string }) => m.name)).toEqual(['Alfa', 'Mu']);
    const second = await call(
      'GET',
      `/api/municipalities?limit=2&cursor=${first.json().nextCursor}`,
    );
    expect(second.json().items.map((m: { name: string }) => m.name)).toEqual([
      'North One',
      'North Two',
    ]);
    const teams = await call('GET', '/api/teams');
    expect(teams.json().items.map((t: { name: string }) => t.name)).toEqual([
      'North team',
      'South team',
    ]);
  });

  it("cannot link another entity's municipalities", async () => {
    const { call, database } = await setup();
    const other = await createTestEntity(database);
    const res = await call('POST', '/api/sectors', {
      name: 'Stolen',
      municipalityIds: [other.municipalities.north1],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('organization.unknown_municipalities');
    const patch = await call('PATCH', `/api/teams/${other.teams.north}`, { name: 'Mine' });
    expect(patch.statusCode).toBe(404);
  });
});

describe('team members', () => {
  async function withCoordinator() {
    const base = await setup();
    const { app, database, entity } = base;
    const coordinator = await createTestProfessional(database, entity, {
      roles: ['coordinator'],
      coordinates: [entity.teams.north],
    });
    const member = await createTestProfessional(database, entity, {
      roles: ['tech_ssb'],
      teams: [entity.teams.north],
    });
    const newcomer = await createTestProfessional(database, entity, {
      roles: ['tech_sad'],
      sectorId: entity.sectors.north,
    });
    const coordination = await login(app, entity.code, coordinator.username);
    return { ...base, coordinator, member, newcomer, coordination };
  }

  it('a coordinator sets the members and coordinators of the teams they coordinate', async () => {
    const { app, entity, coordinator, member, newcomer, coordination } = await withCoordinator();
    const teams = await app.inject({
      method: 'GET',
      url: '/api/teams',
      headers: coordination.headers(),
    });
    expect(teams.json().items.map((t: { name: string; can: object }) => [t.name, t.can])).toEqual([
      ['North team', { edit: false, configureMembers: true }],
      ['South team', { edit: false, configureMembers: false }],
    ]);
    const put = await app.inject({
      method: 'PUT',
      url: `/api/teams/${entity.teams.north}/members`,
      headers: coordination.headers(),
      payload: {
        members: [
          { professionalId: coordinator.id, isCoordinator: true },
          { professionalId: member.id, isCoordinator: true },
          { professionalId: newcomer.id },
        ],
      },
    });
    expect(put.statusCode).toBe(200);
    expect(
      put
        .json()
        .items.map((m: { professionalId: string; isCoordinator: boolean }) => [
          m.professionalId,
          m.isCoordinator,
        ]),
    ).toEqual(
      expect.arrayContaining([
        [coordinator.id, true],
        [member.id, true],
        [newcomer.id, false],
      ]),
    );
    const other = await app.inject({
      method: 'PUT',
      url: `/api/teams/${entity.teams.south}/members`,
      headers: coordination.headers(),
      payload: { members: [{ professionalId: newcomer.id }] },
    });
    expect(other.statusCode).toBe(404);
    const read = await app.inject({
      method: 'GET',
      url: `/api/teams/${entity.teams.south}/members`,
      headers: coordination.headers(),
    });
    expect(read.statusCode).toBe(404);
  });

  it('a coordinator cannot create teams or professionals', async () => {
    const { app, entity, coordination } = await withCoordinator();
    const team = await app.inject({
      method: 'POST',
      url: '/api/teams',
      headers: coordination.headers(),
      payload: { name: 'Mine' },
    });
    expect(team.statusCode).toBe(403);
    const pro = await app.inject({
      method: 'POST',
      url: '/api/professionals',
      headers: coordination.headers(),
      payload: { givenName: 'X' },
    });
    expect(pro.statusCode).toBe(403);
    const edit = await app.inject({
      method: 'PATCH',
      url: `/api/teams/${entity.teams.north}`,
      headers: coordination.headers(),
      payload: { name: 'Renamed' },
    });
    expect(edit.statusCode).toBe(403);
  });

  it('a technician cannot configure members', async () => {
    const { app, entity, member } = await withCoordinator();
    const session = await login(app, entity.code, member.username);
    const res = await app.inject({
      method: 'PUT',
      url: `/api/teams/${entity.teams.north}/members`,
      headers: session.headers(),
      payload: { members: [] },
    });
    expect(res.statusCode).toBe(403);
  });
});
