import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Database } from '../../db/connect';
import { auditLog } from '../../db/schema';
import { enqueue } from '../../platform/messaging/outbox';
import { buildTestApp, login } from '../../testing/app';
import { testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional, type TestEntity } from '../../testing/factories';
import { drain, mailboxOf, messagingConfig, secretLinksOf } from '../../testing/messaging';
import { sendImmediateSms } from '../../platform/messaging/sms';
import { startSmtpPeer } from '../../testing/smtp-peer-process';

async function sendOne(
  db: Database,
  entity: TestEntity,
  key: string,
  to: string,
  smtpUrl?: string,
) {
  await db.tenant(entity.id, (tx) =>
    enqueue(tx, {
      entityId: entity.id,
      channel: 'email',
      template: 'password_reset',
      to,
      language: 'en',
      data: { givenName: '<b>Eva</b>' },
      idempotencyKey: key,
      secretLink: { purpose: 'password_reset', subjectId: crypto.randomUUID(), ttlHours: 1 },
    }),
  );
  const config = messagingConfig(smtpUrl ? { SMTP_URL: smtpUrl, OUTBOX_MAX_ATTEMPTS: '1' } : {});
  return drain({ database: db, config }, [entity.id]);
}

const auditOf = (db: Database, entityId: string, action: string) =>
  db.tenant(entityId, (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, entityId), eq(auditLog.action, action))),
  );

