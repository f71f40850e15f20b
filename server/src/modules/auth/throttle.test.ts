import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { SESSION_COOKIE } from '@caliu/common';
import { auditLog, loginThrottles } from '../../db/schema';
import { prune } from './throttle-repository';
import { buildTestApp, login, manualClock, TEST_PASSWORD } from '../../testing/app';
import { NEEDS_POSTGRES, onPostgres } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

function attempt(
  app: App,
  entity: string,
  username: string,
  password: string,
  options: { ip?: string; language?: string } = {},
) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    remoteAddress: options.ip ?? '192.0.2.10',
    headers: options.language ? { 'accept-language': options.language } : {},
    payload: { entity, username, password },
  });
}

async function setup() {
  const clock = manualClock();
  const { app, database } = await buildTestApp({ clock });
  const entity = await createTestEntity(database);
  const pro = await createTestProfessional(database, entity, { roles: ['tech_ssb'] });
  return { app, database, entity, pro, clock };
}

describe('login throttling', () => {
  it('after 10 failures the account waits, and the user is told how long, in their language', async () => {
    const { app, entity, pro, clock } = await setup();
    for (let i = 0; i < 10; i++) {
      const res = await attempt(app, entity.code, pro.username, `wrong ${i}`, {
        ip: `192.0.2.${i}`,
      });
      expect(res.json().error.code).toBe('auth.invalid_credentials');
    }
    // Even the right password waits now, from any address.
    const blocked = await attempt(app, entity.code, pro.username, TEST_PASSWORD, {
      ip: '198.51.100.7',
      language: 'en',
    });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.json().error).toEqual({
      code: 'auth.throttled',
      message: 'Too many failed sign-in attempts. Wait 1 minute before trying again.',
    });
    expect(Number(blocked.headers['retry-after'])).toBe(60);
    const inCatalan = await attempt(app, entity.code, pro.username, TEST_PASSWORD, {
      language: 'ca',
    });
    expect(inCatalan.json().error.message).toBe(
      "Massa intents d'inici de sessió fallits. Espereu 1 minut abans de tornar-ho a provar.",
    );

    clock.advance(61_000);
    const ok = await attempt(app, entity.code, pro.username, TEST_PASSWORD);
    expect(ok.statusCode).toBe(200);
    // A success clears the account's count: the next failure is an ordinary one.
    const next = await attempt(app, entity.code, pro.username, 'wrong again');
    expect(next.json().error.code).toBe('auth.invalid_credentials');
  });

  it('the delay grows with each further failure: 1, 2, 4, 8, then 15 minutes', async () => {
    const { app, entity, pro, clock } = await setup();
    for (let i = 0; i < 10; i++) await attempt(app, entity.code, pro.username, `wrong ${i}`);
    for (const minutes of [2, 4, 8, 15, 15]) {
      clock.advance(16 * 60_000);
      const failed = await attempt(app, entity.code, pro.username, 'still wrong');
      expect(failed.json().error.code).toBe('auth.invalid_credentials');
      const waiting = await attempt(app, entity.code, pro.username, TEST_PASSWORD, {
        language: 'es',
      });
      expect(waiting.statusCode).toBe(429);
      expect(waiting.json().error.message).toContain(`Espere ${minutes} minuto`);
    }
  });

  it('counts failures per address too: guessing many usernames from one address makes it wait', async () => {
    const { app, entity, pro } = await setup();
    for (let i = 0; i < 10; i++) {
      await attempt(app, entity.code, `someone-${i}`, 'a guess', { ip: '203.0.113.5' });
    }
    const fromThere = await attempt(app, entity.code, pro.username, TEST_PASSWORD, {
      ip: '203.0.113.5',
    });
    expect(fromThere.statusCode).toBe(429);
    const fromElsewhere = await attempt(app, entity.code, pro.username, TEST_PASSWORD, {
      ip: '203.0.113.6',
    });
    expect(fromElsewhere.statusCode).toBe(200);
  });

  it('records every login, failed login and throttled attempt', async () => {
    const { app, database, entity, pro } = await setup();
    await attempt(app, entity.code, pro.username, TEST_PASSWORD);
    for (let i = 0; i < 11; i++) await attempt(app, entity.code, pro.username, 'wrong');
    const rows = await database.tenant(entity.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'auth.login'))),
    );
    const reasons = rows.map(
      (r) => `${r.outcome}:${(r.details as { reason?: string }).reason ?? ''}`,
    );
    expect(reasons.filter((r) => r === 'ok:')).toHaveLength(1);
    expect(reasons.filter((r) => r === 'denied:bad_password')).toHaveLength(10);
    expect(reasons.filter((r) => r === 'denied:throttled')).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain('wrong');
  });

  it('forgets the counts of keys quiet for a day', async () => {
    const { app, database, entity, pro, clock } = await setup();
    await attempt(app, entity.code, pro.username, 'wrong');
    const rows = () =>
      database.tenant(entity.id, (tx) =>
        tx.select().from(loginThrottles).where(eq(loginThrottles.entityId, entity.id)),
      );
    expect(await rows()).toHaveLength(2);
    const now = clock.now();
    await database.tenant(entity.id, (tx) =>
      prune(tx, entity.id, new Date(now.getTime() - 24 * 3600_000), now),
    );
    expect(await rows()).toHaveLength(2);
    clock.advance(25 * 3600_000);
    const later = clock.now();
    await database.tenant(entity.id, (tx) =>
      prune(tx, entity.id, new Date(later.getTime() - 24 * 3600_000), later),
    );
    expect(await rows()).toHaveLength(0);
  });

  it('rotates the session at login: the session the browser held ends', async () => {
    const { app, entity, pro } = await setup();
    const before = await login(app, entity.code, pro.username);
    const res = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      headers: { cookie: before.cookie },
      payload: { entity: entity.code, username: pro.username, password: TEST_PASSWORD },
    });
    expect(res.statusCode).toBe(200);
    const fresh = res.cookies.find((c) => c.name === SESSION_COOKIE)!.value;
    expect(`${SESSION_COOKIE}=${fresh}`).not.toBe(before.cookie);
    const old = await app.inject({ method: 'GET', url: '/api/me', headers: before.headers() });
    expect(old.statusCode).toBe(401);
  });

  it.skipIf(!onPostgres())(
    `lets exactly 10 of 20 concurrent wrong attempts be checked, across connections (${NEEDS_POSTGRES})`,
    async () => {
      const { app, entity, pro } = await setup();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          attempt(app, entity.code, pro.username, `wrong ${i}`, { ip: `192.0.2.${i + 1}` }),
        ),
      );
      const codes = results.map((r) => r.json().error.code as string);
      expect(codes.filter((c) => c === 'auth.invalid_credentials')).toHaveLength(10);
      expect(codes.filter((c) => c === 'auth.throttled')).toHaveLength(10);
    },
  );
});
