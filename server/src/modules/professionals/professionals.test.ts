import { describe, expect, it } from 'vitest';
import { SUPPORT_ENTITY_CODE } from '@caliu/common';
import { buildTestApp, login } from '../../testing/app';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { createAdmin, professionalBody } from '../../testing/identity-factories';

async function setup() {
  const { app, database } = await buildTestApp();
  const entity = await createTestEntity(database);
  const admin = await createAdmin(database, entity);
  const session = await login(app, entity.code, admin.username);
  const create = (overrides: Record<string, unknown> = {}, language?: string) =>
    app.inject({
      method: 'POST',
      url: '/api/professionals',
      headers: session.headers(language),
      payload: professionalBody(entity, overrides),
    });
  return { app, database, entity, admin, session, create };
}

const detailsOf = (res: { json(): unknown }) =>
  (res.json() as { error: { details?: { field?: string; message: string }[] } }).error.details ??
  [];

describe('creating professionals', () => {
  it('creates a professional with roles, teams, sector and a normalized document', async () => {
    const { create, entity } = await setup();
    const res = await create({
      documentNumber: '12.345.678-z',
      roles: ['tech_ssb', 'coordinator'],
      sectorId: entity.sectors.north,
      teams: [{ teamId: entity.teams.north, isCoordinator: true }],
      language: 'es',
    });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({
      givenName: 'Marta',
      document: { type: 'dni', number: '12345678Z' },
      roles: ['tech_ssb', 'coordinator'],
      costCategory: null,
      sectorId: entity.sectors.north,
      language: 'es',
      active: true,
      activated: false,
      secondFactorEnrolled: false,
      teams: [{ teamId: entity.teams.north, isCoordinator: true }],
      activation: { channel: 'email', smsFailed: false },
      can: { edit: true, deactivate: true },
    });
  });

  it('checks the DNI and NIE letter, and takes a passport number as it is', async () => {
    const { create } = await setup();
    const badDni = await create({ documentNumber: '12345678A' }, 'en');
    expect(badDni.statusCode).toBe(400);
    expect(detailsOf(badDni)).toEqual([
      {
        field: 'documentNumber',
        message: expect.stringMatching(/letter does not match the DNI/),
      },
    ]);
    const badNie = await create({ documentType: 'nie', documentNumber: 'X1234567A' });
    expect(badNie.statusCode).toBe(400);
    const nie = await create({ documentType: 'nie', documentNumber: 'x1234567l' });
    expect(nie.statusCode).toBe(201);
    expect(nie.json().document).toEqual({ type: 'nie', number: 'X1234567L' });
    const passport = await create({ documentType: 'passport', documentNumber: 'PA 998877' });
    expect(passport.json().document).toEqual({ type: 'passport', number: 'PA998877' });
    const again = await create({ documentType: 'passport', documentNumber: 'PA998877' }, 'en');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('professional.document_taken');
  });

  it("requires the corporate email to be on one of the entity's domains", async () => {
    const { create, entity } = await setup();
    const res = await create({ email: 'marta@gmail.com' }, 'en');
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('professional.email_domain');
    expect(detailsOf(res)).toEqual([
      {
        field: 'email',
        message: `The corporate email must be on one of the entity's domains: ${entity.domain}.`,
      },
    ]);
    const ok = await create({ email: `Marta.Puig@${entity.domain.toUpperCase()}` });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().email).toBe(`marta.puig@${entity.domain}`);
    const taken = await create({ email: `marta.puig@${entity.domain}` });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error.code).toBe('professional.email_taken');
  });

  it('requires a cost category of the immigration technician, and refuses it for anyone else', async () => {
    const { create } = await setup();
    const missing = await create({ roles: ['tech_immigration'] }, 'en');
    expect(missing.statusCode).toBe(400);
    expect(detailsOf(missing)[0]).toMatchObject({ field: 'costCategory' });
    const wrong = await create({ roles: ['tech_ssb'], costCategory: 'A' });
    expect(wrong.statusCode).toBe(400);
    expect(detailsOf(wrong)[0]).toMatchObject({ field: 'costCategory' });
    const invalid = await create({ roles: ['tech_immigration'], costCategory: 'D' });
    expect(invalid.statusCode).toBe(400);
    const ok = await create({ roles: ['tech_immigration'], costCategory: 'C' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().costCategory).toBe('C');
  });

  it('gives the support agent role only in the support entity', async () => {
    const { create } = await setup();
    const res = await create({ roles: ['support_agent'] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('professional.support_agent_role');
    expect(SUPPORT_ENTITY_CODE).toBe('support');
  });

  it('chooses a free username from the email, or takes the one asked for', async () => {
    const { create, entity } = await setup();
    const first = await create({ email: `anna.sala@${entity.domain}` });
    expect(first.json().username).toBe('anna.sala');
    const asked = await create({ username: 'anna.sala', email: `asala@${entity.domain}` }, 'en');
    expect(asked.statusCode).toBe(409);
    expect(asked.json().error.code).toBe('professional.username_taken');
    const other = await create({ username: 'asala', email: `asala@${entity.domain}` });
    expect(other.json().username).toBe('asala');
  });

  it('refuses unknown teams and sectors, and those of another entity', async () => {
    const { create, database } = await setup();
    const other = await createTestEntity(database);
    const team = await create({ teams: [{ teamId: other.teams.north }] });
    expect(team.statusCode).toBe(400);
    expect(team.json().error.code).toBe('professional.unknown_team');
    const sector = await create({ sectorId: other.sectors.north });
    expect(sector.json().error.code).toBe('professional.unknown_sector');
  });
});

describe('the directory', () => {
  it('lists by surname with filters; documents only for the administrator', async () => {
    const { app, create, entity, database } = await setup();
    await create({ givenName: 'Pere', surnames: 'Martí Costa' });
    await create({
      givenName: 'Àngela',
      surnames: 'Bosch',
      teams: [{ teamId: entity.teams.south }],
    });
    const coordinator = await createTestProfessional(database, entity, {
      roles: ['coordinator'],
      coordinates: [entity.teams.north],
    });
    const coordination = await login(app, entity.code, coordinator.username);
    const search = await app.inject({
      method: 'GET',
      url: '/api/professionals?q=angela',
      headers: coordination.headers(),
    });
    expect(search.statusCode).toBe(200);
    expect(search.json().items).toHaveLength(1);
    expect(search.json().items[0]).toMatchObject({
      givenName: 'Àngela',
      can: { edit: false, deactivate: false },
    });
    expect(search.json().items[0].document).toBeUndefined();
    const north = await app.inject({
      method: 'GET',
      url: `/api/professionals?teamId=${entity.teams.north}&limit=1`,
      headers: coordination.headers(),
    });
    expect(north.json().items).toHaveLength(1);
    expect(north.json().nextCursor).toBeTruthy();
    const next = await app.inject({
      method: 'GET',
      url: `/api/professionals?teamId=${entity.teams.north}&limit=1&cursor=${north.json().nextCursor}`,
      headers: coordination.headers(),
    });
    expect(next.json().items[0].id).not.toBe(north.json().items[0].id);
  });
});

describe('changing professionals', () => {
  it('a removed role stops working on the next request', async () => {
    const { app, entity, database, session } = await setup();
    const pro = await createTestProfessional(database, entity, {
      roles: ['tech_ssb', 'coordinator'],
      coordinates: [entity.teams.north],
    });
    const theirs = await login(app, entity.code, pro.username);
    const before = await app.inject({
      method: 'GET',
      url: `/api/teams/${entity.teams.north}/members`,
      headers: theirs.headers(),
    });
    expect(before.statusCode).toBe(200);
    const patched = await app.inject({
      method: 'PATCH',
      url: `/api/professionals/${pro.id}`,
      headers: session.headers(),
      payload: { roles: ['tech_ssb'] },
    });
    expect(patched.statusCode).toBe(200);
    const after = await app.inject({
      method: 'GET',
      url: `/api/teams/${entity.teams.north}/members`,
      headers: theirs.headers(),
    });
    expect(after.statusCode).toBe(403);
  });

  it('taking the immigration role away takes the cost category with it', async () => {
    const { app, create, session } = await setup();
    const created = await create({ roles: ['tech_immigration'], costCategory: 'B' });
    const id = created.json().id as string;
    const patch = (payload: object) =>
      app.inject({
        method: 'PATCH',
        url: `/api/professionals/${id}`,
        headers: session.headers(),
        payload,
      });
    const noCategory = await patch({ costCategory: null });
    expect(noCategory.statusCode).toBe(400);
    const changed = await patch({ roles: ['tech_ssb'] });
    expect(changed.json()).toMatchObject({ roles: ['tech_ssb'], costCategory: null });
    const back = await patch({ roles: ['tech_immigration'] });
    expect(back.statusCode).toBe(400);
    expect(back.json().error.code).toBe('professional.cost_category_required');
  });
});