describe('the demo mailbox (sent mail)', () => {
  it('shows an administrator of the demo entity its messages, rendered, and nothing of other entities', async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true });
    const other = await createTestEntity(db, { isDemo: true });
    const admin = await createTestProfessional(db, entity, { roles: ['administrator'] });
    await sendOne(db, entity, 'k1', 'first@x.example');
    await sendOne(db, entity, 'k2', 'second@x.example');
    await sendOne(db, other, 'k1', 'elsewhere@x.example');
    const session = await login(app, entity.code, admin.username);

    const page = await app.inject({
      method: 'GET',
      url: '/api/mailbox?limit=1',
      headers: session.headers(),
    });
    expect(page.statusCode).toBe(200);
    expect(page.json().items).toHaveLength(1);
    const next = await app.inject({
      method: 'GET',
      url: `/api/mailbox?limit=1&cursor=${page.json().nextCursor}`,
      headers: session.headers(),
    });
    const items = [...page.json().items, ...next.json().items];
    expect(items.map((m: { to: string }) => m.to).sort()).toEqual([
      'first@x.example',
      'second@x.example',
    ]);
    expect(items[0]).toMatchObject({
      channel: 'email',
      template: 'password_reset',
      subject: 'Reset your Caliu password',
      entity: { id: entity.id, code: entity.code },
    });

    const one = await app.inject({
      method: 'GET',
      url: `/api/mailbox/${items[0].id}`,
      headers: session.headers(),
    });
    expect(one.statusCode).toBe(200);
    expect(one.json().text).toContain('Hello <b>Eva</b>,');
    expect(one.json().html).toContain('Hello &lt;b&gt;Eva&lt;/b&gt;,');
    expect(one.json().messageId).toMatch(/^<[0-9a-f]{40}@/);
    expect(one.json()).toMatchObject({ failure: null, bodyWithheld: null });
    expect(one.json().from).toContain(`Test entity ${entity.code}`);
    expect(await auditOf(db, entity.id, 'mailbox.read')).toHaveLength(1);

    const elsewhere = await sendOne(db, other, 'k2', 'also-elsewhere@x.example');
    expect(elsewhere.sent).toBe(1);
    const otherSession = await login(
      app,
      other.code,
      (await createTestProfessional(db, other, { roles: ['administrator'] })).username,
    );
    const theirs = await app.inject({
      method: 'GET',
      url: '/api/mailbox',
      headers: otherSession.headers(),
    });
    const theirId = theirs.json().items[0].id;
    const refused = await app.inject({
      method: 'GET',
      url: `/api/mailbox/${theirId}`,
      headers: session.headers('en'),
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.code).toBe('common.not_found');
  }, 120_000);

  it("lets the support agent read every entity's mailbox through one audited path, metadata only", async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const a = await createTestEntity(db, { isDemo: true });
    const b = await createTestEntity(db, { isDemo: true });
    const provider = await createTestEntity(db, { kind: 'provider' });
    const agent = await createTestProfessional(db, provider, { roles: ['support_agent'] });
    await sendOne(db, a, 'k1', 'in-a@x.example');
    await sendOne(db, b, 'k1', 'in-b@x.example');
    const session = await login(app, provider.code, agent.username);

    const all = await app.inject({
      method: 'GET',
      url: '/api/mailbox?limit=200',
      headers: session.headers(),
    });
    expect(all.statusCode).toBe(200);
    const seen = all.json().items.map((m: { to: string }) => m.to);
    expect(seen).toEqual(expect.arrayContaining(['in-a@x.example', 'in-b@x.example']));
    const onlyB = await app.inject({
      method: 'GET',
      url: `/api/mailbox?entity=${b.id}`,
      headers: session.headers(),
    });
    expect(onlyB.json().items.map((m: { to: string }) => m.to)).toEqual(['in-b@x.example']);
    expect(onlyB.json().items[0].entity).toEqual({
      id: b.id,
      code: b.code,
      name: `Test entity ${b.code}`,
    });

    const one = await app.inject({
      method: 'GET',
      url: `/api/mailbox/${onlyB.json().items[0].id}`,
      headers: session.headers(),
    });
    expect(one.statusCode).toBe(200);
    expect(one.json().to).toBe('in-b@x.example');
    // Never a body, not even of the demo entity's messages: it may hold a live link.
    expect(one.json()).toMatchObject({ text: null, html: null, bodyWithheld: 'support_agent' });
    expect(one.body).not.toContain('#token=');
    const crossings = await auditOf(db, provider.id, 'support.cross_entity_read');
    expect(crossings.map((c) => [c.recordId, c.details.purpose])).toEqual(
      expect.arrayContaining([
        [null, 'mailbox.list_all_entities'],
        [b.id, 'mailbox.list'],
        [b.id, 'mailbox.read'],
      ]),
    );
    expect(crossings).toHaveLength(3);
    const [read] = await auditOf(db, b.id, 'mailbox.read');
    expect(read).toMatchObject({ actorId: agent.id, actorEntityId: provider.id });

    const missing = await app.inject({
      method: 'GET',
      url: `/api/mailbox/${crypto.randomUUID()}`,
      headers: session.headers(),
    });
    expect(missing.statusCode).toBe(404);
  });

  it("marks on the audit page as 'from support' the support agent's reads only", async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true });
    const provider = await createTestEntity(db, { kind: 'provider' });
    const admin = await createTestProfessional(db, entity, { roles: ['administrator'] });
    const agent = await createTestProfessional(db, provider, { roles: ['support_agent'] });
    await sendOne(db, entity, 'k1', 'someone@x.example');
    const adminSession = await login(app, entity.code, admin.username);
    const agentSession = await login(app, provider.code, agent.username);
    const list = await app.inject({
      method: 'GET',
      url: '/api/mailbox',
      headers: adminSession.headers(),
    });
    const url = `/api/mailbox/${list.json().items[0].id}`;
    expect(
      (await app.inject({ method: 'GET', url, headers: adminSession.headers() })).statusCode,
    ).toBe(200);
    expect(
      (await app.inject({ method: 'GET', url, headers: agentSession.headers() })).statusCode,
    ).toBe(200);

    const audit = await app.inject({
      method: 'GET',
      url: '/api/audit?action=mailbox.read',
      headers: adminSession.headers(),
    });
    const byActor = Object.fromEntries(
      audit
        .json()
        .items.map((e: { actor: { id: string; fromSupport: boolean } }) => [
          e.actor.id,
          e.actor.fromSupport,
        ]),
    );
    expect(byActor).toEqual({ [admin.id]: false, [agent.id]: true });
  });

  it('is refused to roles without mailbox.view', async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const tech = await createTestProfessional(db, entity, { roles: ['tech_ssb', 'coordinator'] });
    const session = await login(app, entity.code, tech.username);
    const res = await app.inject({
      method: 'GET',
      url: '/api/mailbox',
      headers: session.headers(),
    });
    expect(res.statusCode).toBe(403);
  });

  it('does not exist outside demo mode, and says so in the caller language', async () => {
    const { app } = await buildTestApp({
      env: { CALIU_DEMO: '0', SMTP_URL: 'smtp://127.0.0.1:9' },
    });
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const admin = await createTestProfessional(db, entity, { roles: ['administrator'] });
    const session = await login(app, entity.code, admin.username);
    const expected = {
      ca: /només existeix en mode de demostració/,
      es: /solo existe en el modo de demostración/,
      it: /solo in modalità dimostrativa/,
      en: /only in demo mode/,
    };
    for (const [language, pattern] of Object.entries(expected)) {
      const res = await app.inject({
        method: 'GET',
        url: '/api/mailbox',
        headers: session.headers(language),
      });
      expect(res.statusCode).toBe(404);
      expect(res.json().error.code).toBe('messaging.mailbox_unavailable');
      expect(res.json().error.message).toMatch(pattern);
    }
    const one = await app.inject({
      method: 'GET',
      url: `/api/mailbox/${crypto.randomUUID()}`,
      headers: session.headers(),
    });
    expect(one.statusCode).toBe(404);
  });
});

