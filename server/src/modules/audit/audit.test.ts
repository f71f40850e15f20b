import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { buildTestApp, login } from '../../testing/app';
import { testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { rowsOf } from '../../db/connect';
import { purgeAudit } from '../../commands/purge-audit';
import { csvCell } from './service';
import { createTestPerson } from '../../testing/persons-factories';
import { writeAudit } from '../../platform/audit';

async function setup() {
  const { app } = await buildTestApp();
  const db = await testDatabase();
  const entity = await createTestEntity(db);
  const admin = await createTestProfessional(db, entity, { roles: ['administrator'] });
  const tech = await createTestProfessional(db, entity, {
    roles: ['tech_ssb'],
    teams: [entity.teams.north],
  });
  return { app, db, entity, admin, tech };
}

describe('the audit log', () => {
  it('records denied accesses and lets the administrator search them by professional and action', async () => {
    const { app, entity, admin, tech } = await setup();
    const techSession = await login(app, entity.code, tech.username);
    const refused = await app.inject({
      method: 'GET',
      url: '/api/audit',
      headers: techSession.headers(),
    });
    expect(refused.statusCode).toBe(403);

    const adminSession = await login(app, entity.code, admin.username);
    const res = await app.inject({
      method: 'GET',
      url: `/api/audit?actorId=${tech.id}&action=access.denied`,
      headers: adminSession.headers(),
    });
    expect(res.statusCode).toBe(200);
    const items = res.json().items;
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({
      action: 'access.denied',
      outcome: 'denied',
      actor: { id: tech.id, name: expect.stringContaining('Professional'), fromSupport: false },
      details: { permission: 'audit.view', method: 'GET', route: '/api/audit' },
    });
    expect(items[0].requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('shows only its own entity, paginates, and filters by date in the entity time zone', async () => {
    const { app, db, entity, admin, tech } = await setup();
    const other = await setup();
    await login(other.app, other.entity.code, other.tech.username);
    for (let i = 0; i < 3; i++) await login(app, entity.code, tech.username);
    const session = await login(app, entity.code, admin.username);
    const first = await app.inject({
      method: 'GET',
      url: `/api/audit?action=auth.login&limit=2`,
      headers: session.headers(),
    });
    expect(first.json().items).toHaveLength(2);
    const next = await app.inject({
      method: 'GET',
      url: `/api/audit?action=auth.login&limit=2&cursor=${first.json().nextCursor}`,
      headers: session.headers(),
    });
    const all = [...first.json().items, ...next.json().items];
    expect(all.length).toBe(4); // 3 of the technician and 1 of the administrator, none of the other entity
    expect(new Set(all.map((i: { actor: { id: string } }) => i.actor.id))).toEqual(
      new Set([tech.id, admin.id]),
    );

    const today = await db.tenant(entity.id, (tx) =>
      rowsOf<{ d: string }>(
        tx,
        sql`SELECT to_char(now() AT TIME ZONE 'Europe/Madrid', 'YYYY-MM-DD') AS d`,
      ),
    );
    const d = today[0]!.d;
    const byDay = await app.inject({
      method: 'GET',
      url: `/api/audit?action=auth.login&from=${d}&to=${d}`,
      headers: session.headers(),
    });
    expect(byDay.json().items).toHaveLength(4);
    const yesterday = new Date(Date.parse(d) - 86_400_000).toISOString().slice(0, 10);
    const none = await app.inject({
      method: 'GET',
      url: `/api/audit?action=auth.login&to=${yesterday}`,
      headers: session.headers(),
    });
    expect(none.json().items).toHaveLength(0);
  });

  it('downloads the search as CSV, and records the download', async () => {
    const { app, entity, admin } = await setup();
    const session = await login(app, entity.code, admin.username);
    const res = await app.inject({
      method: 'GET',
      url: '/api/audit/export?action=auth.login',
      headers: session.headers(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/text\/csv/);
    expect(res.headers['content-disposition']).toMatch(/attachment; filename="caliu-audit-/);
    const lines = res.body
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'id,at,actor_id,actor_name,from_support,action,outcome,record_type,record_id,ticket_id,request_id,ip,details',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain(`"${admin.id}"`);
    const audited = await app.inject({
      method: 'GET',
      url: '/api/audit?action=audit.export',
      headers: session.headers(),
    });
    expect(audited.json().items).toHaveLength(1);
  });

  it('defuses spreadsheet formulas in CSV cells', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+34 600')).toBe(`"'+34 600"`);
    expect(csvCell(null)).toBe('""');
  });

  it("records a look-up of another entity's record as a denied access, answered like a missing one", async () => {
    const { app, db, entity, admin, tech } = await setup();
    const other = await createTestEntity(db);
    const foreign = await createTestPerson(db, other);
    const session = await login(app, entity.code, tech.username);
    const res = await app.inject({
      method: 'GET',
      url: `/api/persons/${foreign}`,
      headers: session.headers('en'),
    });
    const missing = await app.inject({
      method: 'GET',
      url: '/api/persons/00000000-0000-4000-8000-000000000000',
      headers: session.headers('en'),
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual(missing.json());
    const adminSession = await login(app, entity.code, admin.username);
    const audit = await app.inject({
      method: 'GET',
      url: `/api/audit?actorId=${tech.id}&action=access.not_found`,
      headers: adminSession.headers(),
    });
    const items = audit.json().items;
    expect(items).toHaveLength(2);
    expect(
      items.map((i: { details: { params: { id: string } } }) => i.details.params.id),
    ).toContain(foreign);
    expect(items[0]).toMatchObject({
      outcome: 'denied',
      details: { route: '/api/persons/:id', method: 'GET' },
    });
  });

  it('names the records of a page where the viewer may see them, and never writes names into the log', async () => {
    const { app, db, entity, admin, tech } = await setup();
    const other = await createTestEntity(db);
    const person = await createTestPerson(db, entity, {
      givenName: 'Núria',
      firstSurname: 'Puig',
      secondSurname: 'Vidal',
    });
    const foreignTeam = other.teams.north;
    const actor = { entityId: entity.id, actorId: tech.id, requestId: null, ip: null };
    const written: [action: string, recordType: string, recordId: string][] = [
      ['person.read_basic', 'person', person],
      ['team.members_update', 'team', entity.teams.north],
      ['team.update', 'team', foreignTeam],
      ['professional.update', 'professional', tech.id],
      ['municipality.update', 'municipality', entity.municipalities.north1],
      ['auth.logout', 'session', 'x'],
    ];
    await db.tenant(entity.id, async (tx) => {
      for (const [action, recordType, recordId] of written) {
        await writeAudit(tx, actor, { action, recordType, recordId });
      }
    });
    type Item = { action: string; recordId: string | null; recordName: string | null };
    const page = async (username: string) => {
      const session = await login(app, entity.code, username);
      const res = await app.inject({
        method: 'GET',
        url: `/api/audit?actorId=${tech.id}&limit=6`,
        headers: session.headers(),
      });
      expect(res.statusCode, res.body).toBe(200);
      return new Map((res.json().items as Item[]).map((i) => [i.action, i.recordName]));
    };

    // The administrator does not see persons' data: the person stays an opaque reference.
    const byAdmin = await page(admin.username);
    expect(byAdmin.get('person.read_basic')).toBeNull();
    expect(byAdmin.get('team.members_update')).toBe('North team');
    expect(byAdmin.get('team.update')).toBeNull(); // another entity's team is not named
    expect(byAdmin.get('professional.update')).toMatch(/^Test Professional/);
    expect(byAdmin.get('municipality.update')).toBe('North One');
    expect(byAdmin.get('auth.logout')).toBeNull();

    // An administrator who is also a coordinator sees persons' basic data, and so their names.
    const both = await createTestProfessional(db, entity, {
      roles: ['administrator', 'coordinator'],
      teams: [entity.teams.north],
    });
    expect((await page(both.username)).get('person.read_basic')).toBe('Núria Puig Vidal');

    // The rows themselves hold no names.
    const stored = await db.tenant(entity.id, (tx) =>
      rowsOf<{ details: unknown }>(
        tx,
        sql`SELECT details FROM audit_log WHERE record_id = ${person}`,
      ),
    );
    expect(JSON.stringify(stored)).not.toContain('Núria');
  });

  it('refuses a filter that is not a date or an id, in words', async () => {
    const { app, entity, admin } = await setup();
    const session = await login(app, entity.code, admin.username);
    const res = await app.inject({
      method: 'GET',
      url: '/api/audit?from=yesterday&actorId=7',
      headers: session.headers('en'),
    });
    expect(res.statusCode).toBe(400);
    expect(
      res
        .json()
        .error.details.map((d: { field: string }) => d.field)
        .sort(),
    ).toEqual(['actorId', 'from']);
  });
});

describe('audit retention', () => {
  it('purges rows older than the retention as the table owner, never below six months', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const old = new Date(Date.now() - 800 * 86_400_000);
    const recent = new Date(Date.now() - 100 * 86_400_000);
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`INSERT INTO audit_log (entity_id, at, action) VALUES
        (${entity.id}, ${old}, 'test.old'), (${entity.id}, ${recent}, 'test.recent')`),
    );
    await expect(purgeAudit(db, 30)).rejects.toThrow(/at least 183 days/);
    const { deleted } = await purgeAudit(db, 730);
    expect(deleted).toBeGreaterThanOrEqual(1);
    const left = await db.tenant(entity.id, (tx) =>
      rowsOf<{ action: string }>(tx, sql`SELECT action FROM audit_log WHERE action LIKE 'test.%'`),
    );
    expect(left).toEqual([{ action: 'test.recent' }]);
  });

  it('purges the subjects of the rows it purges (checked once a statement, migration 0028)', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const personId = await createTestPerson(db, entity);
    const old = new Date(Date.now() - 800 * 86_400_000);
    const subjectsOf = () =>
      db.tenant(entity.id, (tx) =>
        rowsOf<{ action: string }>(
          tx,
          sql`SELECT a.action FROM audit_subjects s JOIN audit_log a ON a.id = s.audit_id
            WHERE s.entity_id = ${entity.id} AND s.person_id = ${personId} ORDER BY a.action`,
        ),
      );
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`WITH written AS (INSERT INTO audit_log (entity_id, at, action) VALUES
          (${entity.id}, ${old}, 'test.old'), (${entity.id}, now(), 'test.recent') RETURNING id)
        INSERT INTO audit_subjects (entity_id, person_id, audit_id)
        SELECT ${entity.id}, ${personId}, id FROM written`),
    );
    expect(await subjectsOf()).toEqual([{ action: 'test.old' }, { action: 'test.recent' }]);
    await purgeAudit(db, 730);
    expect(await subjectsOf()).toEqual([{ action: 'test.recent' }]);
    const orphans = await db.asOwner((tx) =>
      rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM audit_subjects s
          WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.id = s.audit_id)`,
      ),
    );
    expect(orphans).toEqual([{ n: 0 }]);
  });
});

/** The database's own message, under drizzle's "Failed query" wrapper. */
async function dbError(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return String((error as { cause?: { message?: string } }).cause?.message ?? error);
  }
  return 'no error';
}

describe("the audit tables' references (migration 0028: checked once a statement)", () => {
  it('refuses a subject that names no audit row, and an audit row of no entity', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const personId = await createTestPerson(db, entity);
    expect(
      await dbError(
        db.tenant(entity.id, (tx) =>
          tx.execute(sql`INSERT INTO audit_subjects (entity_id, person_id, audit_id)
            VALUES (${entity.id}, ${personId}, -1)`),
        ),
      ),
    ).toMatch(/audit_id names no audit_log row/);
    const nowhere = '00000000-0000-4000-8000-000000000000';
    expect(
      await dbError(
        db.asOwner((tx) =>
          tx.execute(sql`INSERT INTO audit_log (entity_id, action) VALUES (${nowhere}, 'test.x')`),
        ),
      ),
    ).toMatch(/entity_id names no entity/);
    expect(
      await dbError(
        db.asOwner((tx) =>
          tx.execute(sql`UPDATE audit_log SET id = DEFAULT WHERE entity_id = ${entity.id}`),
        ),
      ),
    ).toMatch(/keeps its id/);
  });

  it("an entity's deletion takes its audit rows and their subjects, as the foreign keys did", async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const personId = await createTestPerson(db, entity);
    await db.tenant(entity.id, (tx) =>
      writeAudit(
        tx,
        { entityId: entity.id, actorId: null, requestId: null, ip: null },
        { action: 'test.gone', recordType: 'person', recordId: personId, subjects: [personId] },
      ),
    );
    const count = () =>
      db.asOwner((tx) =>
        rowsOf<{ rows: number; subjects: number }>(
          tx,
          sql`SELECT (SELECT count(*)::int FROM audit_log WHERE entity_id = ${entity.id}) AS rows,
            (SELECT count(*)::int FROM audit_subjects WHERE entity_id = ${entity.id}) AS subjects`,
        ),
      );
    expect((await count())[0]!.subjects).toBeGreaterThan(0);
    // The entity's other rows first (the test's own, without a cascade of their own).
    await db.asOwner(async (tx) => {
      await tx.execute(sql`SELECT set_config('app.entity_id', ${entity.id}, true)`);
      await tx.execute(sql`DELETE FROM entities WHERE id = ${entity.id}`);
    });
    expect(await count()).toEqual([{ rows: 0, subjects: 0 }]);
  });
});
