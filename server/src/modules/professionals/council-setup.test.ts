import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { createEntity, createProfessional } from '../../commands/create-entity';
import { buildTestApp, login, manualClock, type Session } from '../../testing/app';
import { enrolSecondFactor, totpCode } from '../../testing/identity-factories';
import { drain, mailboxOf, tokenIn } from '../../testing/messaging';
import type { Clock } from '../../platform/context';

const ADMIN_PASSWORD = 'the council admin passphrase';

async function signInWithCode(
  app: FastifyInstance,
  entity: string,
  username: string,
  password: string,
  secret: string,
  clock: Clock,
) {
  const step = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { entity, username, password },
  });
  expect(step.json().secondFactorRequired).toBe(true);
  const done = await app.inject({
    method: 'POST',
    url: '/api/auth/login/second-factor',
    payload: { challenge: step.json().challenge, code: await totpCode(secret, clock) },
  });
  expect(done.statusCode).toBe(200);
  const cookie = done.cookies.find((c) => c.name === 'caliu_session')!;
  const me = done.json();
  return {
    cookie: `caliu_session=${cookie.value}`,
    csrf: me.csrfToken,
    me,
    headers: () => ({ cookie: `caliu_session=${cookie.value}`, 'x-csrf-token': me.csrfToken }),
  } satisfies Session;
}

describe('setting up a small council from the API alone', () => {
  it('an administrator made with create-admin sets up territory, teams and professionals, and every professional activates and signs in', async () => {
    const clock = manualClock();
    const { app, database, config } = await buildTestApp({ clock });
    const code = `council-${Date.now().toString(36)}`;
    const domain = `${code}.example.cat`;
    // What `npm run caliu -- create-admin` does.
    const entityId = await createEntity(database, {
      code,
      name: 'Ajuntament de Prova',
      emailDomains: [domain],
      requiresSecondFactor: true,
      // Its mailbox keeps bodies (the demo entity's rule) so that the test can follow the links.
      isDemo: true,
    });
    await createProfessional(database, entityId, {
      username: 'admin',
      givenName: 'Xavier',
      surnames: 'Bosch Pujol',
      email: `admin@${domain}`,
      roles: ['administrator'],
      password: ADMIN_PASSWORD,
    });

    // First sign-in: only to enrol the second factor the entity requires.
    const first = await login(app, code, 'admin', ADMIN_PASSWORD);
    expect(first.me.secondFactor?.enrolmentRequired).toBe(true);
    const early = await app.inject({
      method: 'POST',
      url: '/api/municipalities',
      headers: first.headers(),
      payload: { name: 'Too early' },
    });
    expect(early.json().error.code).toBe('auth.second_factor_enrolment_required');
    const { secret } = await enrolSecondFactor(app, first, clock);
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: first.headers() });
    clock.advance(30_000);
    const admin = await signInWithCode(app, code, 'admin', ADMIN_PASSWORD, secret, clock);
    const call = async (method: 'POST' | 'PATCH' | 'PUT', url: string, payload: object) => {
      const res = await app.inject({ method, url, headers: admin.headers(), payload });
      expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
      return res.json();
    };

    await call('PATCH', '/api/entity', { timeZone: 'Europe/Madrid', defaultLanguage: 'ca' });
    const town = await call('POST', '/api/municipalities', { name: 'Vilanova', ineCode: '08307' });
    const village = await call('POST', '/api/municipalities', { name: 'Sant Pere' });
    const centre = await call('POST', '/api/sectors', {
      name: 'Centre',
      municipalityIds: [town.id],
    });
    const rural = await call('POST', '/api/sectors', {
      name: 'Rural',
      municipalityIds: [village.id],
    });
    const teamA = await call('POST', '/api/teams', { name: 'Equip A', sectorIds: [centre.id] });
    const teamB = await call('POST', '/api/teams', {
      name: 'Equip B',
      sectorIds: [rural.id],
      municipalityIds: [village.id],
    });

    const people = [
      {
        givenName: 'Montse',
        surnames: 'Riera Vila',
        documentNumber: '12345678Z',
        roles: ['coordinator'],
        teams: [{ teamId: teamA.id, isCoordinator: true }],
      },
      {
        givenName: 'Fatima',
        surnames: 'El Amrani',
        documentType: 'nie',
        documentNumber: 'X1234567L',
        roles: ['tech_immigration'],
        costCategory: 'A',
        // In team B, working in the centre as well.
        sectorId: centre.id,
        teams: [{ teamId: teamB.id }],
      },
      {
        givenName: 'Laia',
        surnames: 'Ferrer',
        documentType: 'passport',
        documentNumber: 'AB123456',
        roles: ['aux_admin'],
        sectorId: rural.id,
        mobile: '+34 600 111 222',
      },
      {
        givenName: 'Jordi',
        surnames: 'Vidal',
        documentNumber: '00000000T',
        roles: ['administrator'],
      },
    ];
    const created: { id: string; username: string; roles: string[]; channel: string }[] = [];
    for (const person of people) {
      const body = {
        documentType: 'dni',
        email: `${person.givenName.toLowerCase()}@${domain}`,
        ...person,
      };
      const pro = await call('POST', '/api/professionals', body);
      created.push({
        id: pro.id,
        username: pro.username,
        roles: pro.roles,
        channel: pro.activation.channel,
      });
    }
    expect(created.map((c) => c.channel)).toEqual(['email', 'email', 'sms', 'email']);

    // The worker sends the emails; every link reaches its professional (the SMS one by SMS).
    await drain({ database, config, clock }, [entityId]);
    const mailbox = await mailboxOf(database, entityId);
    for (const pro of created) {
      const message = mailbox.find(
        (m) =>
          m.template.startsWith('professional_activation') && m.textBody?.includes(pro.username),
      );
      expect(message, pro.username).toBeDefined();
      const token = tokenIn(message!.textBody);
      const activated = await app.inject({
        method: 'POST',
        url: '/api/auth/activate',
        payload: { token, password: `${pro.username} chose this passphrase` },
      });
      expect(activated.statusCode, pro.username).toBe(200);
      const session = await login(app, code, pro.username, `${pro.username} chose this passphrase`);
      expect(session.me.secondFactor?.enrolmentRequired).toBe(pro.roles.includes('administrator'));
    }

    // The coordinator puts the immigration technician, who works in the centre too, in their
    // team as well; not the assistant, who works in the rural sector only.
    const coordinator = await login(
      app,
      code,
      created[0]!.username,
      `${created[0]!.username} chose this passphrase`,
    );
    const elsewhere = await app.inject({
      method: 'PUT',
      url: `/api/teams/${teamA.id}/members`,
      headers: coordinator.headers(),
      payload: {
        members: [
          { professionalId: created[0]!.id, isCoordinator: true },
          { professionalId: created[2]!.id },
        ],
      },
    });
    expect(elsewhere.statusCode).toBe(403);
    expect(elsewhere.json().error.code).toBe('organization.member_outside_territory');
    const members = await app.inject({
      method: 'PUT',
      url: `/api/teams/${teamA.id}/members`,
      headers: coordinator.headers(),
      payload: {
        members: [
          { professionalId: created[0]!.id, isCoordinator: true },
          { professionalId: created[1]!.id },
        ],
      },
    });
    expect(members.statusCode).toBe(200);
    expect(members.json().items).toHaveLength(2);
  });
});