describe('the demo mailbox of an entity that is not the demo one', () => {
  it('keeps metadata only, fails the message with the reason, and leaves no live link', async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const admin = await createTestProfessional(db, entity, { roles: ['administrator'] });
    const result = await sendOne(db, entity, 'k1', 'victim@x.example');
    expect(result).toMatchObject({ sent: 0, failed: 1 });
    const session = await login(app, entity.code, admin.username);

    const list = await app.inject({
      method: 'GET',
      url: '/api/mailbox',
      headers: session.headers(),
    });
    expect(list.json().items).toEqual([
      expect.objectContaining({
        to: 'victim@x.example',
        subject: 'Reset your Caliu password',
        failure: 'no_mail_server',
      }),
    ]);
    const one = await app.inject({
      method: 'GET',
      url: `/api/mailbox/${list.json().items[0].id}`,
      headers: session.headers(),
    });
    expect(one.json()).toMatchObject({
      text: null,
      html: null,
      failure: 'no_mail_server',
      bodyWithheld: 'not_delivered',
    });
    const [stored] = await mailboxOf(db, entity.id);
    expect(stored).toMatchObject({ textBody: null, htmlBody: null, failure: 'no_mail_server' });
    // The link minted for the attempt is revoked: nobody, anywhere, holds a live one.
    const links = await secretLinksOf(db, entity.id);
    expect(links).toHaveLength(1);
    expect(links[0]!.revokedAt).not.toBeNull();

    const failed = await app.inject({
      method: 'GET',
      url: '/api/outbox/failed',
      headers: session.headers(),
    });
    expect(failed.json().items).toEqual([
      expect.objectContaining({
        to: 'victim@x.example',
        status: 'failed',
        lastError: 'not delivered: no mail server configured',
      }),
    ]);
  });

  it('keeps an SMS as metadata too, and the caller falls back', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const result = await sendImmediateSms(
      { database: db, config: messagingConfig() },
      {
        entityId: entity.id,
        template: 'professional_activation_sms',
        to: '+34 600 111 222',
        language: 'en',
        data: { username: 'anna' },
        secretLink: {
          purpose: 'professional_activation',
          subjectId: crypto.randomUUID(),
          ttlHours: 24,
        },
      },
    );
    expect(result).toEqual({ ok: false, error: 'not delivered: no SMS gateway configured' });
    const [stored] = await mailboxOf(db, entity.id);
    expect(stored).toMatchObject({ channel: 'sms', textBody: null, failure: 'no_sms_gateway' });
    expect(stored!.recipient).not.toContain('600');
    expect((await secretLinksOf(db, entity.id))[0]!.revokedAt).not.toBeNull();
  });
});

