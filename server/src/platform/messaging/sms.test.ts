import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowsOf, type Database } from '../../db/connect';
import { testDatabase } from '../../testing/database';
import { createTestEntity } from '../../testing/factories';
import {
  capturedLog,
  drain,
  mailboxOf,
  messagingConfig,
  secretLinksOf,
  tokenIn,
} from '../../testing/messaging';
import { startSmsGatewayPeer } from '../../testing/sms-gateway-peer';
import { enqueue } from './outbox';
import { peekSecretLink } from './secret-links';
import { sendImmediateSms } from './sms';

let gateway: Awaited<ReturnType<typeof startSmsGatewayPeer>>;
beforeAll(async () => {
  gateway = await startSmsGatewayPeer();
});
afterAll(async () => {
  await gateway.stop();
});

const MOBILE = '+34 612 345 678';

const activationSms = (entityId: string, subjectId: string) => ({
  entityId,
  to: MOBILE,
  language: 'es' as const,
  template: 'professional_activation_sms',
  data: { givenName: 'Núria', username: 'nuria.casas' },
  secretLink: { purpose: 'activation', subjectId, ttlHours: 72 },
});

/** Every stored row that could hold a number: outbox, mailbox, secret links, audit. */
async function everythingStored(db: Database): Promise<string> {
  const [row] = await db.asOwner((tx) =>
    rowsOf<{ t: string | null }>(
      tx,
      sql`SELECT concat_ws(' ', (SELECT string_agg(o::text, ' ') FROM outbox_messages o),
                 (SELECT string_agg(m::text, ' ') FROM mailbox_messages m),
                 (SELECT string_agg(s::text, ' ') FROM secret_links s),
                 (SELECT string_agg(a::text, ' ') FROM audit_log a)) AS t`,
    ),
  );
  return (row?.t ?? '').replace(/\D/g, '');
}

describe("the SMS to a new professional's mobile (never stored)", () => {
  it('is sent through the HTTP gateway right away, with a working link', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true, name: 'Ajuntament de Prova' });
    const config = messagingConfig({
      SMS_GATEWAY_URL: gateway.url,
      SMS_GATEWAY_TOKEN: 'gateway-secret',
    });
    const subjectId = randomUUID();
    const result = await sendImmediateSms(
      { database: db, config },
      activationSms(entity.id, subjectId),
    );
    expect(result).toEqual({ ok: true });
    const sms = gateway.received.at(-1)!;
    expect(sms.authorization).toBe('Bearer gateway-secret');
    expect(sms.body.to).toBe(MOBILE);
    expect(sms.body.sender).toBe('Ajuntament de Prova');
    expect(sms.body.text).toMatch(
      /^Ajuntament de Prova: su cuenta de Caliu \(nuria\.casas, entidad t-[0-9a-f]+\)/,
    );
    const token = tokenIn(String(sms.body.text));
    const live = await db.tenant(entity.id, (tx) =>
      peekSecretLink(tx, 'activation', token, new Date()),
    );
    expect(live).toMatchObject({ subjectId });
    expect(await everythingStored(db)).not.toContain('612345678');
  });

  it('reports a gateway failure to the caller (to fall back to email) and revokes the link', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true });
    const config = messagingConfig({ SMS_GATEWAY_URL: gateway.url });
    gateway.answerWith(503);
    try {
      const result = await sendImmediateSms(
        { database: db, config },
        activationSms(entity.id, randomUUID()),
      );
      expect(result).toEqual({ ok: false, error: 'SMS gateway answered HTTP 503' });
    } finally {
      gateway.answerWith(202);
    }
    const links = await secretLinksOf(db, entity.id);
    expect(links).toHaveLength(1);
    expect(links[0]!.revokedAt).not.toBeNull();
    const unreachable = await sendImmediateSms(
      { database: db, config: messagingConfig({ SMS_GATEWAY_URL: 'http://127.0.0.1:9/send' }) },
      activationSms(entity.id, randomUUID()),
    );
    expect(unreachable.ok).toBe(false);
    expect(JSON.stringify(unreachable)).not.toContain('612');
  });

  it('in demo mode without a gateway lands in the mailbox, the number masked to its last 3 digits', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true });
    const result = await sendImmediateSms(
      { database: db, config: messagingConfig() },
      activationSms(entity.id, randomUUID()),
    );
    expect(result).toEqual({ ok: true });
    const [entry] = await mailboxOf(db, entity.id);
    expect(entry).toMatchObject({
      channel: 'sms',
      recipient: '•••••678',
      subject: null,
      htmlBody: null,
    });
    expect(entry!.textBody).toContain('/activate#token=');
    expect(await everythingStored(db)).not.toContain('612345678');
  });

  it('outside demo mode without a gateway fails at once, so the caller sends email', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true });
    const config = messagingConfig({ CALIU_DEMO: '0', SMTP_URL: 'smtp://127.0.0.1:9' });
    const result = await sendImmediateSms(
      { database: db, config },
      activationSms(entity.id, randomUUID()),
    );
    expect(result).toEqual({ ok: false, error: 'No SMS gateway is configured (SMS_GATEWAY_URL)' });
  });
});

describe('SMS through the outbox', () => {
  it('the worker sends them through the gateway and logs no number', async () => {
    const db = await testDatabase();
    const entity = await createTestEntity(db, { isDemo: true });
    const config = messagingConfig({ SMS_GATEWAY_URL: gateway.url });
    await db.tenant(entity.id, (tx) =>
      enqueue(tx, {
        entityId: entity.id,
        channel: 'sms',
        template: 'professional_activation_sms',
        to: '+39 333 987 6543',
        data: { username: 'anna.sala' },
        idempotencyKey: 'sms:1',
        secretLink: { purpose: 'activation', subjectId: randomUUID(), ttlHours: 24 },
      }),
    );
    const { log, lines } = capturedLog();
    expect((await drain({ database: db, config, log }, [entity.id])).sent).toBe(1);
    const sms = gateway.received.at(-1)!;
    expect(sms.body.to).toBe('+39 333 987 6543');
    expect(sms.body.reference).toMatch(/^[0-9a-f-]{36}$/);
    expect(String(sms.body.text)).toContain('anna.sala');
    expect(lines.join('').replace(/\D/g, '')).not.toContain('3339876543');
  });
});
