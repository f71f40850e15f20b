import { Writable } from 'node:stream';
import Fastify from 'fastify';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { buildTestApp, login } from '../testing/app';
import { testDatabase } from '../testing/database';
import { createTestEntity, createTestProfessional } from '../testing/factories';
import { createErrorHandler } from './http-errors';
import { translator } from './i18n';
import { loggedPath, loggerOptions } from './logging';
import { personalDataIn } from '../testing/log-scan';

/** Personal data of the kind a query carries: a name, a document number, a phone number. */
const PERSONAL = {
  name: 'Montserrat Puigdevall Ribó',
  document: '47123456K',
  phone: '+34 612 345 678',
};

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

/** Every value of PERSONAL, and the pieces a log could carry it in (escaped, split by spaces). */
function leaks(log: string): string[] {
  const needles = Object.values(PERSONAL).flatMap((v) => [v, JSON.stringify(v).slice(1, -1)]);
  needles.push('Puigdevall', '47123456', '612 345');
  return [...new Set(needles)].filter((needle) => log.includes(needle));
}

describe('the server log', () => {
  it('holds no value of a failing query: not its parameters, not the driver message', async () => {
    const database = await testDatabase();
    const entity = await createTestEntity(database);
    const { lines, stream } = capture();
    const app = Fastify({ logger: { ...loggerOptions('info'), stream } });
    app.decorateRequest('t', null as never);
    app.addHook('onRequest', async (request) => {
      request.t = translator('en');
    });
    app.setErrorHandler(createErrorHandler(database) as Parameters<typeof app.setErrorHandler>[0]);
    const failing = {
      // SQLSTATE 42P01 (a 500): the query builder's error repeats every parameter.
      'undefined-table': () =>
        database.tenant(entity.id, (tx) =>
          tx.execute(
            sql`SELECT ${PERSONAL.name}::text, ${PERSONAL.document}::text, ${PERSONAL.phone}::text FROM no_such_table`,
          ),
        ),
      // SQLSTATE 22P02 (a 400): the driver's own message quotes the value.
      'invalid-text': () =>
        database.tenant(entity.id, (tx) => tx.execute(sql`SELECT ${PERSONAL.name}::integer`)),
      // SQLSTATE 22021: a NUL byte, with the rest of the parameters around it.
      'nul-byte': () =>
        database.tenant(entity.id, (tx) =>
          tx.execute(sql`SELECT ${PERSONAL.name + '\u0000'}::text, ${PERSONAL.phone}::text`),
        ),
      // Our own code wrapping the driver's error as the cause.
      wrapped: async () => {
        try {
          await database.tenant(entity.id, (tx) =>
            tx.execute(sql`SELECT ${PERSONAL.document}::uuid`),
          );
        } catch (error) {
          throw new Error('could not look up the person', { cause: error });
        }
      },
    };
    for (const [name, run] of Object.entries(failing)) {
      app.get(`/fail/${name}`, async () => {
        await run();
        return {};
      });
    }
    await app.ready();

    const statuses: Record<string, number> = {};
    for (const name of Object.keys(failing)) {
      const response = await app.inject({ method: 'GET', url: `/fail/${name}` });
      statuses[name] = response.statusCode;
      expect(response.body).not.toContain(PERSONAL.document);
    }
    await app.close();

    expect(statuses).toEqual({
      'undefined-table': 500,
      'invalid-text': 400,
      'nul-byte': 400,
      wrapped: 400,
    });
    const log = lines.join('');
    expect(leaks(log)).toEqual([]);
    // What helps to find the fault is still there: the SQLSTATE codes and the stack frames.
    for (const code of ['42P01', '22P02', '22021']) expect(log).toContain(code);
    expect(log).toContain('logging.test.ts');
  });

  it('stays free of personal data when requests carrying it are refused or fail', async () => {
    const { app, logs } = await buildTestApp();
    const database = await testDatabase();
    const entity = await createTestEntity(database);
    const clerk = await createTestProfessional(database, entity, { roles: ['aux_admin'] });
    const session = await login(app, entity.code, clerk.username);
    const person = {
      givenName: PERSONAL.name.split(' ')[0],
      firstSurname: 'Puigdevall\u0000',
      documentType: 'dni',
      documentNumber: PERSONAL.document,
      mobilePhone: PERSONAL.phone,
      municipalityId: entity.municipalities.north1,
    };
    const created = await app.inject({
      method: 'POST',
      url: '/api/persons',
      payload: person,
      headers: session.headers('ca'),
    });
    expect(created.statusCode).toBe(400);
    expect(created.json().error.details).toContainEqual({
      field: 'firstSurname',
      message: expect.stringContaining('caràcter de control'),
    });
    const search = await app.inject({
      method: 'GET',
      url: `/api/persons?q=${encodeURIComponent(`${PERSONAL.name}\u0000`)}`,
      headers: session.headers(),
    });
    expect(search.statusCode).toBe(400);
    const bad = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { entity: entity.code, username: `${PERSONAL.document}\u0000`, password: 'x' },
    });
    expect(bad.statusCode).toBe(400);

    // The same data accepted: created, searched by name and by document, looked up.
    const ok = await app.inject({
      method: 'POST',
      url: '/api/persons',
      payload: { ...person, firstSurname: 'Puigdevall' },
      headers: session.headers(),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    for (const q of [PERSONAL.name, PERSONAL.document, 'Puigdevall']) {
      const found = await app.inject({
        method: 'GET',
        url: `/api/persons?q=${encodeURIComponent(q)}`,
        headers: session.headers(),
      });
      expect(found.statusCode).toBe(200);
    }
    const admin = await createTestProfessional(database, entity, { roles: ['administrator'] });
    const adminSession = await login(app, entity.code, admin.username);
    const lookup = await app.inject({
      method: 'GET',
      url: `/api/audit/person-lookup?document=${PERSONAL.document}`,
      headers: adminSession.headers(),
    });
    expect(lookup.json().items).toHaveLength(1);
    const log = logs.join('');
    expect(leaks(log)).toEqual([]);
    expect(personalDataIn(log)).toEqual([]);
  });

  it('writes a calendar feed’s path without its token, however the path is spelt', async () => {
    const { app, logs } = await buildTestApp();
    const entity = await createTestEntity(await testDatabase());
    const token = `${entity.id}.Zk3dT5m2QmVYc0Zr9Xb1yUe8LwPq4HnJ6sGa7DcE0fI`;
    for (const url of [
      `/feeds/${token}.ics`,
      `/feeds/${token}`,
      `/feeds/${token}.ics?x=1`,
      `/%66eeds/${token}.ics`,
      `/FEEDS/${token}.ics`,
      `//feeds/${token}.ics`,
    ]) {
      const response = await app.inject({ method: 'GET', url });
      expect(response.statusCode).toBe(404);
    }
    const log = logs.join('');
    expect(log).not.toContain(token.split('.')[1]!);
    expect(log.match(/\/feeds\/\[token\]/g)?.length).toBeGreaterThanOrEqual(6);
    expect(loggedPath('/api/persons?q=x')).toBe('/api/persons');
    expect(loggedPath('/feedsx/y')).toBe('/feedsx/y');
  });
});
