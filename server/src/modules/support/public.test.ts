import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import type { PowChallenge } from '@caliu/common';
import { rowsOf } from '../../db/connect';
import { auditLog, publicSupportRequests, supportTickets } from '../../db/schema';
import { mintSecretLink } from '../../platform/messaging/secret-links';
import { publicFormsChore } from '../../platform/public-forms';
import { buildTestApp, manualClock } from '../../testing/app';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { drain, messagingConfig, outboxOf, tokenIn } from '../../testing/messaging';
import { startSmtpPeer, type SmtpPeer } from '../../testing/smtp-peer-process';

let peer: SmtpPeer;
beforeAll(async () => {
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer.stop();
});

const DIFFICULTY = 4;

/** What the browser's worker does: the first nonce whose digest has the zero bits asked for. */
function solve(challenge: PowChallenge): string {
  for (let n = 0; ; n++) {
    const digest = createHash('sha256').update(`${challenge.salt}:${n}`).digest();
    let bits = 0;
    for (const byte of digest) {
      if (byte === 0) bits += 8;
      else {
        bits += Math.clz32(byte) - 24;
        break;
      }
    }
    if (bits >= challenge.difficulty) return String(n);
  }
}

/** A nonce that does NOT do the work (for the refusal). */
function unsolve(challenge: PowChallenge): string {
  for (let n = 0; ; n++) {
    const digest = createHash('sha256').update(`${challenge.salt}:${n}`).digest();
    if (digest[0]! >= 0x80) return String(n);
  }
}

async function setUp() {
  const clock = manualClock();
  const { app, database } = await buildTestApp({
    clock,
    env: { CALIU_POW_DIFFICULTY: String(DIFFICULTY) },
  });
  const entity = await createTestEntity(database);
  const challenge = async () => {
    const res = await app.inject({ method: 'GET', url: '/api/public/challenge' });
    expect(res.statusCode).toBe(200);
    return res.json() as PowChallenge;
  };
  const solved = async () => {
    const c = await challenge();
    return { ...c, nonce: solve(c) };
  };
  const body = async (overrides: Record<string, unknown> = {}) => ({
    entity: entity.code,
    name: 'Marta Vidal',
    email: `marta.vidal@${entity.domain}`,
    description: 'It says "Error connecting to the server" when I sign in.\nSince this morning.',
    proof: await solved(),
    ...overrides,
  });
  const send = (
    payload: object,
    options: { ip?: string; language?: string; userAgent?: string } = {},
  ) =>
    app.inject({
      method: 'POST',
      url: '/api/public/support-requests',
      remoteAddress: options.ip ?? '192.0.2.10',
      headers: {
        'accept-language': options.language ?? 'en',
        'user-agent': options.userAgent ?? 'Mozilla/5.0 (test)',
      },
      payload,
    });
  const confirm = (token: string) =>
    app.inject({
      method: 'POST',
      url: '/api/public/support-requests/confirm',
      headers: { 'accept-language': 'en' },
      payload: { token },
    });
  const pending = () =>
    database.tenant(entity.id, (tx) =>
      tx.select().from(publicSupportRequests).where(eq(publicSupportRequests.entityId, entity.id)),
    );
  const confirmations = async () =>
    (await outboxOf(database, entity.id)).filter(
      (m) => m.template === 'support_request_confirmation',
    );
  return {
    app,
    database,
    entity,
    clock,
    challenge,
    solved,
    body,
    send,
    confirm,
    pending,
    confirmations,
  };
}

