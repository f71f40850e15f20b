import { spawnSync } from 'node:child_process';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config';
import type { Database } from '../../db/connect';
import { testDatabase } from '../../testing/database';
import { createTestEntity } from '../../testing/factories';
import {
  capturedLog,
  drain,
  mailboxOf,
  messagingConfig,
  outboxOf,
  secretLinksOf,
} from '../../testing/messaging';
import { startSmtpPeer, type SmtpPeer } from '../../testing/smtp-peer-process';
import { messageIdFor } from './addresses';
import { enqueue } from './outbox';

let peer: SmtpPeer;
beforeAll(async () => {
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer.stop();
});

const activation = (entityId: string, n: number, to: string) => ({
  entityId,
  channel: 'email' as const,
  template: 'professional_activation',
  to,
  language: 'en' as const,
  data: { givenName: 'Marta', username: 'marta.puig', entityName: 'Ajuntament de Prova' },
  idempotencyKey: `activation:${n}`,
  secretLink: { purpose: 'activation', subjectId: crypto.randomUUID(), ttlHours: 72 },
});

/** Makes an entity's pending messages due now, rather than wait for their backoff. */
const makeDue = (db: Database, entityId: string) =>
  db.tenant(entityId, (tx) =>
    tx.execute(sql`UPDATE outbox_messages SET next_attempt_at = now() WHERE status = 'pending'`),
  );

