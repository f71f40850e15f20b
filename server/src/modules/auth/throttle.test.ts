import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import { SESSION_COOKIE } from '@caliu/common';
import { auditLog, loginThrottles } from '../../db/schema';
import { prune } from './throttle-repository';
import { buildTestApp, login, manualClock, TEST_PASSWORD } from '../../testing/app';
import { NEEDS_POSTGRES, onPostgres } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { outboxOf } from '../../testing/messaging';

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
  it('after 10 failures from one address the account waits there, told how long in their language, and not elsewhere', async () => {
    const { app, entity, pro, clock } = await setup();
    for (let i = 0; i < 10; i++) {
      const res = await attempt(app, entity.code, pro.username, `wrong ${i}`, {
        ip: '198.51.100.7',
      });
      expect(res.json().error.code).toBe('auth.invalid_credentials');
    }
    // Even the right password waits now, from that address.
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
      ip: '198.51.100.7',
      language: 'ca',
    });
    expect(inCatalan.json().error.message).toBe(
      "Massa intents d'inici de sessió fallits. Espereu 1 minut abans de tornar-ho a provar.",
    );

    // Whoever guessed from there cannot lock the owner out: from their own desk they sign in.
    const owner = await attempt(app, entity.code, pro.username, TEST_PASSWORD, {
      ip: '192.0.2.44',
    });
    expect(owner.statusCode).toBe(200);

    clock.advance(61_000);
    const ok = await attempt(app, entity.code, pro.username, TEST_PASSWORD, {
      ip: '198.51.100.7',
    });
    expect(ok.statusCode).toBe(200);
    // A success clears the count from that address: the next failure is an ordinary one.
    const next = await attempt(app, entity.code, pro.username, 'wrong again', {
      ip: '198.51.100.7',
    });
    expect(next.json().error.code).toBe('auth.invalid_credentials');
  }, 120_000);

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

  it('does not lock out an office of fifty behind one address, but stops one address guessing many accounts', async () => {
    const { app, entity, pro } = await setup();
    const townHall = '203.0.113.5';
    // Fifty colleagues behind the town hall's address, each mistyping 5 times in an hour.
    for (let colleague = 0; colleague < 50; colleague++) {
      for (let i = 0; i < 5; i++) {
        const res = await attempt(app, entity.code, `colleague-${colleague}`, 'typo', {
          ip: townHall,
        });
        expect(res.json().error.code).toBe('auth.invalid_credentials');
      }
    }
    const colleague = await attempt(app, entity.code, pro.username, TEST_PASSWORD, {
      ip: townHall,
    });
    expect(colleague.statusCode).toBe(200);
    // A guesser behind one address trying many usernames reaches the address's limit (300).
    for (let i = 0; i < 50; i++) {
      await attempt(app, entity.code, `someone-${i}`, 'a guess', { ip: townHall });
    }
    const fromThere = await attempt(app, entity.code, pro.username, TEST_PASSWORD, {
      ip: townHall,
    });
    expect(fromThere.statusCode).toBe(429);
    const fromElsewhere = await attempt(app, entity.code, pro.username, TEST_PASSWORD, {
      ip: '203.0.113.6',
    });
    expect(fromElsewhere.statusCode).toBe(200);
  }, 120_000);

  it('stops a guess spread over many addresses at 100 failures, and tells the owner by email once', async () => {
    const { app, database, entity, pro } = await setup();
    for (let i = 0; i < 100; i++) {
      const res = await attempt(app, entity.code, pro.username, `guess ${i}`, {
        ip: `10.0.${Math.floor(i / 200)}.${i % 200}`,
      });
      expect(res.json().error.code).toBe('auth.invalid_credentials');
    }
    const anywhere = await attempt(app, entity.code, pro.username, TEST_PASSWORD, {
      ip: '192.0.2.200',
    });
    expect(anywhere.statusCode).toBe(429);
    const told = (await outboxOf(database, entity.id)).filter(
      (m) => m.template === 'login_throttled',
    );
    expect(told).toHaveLength(1);
    expect(told[0]).toMatchObject({
      recipient: pro.email,
      data: { username: pro.username, minutes: 1 },
    });
    expect(JSON.stringify(told[0]!.data)).not.toMatch(/guess|10\.0\./);
    // Further failures in the same episode make it wait longer, without more email.
    await attempt(app, entity.code, pro.username, 'guess again', { ip: '10.0.9.9' });
    expect(
      (await outboxOf(database, entity.id)).filter((m) => m.template === 'login_throttled'),
    ).toHaveLength(1);
  }, 120_000);

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
    expect(await rows()).toHaveLength(3);
    const now = clock.now();
    await database.tenant(entity.id, (tx) =>
      prune(tx, entity.id, new Date(now.getTime() - 24 * 3600_000), now),
    );
    expect(await rows()).toHaveLength(3);
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
    `lets exactly 10 of 20 concurrent wrong attempts from one address be checked, across connections (${NEEDS_POSTGRES})`,
    async () => {
      const { app, entity, pro } = await setup();
      const results = await Promise.all(
        Array.from({ length: 20 }, (_, i) =>
          attempt(app, entity.code, pro.username, `wrong ${i}`, { ip: '192.0.2.1' }),
        ),
      );
      const codes = results.map((r) => r.json().error.code as string);
      expect(codes.filter((c) => c === 'auth.invalid_credentials')).toHaveLength(10);
      expect(codes.filter((c) => c === 'auth.throttled')).toHaveLength(10);
    },
  );
});