describe('the public help form', () => {
  it('hands out signed challenges at the configured difficulty, never cached', async () => {
    const { app } = await setUp();
    const res = await app.inject({ method: 'GET', url: '/api/public/challenge' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const c = res.json() as PowChallenge;
    expect(c.difficulty).toBe(DIFFICULTY);
    expect(new Date(c.expiresAt).getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect(c.signature).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('drops a request whose honeypot is filled, silently (same 202, nothing stored or sent)', async () => {
    const { send, body, pending, confirmations } = await setUp();
    const res = await send(await body({ website: 'https://spam.example' }));
    expect(res.statusCode).toBe(202);
    expect(res.json()).toEqual({});
    expect(await pending()).toHaveLength(0);
    expect(await confirmations()).toHaveLength(0);
  });

  it('refuses a proof whose signature was tampered with, expired, without the work, or used', async () => {
    const { send, body, challenge, clock, pending } = await setUp();
    const expectRefused = async (res: Awaited<ReturnType<typeof send>>, code: string) => {
      expect(res.statusCode).toBe(400);
      const error = res.json().error;
      expect(error.code).toBe(code);
      expect(error.message).toMatch(/security check|already been sent/);
      expect(error.details[0].field).toBe('proof');
    };

    // Tampered: a lower difficulty than signed, or a changed signature.
    const c1 = await challenge();
    await expectRefused(
      await send(await body({ proof: { ...c1, difficulty: 1, nonce: '0' } })),
      'public_forms.proof_signature',
    );
    const c2 = await challenge();
    const flipped = (c2.signature[0] === 'A' ? 'B' : 'A') + c2.signature.slice(1);
    await expectRefused(
      await send(await body({ proof: { ...c2, signature: flipped, nonce: solve(c2) } })),
      'public_forms.proof_signature',
    );
    // Not enough work.
    const c3 = await challenge();
    await expectRefused(
      await send(await body({ proof: { ...c3, nonce: unsolve(c3) } })),
      'public_forms.proof_work',
    );
    // Expired: 10 minutes.
    const c4 = await challenge();
    clock.advance(10 * 60_000 + 1000);
    await expectRefused(
      await send(await body({ proof: { ...c4, nonce: solve(c4) } })),
      'public_forms.proof_expired',
    );
    // Used: once only.
    const c5 = await challenge();
    const proof = { ...c5, nonce: solve(c5) };
    expect((await send(await body({ proof }))).statusCode).toBe(202);
    await expectRefused(await send(await body({ proof })), 'public_forms.proof_used');
    expect(await pending()).toHaveLength(1);
  });

  it('answers the same 202 for an unknown entity or an email off its domains, storing and sending nothing', async () => {
    const { send, body, pending, confirmations, database } = await setUp();
    const unknown = await send(await body({ entity: 'no such council anywhere' }));
    const offDomain = await send(await body({ email: 'marta.vidal@gmail.example' }));
    const known = await send(await body());
    for (const res of [unknown, offDomain, known]) {
      expect(res.statusCode).toBe(202);
      expect(res.body).toBe('{}');
    }
    expect(await pending()).toHaveLength(1);
    expect(await confirmations()).toHaveLength(1);
    const [{ count }] = (await database.asOwner((tx) =>
      rowsOf<{ count: number }>(
        tx,
        sql`SELECT count(*)::int AS count FROM public_support_requests
          WHERE email = 'marta.vidal@gmail.example'`,
      ),
    )) as [{ count: number }];
    expect(count).toBe(0);
  });

  it('finds the entity by its name as people type it', async () => {
    const { send, body, pending, entity } = await setUp();
    const typed = `  TEST   entity ${entity.code.toUpperCase()} `;
    expect((await send(await body({ entity: typed }))).statusCode).toBe(202);
    expect(await pending()).toHaveLength(1);
  });

  it('limits requests per email address (5 a day): the 6th waits, with Retry-After', async () => {
    const { send, body, pending, clock } = await setUp();
    for (let i = 0; i < 5; i++) {
      expect((await send(await body(), { ip: `198.51.100.${i + 1}` })).statusCode).toBe(202);
    }
    const refused = await send(await body(), { ip: '198.51.100.99' });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('public_forms.throttled_hours');
    expect(refused.json().error.message).toMatch(/Too many requests.*24 hours/);
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(23 * 3600);
    // Another address of the same entity is not held back.
    const other = await send(
      await body({ email: `other.person@${(await pending())[0]!.email.split('@')[1]}` }),
      {
        ip: '198.51.100.98',
      },
    );
    expect(other.statusCode).toBe(202);
    expect(await pending()).toHaveLength(6);
    // A day later the address may ask again.
    clock.advance(24 * 3600_000 + 60_000);
    expect((await send(await body(), { ip: '198.51.100.97' })).statusCode).toBe(202);
  });

  it('limits requests per IP address (20 an hour), in the language of the request', async () => {
    const { send, body, entity } = await setUp();
    for (let i = 0; i < 20; i++) {
      const res = await send(await body({ email: `person${i}@${entity.domain}` }), {
        ip: '203.0.113.7',
      });
      expect(res.statusCode).toBe(202);
    }
    const refused = await send(await body({ email: `late@${entity.domain}` }), {
      ip: '203.0.113.7',
      language: 'ca',
    });
    expect(refused.statusCode).toBe(429);
    expect(refused.json().error.code).toBe('public_forms.throttled');
    expect(refused.json().error.message).toMatch(/Massa sol·licituds.*60 minuts/);
    expect(Number(refused.headers['retry-after'])).toBe(3600);
    // From elsewhere, it goes.
    const elsewhere = await send(await body({ email: `late@${entity.domain}` }), {
      ip: '203.0.113.8',
    });
    expect(elsewhere.statusCode).toBe(202);
  });

  it('emails a confirmation link in the language of the request; the link opens the ticket once', async () => {
    const { send, body, confirm, pending, database, entity, clock } = await setUp();
    // A browser's header may hold a tab: the ticket's fields refuse control characters, so it
    // is stored with a space instead (the confirmation must not fail on it).
    const res = await send(await body(), { language: 'es', userAgent: 'Mozilla/5.0\t(test)' });
    expect(res.statusCode).toBe(202);
    const [request] = await pending();
    expect(request).toMatchObject({
      name: 'Marta Vidal',
      email: `marta.vidal@${entity.domain}`,
      language: 'es',
      confirmedAt: null,
      ticketId: null,
    });
    expect(request!.expiresAt.getTime() - request!.createdAt.getTime()).toBe(24 * 3600_000);
    // Nothing is opened before the link is followed.
    const before = await database.tenant(entity.id, (tx) =>
      tx.select().from(supportTickets).where(eq(supportTickets.entityId, entity.id)),
    );
    expect(before).toHaveLength(0);

    const config = messagingConfig({ SMTP_URL: peer.url });
    const received = peer.received.length;
    const counts = await drain({ database, config, clock }, [entity.id]);
    expect(counts.sent).toBe(1);
    await peer.waitFor(received + 1, 10_000);
    const mail = peer.received
      .slice(received)
      .find((m) => m.envelope.to[0] === `marta.vidal@${entity.domain}`)!;
    expect(mail.subject).toBe('Confirme su solicitud de ayuda con Caliu');
    expect(mail.text).toContain('https://caliu.test.example/help/confirm#token=');
    // Nothing the form's author typed reaches the address they named.
    expect(mail.text).not.toContain('Marta Vidal');
    const token = tokenIn(mail.text);

    const confirmed = await confirm(token);
    expect(confirmed.statusCode).toBe(200);
    const { number } = confirmed.json() as { number: string };
    expect(number).toMatch(/^T-\d{4}-\d{6}$/);

    const [ticket] = await database.tenant(entity.id, (tx) =>
      tx.select().from(supportTickets).where(eq(supportTickets.entityId, entity.id)),
    );
    expect(ticket).toMatchObject({
      number,
      kind: 'connection_error',
      status: 'new',
      requesterId: null,
      requesterName: 'Marta Vidal',
      requesterEmail: `marta.vidal@${entity.domain}`,
      // Her emails about the ticket go in the language she wrote in.
      requesterLanguage: 'es',
    });
    expect(ticket!.fields).toEqual({
      diagnostics: {
        requestId: null,
        request: null,
        page: '/help',
        userAgent: 'Mozilla/5.0 (test)',
        at: request!.createdAt.toISOString(),
      },
      note: request!.description,
    });
    const [after] = await pending();
    expect(after!.ticketId).toBe(ticket!.id);

    const again = await confirm(token);
    expect(again.statusCode).toBe(410);
    expect(again.json().error.code).toBe('public_help.link_not_live');
    expect(again.json().error.message).toMatch(/no longer valid/);

    const audit = await database.tenant(entity.id, (tx) =>
      tx
        .select({ action: auditLog.action, actorId: auditLog.actorId, ticketId: auditLog.ticketId })
        .from(auditLog)
        .where(and(eq(auditLog.entityId, entity.id))),
    );
    expect(audit.map((a) => a.action)).toEqual(
      expect.arrayContaining(['support.public_request', 'support.public_request_confirm']),
    );
  });

  it("makes the entity's active professional with that email the ticket's requester", async () => {
    const { send, body, confirm, database, entity, clock } = await setUp();
    const pro = await createTestProfessional(database, entity, { roles: ['tech_ssb'] });
    expect((await send(await body({ email: pro.email.toUpperCase() }))).statusCode).toBe(202);
    const config = messagingConfig({ SMTP_URL: peer.url });
    const received = peer.received.length;
    await drain({ database, config, clock }, [entity.id]);
    await peer.waitFor(received + 1, 10_000);
    const mail = peer.received.slice(received).find((m) => m.envelope.to[0] === pro.email)!;
    const res = await confirm(tokenIn(mail.text));
    expect(res.statusCode).toBe(200);
    const [ticket] = await database.tenant(entity.id, (tx) =>
      tx.select().from(supportTickets).where(eq(supportTickets.entityId, entity.id)),
    );
    expect(ticket!.requesterId).toBe(pro.id);
  });

  it('refuses a confirmation once the request is a day old, and a token that is no link', async () => {
    const { send, body, confirm, pending, database, entity, clock } = await setUp();
    expect((await send(await body())).statusCode).toBe(202);
    const [request] = await pending();
    // Links minted by hand: one as the sender mints it (24 h), one that would outlive the request.
    const mint = (ttlHours: number) =>
      database.tenant(entity.id, (tx) =>
        mintSecretLink(tx, {
          entityId: entity.id,
          purpose: 'public_support_request',
          subjectId: request!.id,
          ttlHours,
          now: clock.now(),
          outboxMessageId: null,
        }),
      );
    const normal = await mint(24);
    const longer = await database.tenant(entity.id, (tx) =>
      mintSecretLink(tx, {
        entityId: entity.id,
        purpose: 'public_support_request',
        subjectId: request!.id,
        ttlHours: 48,
        now: clock.now(),
        outboxMessageId: 'e3b0c442-98fc-4c14-9afb-f4c8996fb924',
      }),
    );
    clock.advance(24 * 3600_000 + 1000);
    for (const token of [normal, longer, 'not-a-link', `${entity.id}.nothing`]) {
      const res = await confirm(token);
      expect(res.statusCode, token).toBe(410);
      expect(res.json().error.code).toBe('public_help.link_not_live');
    }
    const tickets = await database.tenant(entity.id, (tx) =>
      tx.select().from(supportTickets).where(eq(supportTickets.entityId, entity.id)),
    );
    expect(tickets).toHaveLength(0);
  });

  it('the worker chore forgets expired challenges and day-old requests', async () => {
    const { send, body, database, entity, pending } = await setUp();
    expect((await send(await body())).statusCode).toBe(202);
    expect(await pending()).toHaveLength(1);
    const chore = publicFormsChore(database, messagingConfig({}));
    // Nothing is due yet.
    await chore.run(new Date());
    expect(await pending()).toHaveLength(1);
    // A day later (by the database's clock, which the purge reads).
    await database.asOwner(async (tx) => {
      await tx.execute(sql`UPDATE public_support_requests SET expires_at = now() - interval '1 second'
        WHERE entity_id = ${entity.id}`);
      await tx.execute(sql`UPDATE caliu_private.used_challenges
        SET expires_at = now() - interval '1 second'`);
    });
    const count = await chore.run(new Date());
    expect(count).toBeGreaterThanOrEqual(2);
    expect(await pending()).toHaveLength(0);
    const [left] = await database.asOwner((tx) =>
      rowsOf<{ count: number }>(
        tx,
        sql`SELECT count(*)::int AS count FROM caliu_private.used_challenges
          WHERE expires_at < now()`,
      ),
    );
    expect(left!.count).toBe(0);
  });
});
