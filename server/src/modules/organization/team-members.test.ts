import { describe, expect, it } from 'vitest';
import { and, eq } from 'drizzle-orm';
import type { Role } from '@caliu/common';
import { auditLog } from '../../db/schema';
import { buildTestApp, login } from '../../testing/app';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { createAdmin } from '../../testing/identity-factories';

/**
 * Whom a coordinator may add to the teams they coordinate: professionals with
 * professional roles only, who work where the coordinator's teams serve; the administrator anyone;
 * every change audited with the members before and after.
 */
async function setup() {
  const { app, database } = await buildTestApp();
  const entity = await createTestEntity(database);
  const admin = await createAdmin(database, entity);
  const adminSession = await login(app, entity.code, admin.username);
  const coordinator = await createTestProfessional(database, entity, {
    roles: ['coordinator'],
    coordinates: [entity.teams.north],
  });
  const session = await login(app, entity.code, coordinator.username);
  const put = (
    who: typeof session,
    members: { professionalId: string; isCoordinator?: boolean }[],
    language = 'en',
  ) =>
    app.inject({
      method: 'PUT',
      url: `/api/teams/${entity.teams.north}/members`,
      headers: who.headers(language),
      payload: {
        members: [{ professionalId: coordinator.id, isCoordinator: true }, ...members],
      },
    });
  const north = (roles: Role[]) =>
    createTestProfessional(database, entity, { roles, sectorId: entity.sectors.north });
  const audits = () =>
    database.tenant(entity.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(
          and(
            eq(auditLog.action, 'team.members_update'),
            eq(auditLog.recordId, entity.teams.north),
          ),
        )
        .orderBy(auditLog.id),
    );
  return { app, database, entity, admin, adminSession, coordinator, session, put, north, audits };
}

describe('adding professionals to a team', () => {
  it('a coordinator cannot add an administrator, an operator, a head of operations or the like, nor make one coordinator', async () => {
    const { admin, session, put, north, adminSession } = await setup();
    const operator = await north(['operator']);
    const head = await north(['head_of_operations']);
    const both = await north(['tech_ssb', 'administrator']);
    for (const id of [admin.id, operator.id, head.id, both.id]) {
      const res = await put(session, [{ professionalId: id }], 'ca');
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({
        code: 'organization.member_role_not_allowed',
        message: expect.stringContaining('No podeu afegir'),
        details: [{ field: 'members' }],
      });
    }
    // Put there by the administrator, they stay through the coordinator's saves, as they are.
    expect((await put(adminSession, [{ professionalId: admin.id }])).statusCode).toBe(200);
    expect((await put(session, [{ professionalId: admin.id }])).statusCode).toBe(200);
    const promote = await put(session, [{ professionalId: admin.id, isCoordinator: true }]);
    expect(promote.json().error.code).toBe('organization.member_role_not_allowed');
  });

  it('a coordinator adds only professionals who work where their teams serve, or nowhere yet', async () => {
    const { app, database, entity, session, put, north } = await setup();
    const inSector = await north(['tech_sad']);
    const inTeam = await createTestProfessional(database, entity, {
      roles: ['aux_admin'],
      teams: [entity.teams.north],
    });
    const southern = await createTestProfessional(database, entity, {
      roles: ['tech_ssb'],
      sectorId: entity.sectors.south,
      teams: [entity.teams.south],
    });
    const unplaced = await createTestProfessional(database, entity, { roles: ['tech_eaia'] });

    // The directory says beforehand whom the coordinator may add.
    const directory = await app.inject({
      method: 'GET',
      url: '/api/professionals?limit=50',
      headers: session.headers(),
    });
    const joinable = Object.fromEntries(
      (directory.json().items as { id: string; can: { joinTeams: boolean } }[]).map((p) => [
        p.id,
        p.can.joinTeams,
      ]),
    );
    expect(joinable).toMatchObject({
      [inSector.id]: true,
      [inTeam.id]: true,
      [southern.id]: false,
      [unplaced.id]: true,
    });

    const res = await put(session, [{ professionalId: southern.id }]);
    expect(res.statusCode).toBe(403);
    expect(res.json().error).toMatchObject({
      code: 'organization.member_outside_territory',
      message: `You cannot add Test Professional ${southern.username} to the team: they do not work in the municipalities or sectors your teams serve. Ask the administrator.`,
    });
    // Someone with neither a sector nor a team yet is no one's: the coordinator may place them.
    const ok = await put(session, [
      { professionalId: inSector.id },
      { professionalId: inTeam.id, isCoordinator: true },
      { professionalId: unplaced.id },
    ]);
    expect(ok.statusCode, ok.body).toBe(200);
  });

  it('the administrator adds anyone; every change is audited with the members before and after', async () => {
    const { database, entity, admin, adminSession, coordinator, session, put, north, audits } =
      await setup();
    const operator = await createTestProfessional(database, entity, { roles: ['operator'] });
    const tech = await north(['tech_ssb']);
    expect((await put(adminSession, [{ professionalId: operator.id }])).statusCode).toBe(200);
    expect((await put(session, [{ professionalId: tech.id }])).statusCode).toBe(200);
    const byId = (a: { professionalId: string }, b: { professionalId: string }) =>
      a.professionalId.localeCompare(b.professionalId);
    type Members = { professionalId: string; isCoordinator: boolean }[];
    const [first, second] = (await audits()).map((a) => ({
      actor: a.actorId,
      ...(a.details as { before: Members; after: Members; added: string[]; removed: string[] }),
    }));
    expect(first).toMatchObject({
      actor: admin.id,
      before: [{ professionalId: coordinator.id, isCoordinator: true }],
      after: [
        { professionalId: coordinator.id, isCoordinator: true },
        { professionalId: operator.id, isCoordinator: false },
      ].sort(byId),
      added: [operator.id],
      removed: [],
    });
    expect(second).toMatchObject({
      actor: coordinator.id,
      before: first!.after,
      after: [
        { professionalId: coordinator.id, isCoordinator: true },
        { professionalId: tech.id, isCoordinator: false },
      ].sort(byId),
      added: [tech.id],
      removed: [operator.id],
    });
  });

  it("the administrator's change of a professional's teams is audited before and after", async () => {
    const { app, database, entity, adminSession } = await setup();
    const tech = await createTestProfessional(database, entity, {
      roles: ['tech_ssb'],
      teams: [entity.teams.north],
    });
    const res = await app.inject({
      method: 'PATCH',
      url: `/api/professionals/${tech.id}`,
      headers: adminSession.headers(),
      payload: { teams: [{ teamId: entity.teams.south, isCoordinator: false }] },
    });
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await database.tenant(entity.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'professional.update'), eq(auditLog.recordId, tech.id))),
    );
    expect(row!.details).toMatchObject({
      teams: {
        from: [{ teamId: entity.teams.north, isCoordinator: false }],
        to: [{ teamId: entity.teams.south, isCoordinator: false }],
      },
    });
  });
});
