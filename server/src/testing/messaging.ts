import { Writable } from 'node:stream';
import { eq } from 'drizzle-orm';
import pino from 'pino';
import { loadConfig, type Config } from '../config';
import type { Database } from '../db/connect';
import { mailboxMessages, outboxMessages, secretLinks } from '../db/schema';
import { loggerOptions } from '../platform/logging';
import type { Log } from '../platform/messaging/deliver';
import { drainOutbox, type WorkerDeps } from '../platform/messaging/worker';
import { keepForSuiteScan } from './app';

/** A configuration for messaging tests: demo mode, and retries in milliseconds, not minutes. */
export function messagingConfig(env: NodeJS.ProcessEnv = {}): Config {
  return loadConfig({
    CALIU_DEMO: '1',
    LOG_LEVEL: 'info',
    OUTBOX_BACKOFF_BASE_MS: '10',
    OUTBOX_BACKOFF_MAX_MS: '80',
    OUTBOX_POLL_MS: '50',
    CALIU_PUBLIC_URL: 'https://caliu.test.example',
    SMTP_FROM: 'caliu@caliu.test.example',
    ...env,
  });
}

/** A logger whose lines the test can read (to prove that nothing personal is logged). */
export function capturedLog(): { log: Log; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      keepForSuiteScan(String(chunk));
      done();
    },
  });
  return { log: pino({ ...loggerOptions('debug') }, stream), lines };
}

/** Sends every due message of these entities, as the worker would. */
export function drain(
  deps: Omit<WorkerDeps, 'log'> & { log?: Log },
  entities: string[],
  options: { maxRounds?: number } = {},
) {
  return drainOutbox({ log: capturedLog().log, ...deps }, entities, options);
}

export function outboxOf(database: Database, entityId: string) {
  return database.tenant(entityId, (tx) =>
    tx.select().from(outboxMessages).where(eq(outboxMessages.entityId, entityId)),
  );
}

export function mailboxOf(database: Database, entityId: string) {
  return database.tenant(entityId, (tx) =>
    tx.select().from(mailboxMessages).where(eq(mailboxMessages.entityId, entityId)),
  );
}

export function secretLinksOf(database: Database, entityId: string) {
  return database.tenant(entityId, (tx) =>
    tx.select().from(secretLinks).where(eq(secretLinks.entityId, entityId)),
  );
}

/** The token inside a delivered link (`…#token=<token>`). */
export function tokenIn(text: string | null | undefined): string {
  const match = /#token=([0-9a-f-]{36}\.[A-Za-z0-9_-]{43})/.exec(text ?? '');
  if (!match) throw new Error('no secret link in the message');
  return match[1]!;
}

/** Waits until `check` answers true, polling. */
export async function eventually(
  check: () => Promise<boolean> | boolean,
  timeoutMs = 30_000,
  everyMs = 50,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
