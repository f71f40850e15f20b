import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../testing/database';
import { createTestEntity } from '../../testing/factories';
import { capturedLog, eventually, messagingConfig, outboxOf } from '../../testing/messaging';
import { startSmtpPeer, type SmtpPeer } from '../../testing/smtp-peer-process';
import { enqueue } from './outbox';
import { startOutboxWorker } from './worker';

let peer: SmtpPeer;
beforeAll(async () => {
  peer = await startSmtpPeer({ refuseRate: 0.3, seed: 20260601 });
});
afterAll(async () => {
  await peer.stop();
});

describe('an SMTP server that refuses 30% of attempts (seeded)', () => {
  it('still ends with every message delivered, once, each after its retries', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const count = 200;
    await db.tenant(entity.id, async (tx) => {
      for (let i = 0; i < count; i++) {
        await enqueue(tx, {
          entityId: entity.id,
          channel: 'email',
          template: 'professional_activation',
          to: `r${i}@refusing.example`,
          language: 'ca',
          data: { givenName: `Persona ${i}`, username: `persona.${i}` },
          idempotencyKey: `activation:${i}`,
          secretLink: { purpose: 'activation', subjectId: crypto.randomUUID(), ttlHours: 72 },
        });
      }
    });
    const config = messagingConfig({
      SMTP_URL: peer.url,
      OUTBOX_ENTITIES: entity.id,
      OUTBOX_MAX_ATTEMPTS: '25',
      OUTBOX_BACKOFF_BASE_MS: '10',
      OUTBOX_BACKOFF_MAX_MS: '100',
      OUTBOX_POLL_MS: '20',
    });
    const { log, lines } = capturedLog();
    const worker = startOutboxWorker({ database: db, config, log });
    try {
      await eventually(
        async () => (await outboxOf(db, entity.id)).every((r) => r.status === 'sent'),
        60_000,
        100,
      );
    } finally {
      await worker.stop();
    }
    const rows = await outboxOf(db, entity.id);
    const attempts = rows.reduce((sum, r) => sum + r.attempts, 0);
    const received = peer.received.filter((m) => m.envelope.to[0]?.endsWith('@refusing.example'));
    expect(new Set(received.map((m) => m.envelope.to[0])).size).toBe(count);
    expect(received).toHaveLength(count);
    expect(new Set(received.map((m) => m.messageId)).size).toBe(count);
    expect(peer.refused()).toBe(attempts - count);
    expect(peer.refused() / attempts).toBeGreaterThan(0.2);
    expect(peer.refused() / attempts).toBeLessThan(0.4);
    expect(rows.filter((r) => r.attempts > 1).length).toBeGreaterThan(20);
    expect(lines.join('')).toContain('outbox: will retry');
    expect(lines.join('')).not.toContain('@refusing.example');
  }, 90_000);
});
