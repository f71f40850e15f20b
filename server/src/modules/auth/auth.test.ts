import { describe, expect, it } from 'vitest';
import { SESSION_EXPIRY_HEADER } from '@caliu/common';
import { buildTestApp, login, manualClock, TEST_PASSWORD } from '../../testing/app';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { testDatabase } from '../../testing/database';

describe('login', () => {
  it('signs a professional in and answers who they are', async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const pro = await createTestProfessional(db, entity, {
      roles: ['tech_ssb'],
      teams: [entity.teams.north],
    });
    const session = await login(app, entity.code.toUpperCase(), pro.username.toUpperCase());
    expect(session.me.username).toBe(pro.username);
    expect(session.me.entity.code).toBe(entity.code);
    expect(session.me.roles).toEqual(['tech_ssb']);
    expect(session.me.permissions).toContain('persons.view_basic');
    expect(session.me.permissions).not.toContain('audit.view');

    const me = await app.inject({ method: 'GET', url: '/api/me', headers: session.headers() });
    expect(me.statusCode).toBe(200);
    expect(me.json().id).toBe(pro.id);
    expect(me.headers[SESSION_EXPIRY_HEADER]).toBeTruthy();
  });

  it('sets an httpOnly, SameSite=Strict session cookie', async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const pro = await createTestProfessional(db, entity, { roles: ['aux_admin'] });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { entity: entity.code, username: pro.username, password: TEST_PASSWORD },
    });
    const cookie = res.cookies[0]!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe('Strict');
    expect(cookie.path).toBe('/');
  });

  it('tells the user to check the name of the entity when the code is unknown, in their language', async () => {
    const { app } = await buildTestApp();
    const expected = {
      ca: /nom de la vostra entitat/,
      es: /nombre de su entidad/,
      it: /nome del tuo ente/,
      en: /name of your entity/,
    };
    for (const [language, pattern] of Object.entries(expected)) {
      const res = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        headers: { 'accept-language': language },
        payload: { entity: 'no-such-council', username: 'someone', password: 'whatever' },
      });
      expect(res.statusCode).toBe(401);
      expect(res.json().error.code).toBe('auth.unknown_entity');
      expect(res.json().error.message).toMatch(pattern);
    }
  });

  it('finds the entity by its name too, whatever the accents, capitals and spaces, unless two share it', async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const suffix = Math.random().toString(36).slice(2, 8);
    const entity = await createTestEntity(db, { name: `Ajuntament de Sant Pèire ${suffix}` });
    const pro = await createTestProfessional(db, entity, { roles: ['aux_admin'] });
    const session = await login(app, `  ajuntament  de sant PEIRE ${suffix} `, pro.username);
    expect(session.me.entity.code).toBe(entity.code);

    // Two entities named alike: the name no longer says which, the code still does.
    const twin = await createTestEntity(db, { name: `Consell ${suffix}` });
    await createTestEntity(db, { name: `CONSELL ${suffix}` });
    const twinPro = await createTestProfessional(db, twin, { roles: ['aux_admin'] });
    const ambiguous = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { entity: `Consell ${suffix}`, username: twinPro.username, password: TEST_PASSWORD },
    });
    expect(ambiguous.statusCode).toBe(401);
    expect(ambiguous.json().error.code).toBe('auth.unknown_entity');
    expect((await login(app, twin.code, twinPro.username)).me.entity.code).toBe(twin.code);
  });

  it('answers the same for an unknown username and a wrong password', async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const pro = await createTestProfessional(db, entity, { roles: ['aux_admin'] });
    const wrongPassword = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { entity: entity.code, username: pro.username, password: 'not the password' },
    });
    const unknownUser = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { entity: entity.code, username: 'nobody-here', password: 'not the password' },
    });
    expect(wrongPassword.statusCode).toBe(401);
    expect(unknownUser.statusCode).toBe(401);
    expect(wrongPassword.json()).toEqual(unknownUser.json());
    expect(wrongPassword.json().error.code).toBe('auth.invalid_credentials');
  });

  it('refuses an inactive professional like a wrong password', async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const pro = await createTestProfessional(db, entity, { roles: ['aux_admin'] });
    await db.tenant(entity.id, async (tx) => {
      const { professionals } = await import('../../db/schema');
      const { eq } = await import('drizzle-orm');
      await tx.update(professionals).set({ active: false }).where(eq(professionals.id, pro.id));
    });
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { entity: entity.code, username: pro.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().error.code).toBe('auth.invalid_credentials');
  });

  it('names the invalid fields in words, in the caller language', async () => {
    const { app } = await buildTestApp();
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'accept-language': 'es-ES,es;q=0.9' },
      payload: { entity: 'demo', username: '', password: 42 },
    });
    expect(res.statusCode).toBe(400);
    const error = res.json().error;
    expect(error.code).toBe('validation.invalid');
    expect(error.message).toContain('Nombre de usuario');
    expect(error.details).toEqual([
      { field: 'username', message: 'El campo «Nombre de usuario» es obligatorio.' },
      { field: 'password', message: 'El campo «Contraseña» no tiene el tipo de valor esperado.' },
    ]);
  });

  it('answers a malformed JSON body with a 400 in the one error shape', async () => {
    const { app } = await buildTestApp();
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { 'content-type': 'application/json', 'accept-language': 'en' },
      payload: '{"entity": ',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('http.bad_request');
    expect(res.json().error.message).toBe('The request could not be understood.');
  });
});

