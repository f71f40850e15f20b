import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { SESSION_COOKIE } from '@caliu/common';
import { rowsOf } from '../../db/connect';
import { secondFactors } from '../../db/schema';
import { buildTestApp, login, manualClock, TEST_PASSWORD } from '../../testing/app';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { enrolSecondFactor, totpCode } from '../../testing/identity-factories';

async function setup(
  options: { requires?: boolean; roles?: ('administrator' | 'tech_ssb')[] } = {},
) {
  const clock = manualClock();
  const { app, database } = await buildTestApp({ clock });
  const entity = await createTestEntity(database, {
    requiresSecondFactor: options.requires ?? false,
  });
  const pro = await createTestProfessional(database, entity, {
    roles: options.roles ?? ['tech_ssb'],
  });
  return { app, database, entity, pro, clock };
}

function passwordStep(
  app: Awaited<ReturnType<typeof setup>>['app'],
  entity: string,
  username: string,
) {
  return app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { entity, username, password: TEST_PASSWORD },
  });
}

describe('second factor', () => {
  it('enrols with a QR code and recovery codes; then every login asks for a code', async () => {
    const { app, database, entity, pro, clock } = await setup();
    const session = await login(app, entity.code, pro.username);
    expect(session.me.secondFactor).toEqual({
      enrolled: false,
      required: false,
      enrolmentRequired: false,
    });
    const started = await app.inject({
      method: 'POST',
      url: '/api/me/second-factor/enrolment',
      headers: session.headers(),
    });
    expect(started.statusCode).toBe(200);
    const enrolment = started.json();
    expect(enrolment.otpauthUri).toMatch(/^otpauth:\/\/totp\/.*secret=/);
    expect(enrolment.qrCode).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(Buffer.from(enrolment.qrCode.split(',')[1], 'base64').toString()).toContain('<svg');
    expect(enrolment.recoveryCodes).toHaveLength(10);
    expect(new Set(enrolment.recoveryCodes).size).toBe(10);

    // Until confirmed, login does not ask for a code.
    expect((await passwordStep(app, entity.code, pro.username)).json().secondFactorRequired).toBe(
      undefined,
    );
    const wrong = await app.inject({
      method: 'POST',
      url: '/api/me/second-factor/confirm',
      headers: session.headers('en'),
      payload: {
        code: '000000' === (await totpCode(enrolment.secret, clock)) ? '111111' : '000000',
      },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.code).toBe('second_factor.wrong_code');
    const confirmed = await app.inject({
      method: 'POST',
      url: '/api/me/second-factor/confirm',
      headers: session.headers(),
      payload: { code: await totpCode(enrolment.secret, clock) },
    });
    expect(confirmed.statusCode).toBe(204);

    // The secret never leaves the server again, and is not stored in clear.
    const status = await app.inject({
      method: 'GET',
      url: '/api/me/second-factor',
      headers: session.headers(),
    });
    expect(status.json()).toEqual({
      enrolled: true,
      required: false,
      enrolmentRequired: false,
      recoveryCodesLeft: 10,
    });
    expect(status.body).not.toContain(enrolment.secret);
    const again = await app.inject({
      method: 'POST',
      url: '/api/me/second-factor/enrolment',
      headers: session.headers(),
    });
    expect(again.statusCode).toBe(409);
    const [stored] = await database.tenant(entity.id, (tx) =>
      tx.select().from(secondFactors).where(eq(secondFactors.professionalId, pro.id)),
    );
    expect(stored!.secretCiphertext.toString('latin1')).not.toContain(enrolment.secret);
    const dump = await database.asOwner((tx) =>
      rowsOf<{ t: string }>(
        tx,
        sql`SELECT string_agg(row_to_json(r)::text, '') AS t FROM second_factor_recovery_codes r`,
      ),
    );
    for (const code of enrolment.recoveryCodes) expect(dump[0]!.t).not.toContain(code);
    // The key that opens the secrets is out of the application role's reach.
    await expect(
      database.tenant(entity.id, (tx) =>
        tx.execute(sql`SELECT key FROM caliu_private.server_keys`),
      ),
    ).rejects.toThrow();

    clock.advance(60_000);
    const step = await passwordStep(app, entity.code, pro.username);
    expect(step.statusCode).toBe(200);
    expect(step.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    const { challenge, secondFactorRequired } = step.json();
    expect(secondFactorRequired).toBe(true);
    const done = await app.inject({
      method: 'POST',
      url: '/api/auth/login/second-factor',
      payload: { challenge, code: await totpCode(enrolment.secret, clock) },
    });
    expect(done.statusCode).toBe(200);
    expect(done.json().secondFactor.enrolled).toBe(true);
    expect(done.cookies.find((c) => c.name === SESSION_COOKIE)?.httpOnly).toBe(true);
  });

  it('refuses a code used already, and takes each recovery code once', async () => {
    const { app, entity, pro, clock } = await setup();
    const session = await login(app, entity.code, pro.username);
    const { secret, recoveryCodes } = await enrolSecondFactor(app, session, clock);
    clock.advance(30_000);
    const code = await totpCode(secret, clock);
    const first = await app.inject({
      method: 'POST',
      url: '/api/auth/login/second-factor',
      payload: {
        challenge: (await passwordStep(app, entity.code, pro.username)).json().challenge,
        code,
      },
    });
    expect(first.statusCode).toBe(200);
    const replay = await app.inject({
      method: 'POST',
      url: '/api/auth/login/second-factor',
      headers: { 'accept-language': 'en' },
      payload: {
        challenge: (await passwordStep(app, entity.code, pro.username)).json().challenge,
        code,
      },
    });
    expect(replay.statusCode).toBe(401);
    expect(replay.json().error.code).toBe('auth.invalid_second_factor');

    const recoveryCode = recoveryCodes[3]!.toUpperCase();
    const viaRecovery = await app.inject({
      method: 'POST',
      url: '/api/auth/login/second-factor',
      payload: {
        challenge: (await passwordStep(app, entity.code, pro.username)).json().challenge,
        recoveryCode,
      },
    });
    expect(viaRecovery.statusCode).toBe(200);
    const reused = await app.inject({
      method: 'POST',
      url: '/api/auth/login/second-factor',
      payload: {
        challenge: (await passwordStep(app, entity.code, pro.username)).json().challenge,
        recoveryCode,
      },
    });
    expect(reused.statusCode).toBe(401);
  });

  it('uses a challenge up after 5 wrong codes, and it expires after 5 minutes', async () => {
    const { app, entity, pro, clock } = await setup();
    const session = await login(app, entity.code, pro.username);
    const { secret } = await enrolSecondFactor(app, session, clock);
    clock.advance(30_000);
    const { challenge } = (await passwordStep(app, entity.code, pro.username)).json();
    for (let i = 0; i < 5; i++) {
      const wrong = await app.inject({
        method: 'POST',
        url: '/api/auth/login/second-factor',
        payload: { challenge, code: String(100000 + i) },
      });
      expect(wrong.json().error.code).toBe('auth.invalid_second_factor');
    }
    const usedUp = await app.inject({
      method: 'POST',
      url: '/api/auth/login/second-factor',
      payload: { challenge, code: await totpCode(secret, clock) },
    });
    expect(usedUp.statusCode).toBe(401);
    expect(usedUp.json().error.code).toBe('auth.challenge_expired');

    const late = (await passwordStep(app, entity.code, pro.username)).json().challenge;
    clock.advance(5 * 60_000 + 1000);
    const expired = await app.inject({
      method: 'POST',
      url: '/api/auth/login/second-factor',
      payload: { challenge: late, code: await totpCode(secret, clock) },
    });
    expect(expired.json().error.code).toBe('auth.challenge_expired');
  });

  it('an administrator of an entity that requires it may sign in only to enrol', async () => {
    const { app, entity, pro, clock } = await setup({ requires: true, roles: ['administrator'] });
    const session = await login(app, entity.code, pro.username);
    expect(session.me.secondFactor).toEqual({
      enrolled: false,
      required: true,
      enrolmentRequired: true,
    });
    const refused = await app.inject({
      method: 'GET',
      url: '/api/entity',
      headers: session.headers('en'),
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('auth.second_factor_enrolment_required');
    expect(refused.json().error.message).toMatch(/authenticator app/);
    const me = await app.inject({ method: 'GET', url: '/api/me', headers: session.headers() });
    expect(me.statusCode).toBe(200);

    const { secret } = await enrolSecondFactor(app, session, clock);
    const allowed = await app.inject({
      method: 'GET',
      url: '/api/entity',
      headers: session.headers(),
    });
    expect(allowed.statusCode).toBe(200);

    const remove = await app.inject({
      method: 'DELETE',
      url: '/api/me/second-factor',
      headers: session.headers(),
      payload: { currentPassword: TEST_PASSWORD },
    });
    expect(remove.statusCode).toBe(409);
    expect(remove.json().error.code).toBe('second_factor.required');
    expect(secret).toBeTruthy();
  });

  it('a technician is not required to enrol, and may remove their second factor with the password', async () => {
    const { app, entity, pro, clock } = await setup({ requires: true });
    const session = await login(app, entity.code, pro.username);
    expect(session.me.secondFactor?.enrolmentRequired).toBe(false);
    await enrolSecondFactor(app, session, clock);
    const wrong = await app.inject({
      method: 'DELETE',
      url: '/api/me/second-factor',
      headers: session.headers(),
      payload: { currentPassword: 'not the password' },
    });
    expect(wrong.json().error.code).toBe('auth.wrong_password');
    const removed = await app.inject({
      method: 'DELETE',
      url: '/api/me/second-factor',
      headers: session.headers(),
      payload: { currentPassword: TEST_PASSWORD },
    });
    expect(removed.statusCode).toBe(204);
    const step = await passwordStep(app, entity.code, pro.username);
    expect(step.json().username).toBe(pro.username);
  });
});
