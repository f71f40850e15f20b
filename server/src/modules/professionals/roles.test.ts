import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/connect';
import { outboxMessages, professionals } from '../../db/schema';
import { findTemplate } from '../../platform/messaging/templates';
import { buildTestApp, login, type Session } from '../../testing/app';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { professionalBody } from '../../testing/identity-factories';

/**
 * Roles: an administrator never changes their own roles; every role change is
 * emailed to the entity's other administrators through the outbox, in the same transaction; the
 * last active administrator is neither deactivated nor stripped of the role.
 */
async function setup() {
  const { app, database } = await buildTestApp();
  const entity = await createTestEntity(database);
  const admin = await createTestProfessional(database, entity, { roles: ['administrator'] });
  const session = await login(app, entity.code, admin.username);
  const patch = (who: Session, id: string, payload: object, language = 'en') =>
    app.inject({
      method: 'PATCH',
      url: `/api/professionals/${id}`,
      headers: who.headers(language),
      payload,
    });
  const mails = () =>
    database.tenant(entity.id, (tx) =>
      tx
        .select()
        .from(outboxMessages)
        .where(eq(outboxMessages.template, 'role_change'))
        .orderBy(outboxMessages.recipient),
    );
  const activeAdministrators = async () =>
    (
      await database.tenant(entity.id, (tx) =>
        rowsOf<{ n: number }>(
          tx,
          sql`SELECT count(*)::int AS n FROM professionals
            WHERE active AND 'administrator' = ANY(roles)`,
        ),
      )
    )[0]!.n;
  return { app, database, entity, admin, session, patch, mails, activeAdministrators };
}

