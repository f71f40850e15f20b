import { describe, expect, it } from 'vitest';
import { buildTestApp, login, manualClock } from '../../testing/app';
import { createTestEntity, createTestProfessional } from '../../testing/factories';

describe('the keys of form drafts', () => {
  it('go to the signed-in user only: the same all day, another for another user, none without a session', async () => {
    const clock = manualClock(new Date('2026-12-04T09:00:00Z'));
    const { app, database } = await buildTestApp({ clock });
    const entity = await createTestEntity(database);
    const marta = await createTestProfessional(database, entity, { roles: ['tech_ssb'] });
    const pau = await createTestProfessional(database, entity, { roles: ['tech_ssb'] });
    const keysOf = async (session: Awaited<ReturnType<typeof login>>) => {
      const res = await app.inject({
        method: 'GET',
        url: '/api/me/draft-keys',
        headers: session.headers(),
      });
      expect(res.statusCode).toBe(200);
      return res.json() as {
        current: { epoch: number; key: string };
        previous: { epoch: number; key: string };
      };
    };
    const martaSession = await login(app, entity.code, marta.username);
    const morning = await keysOf(martaSession);
    expect(Buffer.from(morning.current.key, 'base64url')).toHaveLength(32);
    expect(morning.previous.epoch).toBe(morning.current.epoch - 1);
    expect(morning.previous.key).not.toBe(morning.current.key);

    // A new session later the same day: the same key, so a draft typed before an expiry opens.
    clock.advance(6 * 60 * 60 * 1000);
    expect(await keysOf(await login(app, entity.code, marta.username))).toEqual(morning);
    // Another user of the same computer gets other keys: Marta's drafts do not open for Pau.
    const pauKeys = await keysOf(await login(app, entity.code, pau.username));
    expect(pauKeys.current.key).not.toBe(morning.current.key);
    expect(pauKeys.previous.key).not.toBe(morning.previous.key);

    // Tomorrow, today's key is the previous one; the day after, it is gone.
    clock.advance(24 * 60 * 60 * 1000);
    const tomorrow = await keysOf(await login(app, entity.code, marta.username));
    expect(tomorrow.previous).toEqual(morning.current);
    clock.advance(24 * 60 * 60 * 1000);
    const later = await keysOf(await login(app, entity.code, marta.username));
    expect([later.current.key, later.previous.key]).not.toContain(morning.current.key);

    const anonymous = await app.inject({ method: 'GET', url: '/api/me/draft-keys' });
    expect(anonymous.statusCode).toBe(401);
  });
});
