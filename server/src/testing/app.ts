import { appendFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE, type Me } from '@caliu/common';
import { buildApp } from '../app';
import { loadConfig, type Config } from '../config';
import type { Clock } from '../platform/context';
import { loggerOptions } from '../platform/logging';
import { testDatabase } from './database';

export const TEST_PASSWORD = 'correct horse battery staple';

/** A clock the test moves by hand. */
export function manualClock(start = new Date()): Clock & { advance(ms: number): void } {
  let now = start.getTime();
  return { now: () => new Date(now), advance: (ms) => (now += ms) };
}

/**
 * With CALIU_TEST_LOG_DIR set, every test app's log lines are also appended to a file of that
 * directory (one per test worker), so that the log of a whole test run can be scanned for
 * personal data afterwards: `node --import tsx scripts/scan-test-logs.mjs <dir>`.
 */
export function keepForSuiteScan(line: string) {
  const dir = process.env.CALIU_TEST_LOG_DIR;
  if (dir) appendFileSync(path.join(dir, `server-${process.pid}.log`), line);
}

export type TestApp = { app: FastifyInstance; config: Config; logs: string[] };

/** The real application on the worker's database; its log lines are captured in `logs`. */
export async function buildTestApp(options: { clock?: Clock; env?: NodeJS.ProcessEnv } = {}) {
  const database = await testDatabase();
  const config = loadConfig({ CALIU_DEMO: '1', LOG_LEVEL: 'info', ...options.env });
  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      logs.push(String(chunk));
      keepForSuiteScan(String(chunk));
      done();
    },
  });
  const app = await buildApp(
    { database, config, ...(options.clock ? { clock: options.clock } : {}) },
    { logger: { ...loggerOptions('info'), stream }, serveConsole: false },
  );
  await app.ready();
  return { app, config, logs, database } satisfies TestApp & Record<string, unknown>;
}

export type Session = {
  cookie: string;
  csrf: string;
  me: Me;
  /** Headers for an authenticated request (cookie, CSRF token, language). */
  headers(language?: string): Record<string, string>;
};

export async function login(
  app: FastifyInstance,
  entity: string,
  username: string,
  password = TEST_PASSWORD,
): Promise<Session> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { entity, username, password },
  });
  if (response.statusCode !== 200) {
    throw new Error(
      `login of ${username}@${entity} failed: ${response.statusCode} ${response.body}`,
    );
  }
  const setCookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (!setCookie) throw new Error('login set no session cookie');
  const me = response.json() as Me;
  const cookie = `${SESSION_COOKIE}=${setCookie.value}`;
  return {
    cookie,
    csrf: me.csrfToken,
    me,
    headers: (language) => ({
      cookie,
      [CSRF_HEADER]: me.csrfToken,
      ...(language ? { 'accept-language': language } : {}),
    }),
  };
}
