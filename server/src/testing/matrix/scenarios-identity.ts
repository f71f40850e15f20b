import { randomBytes } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { insertProfessional } from '../../commands/create-entity';
import { municipalities, professionals, sectors, teamMemberships, teams } from '../../db/schema';
import { mintSecretLink } from '../../platform/messaging/secret-links';
import { login, type Session, TEST_PASSWORD } from '../app';
import { createTestProfessional, type TestEntity } from '../factories';
import { enrolSecondFactor, professionalBody, totpCode } from '../identity-factories';
import type { Caller, Relation } from './expected';
import type { Scenario } from './scenarios';
import type { World } from './world';

const unique = () => randomBytes(4).toString('hex');
const entityOf = (w: World, relation: Relation): TestEntity =>
  relation === 'other_entity' ? w.b : w.a;

/**
 * A new professional with the caller's role, signed in: for the routes that change one's own
 * account for good (password, second factor), which the caller's actor must keep as it is.
 */
async function standIn(w: World, caller: Caller): Promise<Session | undefined> {
  if (caller === 'anonymous') return undefined;
  const { entity } = w.actors[caller];
  const pro = await createTestProfessional(w.db, entity, {
    roles: [caller],
    ...(caller === 'support_agent' ? {} : { teams: [w.a.teams.north] }),
  });
  return login(w.app, entity.code, pro.username);
}

/** A professional who has not activated their account yet. */
async function pendingProfessional(w: World, entity: TestEntity): Promise<string> {
  return w.db.tenant(entity.id, (tx) =>
    insertProfessional(tx, entity.id, {
      username: `pending-${unique()}`,
      givenName: 'Pending',
      surnames: 'Activation',
      email: `pending-${unique()}@${entity.domain}`,
      roles: ['tech_ssb'],
      passwordHash: null,
    }),
  );
}

async function liveLink(w: World, purpose: 'activation' | 'password_reset', subjectId: string) {
  return w.db.tenant(w.a.id, (tx) =>
    mintSecretLink(tx, { entityId: w.a.id, purpose, subjectId, ttlHours: 1, now: new Date() }),
  );
}

async function municipalityIn(w: World, entity: TestEntity) {
  const [row] = await w.db.tenant(entity.id, (tx) =>
    tx
      .insert(municipalities)
      .values({ entityId: entity.id, name: `M ${unique()}` })
      .returning(),
  );
  return row!.id;
}

async function sectorIn(w: World, entity: TestEntity) {
  const [row] = await w.db.tenant(entity.id, (tx) =>
    tx
      .insert(sectors)
      .values({ entityId: entity.id, name: `S ${unique()}` })
      .returning(),
  );
  return row!.id;
}

/** A fresh team; with `coordinator`, the world's coordinator coordinates it. */
async function teamIn(w: World, entity: TestEntity, coordinated = false) {
  return w.db.tenant(entity.id, async (tx) => {
    const [team] = await tx
      .insert(teams)
      .values({ entityId: entity.id, name: `T ${unique()}` })
      .returning();
    if (coordinated) {
      await tx.insert(teamMemberships).values({
        entityId: entity.id,
        teamId: team!.id,
        professionalId: w.actors.coordinator.id,
        isCoordinator: true,
      });
    }
    return team!.id;
  });
}

/** A fresh professional, member of the north team (team), the south team, or of entity B. */
async function memberFor(w: World, relation: Relation, active = true) {
  const entity = entityOf(w, relation);
  const pro = await createTestProfessional(w.db, entity, {
    roles: ['tech_ssb'],
    teams: [relation === 'other_team' ? entity.teams.south : entity.teams.north],
  });
  if (!active) {
    await w.db.tenant(entity.id, (tx) =>
      tx.update(professionals).set({ active: false }).where(eq(professionals.id, pro.id)),
    );
  }
  return pro.id;
}

function teamFor(w: World, relation: Relation) {
  if (relation === 'team') return teamIn(w, w.a, true);
  return teamIn(w, entityOf(w, relation));
}