describe("the administrator's failed messages", () => {
  it('lists them with their error, and a retry sends them again (audited)', async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const other = await createTestEntity(db);
    const admin = await createTestProfessional(db, entity, { roles: ['administrator'] });
    expect((await sendOne(db, entity, 'k1', 'lost@x.example', 'smtp://127.0.0.1:9')).failed).toBe(
      1,
    );
    expect((await sendOne(db, other, 'k1', 'theirs@x.example', 'smtp://127.0.0.1:9')).failed).toBe(
      1,
    );
    const session = await login(app, entity.code, admin.username);

    const failed = await app.inject({
      method: 'GET',
      url: '/api/outbox/failed',
      headers: session.headers(),
    });
    expect(failed.statusCode).toBe(200);
    expect(failed.json().items).toHaveLength(1);
    const [message] = failed.json().items;
    expect(message).toMatchObject({
      to: 'lost@x.example',
      status: 'failed',
      attempts: 1,
      template: 'password_reset',
      channel: 'email',
    });
    expect(message.lastError).toMatch(/ECONNREFUSED/);

    const retried = await app.inject({
      method: 'POST',
      url: `/api/outbox/${message.id}/retry`,
      headers: session.headers(),
    });
    expect(retried.statusCode).toBe(200);
    expect(retried.json()).toMatchObject({ id: message.id, status: 'pending', attempts: 0 });
    expect(await auditOf(db, entity.id, 'outbox.retry')).toHaveLength(1);
    const again = await app.inject({
      method: 'POST',
      url: `/api/outbox/${message.id}/retry`,
      headers: session.headers('en'),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({
      code: 'messaging.not_failed',
      message: 'This message has not failed: there is nothing to send again.',
    });

    // Delivered this time (through a mail server that answers).
    const smtp = await startSmtpPeer();
    try {
      const config = messagingConfig({ SMTP_URL: smtp.url });
      expect((await drain({ database: db, config }, [entity.id])).sent).toBe(1);
    } finally {
      await smtp.stop();
    }
    const empty = await app.inject({
      method: 'GET',
      url: '/api/outbox/failed',
      headers: session.headers(),
    });
    expect(empty.json().items).toEqual([]);

    const theirs = await db.tenant(other.id, async (tx) => {
      const { outboxMessages } = await import('../../db/schema');
      return tx
        .select({ id: outboxMessages.id })
        .from(outboxMessages)
        .where(eq(outboxMessages.entityId, other.id));
    });
    const foreign = await app.inject({
      method: 'POST',
      url: `/api/outbox/${theirs[0]!.id}/retry`,
      headers: session.headers(),
    });
    expect(foreign.statusCode).toBe(404);
  });

  it('are for the administrator only', async () => {
    const { app } = await buildTestApp();
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const coordinator = await createTestProfessional(db, entity, { roles: ['coordinator'] });
    const session = await login(app, entity.code, coordinator.username);
    const list = await app.inject({
      method: 'GET',
      url: '/api/outbox/failed',
      headers: session.headers(),
    });
    expect(list.statusCode).toBe(403);
    const retry = await app.inject({
      method: 'POST',
      url: `/api/outbox/${crypto.randomUUID()}/retry`,
      headers: session.headers(),
    });
    expect(retry.statusCode).toBe(403);
  });
});
