import { describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { LANGUAGES } from '@caliu/common';
import { buildTestApp, login, TEST_PASSWORD } from '../testing/app';
import { testDatabase } from '../testing/database';
import { createTestEntity, createTestProfessional } from '../testing/factories';
import { rowsOf } from '../db/connect';
import { guardPlugin } from './guard';
import { serverLocales } from './i18n';

describe('the HTTP platform', () => {
  it('answers health when the database answers', async () => {
    const { app } = await buildTestApp();
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });

  it('sends no-store, security headers and a request id on API responses', async () => {
    const { app } = await buildTestApp();
    const res = await app.inject({ method: 'GET', url: '/api/health' });
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(res.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('publishes an OpenAPI 3 document generated from the route schemas', async () => {
    const { app } = await buildTestApp();
    const res = await app.inject({ method: 'GET', url: '/api/openapi.json' });
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/me', '/api/health', '/api/support/tickets']),
    );
    expect(
      doc.paths['/api/auth/login'].post.requestBody.content['application/json'].schema.required,
    ).toEqual(['entity', 'username', 'password']);
    const docs = await app.inject({ method: 'GET', url: '/api/docs/' });
    expect(docs.statusCode).toBe(200);
  });

  it('answers an unknown API address with 404 in the one error shape', async () => {
    const { app } = await buildTestApp();
    const res = await app.inject({
      method: 'GET',
      url: '/api/no-such-thing',
      headers: { 'accept-language': 'it' },
    });
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({
      error: { code: 'http.not_found', message: "Non c'è niente a questo indirizzo." },
    });
  });

  it('refuses to start when a route declares neither a permission nor public', async () => {
    const app = Fastify();
    await app.register(guardPlugin, {
      database: await testDatabase(),
      authenticate: async () => null,
    });
    await expect(
      (async () => {
        app.get('/api/undeclared', async () => 'x');
        await app.ready();
      })(),
    ).rejects.toThrow(/must declare config.permission/);
  });

  it('never logs a password, a session cookie or a query string', async () => {
    const { app, logs } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const pro = await createTestProfessional(db, entity, { roles: ['tech_ssb'] });
    const session = await login(app, entity.code, pro.username);
    await app.inject({
      method: 'GET',
      url: '/api/support/tickets?limit=5&q=Garcia',
      headers: session.headers(),
    });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { entity: entity.code, username: pro.username, password: 'wrong-password-xyz' },
    });
    const all = logs.join('\n');
    expect(all).toContain('/api/support/tickets');
    expect(all).not.toContain(TEST_PASSWORD);
    expect(all).not.toContain('wrong-password-xyz');
    expect(all).not.toContain(session.cookie.split('=')[1]!.split('.')[1]!);
    expect(all).not.toContain(session.csrf);
    expect(all).not.toContain('Garcia');
  });
});

describe('support panel list', () => {
  it("lists only the signed-in professional's own tickets", async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const me = await createTestProfessional(db, entity, { roles: ['tech_ssb'] });
    const other = await createTestProfessional(db, entity, { roles: ['tech_ssb'] });
    const { supportTickets } = await import('../db/schema');
    await db.tenant(entity.id, (tx) =>
      tx.insert(supportTickets).values([
        { entityId: entity.id, number: 'S-1', kind: 'other', requesterId: me.id, subject: 'Mine' },
        {
          entityId: entity.id,
          number: 'S-2',
          kind: 'other',
          requesterId: other.id,
          subject: 'Theirs',
        },
      ]),
    );
    const session = await login(app, entity.code, me.username);
    const res = await app.inject({
      method: 'GET',
      url: '/api/support/tickets',
      headers: session.headers(),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((t: { subject: string }) => t.subject)).toEqual(['Mine']);
    expect(res.json().nextCursor).toBeNull();
  });
});

describe('server locales', () => {
  function keys(value: unknown, prefix = ''): string[] {
    if (typeof value !== 'object' || value === null) return [prefix];
    return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
  }
  it('have the same keys and placeholders in all four languages', () => {
    const reference = keys(serverLocales.en).sort();
    for (const language of LANGUAGES) {
      expect(keys(serverLocales[language]).sort(), language).toEqual(reference);
    }
    const get = (obj: unknown, path: string) =>
      path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown>)[k], obj) as string;
    for (const key of reference) {
      // A format ("{{name, de}}", Catalan elision) is the language's own business: only the name counts.
      const placeholders = (s: string) =>
        [...s.matchAll(/\{\{\s*(\w+)\s*(?:,\s*\w+\s*)?\}\}/g)].map((m) => `{{${m[1]}}}`).sort();
      for (const language of LANGUAGES) {
        expect(placeholders(get(serverLocales[language], key)), `${language}:${key}`).toEqual(
          placeholders(get(serverLocales.en, key)),
        );
      }
    }
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

describe('tenant wall', () => {
  it('a query that forgets the entity filter sees only the current entity', async () => {
    const db = await testDatabase();
    const a = await createTestEntity(db);
    const b = await createTestEntity(db);
    await createTestProfessional(db, a, { roles: ['tech_ssb'] });
    await createTestProfessional(db, b, { roles: ['tech_ssb'] });
    const seen = await db.tenant(a.id, (tx) =>
      rowsOf<{ entity_id: string }>(tx, sql`SELECT DISTINCT entity_id FROM professionals`),
    );
    expect(seen).toEqual([{ entity_id: a.id }]);
    const teams = await db.tenant(a.id, (tx) =>
      rowsOf<{ entity_id: string }>(tx, sql`SELECT entity_id FROM teams`),
    );
    expect(new Set(teams.map((t) => t.entity_id))).toEqual(new Set([a.id]));
  });

  it('refuses to write a row into another entity', async () => {
    const db = await testDatabase();
    const a = await createTestEntity(db);
    const b = await createTestEntity(db);
    expect(
      await dbError(
        db.tenant(a.id, (tx) =>
          tx.execute(sql`INSERT INTO teams (entity_id, name) VALUES (${b.id}, 'intruder')`),
        ),
      ),
    ).toMatch(/row-level security/);
  });

  it('the application role cannot update or delete audit rows', async () => {
    const db = await testDatabase();
    const a = await createTestEntity(db);
    expect(
      await dbError(db.tenant(a.id, (tx) => tx.execute(sql`UPDATE audit_log SET action = 'x'`))),
    ).toMatch(/permission denied/);
    expect(await dbError(db.tenant(a.id, (tx) => tx.execute(sql`DELETE FROM audit_log`)))).toMatch(
      /permission denied/,
    );
  });

  it('works as a role that cannot bypass row-level security', async () => {
    const db = await testDatabase();
    const [role] = await db.anonymous((tx) =>
      rowsOf<{ rolsuper: boolean; rolbypassrls: boolean; name: string }>(
        tx,
        sql`SELECT current_user AS name, rolsuper, rolbypassrls FROM pg_roles WHERE rolname = current_user`,
      ),
    );
    expect(role).toEqual({ name: 'caliu_app', rolsuper: false, rolbypassrls: false });
  });
});

describe('the demo audit trail', () => {
  it('records logins, failed logins and logouts', async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const pro = await createTestProfessional(db, entity, { roles: ['tech_ssb'] });
    await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { entity: entity.code, username: pro.username, password: 'nope-nope-nope' },
    });
    const session = await login(app, entity.code, pro.username);
    await app.inject({ method: 'POST', url: '/api/auth/logout', headers: session.headers() });
    const rows = await db.tenant(entity.id, (tx) =>
      rowsOf<{ action: string; outcome: string; actor_id: string }>(
        tx,
        sql`SELECT action, outcome, actor_id FROM audit_log WHERE action LIKE 'auth.%' ORDER BY id`,
      ),
    );
    expect(rows).toEqual([
      { action: 'auth.login', outcome: 'denied', actor_id: pro.id },
      { action: 'auth.login', outcome: 'ok', actor_id: pro.id },
      { action: 'auth.logout', outcome: 'ok', actor_id: pro.id },
    ]);
  });
});

describe('pagination', () => {
  it('refuses a cursor that is not one of ours, in words', async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const pro = await createTestProfessional(db, entity, { roles: ['tech_ssb'] });
    const session = await login(app, entity.code, pro.username);
    const res = await app.inject({
      method: 'GET',
      url: '/api/support/tickets?cursor=not-a-cursor',
      headers: session.headers('en'),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: 'common.invalid_cursor',
      message: 'The page position is not valid: go back to the first page of the list.',
    });
  });
});
