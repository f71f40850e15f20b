import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { auditLog, professionals } from '../../db/schema';
import { buildTestApp, login, manualClock } from '../../testing/app';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { createAdmin, linkTokenFor, professionalBody } from '../../testing/identity-factories';
import { outboxOf } from '../../testing/messaging';

const GOOD_PASSWORD = 'a lantern by the river';

async function setup(clock = manualClock()) {
  const { app, database } = await buildTestApp({ clock });
  const entity = await createTestEntity(database);
  const admin = await createAdmin(database, entity);
  const session = await login(app, entity.code, admin.username);
  const created = await app.inject({
    method: 'POST',
    url: '/api/professionals',
    headers: session.headers(),
    payload: professionalBody(entity, {
      givenName: 'Núria',
      email: `nuria.casas@${entity.domain}`,
    }),
  });
  expect(created.statusCode).toBe(201);
  const pro = created.json() as { id: string; username: string; activated: boolean };
  return { app, database, entity, admin, session, pro, clock };
}

describe('activation', () => {
  it('queues a 72-hour activation email; the professional sets a password and signs in', async () => {
    const { app, database, entity, pro, clock } = await setup();
    expect(pro.username).toBe('nuria.casas');
    expect(pro.activated).toBe(false);
    const [message] = (await outboxOf(database, entity.id)).filter(
      (m) => m.template === 'professional_activation',
    );
    expect(message).toMatchObject({
      channel: 'email',
      recipient: `nuria.casas@${entity.domain}`,
      secretPurpose: 'activation',
      secretSubjectId: pro.id,
      secretTtlHours: 72,
      data: { givenName: 'Núria', username: 'nuria.casas' },
    });

    const token = await linkTokenFor(database, entity.id, 'activation', pro.id, clock.now());
    const info = await app.inject({
      method: 'GET',
      url: `/api/auth/activation?token=${encodeURIComponent(token)}`,
    });
    expect(info.statusCode).toBe(200);
    expect(info.json()).toEqual({
      givenName: 'Núria',
      username: 'nuria.casas',
      entityName: `Test entity ${entity.code}`,
      entityCode: entity.code,
    });
    const activated = await app.inject({
      method: 'POST',
      url: '/api/auth/activate',
      payload: { token, password: GOOD_PASSWORD },
    });
    expect(activated.statusCode).toBe(200);
    expect(activated.json()).toEqual({ entityCode: entity.code, username: 'nuria.casas' });
    const session = await login(app, entity.code, 'nuria.casas', GOOD_PASSWORD);
    expect(session.me.id).toBe(pro.id);

    const again = await app.inject({
      method: 'POST',
      url: '/api/auth/activate',
      headers: { 'accept-language': 'en' },
      payload: { token, password: 'another long passphrase' },
    });
    expect(again.statusCode).toBe(404);
    expect(again.json().error.code).toBe('auth.link_not_live');
    expect(again.json().error.message).toMatch(/no longer valid/);

    const audit = await database.tenant(entity.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'auth.activate'))),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: pro.id, recordId: pro.id });
  });

  it('expires 72 hours after the link is sent', async () => {
    const { app, database, entity, pro, clock } = await setup();
    const token = await linkTokenFor(database, entity.id, 'activation', pro.id, clock.now());
    clock.advance(72 * 3600_000 - 60_000);
    const stillLive = await app.inject({
      method: 'GET',
      url: `/api/auth/activation?token=${encodeURIComponent(token)}`,
    });
    expect(stillLive.statusCode).toBe(200);
    clock.advance(2 * 60_000);
    const expired = await app.inject({
      method: 'POST',
      url: '/api/auth/activate',
      payload: { token, password: GOOD_PASSWORD },
    });
    expect(expired.statusCode).toBe(404);
    expect(expired.json().error.code).toBe('auth.link_not_live');
  });

  it('refuses a password shorter than 12 characters or among the 10,000 most common', async () => {
    const { app, database, entity, pro } = await setup();
    const token = await linkTokenFor(database, entity.id, 'activation', pro.id);
    const short = await app.inject({
      method: 'POST',
      url: '/api/auth/activate',
      headers: { 'accept-language': 'en' },
      payload: { token, password: 'short pass' },
    });
    expect(short.statusCode).toBe(400);
    expect(short.json().error.details).toHaveLength(1);
    expect(short.json().error.details[0]).toMatchObject({ field: 'password' });
    expect(short.json().error.details[0].message).toMatch(/at least 12 characters/);
    for (const common of ['qwerty123456', 'QwErTy123456', '1q2w3e4r5t6y']) {
      const refused = await app.inject({
        method: 'POST',
        url: '/api/auth/activate',
        headers: { 'accept-language': 'ca' },
        payload: { token, password: common },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.json().error.details[0].message).toMatch(/contrasenyes més habituals/);
    }
    // The refusals did not use the link up.
    const ok = await app.inject({
      method: 'POST',
      url: '/api/auth/activate',
      payload: { token, password: GOOD_PASSWORD },
    });
    expect(ok.statusCode).toBe(200);
  });

  it('a new activation link replaces the earlier one', async () => {
    const { app, database, entity, pro, session } = await setup();
    const first = await linkTokenFor(database, entity.id, 'activation', pro.id);
    const resent = await app.inject({
      method: 'POST',
      url: `/api/professionals/${pro.id}/resend-activation`,
      headers: session.headers(),
    });
    expect(resent.statusCode).toBe(200);
    expect(resent.json()).toEqual({ channel: 'email', smsFailed: false });
    const second = await linkTokenFor(database, entity.id, 'activation', pro.id);
    const old = await app.inject({
      method: 'POST',
      url: '/api/auth/activate',
      payload: { token: first, password: GOOD_PASSWORD },
    });
    expect(old.statusCode).toBe(404);
    const fresh = await app.inject({
      method: 'POST',
      url: '/api/auth/activate',
      payload: { token: second, password: GOOD_PASSWORD },
    });
    expect(fresh.statusCode).toBe(200);
    const after = await app.inject({
      method: 'POST',
      url: `/api/professionals/${pro.id}/resend-activation`,
      headers: session.headers(),
    });
    expect(after.statusCode).toBe(409);
    expect(after.json().error.code).toBe('professional.already_activated');
  });

  it('a deactivated professional cannot activate', async () => {
    const { app, database, entity, pro, session } = await setup();
    const token = await linkTokenFor(database, entity.id, 'activation', pro.id);
    const off = await app.inject({
      method: 'POST',
      url: `/api/professionals/${pro.id}/deactivate`,
      headers: session.headers(),
    });
    expect(off.statusCode).toBe(200);
    const refused = await app.inject({
      method: 'POST',
      url: '/api/auth/activate',
      payload: { token, password: GOOD_PASSWORD },
    });
    expect(refused.statusCode).toBe(404);
  });
});

