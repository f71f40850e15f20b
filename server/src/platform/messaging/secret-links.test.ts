import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '../../db/connect';
import { testDatabase } from '../../testing/database';
import { createTestEntity } from '../../testing/factories';
import {
  drain,
  mailboxOf,
  messagingConfig,
  outboxOf,
  secretLinksOf,
  tokenIn,
} from '../../testing/messaging';
import { startSmtpPeer, type SmtpPeer } from '../../testing/smtp-peer-process';
import { sha256 } from '../secrets';
import { enqueue } from './outbox';
import { consumeSecretLink, parseLinkToken, peekSecretLink } from './secret-links';

let peer: SmtpPeer;
beforeAll(async () => {
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer.stop();
});

const now = () => new Date();

function resetFor(entityId: string, subjectId: string, key: string, to = 'pro@x.example') {
  return {
    entityId,
    channel: 'email' as const,
    template: 'password_reset',
    to,
    language: 'ca' as const,
    data: { givenName: 'Pere' },
    idempotencyKey: key,
    secretLink: { purpose: 'password_reset', subjectId, ttlHours: 1 },
  };
}

const peek = (db: Database, entityId: string, token: string) =>
  db.tenant(entityId, (tx) => peekSecretLink(tx, 'password_reset', token, now()));

describe('secret links in messages', () => {
  it('are minted when the message is sent: the outbox holds what the link is for, the database only its hash', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true });
    const subjectId = randomUUID();
    await db.tenant(entity.id, (tx) => enqueue(tx, resetFor(entity.id, subjectId, 'reset:1')));
    expect(await secretLinksOf(db, entity.id)).toEqual([]); // nothing minted before sending
    await drain({ database: db, config: messagingConfig() }, [entity.id]);

    const [mail] = await mailboxOf(db, entity.id);
    const token = tokenIn(mail!.textBody);
    expect(parseLinkToken(token)).toEqual({ entityId: entity.id });
    expect(mail!.textBody).toContain('https://caliu.test.example/reset-password#token=');
    const [outbox] = await outboxOf(db, entity.id);
    expect(outbox).toMatchObject({ secretPurpose: 'password_reset', secretSubjectId: subjectId });
    expect(JSON.stringify(outbox)).not.toContain(token.split('.')[1]);
    const links = await secretLinksOf(db, entity.id);
    expect(links).toHaveLength(1);
    expect(Buffer.from(links[0]!.tokenHash).equals(sha256(token))).toBe(true);
    // No column of any row anywhere but the demo mailbox holds the token.
    const dump = await db.asOwner((tx) =>
      rowsOf<{ t: string }>(
        tx,
        sql`SELECT concat_ws(' ', (SELECT string_agg(o::text, ' ') FROM outbox_messages o),
                   (SELECT string_agg(s::text, ' ') FROM secret_links s),
                   (SELECT string_agg(a::text, ' ') FROM audit_log a)) AS t`,
      ),
    );
    expect(dump[0]!.t).not.toContain(token.split('.')[1]);

    expect(await peek(db, entity.id, token)).toMatchObject({ subjectId });
    const used = await db.tenant(entity.id, (tx) =>
      consumeSecretLink(tx, 'password_reset', token, now()),
    );
    expect(used).toEqual({ subjectId });
    expect(await peek(db, entity.id, token)).toBeNull();
  });

  it('a resend mints a new link, and the old one stops working', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true });
    const subjectId = randomUUID();
    const config = messagingConfig();
    await db.tenant(entity.id, (tx) => enqueue(tx, resetFor(entity.id, subjectId, 'reset:1')));
    await drain({ database: db, config }, [entity.id]);
    await db.tenant(entity.id, (tx) => enqueue(tx, resetFor(entity.id, subjectId, 'reset:2')));
    await drain({ database: db, config }, [entity.id]);
    const mails = (await mailboxOf(db, entity.id)).sort(
      (a, b) => a.createdAt.getTime() - b.createdAt.getTime(),
    );
    const [oldToken, newToken] = mails.map((m) => tokenIn(m.textBody));
    expect(oldToken).not.toBe(newToken);
    expect(await peek(db, entity.id, oldToken!)).toBeNull();
    expect(await peek(db, entity.id, newToken!)).toMatchObject({ subjectId });
  });

  it('a repeat after a crash between sending and marking sent carries the same Message-ID, and either copy works once', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true });
    const subjectId = randomUUID();
    const to = `crash-${entity.code}@x.example`;
    const config = messagingConfig({ SMTP_URL: peer.url });
    await db.tenant(entity.id, (tx) => enqueue(tx, resetFor(entity.id, subjectId, 'reset:1', to)));
    await drain({ database: db, config }, [entity.id]);
    // As if the worker had died after the SMTP server accepted the message: still pending.
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`UPDATE outbox_messages SET status = 'pending', sent_at = NULL`),
    );
    await drain({ database: db, config }, [entity.id]);
    const copies = peer.received.filter((m) => m.envelope.to.includes(to));
    expect(copies).toHaveLength(2);
    expect(copies[0]!.messageId).toBe(copies[1]!.messageId);
    const [first, second] = copies.map((m) => tokenIn(m.text));
    expect(first).not.toBe(second);
    expect(await peek(db, entity.id, first!)).toMatchObject({ subjectId });
    expect(await peek(db, entity.id, second!)).toMatchObject({ subjectId });
    await db.tenant(entity.id, (tx) => consumeSecretLink(tx, 'password_reset', second!, now()));
    expect(await peek(db, entity.id, first!)).toBeNull();
  });

  it('a link whose message could not be sent is revoked', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true });
    const config = messagingConfig({ SMTP_URL: 'smtp://127.0.0.1:9', OUTBOX_MAX_ATTEMPTS: '1' });
    await db.tenant(entity.id, (tx) => enqueue(tx, resetFor(entity.id, randomUUID(), 'reset:1')));
    expect((await drain({ database: db, config }, [entity.id])).failed).toBe(1);
    const links = await secretLinksOf(db, entity.id);
    expect(links).toHaveLength(1);
    expect(links[0]!.revokedAt).not.toBeNull();
  });
});