describe('roles', () => {
  it('an administrator cannot change their own roles, in any direction; another administrator can', async () => {
    const { app, database, entity, admin, session, patch, mails } = await setup();
    for (const roles of [['coordinator'], ['administrator', 'coordinator'], ['tech_ssb']]) {
      const res = await patch(session, admin.id, { roles }, 'it');
      expect(res.statusCode).toBe(403);
      expect(res.json().error).toMatchObject({
        code: 'professional.own_roles',
        message: expect.stringContaining('amministratore'),
        details: [{ field: 'roles' }],
      });
    }
    // The same roles (the console sends the whole form), and other fields of one's own, are fine.
    const same = await patch(session, admin.id, { roles: ['administrator'], givenName: 'Anna' });
    expect(same.statusCode, same.body).toBe(200);
    const me = (
      await app.inject({
        method: 'GET',
        url: `/api/professionals/${admin.id}`,
        headers: session.headers(),
      })
    ).json();
    expect(me.can).toMatchObject({ edit: true, editRoles: false, deactivate: false });
    expect(await mails()).toEqual([]);

    const other = await createTestProfessional(database, entity, { roles: ['administrator'] });
    const theirs = await login(app, entity.code, other.username);
    const granted = await patch(theirs, admin.id, { roles: ['administrator', 'coordinator'] });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json().roles).toEqual(['administrator', 'coordinator']);
  });

  it("emails every other active administrator of the entity about a role change, in their language, in the change's transaction", async () => {
    const { app, database, entity, admin, session, patch, mails } = await setup();
    const second = await createTestProfessional(database, entity, { roles: ['administrator'] });
    const gone = await createTestProfessional(database, entity, { roles: ['administrator'] });
    const mixed = await createTestProfessional(database, entity, {
      roles: ['coordinator', 'administrator'],
    });
    await database.tenant(entity.id, async (tx) => {
      await tx.update(professionals).set({ active: false }).where(eq(professionals.id, gone.id));
      await tx.update(professionals).set({ language: 'it' }).where(eq(professionals.id, mixed.id));
    });
    const elsewhere = await createTestEntity(database);
    await createTestProfessional(database, elsewhere, { roles: ['administrator'] });
    const pro = await createTestProfessional(database, entity, { roles: ['tech_ssb'] });

    // A refused change sends nothing.
    const refused = await patch(session, pro.id, { roles: ['tech_immigration'] });
    expect(refused.statusCode).toBe(400);
    expect(await mails()).toEqual([]);

    const res = await patch(session, pro.id, { roles: ['tech_ssb', 'administrator'] });
    expect(res.statusCode, res.body).toBe(200);
    const sent = await mails();
    // The other active administrators, and the new one (told of their own new role); never the
    // one who made the change, a deactivated administrator or another entity's.
    expect(sent.map((m) => m.recipient).sort()).toEqual(
      [second.email, mixed.email, pro.email].sort(),
    );
    const italian = sent.find((m) => m.recipient === mixed.email)!;
    expect(italian).toMatchObject({ channel: 'email', language: 'it', status: 'pending' });
    expect(italian.data).toMatchObject({
      username: pro.username,
      before: ['tech_ssb'],
      after: ['tech_ssb', 'administrator'],
    });
    const rendered = findTemplate('role_change')!.render({
      data: italian.data,
      language: 'it',
      entityName: 'Comune di Prova',
      entityCode: 'prova',
      link: null,
      linkTtlHours: null,
    });
    expect(rendered).toMatchObject({
      subject: `Cambio di ruoli in Caliu: Test Professional ${pro.username}`,
    });
    expect(rendered.channel === 'email' && rendered.text).toContain(
      'Tecnico dei servizi sociali di base, Amministratore',
    );

    // The same roles again is no change: nothing more is sent; the audit keeps from and to.
    expect(
      (await patch(session, pro.id, { roles: ['administrator', 'tech_ssb'] })).statusCode,
    ).toBe(200);
    expect(await mails()).toHaveLength(3);
    const audit = await database.asOwner((tx) =>
      rowsOf<{ details: { roles?: unknown } }>(
        tx,
        sql`SELECT details FROM audit_log WHERE entity_id = ${entity.id}
          AND action = 'professional.update' AND record_id = ${pro.id} ORDER BY id`,
      ),
    );
    expect(audit.map((a) => a.details.roles)).toEqual([
      { from: ['tech_ssb'], to: ['tech_ssb', 'administrator'] },
      undefined,
    ]);
    // The new administrator is told of the next change too; the one who makes it is not.
    const fresh = await login(app, entity.code, pro.username);
    const third = await createTestProfessional(database, entity, { roles: ['tech_sad'] });
    expect((await patch(fresh, third.id, { roles: ['coordinator'] })).statusCode).toBe(200);
    const latest = (await mails()).filter(
      (m) => (m.data as { username: string }).username === third.username,
    );
    expect(latest.map((m) => m.recipient).sort()).toEqual(
      [admin.email, second.email, mixed.email].sort(),
    );
  });

  it('tells the other administrators of a new administrator too, not of other new professionals', async () => {
    const { app, database, entity, session, mails } = await setup();
    const second = await createTestProfessional(database, entity, { roles: ['administrator'] });
    const create = (roles: string[]) =>
      app.inject({
        method: 'POST',
        url: '/api/professionals',
        headers: session.headers(),
        payload: professionalBody(entity, { roles }),
      });
    expect((await create(['tech_ssb'])).statusCode).toBe(201);
    expect(await mails()).toEqual([]);
    const created = await create(['administrator']);
    expect(created.statusCode, created.body).toBe(201);
    const sent = await mails();
    expect(sent.map((m) => m.recipient)).toEqual([second.email]);
    expect(sent[0]!.data).toMatchObject({
      username: created.json().username,
      before: [],
      after: ['administrator'],
    });
  });

  it('the last active administrator can be neither stripped of the role nor deactivated, even by two administrators at once', async () => {
    const { app, database, entity, admin, session, patch, activeAdministrators } = await setup();
    const other = await createTestProfessional(database, entity, { roles: ['administrator'] });
    const theirs = await login(app, entity.code, other.username);

    // Each strips the other at the same moment: one of them must stay.
    const [a, b] = await Promise.all([
      patch(session, other.id, { roles: ['coordinator'] }),
      patch(theirs, admin.id, { roles: ['coordinator'] }),
    ]);
    const codes = [a, b].map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect([403, 409]).toContain(codes[1]);
    const loser = [a, b].find((r) => r.statusCode !== 200)!;
    expect(['professional.last_administrator', 'auth.forbidden']).toContain(
      loser.json().error.code,
    );
    expect(await activeAdministrators()).toBe(1);

    // Again with deactivation, after the stripped one is given the role back.
    const [winner, stripped] = a.statusCode === 200 ? [session, other] : [theirs, admin];
    const restored = await patch(winner, stripped.id, { roles: ['administrator'] });
    expect(restored.statusCode, restored.body).toBe(200);
    const strippedSession = await login(app, entity.code, stripped.username);
    const winnerId = stripped.id === admin.id ? other.id : admin.id;
    const deactivate = (who: Session, id: string) =>
      app.inject({
        method: 'POST',
        url: `/api/professionals/${id}/deactivate`,
        headers: who.headers('ca'),
      });
    const [c, d] = await Promise.all([
      deactivate(winner, stripped.id),
      deactivate(strippedSession, winnerId),
    ]);
    expect([c, d].filter((r) => r.statusCode === 200)).toHaveLength(1);
    const refused = [c, d].find((r) => r.statusCode !== 200)!;
    expect([401, 409]).toContain(refused.statusCode);
    if (refused.statusCode === 409) {
      expect(refused.json().error).toMatchObject({
        code: 'professional.last_administrator',
        message: expect.stringContaining('administrador'),
      });
    }
    expect(await activeAdministrators()).toBe(1);
  });
});
