import { afterEach, describe, expect, it } from 'vitest';
import type { Database } from '../../db/connect';
import { NEEDS_POSTGRES, onPostgres, testDatabase } from '../../testing/database';
import { evidenceCount } from '../../testing/evidence';
import { createTestEntity } from '../../testing/factories';
import { eventually, outboxOf } from '../../testing/messaging';
import { startSmtpPeer, type SmtpPeer } from '../../testing/smtp-peer-process';
import { startWorkerProcess, type WorkerProcess } from '../../testing/worker-process';
import { enqueue } from './outbox';

/**
 * Several `npm run worker` processes on one PostgreSQL server, a real SMTP server between.
 * `npm test`: 200 messages, one kill; `npm run test:long`: 1,000 messages, ten kills in a row.
 */
const MESSAGES_PER_ENTITY = evidenceCount(50, 250);
const MESSAGES = MESSAGES_PER_ENTITY * 4;
const KILL_RUNS = evidenceCount(1, 10);
const KILL_MESSAGES = 300;

let peer: SmtpPeer | undefined;
const workers: WorkerProcess[] = [];
afterEach(async () => {
  for (const w of workers.splice(0)) {
    w.kill('SIGKILL');
    await w.exited;
  }
  await peer?.stop();
  peer = undefined;
});

function workerEnv(smtpUrl: string, entities: string[], extra: Record<string, string> = {}) {
  return {
    DATABASE_URL: process.env.TEST_DATABASE_URL!,
    CALIU_DEMO: '0',
    SMTP_URL: smtpUrl,
    SMTP_FROM: 'caliu@caliu.test.example',
    CALIU_PUBLIC_URL: 'https://caliu.test.example',
    OUTBOX_ENTITIES: entities.join(','),
    OUTBOX_POLL_MS: '100',
    OUTBOX_BATCH_SIZE: '50',
    OUTBOX_CONCURRENCY: '4',
    ...extra,
  };
}

async function enqueueMany(db: Database, entityId: string, count: number, prefix: string) {
  await db.tenant(entityId, async (tx) => {
    for (let i = 0; i < count; i++) {
      await enqueue(tx, {
        entityId,
        channel: 'email',
        template: 'password_reset',
        to: `${prefix}-${i}@w.example`,
        language: (['ca', 'es', 'it', 'en'] as const)[i % 4],
        data: { givenName: `Person ${i}` },
        idempotencyKey: `reset:${i}`,
        secretLink: { purpose: 'password_reset', subjectId: crypto.randomUUID(), ttlHours: 1 },
      });
    }
  });
}

const countSent = async (db: Database, entities: string[]) => {
  let sent = 0;
  for (const id of entities)
    sent += (await outboxOf(db, id)).filter((r) => r.status === 'sent').length;
  return sent;
};

describe('outbox workers in their own processes', () => {
  it.skipIf(!onPostgres())(
    `${MESSAGES} messages sent by two worker processes arrive once each, with ${MESSAGES} distinct Message-IDs (${onPostgres() ? 'PostgreSQL' : NEEDS_POSTGRES})`,
    async () => {
      const db = await testDatabase();
      peer = await startSmtpPeer();
      const entities = await Promise.all([1, 2, 3, 4].map(() => createTestEntity(db)));
      for (const [n, entity] of entities.entries())
        await enqueueMany(db, entity.id, MESSAGES_PER_ENTITY, `e${n}`);
      const ids = entities.map((e) => e.id);

      const started = Date.now();
      workers.push(startWorkerProcess(workerEnv(peer.url, ids)));
      workers.push(startWorkerProcess(workerEnv(peer.url, ids)));
      await peer.waitFor(1, 60_000);
      const first = Date.now() - started;
      await peer.waitFor(MESSAGES, 90_000);
      const elapsed = Date.now() - started;
      await eventually(async () => (await countSent(db, ids)) === MESSAGES, 30_000, 200);
      await new Promise((r) => setTimeout(r, 500)); // a late duplicate would show up here

      const received = peer.received.filter((m) => m.envelope.to[0]?.endsWith('@w.example'));
      expect(received).toHaveLength(MESSAGES);
      expect(new Set(received.map((m) => m.messageId)).size).toBe(MESSAGES);
      const expected = entities.flatMap((_e, n) =>
        Array.from({ length: MESSAGES_PER_ENTITY }, (_x, i) => `e${n}-${i}@w.example`),
      );
      expect(new Set(received.map((m) => m.envelope.to[0]))).toEqual(new Set(expected));
      const [a, b] = workers.map((w) => w.sent());
      expect(a! + b!).toBe(MESSAGES);
      expect(a).toBeGreaterThan(0);
      expect(b).toBeGreaterThan(0);
      console.log(
        `${MESSAGES} messages, two worker processes: first after ${first} ms (process start-up), ` +
          `all ${elapsed} ms after start, so ${elapsed - first} ms of delivery (split ${a}/${b})`,
      );
      for (const w of workers) w.kill('SIGTERM');
      expect(await Promise.all(workers.map((w) => w.exited))).toEqual([0, 0]);
      workers.length = 0;
    },
    150_000,
  );

  it.skipIf(!onPostgres()).each(Array.from({ length: KILL_RUNS }, (_x, i) => i + 1))(
    `a worker killed with SIGKILL mid-batch and restarted leaves every message delivered, a repeat with the same Message-ID (run %i of ${KILL_RUNS}, ${onPostgres() ? 'PostgreSQL' : NEEDS_POSTGRES})`,
    async () => {
      const db = await testDatabase();
      peer = await startSmtpPeer({ delayMs: 10 });
      const entity = await createTestEntity(db);
      await enqueueMany(db, entity.id, KILL_MESSAGES, 'k');
      const env = workerEnv(peer.url, [entity.id], { OUTBOX_LEASE_SECONDS: '2' });

      const first = startWorkerProcess(env);
      workers.push(first);
      await peer.waitFor(70, 60_000);
      first.kill('SIGKILL');
      await first.exited;
      const beforeRestart = await outboxOf(db, entity.id);
      const inFlight = beforeRestart.filter((r) => r.status === 'pending' && r.lockedUntil);
      expect(inFlight.length).toBeGreaterThan(0); // it died holding a leased batch

      workers.push(startWorkerProcess(env));
      // Rejects at once if the SMTP server went down with the killed client's connection.
      await peer.waitFor(KILL_MESSAGES, 60_000);
      await eventually(
        async () => (await countSent(db, [entity.id])) === KILL_MESSAGES,
        60_000,
        200,
      );

      const received = peer.received.filter((m) => m.envelope.to[0]?.startsWith('k-'));
      const byRecipient = new Map<string, Set<string | null>>();
      for (const m of received) {
        const ids = byRecipient.get(m.envelope.to[0]!) ?? new Set();
        ids.add(m.messageId);
        byRecipient.set(m.envelope.to[0]!, ids);
      }
      expect(byRecipient.size).toBe(KILL_MESSAGES);
      for (const ids of byRecipient.values()) expect(ids.size).toBe(1);
      const repeats = received.length - KILL_MESSAGES;
      console.log(
        `SIGKILL after ${beforeRestart.filter((r) => r.status === 'sent').length} marked sent, ` +
          `${inFlight.length} leased in flight; after restart all ${KILL_MESSAGES} delivered, ${repeats} repeated ` +
          `(same Message-ID); connections reset by the kill: ${peer.connectionErrors()}`,
      );
    },
    120_000,
  );
});