describe('sessions', () => {
  async function setup(clock = manualClock()) {
    const { app } = await buildTestApp({ clock });
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const pro = await createTestProfessional(db, entity, { roles: ['tech_ssb'] });
    const session = await login(app, entity.code, pro.username);
    return { app, db, entity, pro, session, clock };
  }

  it('ends at logout: the cookie no longer works', async () => {
    const { app, session } = await setup();
    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      headers: session.headers(),
    });
    expect(out.statusCode).toBe(204);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: session.headers('en') });
    expect(me.statusCode).toBe(401);
    expect(me.json().error.code).toBe('auth.session_expired');
  });

  it('refuses a session cookie whose entity is changed to another one', async () => {
    const { app, db, entity, session } = await setup();
    const other = await createTestEntity(db);
    // The cookie names its entity before the token: the look-up reads across the wall by the
    // token's hash, so it must still insist on the entity the cookie names.
    expect(session.cookie).toContain(entity.id);
    const moved = session.cookie.replace(entity.id, other.id);
    const me = await app.inject({
      method: 'GET',
      url: '/api/me',
      headers: { ...session.headers('en'), cookie: moved },
    });
    expect(me.statusCode).toBe(401);
    const mine = await app.inject({ method: 'GET', url: '/api/me', headers: session.headers() });
    expect(mine.statusCode).toBe(200);
  });

  it('expires after 30 idle minutes, and activity keeps it alive', async () => {
    const { app, session, clock } = await setup();
    clock.advance(25 * 60_000);
    expect(
      (await app.inject({ method: 'GET', url: '/api/me', headers: session.headers() })).statusCode,
    ).toBe(200);
    clock.advance(25 * 60_000);
    expect(
      (await app.inject({ method: 'GET', url: '/api/me', headers: session.headers() })).statusCode,
    ).toBe(200);
    clock.advance(31 * 60_000);
    const expired = await app.inject({ method: 'GET', url: '/api/me', headers: session.headers() });
    expect(expired.statusCode).toBe(401);
  });

  it('keep-alive extends the idle expiry', async () => {
    const { app, session, clock } = await setup();
    clock.advance(10_000);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/keep-alive',
      headers: session.headers(),
    });
    expect(res.statusCode).toBe(200);
    expect(new Date(res.json().idleExpiresAt).getTime()).toBe(clock.now().getTime() + 30 * 60_000);
  });

  it('expires after 12 hours whatever the activity', async () => {
    const { app, session, clock } = await setup();
    for (let i = 0; i < 25; i++) {
      clock.advance(29 * 60_000);
      await app.inject({ method: 'POST', url: '/api/auth/keep-alive', headers: session.headers() });
    }
    const res = await app.inject({ method: 'GET', url: '/api/me', headers: session.headers() });
    expect(res.statusCode).toBe(401);
  });

  it('refuses a write without the CSRF token', async () => {
    const { app, session } = await setup();
    const res = await app.inject({
      method: 'PUT',
      url: '/api/me/preferences',
      headers: { cookie: session.cookie, 'accept-language': 'en' },
      payload: { language: 'es' },
    });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe('auth.csrf');
    const forged = await app.inject({
      method: 'PUT',
      url: '/api/me/preferences',
      headers: { cookie: session.cookie, 'x-csrf-token': 'x'.repeat(43) },
      payload: { language: 'es' },
    });
    expect(forged.statusCode).toBe(403);
  });

  it('speaks the saved language before Accept-Language, and Accept-Language before the entity default', async () => {
    const { app, session } = await setup();
    const before = await app.inject({
      method: 'GET',
      url: '/api/support/tickets?limit=0',
      headers: session.headers('it'),
    });
    expect(before.json().error.message).toMatch(/Numero di risultati/);
    const noHeader = await app.inject({
      method: 'GET',
      url: '/api/support/tickets?limit=0',
      headers: { cookie: session.cookie },
    });
    expect(noHeader.json().error.message).toMatch(/Nombre de resultats/); // entity default: ca
    const saved = await app.inject({
      method: 'PUT',
      url: '/api/me/preferences',
      headers: session.headers(),
      payload: { language: 'en' },
    });
    expect(saved.statusCode).toBe(204);
    const after = await app.inject({
      method: 'GET',
      url: '/api/support/tickets?limit=0',
      headers: session.headers('it'),
    });
    expect(after.json().error.message).toMatch(/Number of results/);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: session.headers() });
    expect(me.json().language).toBe('en');
    // Null clears the choice: the browser's language decides again.
    await app.inject({
      method: 'PUT',
      url: '/api/me/preferences',
      headers: session.headers(),
      payload: { language: null },
    });
    const cleared = await app.inject({
      method: 'GET',
      url: '/api/support/tickets?limit=0',
      headers: session.headers('it'),
    });
    expect(cleared.json().error.message).toMatch(/Numero di risultati/);
  });
});