describe('passwords', () => {
  it('a forgotten password: same answer whether or not the account exists; the link sets a new one and ends every session', async () => {
    const { app, database } = await buildTestApp();
    const entity = await createTestEntity(database);
    const pro = await createTestProfessional(database, entity, { roles: ['tech_ssb'] });
    const session = await login(app, entity.code, pro.username);

    const known = await app.inject({
      method: 'POST',
      url: '/api/auth/password-reset-requests',
      payload: { entity: entity.code, email: pro.email.toUpperCase() },
    });
    const unknown = await app.inject({
      method: 'POST',
      url: '/api/auth/password-reset-requests',
      payload: { entity: entity.code, email: `nobody@${entity.domain}` },
    });
    const noEntity = await app.inject({
      method: 'POST',
      url: '/api/auth/password-reset-requests',
      payload: { entity: 'no-such-entity', email: pro.email },
    });
    for (const res of [known, unknown, noEntity]) {
      expect(res.statusCode).toBe(202);
      expect(res.json()).toEqual({});
    }
    const messages = (await outboxOf(database, entity.id)).filter(
      (m) => m.template === 'password_reset',
    );
    expect(messages).toHaveLength(1);
    expect(messages[0]).toMatchObject({ recipient: pro.email, secretTtlHours: 1 });

    const token = await linkTokenFor(database, entity.id, 'password_reset', pro.id);
    const common = await app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { token, password: 'qwertyqwerty' },
    });
    expect(common.statusCode).toBe(400);
    // Long enough and not in the list of the most common, but guessable: the estimator refuses it.
    const guessable = await app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      headers: { 'accept-language': 'ca' },
      payload: { token, password: 'password1234' },
    });
    expect(guessable.statusCode, guessable.body).toBe(400);
    expect(guessable.body).toContain("massa fàcil d'endevinar");
    const reset = await app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { token, password: 'a brand new passphrase' },
    });
    expect(reset.statusCode).toBe(200);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: session.headers() });
    expect(me.statusCode).toBe(401);
    await login(app, entity.code, pro.username, 'a brand new passphrase');
    const reused = await app.inject({
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: { token, password: 'yet another passphrase' },
    });
    expect(reused.statusCode).toBe(404);
  });

  it('a professional changes their password: the current one is checked and their other sessions end', async () => {
    const { app, database } = await buildTestApp();
    const entity = await createTestEntity(database);
    const pro = await createTestProfessional(database, entity, { roles: ['tech_ssb'] });
    const here = await login(app, entity.code, pro.username);
    const elsewhere = await login(app, entity.code, pro.username);

    const wrong = await app.inject({
      method: 'PUT',
      url: '/api/me/password',
      headers: here.headers('es'),
      payload: { currentPassword: 'not my password', newPassword: 'a brand new passphrase' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('auth.wrong_password');
    expect(wrong.json().error.message).toBe('La contraseña actual no es correcta.');

    const changed = await app.inject({
      method: 'PUT',
      url: '/api/me/password',
      headers: here.headers(),
      payload: {
        currentPassword: 'correct horse battery staple',
        newPassword: 'a brand new passphrase',
      },
    });
    expect(changed.statusCode).toBe(204);
    expect(
      (await app.inject({ method: 'GET', url: '/api/me', headers: here.headers() })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url: '/api/me', headers: elsewhere.headers() }))
        .statusCode,
    ).toBe(401);
    await login(app, entity.code, pro.username, 'a brand new passphrase');

    const rows = await database.tenant(entity.id, (tx) =>
      tx.select().from(auditLog).where(eq(auditLog.action, 'auth.password_change')),
    );
    expect(rows.map((r) => r.outcome).sort()).toEqual(['denied', 'ok']);
    const [stored] = await database.tenant(entity.id, (tx) =>
      tx
        .select({ hash: professionals.passwordHash })
        .from(professionals)
        .where(eq(professionals.id, pro.id)),
    );
    expect(stored!.hash).toMatch(/^\$argon2id\$/);
    expect(JSON.stringify(rows)).not.toContain('brand new');
  });
});