describe('the outbox', () => {
  it('writes a message in the transaction of the change, and none when it rolls back', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true });
    await db.tenant(entity.id, (tx) => enqueue(tx, activation(entity.id, 1, 'a@x.example')));
    await expect(
      db.tenant(entity.id, async (tx) => {
        await enqueue(tx, activation(entity.id, 2, 'b@x.example'));
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    const rows = await outboxOf(db, entity.id);
    expect(rows.map((r) => r.recipient)).toEqual(['a@x.example']);
    expect(rows[0]).toMatchObject({ status: 'pending', attempts: 0, channel: 'email' });
  });

  it('ignores a second message with the same idempotency key', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true });
    const first = await db.tenant(entity.id, (tx) =>
      enqueue(tx, activation(entity.id, 1, 'a@x.example')),
    );
    const again = await db.tenant(entity.id, (tx) =>
      enqueue(tx, activation(entity.id, 1, 'a@x.example')),
    );
    expect(first).toMatch(/^[0-9a-f-]{36}$/);
    expect(again).toBeNull();
    expect(await outboxOf(db, entity.id)).toHaveLength(1);
  });

  it("uses the entity's language when the recipient has none, and refuses secrets in data", async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true, defaultLanguage: 'it' });
    await db.tenant(entity.id, (tx) =>
      enqueue(tx, { ...activation(entity.id, 1, 'a@x.example'), language: null }),
    );
    expect((await outboxOf(db, entity.id))[0]!.language).toBe('it');
    await expect(
      db.tenant(entity.id, (tx) =>
        enqueue(tx, { ...activation(entity.id, 2, 'a@x.example'), data: { token: 'abc' } }),
      ),
    ).rejects.toThrow(/must not carry secrets/);
  });

  it('delivers to a real SMTP server: recipient, subject, both parts, sender name, Reply-To, Message-ID', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true, name: 'Consell Comarcal de Prova' });
    const config = messagingConfig({ SMTP_URL: peer.url });
    const to = `pro-${entity.code}@x.example`;
    await db.tenant(entity.id, async (tx) => {
      await enqueue(tx, activation(entity.id, 1, to));
      await enqueue(tx, {
        ...activation(entity.id, 2, `second-${entity.code}@x.example`),
        template: 'password_reset',
        replyTo: 'support@x.example',
        secretLink: { purpose: 'password_reset', subjectId: crypto.randomUUID(), ttlHours: 1 },
      });
    });
    const counts = await drain({ database: db, config }, [entity.id]);
    expect(counts.sent).toBe(2);
    await peer.waitFor(1);
    const mail = peer.received.find((m) => m.envelope.to.includes(to))!;
    expect(mail.subject).toBe('Your Caliu account at Ajuntament de Prova');
    expect(mail.fromName).toBe('Consell Comarcal de Prova');
    expect(mail.fromAddress).toBe('caliu@caliu.test.example');
    expect(mail.messageId).toBe(messageIdFor(config, entity.id, 'activation:1'));
    expect(mail.text).toContain('Hello Marta,');
    expect(mail.text).toMatch(/https:\/\/caliu\.test\.example\/activate#token=/);
    expect(mail.html).toContain('<a href="https://caliu.test.example/activate#token=');
    expect(mail.html).toContain('expires in 72 hours');
    expect(mail.autoSubmitted).toBe('auto-generated');
    expect(mail.replyTo).toBeNull();
    const reset = peer.received.find((m) =>
      m.envelope.to.includes(`second-${entity.code}@x.example`),
    )!;
    expect(reset.replyTo).toBe('support@x.example');
    expect(reset.text).toContain('expires in 1 hour.');
    const rows = await outboxOf(db, entity.id);
    expect(rows.every((r) => r.status === 'sent' && r.sentAt && r.lockedUntil === null)).toBe(true);
  });

  it('sends one batch across entities and records each message as it went, revoking a failed one’s link', async () => {
    const db = await testDatabase();
    const a = await createTestEntity(db);
    const b = await createTestEntity(db);
    const to = (who: string) => `${who}-${a.code}@batch.example`;
    await db.tenant(a.id, async (tx) => {
      for (let n = 1; n <= 3; n++) await enqueue(tx, activation(a.id, n, to(`a${n}`)));
    });
    await db.tenant(b.id, async (tx) => {
      await enqueue(tx, activation(b.id, 1, to('b1')));
      await enqueue(tx, activation(b.id, 2, to('b2')));
      // A template this version does not know: a permanent failure, in the middle of the batch.
      await tx.execute(
        sql`UPDATE outbox_messages SET template = 'no_such_template' WHERE recipient = ${to('b2')}`,
      );
    });
    const config = messagingConfig({ SMTP_URL: peer.url });
    const counts = await drain({ database: db, config }, [a.id, b.id], { maxRounds: 1 });
    expect(counts).toEqual({ sent: 4, failed: 1, retry: 0, skipped: 0 });
    await peer.waitFor(4);
    const received = peer.received.map((m) => m.envelope.to[0]);
    for (const who of ['a1', 'a2', 'a3', 'b1']) expect(received).toContain(to(who));
    expect(received).not.toContain(to('b2'));

    const rowsA = await outboxOf(db, a.id);
    expect(rowsA.map((r) => r.status)).toEqual(['sent', 'sent', 'sent']);
    const rowsB = await outboxOf(db, b.id);
    const failed = rowsB.find((r) => r.recipient === to('b2'))!;
    expect(failed.status).toBe('failed');
    expect(failed.lastError).toContain('no_such_template');
    expect(rowsB.find((r) => r.recipient === to('b1'))!.status).toBe('sent');
    const links = await secretLinksOf(db, b.id);
    expect(links.find((l) => l.outboxMessageId === failed.id)!.revokedAt).not.toBeNull();
    expect(links.filter((l) => l.outboxMessageId !== failed.id && l.revokedAt)).toEqual([]);
    expect((await secretLinksOf(db, a.id)).filter((l) => l.revokedAt)).toEqual([]);

    // Nothing is sent twice: a second round finds the batch done.
    expect(await drain({ database: db, config }, [a.id, b.id], { maxRounds: 1 })).toEqual({
      sent: 0,
      failed: 0,
      retry: 0,
      skipped: 0,
    });
  });

  it('lets one message the database refuses fail alone: the rest of its batch is sent and recorded', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const to = (who: string) => `${who}-${entity.code}@alone.example`;
    await db.tenant(entity.id, async (tx) => {
      for (const who of ['a', 'b', 'c']) {
        await enqueue(tx, activation(entity.id, who.charCodeAt(0), to(who)));
      }
      // A link that would expire before the calendar starts: minting it fails in the database.
      await tx.execute(
        sql`UPDATE outbox_messages SET secret_ttl_hours = -2000000000 WHERE recipient = ${to('b')}`,
      );
    });
    const { log, lines } = capturedLog();
    const config = messagingConfig({ SMTP_URL: peer.url });
    const counts = await drain({ database: db, config, log }, [entity.id], { maxRounds: 1 });
    expect(counts).toEqual({ sent: 2, failed: 0, retry: 0, skipped: 0 });
    await peer.waitFor(2);
    const received = peer.received.map((m) => m.envelope.to[0]);
    expect(received).toEqual(expect.arrayContaining([to('a'), to('c')]));
    expect(received).not.toContain(to('b'));
    const rows = await outboxOf(db, entity.id);
    const status = (who: string) => rows.find((r) => r.recipient === to(who))!;
    expect([status('a').status, status('c').status]).toEqual(['sent', 'sent']);
    // Left leased and pending: sent again once the lease lapses (at-least-once).
    expect(status('b').status).toBe('pending');
    expect(status('b').lockedUntil).not.toBeNull();
    expect(lines.join('')).toContain('outbox: database failed');
    expect(lines.join('')).not.toContain('@alone.example');
  });

  it('uses TLS when the URL asks for it: smtps:// from the first byte, ?requireTLS=true by STARTTLS', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true });
    expect(peer.received.every((m) => !m.secure)).toBe(true); // smtp:// to a server without TLS
    for (const [n, tls, query] of [
      [1, 'implicit', '?rejectUnauthorized=false'],
      [2, 'starttls', '?requireTLS=true&rejectUnauthorized=false'],
    ] as const) {
      const tlsPeer = await startSmtpPeer({ tls });
      try {
        const to = `${tls}-${entity.code}@x.example`;
        await db.tenant(entity.id, (tx) => enqueue(tx, activation(entity.id, n, to)));
        const config = messagingConfig({ SMTP_URL: `${tlsPeer.url}${query}` });
        expect((await drain({ database: db, config }, [entity.id])).sent).toBe(1);
        await tlsPeer.waitFor(1);
        expect(tlsPeer.received[0]).toMatchObject({ secure: true, envelope: { to: [to] } });
      } finally {
        await tlsPeer.stop();
      }
    }
    // requireTLS refuses a server that offers no STARTTLS: the message waits for a retry.
    await db.tenant(entity.id, (tx) => enqueue(tx, activation(entity.id, 99, 'plain@x.example')));
    const strict = messagingConfig({ SMTP_URL: `${peer.url}?requireTLS=true` });
    expect(
      (await drain({ database: db, config: strict }, [entity.id], { maxRounds: 1 })).retry,
    ).toBe(1);
  });

  it('retries with growing, jittered delays and marks the message failed after the last attempt', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true });
    // Nothing listens on port 9 (discard) of the loopback: every attempt fails to connect.
    const config = messagingConfig({
      SMTP_URL: 'smtp://127.0.0.1:9',
      OUTBOX_MAX_ATTEMPTS: '3',
      OUTBOX_BACKOFF_BASE_MS: '400',
      OUTBOX_BACKOFF_MAX_MS: '100000',
    });
    await db.tenant(entity.id, (tx) => enqueue(tx, activation(entity.id, 1, 'a@x.example')));
    const { log, lines } = capturedLog();
    const delays: number[] = [];
    for (let attempt = 1; attempt <= 3; attempt++) {
      const before = Date.now();
      const counts = await drain({ database: db, config, log }, [entity.id], { maxRounds: 1 });
      const [row] = await outboxOf(db, entity.id);
      expect(row!.attempts).toBe(attempt);
      if (attempt < 3) {
        expect(counts.retry).toBe(1);
        expect(row!.status).toBe('pending');
        expect(row!.lastError).toMatch(/ECONNREFUSED|connect/i);
        delays.push(row!.nextAttemptAt.getTime() - before);
        // Make it due now rather than wait.
        await makeDue(db, entity.id);
      } else {
        expect(counts.failed).toBe(1);
        expect(row!.status).toBe('failed');
      }
    }
    // Attempt 1 waits 200–400 ms, attempt 2 waits 400–800 ms (clocks may differ by a little).
    expect(delays[0]).toBeGreaterThan(150);
    expect(delays[0]).toBeLessThan(700);
    expect(delays[1]).toBeGreaterThan(350);
    expect(delays[1]).toBeLessThan(1100);
    expect(lines.join('')).not.toContain('a@x.example');
  });

  it('without SMTP_URL in demo mode delivers into the mailbox, with both parts', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true });
    const config = messagingConfig();
    await db.tenant(entity.id, (tx) => enqueue(tx, activation(entity.id, 1, 'a@x.example')));
    expect((await drain({ database: db, config }, [entity.id])).sent).toBe(1);
    const [entry] = await mailboxOf(db, entity.id);
    expect(entry).toMatchObject({
      channel: 'email',
      recipient: 'a@x.example',
      subject: 'Your Caliu account at Ajuntament de Prova',
      messageId: messageIdFor(config, entity.id, 'activation:1'),
    });
    expect(entry!.sender).toBe(`"Test entity ${entity.code}" <caliu@caliu.test.example>`);
    expect(entry!.textBody).toContain('/activate#token=');
    expect(entry!.htmlBody).toContain('<!DOCTYPE html>');
  });

  it('refuses to start outside demo mode without SMTP_URL, naming it', () => {
    expect(() => loadConfig({ CALIU_DEMO: '0' })).toThrow(/SMTP_URL/);
    expect(loadConfig({ CALIU_DEMO: '0', SMTP_URL: 'smtp://127.0.0.1:25' }).smtpUrl).toBeTruthy();
    const env: NodeJS.ProcessEnv = { ...process.env, CALIU_DEMO: '0', PORT: '0' };
    delete env.SMTP_URL;
    delete env.DATABASE_URL;
    const started = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain('SMTP_URL');
  });

  it('`npm run worker` on the embedded database refuses: the worker runs inside npm start', () => {
    const env: NodeJS.ProcessEnv = { ...process.env };
    delete env.DATABASE_URL;
    const started = spawnSync(process.execPath, ['--import', 'tsx', 'server/src/worker-main.ts'], {
      env,
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(started.status).toBe(1);
    expect(started.stderr).toContain('runs inside `npm start`');
  });
});
