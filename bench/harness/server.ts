/**
 * Caliu served in the benchmark's process, as `npm start` serves it (same app, pool size and
 * log level, its log lines written to .bench/server.log), listening on 127.0.0.1, with its
 * statements heard by a Recorder. The load comes from another process (load.ts).
 */
import { createWriteStream, mkdirSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { CSRF_HEADER, SESSION_COOKIE } from '@caliu/common';
import { buildApp } from '../../server/src/app';
import { loadConfig } from '../../server/src/config';
import { openDatabase, type Database } from '../../server/src/db/connect';
import { loggerOptions } from '../../server/src/platform/logging';
import { Recorder } from './baseline';

/** The pool size `npm start` uses on PostgreSQL (openPostgres's default). */
export const POOL_SIZE = 10;

export type BenchServer = {
  url: string;
  app: FastifyInstance;
  database: Database;
  recorder: Recorder;
  close(): Promise<void>;
};

export async function startServer(
  target: { kind: 'postgres'; url: string } | { kind: 'pglite'; dataDir: string },
): Promise<BenchServer> {
  const recorder = new Recorder();
  const database = await openDatabase(
    target.kind === 'postgres'
      ? { kind: 'postgres', url: target.url, poolSize: POOL_SIZE, onQuery: recorder.listener }
      : { kind: 'pglite', dataDir: target.dataDir, onQuery: recorder.listener },
  );
  const config = loadConfig({ CALIU_DEMO: '1', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0' });
  mkdirSync('.bench', { recursive: true });
  const app = await buildApp(
    { database, config },
    { logger: { ...loggerOptions('info'), stream: createWriteStream('.bench/server.log') } },
  );
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}`,
    app,
    database,
    recorder,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

export type BenchSession = { headers: Record<string, string> };

/** Signs a professional in over HTTP; the headers carry their session (and CSRF token). */
export async function signIn(
  server: BenchServer,
  entity: string,
  username: string,
  password: string,
): Promise<BenchSession> {
  const response = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ entity, username, password }),
  });
  if (response.status !== 200) {
    throw new Error(
      `sign-in of ${username}@${entity}: ${response.status} ${await response.text()}`,
    );
  }
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(';')[0]!)
    .find((c) => c.startsWith(`${SESSION_COOKIE}=`));
  if (!cookie) throw new Error('sign-in set no session cookie');
  const me = (await response.json()) as { csrfToken: string };
  return { headers: { cookie, [CSRF_HEADER]: me.csrfToken } };
}

/** Sends one request as the load generator will, and fails on anything but a 2xx. */
export async function call(
  server: BenchServer,
  session: BenchSession,
  path: string,
  write?: { method: 'POST' | 'PATCH' | 'PUT' | 'DELETE'; body: unknown },
): Promise<unknown> {
  const response = await fetch(`${server.url}${path}`, {
    headers: write ? { ...session.headers, 'content-type': 'application/json' } : session.headers,
    ...(write ? { method: write.method, body: JSON.stringify(write.body) } : {}),
  });
  if (response.status < 200 || response.status >= 300) {
    throw new Error(
      `${write?.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`,
    );
  }
  return response.status === 204 ? null : response.json();
}