export const IDENTITY_SCENARIOS: Record<string, Scenario> = {
  // Completing a login rotates the session whose cookie it is sent with: use a fresh one.
  'POST /api/auth/login/second-factor': async (w, caller) => {
    const pro = await createTestProfessional(w.db, w.a, { roles: ['tech_ssb'] });
    const { secret } = await enrolSecondFactor(w.app, await login(w.app, w.a.code, pro.username));
    const step = await w.app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { entity: w.a.code, username: pro.username, password: TEST_PASSWORD },
    });
    const { challenge } = step.json() as { challenge: string };
    return {
      method: 'POST',
      url: '/api/auth/login/second-factor',
      // The next time step: the current one was spent confirming the enrolment.
      payload: { challenge, code: await totpCode(secret, undefined, 1) },
      freshSession: caller !== 'anonymous',
    };
  },
  'GET /api/auth/activation': async (w) => ({
    method: 'GET',
    url: `/api/auth/activation?token=${await liveLink(w, 'activation', await pendingProfessional(w, w.a))}`,
  }),
  'POST /api/auth/activate': async (w) => ({
    method: 'POST',
    url: '/api/auth/activate',
    payload: {
      token: await liveLink(w, 'activation', await pendingProfessional(w, w.a)),
      password: `Fresh start ${unique()} at home`,
    },
  }),
  'POST /api/auth/password-reset-requests': async (w) => ({
    method: 'POST',
    url: '/api/auth/password-reset-requests',
    payload: { entity: w.a.code, email: w.colleagues.north.email },
  }),
  'POST /api/auth/password-reset': async (w) => {
    const pro = await createTestProfessional(w.db, w.a, { roles: ['tech_ssb'] });
    return {
      method: 'POST',
      url: '/api/auth/password-reset',
      payload: {
        token: await liveLink(w, 'password_reset', pro.id),
        password: `Another fresh ${unique()} start`,
      },
    };
  },
  // The same password again: refused or accepted, the permission was checked first.
  'PUT /api/me/password': async (w, caller) => ({
    method: 'PUT',
    url: '/api/me/password',
    payload: { currentPassword: TEST_PASSWORD, newPassword: `Matrix-passphrase-${unique()}` },
    session: await standIn(w, caller),
  }),
  'GET /api/me/second-factor': async () => ({ method: 'GET', url: '/api/me/second-factor' }),
  'POST /api/me/second-factor/enrolment': async () => ({
    method: 'POST',
    url: '/api/me/second-factor/enrolment',
    freshSession: true,
  }),
  'POST /api/me/second-factor/confirm': async (w, caller) => {
    const session = await standIn(w, caller);
    if (!session) {
      return { method: 'POST', url: '/api/me/second-factor/confirm', payload: { code: '000000' } };
    }
    const started = await w.app.inject({
      method: 'POST',
      url: '/api/me/second-factor/enrolment',
      headers: session.headers(),
    });
    const { secret } = started.json() as { secret: string };
    return {
      method: 'POST',
      url: '/api/me/second-factor/confirm',
      payload: { code: await totpCode(secret) },
      session,
    };
  },
  'DELETE /api/me/second-factor': async () => ({
    method: 'DELETE',
    url: '/api/me/second-factor',
    payload: { currentPassword: TEST_PASSWORD },
    freshSession: true,
  }),

  'GET /api/entity': async () => ({ method: 'GET', url: '/api/entity' }),
  'PATCH /api/entity': async () => ({
    method: 'PATCH',
    url: '/api/entity',
    payload: { defaultLanguage: 'ca' },
  }),
  'GET /api/municipalities': async () => ({ method: 'GET', url: '/api/municipalities' }),
  'POST /api/municipalities': async () => ({
    method: 'POST',
    url: '/api/municipalities',
    payload: { name: `Municipality ${unique()}` },
  }),
  'PATCH /api/municipalities/:id': async (w, _c, relation) => ({
    method: 'PATCH',
    url: `/api/municipalities/${await municipalityIn(w, entityOf(w, relation))}`,
    payload: { name: `Renamed ${unique()}` },
  }),
  'DELETE /api/municipalities/:id': async (w, _c, relation) => ({
    method: 'DELETE',
    url: `/api/municipalities/${await municipalityIn(w, entityOf(w, relation))}`,
  }),
  'GET /api/sectors': async () => ({ method: 'GET', url: '/api/sectors' }),
  'POST /api/sectors': async (w) => ({
    method: 'POST',
    url: '/api/sectors',
    payload: { name: `Sector ${unique()}`, municipalityIds: [w.a.municipalities.north1] },
  }),
  'PATCH /api/sectors/:id': async (w, _c, relation) => ({
    method: 'PATCH',
    url: `/api/sectors/${await sectorIn(w, entityOf(w, relation))}`,
    payload: { name: `Renamed ${unique()}` },
  }),
  'DELETE /api/sectors/:id': async (w, _c, relation) => ({
    method: 'DELETE',
    url: `/api/sectors/${await sectorIn(w, entityOf(w, relation))}`,
  }),
  'GET /api/teams': async () => ({ method: 'GET', url: '/api/teams' }),
  'GET /api/teams/:id': async (w, _c, relation) => ({
    method: 'GET',
    url: `/api/teams/${entityOf(w, relation).teams.north}`,
  }),
  'POST /api/teams': async (w) => ({
    method: 'POST',
    url: '/api/teams',
    payload: { name: `Team ${unique()}`, sectorIds: [w.a.sectors.north], municipalityIds: [] },
  }),
  'PATCH /api/teams/:id': async (w, _c, relation) => ({
    method: 'PATCH',
    url: `/api/teams/${await teamIn(w, entityOf(w, relation))}`,
    payload: { name: `Renamed ${unique()}` },
  }),
  'GET /api/teams/:id/members': async (w, _c, relation) => ({
    method: 'GET',
    url: `/api/teams/${await teamFor(w, relation)}/members`,
  }),
  'PUT /api/teams/:id/members': async (w, _c, relation) => ({
    method: 'PUT',
    url: `/api/teams/${await teamFor(w, relation)}/members`,
    payload: { members: [{ professionalId: w.actors.coordinator.id, isCoordinator: true }] },
  }),

  'PUT /api/teams/:id/members (adding an administrator)': async (w, _c, relation) => ({
    method: 'PUT',
    url: `/api/teams/${await teamFor(w, relation)}/members`,
    payload: {
      members: [
        { professionalId: w.actors.coordinator.id, isCoordinator: true },
        { professionalId: w.actors.administrator.id, isCoordinator: false },
      ],
    },
  }),
  // Every actor works in the north team's territory; this colleague in the south team's.
  'PUT /api/teams/:id/members (adding someone of another territory)': async (w, _c, relation) => ({
    method: 'PUT',
    url: `/api/teams/${await teamFor(w, relation)}/members`,
    payload: {
      members: [
        { professionalId: w.actors.coordinator.id, isCoordinator: true },
        { professionalId: w.colleagues.south.id, isCoordinator: false },
      ],
    },
  }),

  'GET /api/professionals': async () => ({ method: 'GET', url: '/api/professionals?limit=5' }),
  'GET /api/professionals/:id': async (w, _c, relation) => ({
    method: 'GET',
    url: `/api/professionals/${
      relation === 'team'
        ? w.colleagues.north.id
        : relation === 'other_team'
          ? w.colleagues.south.id
          : w.colleagues.otherEntity.id
    }`,
  }),
  'POST /api/professionals': async (w) => ({
    method: 'POST',
    url: '/api/professionals',
    payload: professionalBody(w.a),
  }),
  'PATCH /api/professionals/:id': async (w, _c, relation) => ({
    method: 'PATCH',
    url: `/api/professionals/${await memberFor(w, relation)}`,
    payload: { givenName: 'Renamed' },
  }),
  'PATCH /api/professionals/:id (roles)': async (w, _c, relation) => ({
    method: 'PATCH',
    url: `/api/professionals/${await memberFor(w, relation)}`,
    payload: { roles: ['tech_sad'] },
  }),
  'PATCH /api/professionals/:id (own roles)': async (w, caller) => ({
    method: 'PATCH',
    url: `/api/professionals/${caller === 'anonymous' ? w.colleagues.north.id : w.actors[caller].id}`,
    payload: { roles: ['coordinator'] },
  }),
  'POST /api/professionals/:id/deactivate': async (w, _c, relation) => ({
    method: 'POST',
    url: `/api/professionals/${await memberFor(w, relation)}/deactivate`,
  }),
  'POST /api/professionals/:id/reactivate': async (w, _c, relation) => ({
    method: 'POST',
    url: `/api/professionals/${await memberFor(w, relation, false)}/reactivate`,
  }),
  'POST /api/professionals/:id/resend-activation': async (w, _c, relation) => ({
    method: 'POST',
    url: `/api/professionals/${await pendingProfessional(w, entityOf(w, relation))}/resend-activation`,
  }),
};
