import { randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../db/connect';
import { buildTestApp, login } from '../../testing/app';
import { createTestEntity } from '../../testing/factories';
import { createAdmin, professionalBody } from '../../testing/identity-factories';
import { drain, mailboxOf } from '../../testing/messaging';
import { patternFor, tablesHolding } from '../../testing/number-scan';

describe('the mobile number of a new professional', () => {
  it('is used for the activation SMS and found nowhere afterwards: no table, mailbox, outbox, audit row or log line', async () => {
    const local = `6${String(randomInt(10_000_000, 99_999_999))}`;
    const written = `+34 ${local.slice(0, 3)} ${local.slice(3, 6)} ${local.slice(6)}`;
    const pattern = patternFor(local);

    const demo = await buildTestApp();
    const { database } = demo;
    const entity = await createTestEntity(database, { isDemo: true });
    const admin = await createAdmin(database, entity);
    const session = await login(demo.app, entity.code, admin.username);

    // By SMS (demo mode: the mailbox, the number masked).
    const bySms = await demo.app.inject({
      method: 'POST',
      url: '/api/professionals',
      headers: session.headers(),
      payload: professionalBody(entity, { mobile: written }),
    });
    expect(bySms.statusCode).toBe(201);
    expect(bySms.json().activation).toEqual({ channel: 'sms', smsFailed: false });
    const sms = (await mailboxOf(database, entity.id)).filter((m) => m.channel === 'sms');
    expect(sms).toHaveLength(1);
    expect(JSON.stringify(sms[0])).toContain('/activate#token=');

    // A refused creation and an invalid number: the number is not echoed or logged either.
    const refused = await demo.app.inject({
      method: 'POST',
      url: '/api/professionals',
      headers: session.headers(),
      payload: professionalBody(entity, { mobile: written, email: 'someone@elsewhere.example' }),
    });
    expect(refused.statusCode).toBe(400);
    const invalid = await demo.app.inject({
      method: 'POST',
      url: '/api/professionals',
      headers: session.headers(),
      payload: professionalBody(entity, { mobile: `${written} ext` }),
    });
    expect(invalid.statusCode).toBe(400);
    for (const res of [refused, invalid]) expect(res.body).not.toMatch(new RegExp(pattern));

    // A resend by SMS.
    const resent = await demo.app.inject({
      method: 'POST',
      url: `/api/professionals/${bySms.json().id}/resend-activation`,
      headers: session.headers(),
      payload: { mobile: local },
    });
    expect(resent.json()).toEqual({ channel: 'sms', smsFailed: false });

    // An SMS gateway that fails: the link goes by email instead, and the answer says so.
    const received: string[] = [];
    const gateway = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push((JSON.parse(body) as { to: string }).to);
        response.writeHead(503).end();
      });
    });
    await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
    const port = (gateway.address() as AddressInfo).port;
    const live = await buildTestApp({ env: { SMS_GATEWAY_URL: `http://127.0.0.1:${port}/sms` } });
    const liveSession = await login(live.app, entity.code, admin.username);
    const fallback = await live.app.inject({
      method: 'POST',
      url: '/api/professionals',
      headers: liveSession.headers(),
      payload: professionalBody(entity, { mobile: written }),
    });
    expect(fallback.statusCode).toBe(201);
    expect(fallback.json().activation).toEqual({ channel: 'email', smsFailed: true });
    expect(received).toEqual([written]);
    await new Promise((resolve) => gateway.close(resolve));

    // The worker delivers the queued emails (to the demo mailbox).
    await drain({ database, config: demo.config }, [entity.id]);
    const emails = (await mailboxOf(database, entity.id)).filter((m) => m.channel === 'email');
    expect(emails.length).toBeGreaterThanOrEqual(1);

    // The scan would find the number as it was written, and as digits only.
    for (const form of [written, local, `+34${local}`]) {
      expect(new RegExp(pattern).test(JSON.stringify({ form }))).toBe(true);
      const [probe] = await database.asOwner((tx) =>
        rowsOf<{ hit: boolean }>(tx, sql`SELECT ${JSON.stringify({ form })} ~ ${pattern} AS hit`),
      );
      expect(probe!.hit).toBe(true);
    }
    expect(await tablesHolding(database, pattern)).toEqual([]);
    const logs = [...demo.logs, ...live.logs].join('\n');
    expect(logs.length).toBeGreaterThan(0);
    expect(logs).not.toMatch(new RegExp(pattern));
    expect(logs).toContain('activation SMS not sent');
  });
});
