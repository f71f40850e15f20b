import { randomUUID } from 'node:crypto';
import { Writable } from 'node:stream';
import pino from 'pino';
import { loadConfig } from '../../server/src/config';
import type { Database } from '../../server/src/db/connect';
import { enqueue } from '../../server/src/platform/messaging/outbox';
import { startOutboxWorker } from '../../server/src/platform/messaging/worker';
import { startSmtpPeer } from '../../server/src/testing/smtp-peer-process';
import type { Row } from '../harness/report';
import { round } from '../harness/stats';

/**
 * `outbox`: `count` activation emails (each with its own secret link, minted as it is sent)
 * queued at once, sent by the outbox worker as `npm start` runs it (its default batch and
 * concurrency) to a real SMTP server in another process on 127.0.0.1. Timed from the worker's
 * start to the last message received.
 */
export async function outboxScenario(
  database: Database,
  entityId: string,
  count: number,
  progress: (what: string) => void,
): Promise<Row> {
  const target = 200;
  const peer = await startSmtpPeer();
  const run = randomUUID().slice(0, 8);
  try {
    progress(`outbox: queueing ${count} emails`);
    for (let i = 0; i < count; i += 500) {
      await database.tenant(entityId, async (tx) => {
        for (let k = i; k < Math.min(count, i + 500); k++) {
          await enqueue(tx, {
            entityId,
            channel: 'email',
            template: 'professional_activation',
            to: `bench-${k}@synthetic.example`,
            language: (['ca', 'es', 'it', 'en'] as const)[k % 4],
            data: { givenName: 'Marta', username: `bench-${k}`, entityName: 'Consell Sintètic' },
            idempotencyKey: `bench-outbox:${run}:${k}`,
            secretLink: { purpose: 'activation', subjectId: randomUUID(), ttlHours: 72 },
          });
        }
      });
    }
    progress(`outbox: sending to SMTP on 127.0.0.1:${peer.port}`);
    const config = loadConfig({
      CALIU_DEMO: '0',
      SMTP_URL: peer.url,
      SMTP_FROM: 'caliu@synthetic.example',
      CALIU_PUBLIC_URL: 'https://caliu.synthetic.example',
      OUTBOX_ENTITIES: entityId,
    });
    const quiet = pino({ level: 'warn' }, new Writable({ write: (_c, _e, done) => done() }));
    const started = process.hrtime.bigint();
    const worker = startOutboxWorker({ database, config, log: quiet });
    await peer.waitFor(count, 600_000);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    await worker.stop();
    const throughput = round(count / seconds, 1);
    return {
      name: 'outbox',
      median_ms: null,
      p99_ms: null,
      throughput,
      baseline: null,
      baseline_note: 'none: the target is a rate of emails into an SMTP server',
      ratio: null,
      target: `≥ ${target} emails/s`,
      met: throughput >= target && peer.refused() === 0,
      note: `${count} emails in ${seconds.toFixed(1)} s`,
    };
  } finally {
    await peer.stop();
  }
}
