import { describe, expect, it } from 'vitest';
import { eq, sql } from 'drizzle-orm';
import { rowsOf } from '../../db/connect';
import { sessions } from '../../db/schema';
import { buildTestApp, login } from '../../testing/app';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { createAdmin, REFERENCE_FACTORIES } from '../../testing/identity-factories';
import { NON_BLOCKING_REFERENCES, REFERENT_REFERENCES } from '../../commands/referent-registry';

async function setup() {
  const { app, database } = await buildTestApp();
  const entity = await createTestEntity(database);
  const admin = await createAdmin(database, entity);
  const session = await login(app, entity.code, admin.username);
  const act = (
    who: typeof session,
    id: string,
    what: 'deactivate' | 'reactivate',
    language?: string,
  ) =>
    app.inject({
      method: 'POST',
      url: `/api/professionals/${id}/${what}`,
      headers: who.headers(language),
    });
  return { app, database, entity, admin, session, act };
}

describe('deactivation', () => {
  it('ends every session of the professional at once, and reactivation lets them in again', async () => {
    const { app, database, entity, session, act } = await setup();
    const pro = await createTestProfessional(database, entity, { roles: ['tech_ssb'] });
    const one = await login(app, entity.code, pro.username);
    const two = await login(app, entity.code, pro.username);
    const off = await act(session, pro.id, 'deactivate');
    expect(off.statusCode).toBe(200);
    expect(off.json()).toMatchObject({ active: false });
    expect(off.json().deactivatedAt).toBeTruthy();
    for (const s of [one, two]) {
      const me = await app.inject({ method: 'GET', url: '/api/me', headers: s.headers() });
      expect(me.statusCode).toBe(401);
    }
    const rows = await database.tenant(entity.id, (tx) =>
      tx.select().from(sessions).where(eq(sessions.professionalId, pro.id)),
    );
    expect(rows.map((r) => r.endReason)).toEqual(['deactivated', 'deactivated']);
    await expect(login(app, entity.code, pro.username)).rejects.toThrow(/401/);
    const on = await act(session, pro.id, 'reactivate');
    expect(on.json()).toMatchObject({ active: true, deactivatedAt: null });
    await login(app, entity.code, pro.username);
  });

  it("is the administrator's alone: a coordinator (de)activates no one, not even their team's members", async () => {
    const { app, database, entity, admin, act } = await setup();
    const coordinator = await createTestProfessional(database, entity, {
      roles: ['coordinator'],
      coordinates: [entity.teams.north],
    });
    const member = await createTestProfessional(database, entity, {
      roles: ['tech_ssb'],
      teams: [entity.teams.north],
    });
    const coordination = await login(app, entity.code, coordinator.username);
    for (const id of [member.id, admin.id, coordinator.id]) {
      for (const what of ['deactivate', 'reactivate'] as const) {
        const res = await act(coordination, id, what, 'es');
        expect(res.statusCode).toBe(403);
        expect(res.json().error.code).toBe('auth.forbidden');
      }
    }
    // The directory offers them nothing of the kind.
    const directory = await app.inject({
      method: 'GET',
      url: `/api/professionals/${member.id}`,
      headers: coordination.headers(),
    });
    expect(directory.json().can).toMatchObject({ deactivate: false, editRoles: false });
    const technician = await login(app, entity.code, member.username);
    expect((await act(technician, coordinator.id, 'deactivate')).statusCode).toBe(403);
  });

  it('is refused while the professional is referent of anything, listing what to transfer first', async () => {
    const { database, entity, act, session } = await setup();
    const pro = await createTestProfessional(database, entity, { roles: ['tech_ssb'] });
    await database.tenant(entity.id, async (tx) => {
      for (let i = 0; i < 3; i++)
        await REFERENCE_FACTORIES['persons.referent_id']!(tx, entity, pro.id);
    });
    const refused = await act(session, pro.id, 'deactivate', 'en');
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toEqual({
      code: 'professional.is_referent',
      message: `Test Professional ${pro.username} cannot be deactivated while they are the referent of: 3 person records. Transfer them to another professional first.`,
      details: [{ field: 'persons', message: '3 person records' }],
    });
    const inCatalan = await act(session, pro.id, 'deactivate', 'ca');
    expect(inCatalan.json().error.message).toContain('3 fitxes personals');
    await database.tenant(entity.id, (tx) =>
      tx.execute(sql`UPDATE persons SET referent_id = NULL WHERE referent_id = ${pro.id}`),
    );
    expect((await act(session, pro.id, 'deactivate')).statusCode).toBe(200);
  });
});

describe('the referent registry', () => {
  it('names every foreign key to professionals: each blocks deactivation or says why not', async () => {
    const { database, entity, act, session } = await setup();
    const keys = await database.asOwner((tx) =>
      rowsOf<{ table: string; column: string }>(
        tx,
        sql`SELECT c.conrelid::regclass::text AS table, a.attname AS column
            FROM pg_constraint c
            JOIN LATERAL unnest(c.conkey) AS k(attnum) ON true
            JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum
            WHERE c.contype = 'f' AND c.confrelid = 'professionals'::regclass
              AND a.attname <> 'entity_id'
            ORDER BY 1, 2`,
      ),
    );
    expect(keys.length).toBeGreaterThanOrEqual(6);
    const blocking = new Map(REFERENT_REFERENCES.map((r) => [`${r.table}.${r.column}`, r]));
    const nonBlocking = new Set(NON_BLOCKING_REFERENCES.map((r) => `${r.table}.${r.column}`));
    const unlisted = keys
      .map((k) => `${k.table}.${k.column}`)
      .filter((k) => !blocking.has(k) && !nonBlocking.has(k));
    expect(unlisted, 'add these to commands/referent-registry.ts').toEqual([]);
    const live = new Set(keys.map((k) => `${k.table}.${k.column}`));
    expect([...blocking.keys(), ...nonBlocking].filter((k) => !live.has(k))).toEqual([]);
    for (const reason of NON_BLOCKING_REFERENCES.map((r) => r.reason)) {
      expect(reason.length).toBeGreaterThan(20);
    }

    for (const key of live) {
      const factory = REFERENCE_FACTORIES[key];
      expect(factory, `add a factory for ${key} to testing/identity-factories.ts`).toBeDefined();
      const pro = await createTestProfessional(database, entity, { roles: ['tech_ssb'] });
      await database.tenant(entity.id, (tx) => factory!(tx, entity, pro.id));
      const res = await act(session, pro.id, 'deactivate', 'en');
      const ref = blocking.get(key);
      if (ref) {
        expect(res.statusCode, key).toBe(409);
        expect(res.json().error.details, key).toEqual([
          { field: ref.what, message: expect.any(String) },
        ]);
      } else {
        expect(res.statusCode, key).toBe(200);
      }
    }
  });
});
