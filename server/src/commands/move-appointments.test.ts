import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { grantsForRoles, type Role } from '@caliu/common';
import { rowsOf } from '../db/connect';
import type { RequestContext } from '../platform/context';
import { translator } from '../platform/i18n';
import { buildTestApp, login, manualClock } from '../testing/app';
import { createTestCaseFile } from '../testing/case-files-factories';
import { testDatabase } from '../testing/database';
import { createTestEntity, createTestProfessional, type TestEntity } from '../testing/factories';
import { createTestPerson } from '../testing/persons-factories';
import { moveAppointments } from './move-appointments';

/**
 * Moving a professional's future appointments to another (for the support desk's mass transfer):
 * persons and times kept, conflicts and the SIAD wall reported instead of forced, `refuse` moving
 * nothing, a preview changing nothing.
 */

/** The context a signed-in caller's request would carry (the support desk builds its own). */
function contextOf(entity: TestEntity, professionalId: string, roles: Role[]): RequestContext {
  return {
    auth: {
      sessionId: crypto.randomUUID(),
      sessionToken: 'unused',
      professionalId,
      username: 'mover',
      givenName: 'Test',
      surnames: 'Mover',
      language: 'en',
      roles,
      grants: grantsForRoles(roles),
      entity: {
        id: entity.id,
        code: entity.code,
        name: 'Test entity',
        kind: 'council',
        timeZone: 'Europe/Madrid',
        defaultLanguage: 'ca',
      },
      idleExpiresAt: new Date(Date.now() + 3_600_000),
      absoluteExpiresAt: new Date(Date.now() + 3_600_000),
      secondFactor: { enrolled: false, required: false, enrolmentRequired: false },
      covers: [],
    },
    request: { id: crypto.randomUUID(), ip: '127.0.0.1' },
    language: 'en',
    t: translator('en'),
    log: pino({ level: 'silent' }),
  };
}

async function setUp() {
  const clock = manualClock(new Date('2026-03-02T08:00:00Z'));
  const { app } = await buildTestApp({ clock });
  const db = await testDatabase();
  const entity = await createTestEntity(db);
  const make = (roles: Role[]) =>
    createTestProfessional(db, entity, { roles, teams: [entity.teams.north] });
  const leaving = await make(['tech_ssb', 'tech_siad']);
  const staying = await make(['tech_ssb']);
  const coordinator = await createTestProfessional(db, entity, {
    roles: ['coordinator'],
    coordinates: [entity.teams.north],
  });
  const session = await login(app, entity.code, coordinator.username);
  const person = await createTestPerson(db, entity);
  const book = async (
    professionalId: string,
    startsAt: string,
    endsAt: string,
    personId = person,
  ) => {
    const res = await app.inject({
      method: 'POST',
      url: '/api/appointments',
      headers: session.headers('en'),
      payload: { professionalId, personIds: [personId], startsAt, endsAt, place: 'office' },
    });
    expect(res.statusCode, res.body).toBe(201);
    return res.json().appointment.id as string;
  };
  const holders = () =>
    db.asOwner((tx) =>
      rowsOf<{ id: string; professional_id: string }>(
        tx,
        sql`SELECT id, professional_id FROM appointments WHERE entity_id = ${entity.id}`,
      ),
    );
  const ctx = contextOf(entity, coordinator.id, ['coordinator']);
  const deps = { database: db, clock } as never;
  return { db, entity, leaving, staying, book, holders, ctx, deps };
}

describe('moving future appointments to another professional', () => {
  it('moves the free ones, keeps times and persons, and reports conflicts and SIAD', async () => {
    const { db, entity, leaving, staying, book, holders, ctx, deps } = await setUp();
    const free = await book(leaving.id, '2026-03-03T10:00', '2026-03-03T11:00');
    const clashing = await book(leaving.id, '2026-03-04T10:00', '2026-03-04T11:00');
    await book(staying.id, '2026-03-04T10:30', '2026-03-04T11:30');
    const siadFile = await createTestCaseFile(db, entity, {
      scope: 'siad',
      referentId: leaving.id,
    });
    const siad = await book(leaving.id, '2026-03-05T10:00', '2026-03-05T11:00', siadFile.holderId);

    const props = {
      fromProfessionalId: leaving.id,
      toProfessionalId: staying.id,
      onConflict: 'report' as const,
    };
    const preview = await moveAppointments(deps, ctx, { ...props, preview: true });
    expect(preview).toMatchObject({ found: 3, moved: 1, preview: true });
    expect((await holders()).filter((h) => h.professional_id === leaving.id)).toHaveLength(3);

    // Refusing moves nothing while anything cannot move.
    await expect(
      moveAppointments(deps, ctx, { ...props, onConflict: 'refuse', preview: false }),
    ).rejects.toMatchObject({ code: 'agenda.move_blocked', statusCode: 409 });
    expect((await holders()).filter((h) => h.professional_id === leaving.id)).toHaveLength(3);

    const done = await moveAppointments(deps, ctx, { ...props, preview: false });
    expect(done.moved).toBe(1);
    expect(done.unmoved).toEqual([
      {
        id: clashing,
        startsAt: '2026-03-04T10:00',
        endsAt: '2026-03-04T11:00',
        reason: 'conflict',
      },
      { id: siad, startsAt: '2026-03-05T10:00', endsAt: '2026-03-05T11:00', reason: 'siad' },
    ]);
    const after = new Map((await holders()).map((h) => [h.id, h.professional_id]));
    expect(after.get(free)).toBe(staying.id);
    expect(after.get(clashing)).toBe(leaving.id);
    expect(after.get(siad)).toBe(leaving.id);
    const [audit] = await db.asOwner((tx) =>
      rowsOf<{ details: Record<string, unknown> }>(
        tx,
        sql`SELECT details FROM audit_log WHERE entity_id = ${entity.id}
          AND action = 'appointments.move'`,
      ),
    );
    expect(audit!.details).toMatchObject({ found: 3, moved: 1, unmoved: 2 });
  });
});
