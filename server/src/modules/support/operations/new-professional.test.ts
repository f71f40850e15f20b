import { randomBytes, randomInt } from 'node:crypto';
import { createServer } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { OperationRunResult, TicketFieldsOf } from '@caliu/common';
import { rowsOf } from '../../../db/connect';
import { buildTestApp, login, type Session, type TestApp } from '../../../testing/app';
import { createTestProfessional } from '../../../testing/factories';
import { randomDni } from '../../../testing/identity-factories';
import { patternFor, tablesHolding } from '../../../testing/number-scan';
import { startSmsGatewayPeer } from '../../../testing/sms-gateway-peer';
import { insertTicket } from '../repository';
import { type OperationsFixture, operationsFixture } from './testing';

/**
 * A new professional from a ticket (issue 20, decision 0010 §5): the preview says who would be
 * created or why not (the identity module's refusals), the run creates the account as the
 * administrator would — the activation email in the same transaction, or an SMS to the mobile the
 * agent types, sent once the run committed and stored nowhere, its email queued for later as the
 * fallback (withdrawn once the SMS went). An administrator account only at an administrator's
 * request.
 */

let f: OperationsFixture;
/** The same server with an SMS gateway (a peer on 127.0.0.1 recording what it receives). */
let sms: {
  app: TestApp;
  session: Session;
  gateway: Awaited<ReturnType<typeof startSmsGatewayPeer>>;
};

beforeAll(async () => {
  f = await operationsFixture();
  const gateway = await startSmsGatewayPeer();
  const app = await buildTestApp({ env: { SMS_GATEWAY_URL: gateway.url } });
  sms = { app, gateway, session: await login(app.app, f.provider.code, f.agent.username) };
}, 120_000);

afterAll(async () => {
  await sms.gateway.stop();
});

type Fields = TicketFieldsOf<'new_professional'>;

/** A ticket raised by `requesterId` (null: the public help form's, matching no one); its base. */
async function ticketBy(requesterId: string | null, fields: Fields) {
  const { id } = await f.db.tenant(f.entity.id, (tx) =>
    insertTicket(tx, {
      entityId: f.entity.id,
      kind: 'new_professional',
      fields,
      subject: 'new_professional',
      requesterId,
      ...(requesterId ? {} : { requesterName: 'Anna Puig', requesterEmail: 'apuig@example.org' }),
      now: new Date(),
    }),
  );
  return `/api/support/entities/${f.entity.id}/tickets/${id}`;
}

/** A complete ticket's fields: a basic-services technician of the north, by email. */
function fieldsOf(overrides: Partial<Fields> = {}): Fields {
  const local = `nferrer.${randomBytes(3).toString('hex')}`;
  return {
    givenName: 'Núria',
    surnames: 'Ferrer Roca',
    documentType: 'dni',
    documentNumber: randomDni(),
    email: `${local}@${f.entity.domain}`,
    roles: ['tech_ssb'],
    teamId: f.entity.teams.north,
    sectorId: f.entity.sectors.north,
    costCategory: null,
    firstAccessBySms: false,
    ...overrides,
  };
}

const professionalsWith = (email: string) =>
  f.db.tenant(f.entity.id, (tx) =>
    rowsOf<{
      id: string;
      username: string;
      roles: string[];
      sector_id: string;
      document_number: string;
      teams: { teamId: string; isCoordinator: boolean }[];
    }>(
      tx,
      sql`SELECT p.id, p.username, p.roles, p.sector_id, p.document_number,
          coalesce((SELECT json_agg(json_build_object('teamId', m.team_id,
            'isCoordinator', m.is_coordinator)) FROM team_memberships m
            WHERE m.professional_id = p.id), '[]') AS teams
        FROM professionals p WHERE p.entity_id = ${f.entity.id} AND p.email = ${email}`,
    ),
  );

const activationEmails = (email: string) =>
  f.count('outbox_messages', sql`template = 'professional_activation' AND recipient = ${email}`);

describe('a new professional from a ticket', () => {
  it('previews who would be created: name, username, roles, team, sector, how the link goes — changing nothing', async () => {
    const fields = fieldsOf({ roles: ['tech_ssb', 'coordinator'] });
    const base = await f.ticketOf('new_professional', fields);
    const shown = await f.preview(base);
    expect(shown).toMatchObject({ kind: 'new_professional', ready: true, blockers: [], asks: [] });
    expect(shown.lines).toEqual([
      { key: 'professional_created', count: 1, items: ['Núria Ferrer Roca'] },
      { key: 'username_given', count: 1, items: [fields.email.split('@')[0]] },
      { key: 'role_tech_ssb', count: 1, items: [] },
      { key: 'role_coordinator', count: 1, items: [] },
      // A coordinator asked for with a team coordinates it.
      { key: 'team_coordinated', count: 1, items: ['North team'] },
      { key: 'sector_given', count: 1, items: ['North'] },
      { key: 'first_access_by_email', count: 1, items: [fields.email] },
    ]);
    expect(await professionalsWith(fields.email)).toEqual([]);
    expect(await activationEmails(fields.email)).toBe(0);
  });

  it('shows the identity module’s refusals as blockers in the agent’s words, and the run refuses', async () => {
    const holder = await createTestProfessional(f.db, f.entity, { roles: ['tech_ssb'] });
    const document = randomDni();
    await f.db.tenant(f.entity.id, (tx) =>
      tx.execute(sql`UPDATE professionals SET document_type = 'dni', document_number = ${document}
        WHERE id = ${holder.id}`),
    );
    const gone = '00000000-0000-4000-8000-000000000001';
    const fields = fieldsOf({
      email: 'nferrer@elsewhere.example',
      documentNumber: document,
      teamId: gone,
      sectorId: gone,
    });
    const base = await f.ticketOf('new_professional', fields);
    const shown = await f.preview(base);
    expect(shown.ready).toBe(false);
    expect(shown.blockers.map((b) => b.code)).toEqual([
      'email_domain',
      'unknown_sector',
      'unknown_team',
      'document_taken',
    ]);
    expect(shown.blockers[0]!.message).toBe(
      `The corporate email must be on one of the entity's domains: ${f.entity.domain}.`,
    );
    // Neither the team nor the sector is named: they are not there.
    expect(shown.lines.map((l) => l.key)).not.toContain('team_member');
    expect(shown.lines.map((l) => l.key)).not.toContain('sector_given');
    const refused = await f.run(base, { fingerprint: shown.fingerprint });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('The corporate email must be on one');
    expect(await professionalsWith(fields.email)).toEqual([]);

    // An email another professional has.
    const taken = await f.preview(
      await f.ticketOf('new_professional', fieldsOf({ email: holder.email })),
    );
    expect(taken.blockers).toEqual([
      {
        code: 'email_taken',
        message: 'Another professional of the entity already has this email.',
      },
    ]);
  });

  it('creates the account by email in the run’s transaction: audited with the ticket, the link queued, the ticket resolved — once', async () => {
    const admin = await createTestProfessional(f.db, f.entity, { roles: ['administrator'] });
    const fields = fieldsOf({ roles: ['tech_ssb', 'administrator'] });
    // An administrator asks for an administrator account.
    const base = await ticketBy(admin.id, fields);
    const shown = await f.preview(base);
    expect(shown.ready).toBe(true);
    const ran = await f.run(base, { fingerprint: shown.fingerprint });
    expect(ran.statusCode, ran.body).toBe(200);
    const result = ran.json() as OperationRunResult;
    expect(result.alreadyRun).toBe(false);
    expect(result.afterwards).toEqual([]);
    // By email, the result says what the preview said.
    expect(result.operation.lines).toEqual(shown.lines);

    const [created] = await professionalsWith(fields.email);
    const username = fields.email.split('@')[0]!;
    expect(created).toMatchObject({
      username,
      roles: ['tech_ssb', 'administrator'],
      sector_id: f.entity.sectors.north,
      document_number: fields.documentNumber,
      teams: [{ teamId: f.entity.teams.north, isCoordinator: false }],
    });
    const audit = await f.auditOf(base, 'professional.create');
    expect(audit).toEqual([
      { record_id: created!.id, actor_entity_id: f.provider.id, subjects: 0 },
    ]);
    // The link goes by email, queued in the same transaction, to the new professional.
    const [activation] = await f.db.tenant(f.entity.id, (tx) =>
      rowsOf<{ secret_subject_id: string }>(
        tx,
        sql`SELECT secret_subject_id FROM outbox_messages WHERE entity_id = ${f.entity.id}
          AND template = 'professional_activation' AND recipient = ${fields.email}`,
      ),
    );
    expect(activation?.secret_subject_id).toBe(created!.id);
    // A new administrator: the others are told, by the agent's name.
    const [told] = await f.db.tenant(f.entity.id, (tx) =>
      rowsOf<{ data: { changedBy: string } }>(
        tx,
        sql`SELECT data FROM outbox_messages WHERE entity_id = ${f.entity.id}
          AND template = 'role_change' AND recipient = ${admin.email}`,
      ),
    );
    expect(told?.data.changedBy).toBe(`Test Professional ${f.agent.username}`);

    // The ticket is resolved; the requester reads (in the entity's Catalan) what was created.
    expect(result.ticket).toMatchObject({
      status: 'resolved',
      operation: { kind: 'new_professional' },
    });
    const body = result.ticket.events.at(-1)!.body;
    expect(body).toContain('1 compte de professional creat: Núria Ferrer Roca');
    expect(body).toContain(`1 nom d'usuari per entrar: ${username}`);
    expect(body).toContain(`1 enllaç de primer accés per correu electrònic: ${fields.email}`);
    expect(
      await f.count(
        'outbox_messages',
        sql`template = 'support_ticket_status' AND data::text LIKE ${`%${result.ticket.number}%`}`,
      ),
    ).toBe(1);

    // Once per ticket.
    const again = await f.run(base, { fingerprint: shown.fingerprint });
    expect(again.statusCode).toBe(200);
    expect((again.json() as OperationRunResult).alreadyRun).toBe(true);
    expect(await professionalsWith(fields.email)).toHaveLength(1);
    expect(await activationEmails(fields.email)).toBe(1);
  });

  it('by SMS: asks the mobile, sends the link after the commit (email when the SMS fails), and stores the number nowhere', async () => {
    const local = `6${String(randomInt(10_000_000, 99_999_999))}`;
    const written = `+34 ${local.slice(0, 3)} ${local.slice(3, 6)} ${local.slice(6)}`;
    const pattern = new RegExp(patternFor(local));
    const fields = fieldsOf({ firstAccessBySms: true });
    const base = await f.ticketOf('new_professional', fields);
    const shown = await f.preview(base);
    expect(shown.asks).toEqual(['mobile']);
    expect(shown.lines.at(-1)).toEqual({ key: 'first_access_by_sms_typed', count: 1, items: [] });
    const run = (body: Record<string, unknown>) =>
      sms.app.app.inject({
        method: 'POST',
        url: `${base}/operation/run`,
        payload: { fingerprint: shown.fingerprint, ...body },
        headers: sms.session.headers('en'),
      });

    // Without the mobile, or with one that cannot receive an SMS: refused in words, nothing made.
    const without = await run({});
    expect(without.statusCode).toBe(400);
    expect(without.json().error.message).toContain('Type the mobile number the requester gave');
    const landline = await run({ mobile: '+34 932 123 456' });
    expect(landline.statusCode).toBe(400);
    expect(landline.json().error.details[0].message).toContain('not a mobile number');
    expect(await professionalsWith(fields.email)).toEqual([]);

    const ran = await run({ mobile: written });
    expect(ran.statusCode, ran.body).toBe(200);
    const result = ran.json() as OperationRunResult;
    expect(result.afterwards).toEqual([{ key: 'first_access_sms_sent', count: 1, items: [] }]);
    expect(result.operation.lines.at(-1)).toEqual({
      key: 'first_access_by_sms_given',
      count: 1,
      items: [],
    });
    expect(sms.gateway.received.map((r) => r.body.to)).toEqual([written]);
    expect(String(sms.gateway.received[0]!.body.text)).toContain('/activate#token=');
    const [created] = await professionalsWith(fields.email);
    expect(await activationEmails(fields.email)).toBe(0);
    // The send is audited by the agent, with the ticket; the creation too.
    expect(await f.auditOf(base, 'professional.activation_send')).toEqual([
      { record_id: created!.id, actor_entity_id: f.provider.id, subjects: 0 },
    ]);
    expect(await f.auditOf(base, 'professional.create')).toHaveLength(1);

    // A gateway that fails: the link goes by email instead, and the agent is told.
    const other = fieldsOf({ firstAccessBySms: true });
    const otherBase = await f.ticketOf('new_professional', other);
    const otherShown = await f.preview(otherBase);
    sms.gateway.answerWith(503);
    const failed = await sms.app.app.inject({
      method: 'POST',
      url: `${otherBase}/operation/run`,
      payload: { fingerprint: otherShown.fingerprint, mobile: local },
      headers: sms.session.headers('en'),
    });
    sms.gateway.answerWith(202);
    expect(failed.statusCode, failed.body).toBe(200);
    expect((failed.json() as OperationRunResult).afterwards).toEqual([
      { key: 'first_access_sms_failed_email_sent', count: 1, items: [other.email] },
    ]);
    expect(await activationEmails(other.email)).toBe(1);

    // The number: in no table, no answer, no log line.
    expect(await tablesHolding(f.db, pattern.source)).toEqual([]);
    for (const answer of [without, landline, ran, failed]) expect(answer.body).not.toMatch(pattern);
    const logs = sms.app.logs.join('\n');
    expect(logs).toContain('activation SMS not sent');
    expect(logs).not.toMatch(pattern);
  });
});

describe('an administrator account from a ticket', () => {
  it('is blocked unless an active administrator of the entity asked for it, in the agent’s words', async () => {
    const auxiliary = await createTestProfessional(f.db, f.entity, { roles: ['aux_admin'] });
    const former = await createTestProfessional(f.db, f.entity, {
      roles: ['administrator'],
      active: false,
    });
    const blocker = {
      code: 'administrator_not_by_administrator',
      message:
        'Only an administrator of the entity may ask for an administrator account: ask one of them to raise the ticket.',
    };
    for (const requester of [auxiliary.id, f.coordinator.id, former.id, null]) {
      const fields = fieldsOf({ roles: ['aux_admin', 'administrator'] });
      const base = await ticketBy(requester, fields);
      const shown = await f.preview(base);
      expect(shown.ready).toBe(false);
      expect(shown.blockers).toEqual([blocker]);
      const refused = await f.run(base, { fingerprint: shown.fingerprint });
      expect(refused.statusCode).toBe(409);
      expect(refused.json().error.message).toContain('Only an administrator of the entity');
      expect(await professionalsWith(fields.email)).toEqual([]);
    }
    // Any other role, anyone may ask for.
    const plain = await f.preview(await ticketBy(auxiliary.id, fieldsOf({ roles: ['aux_admin'] })));
    expect(plain.blockers).toEqual([]);
  });
});

/**
 * An SMS gateway on 127.0.0.1 answering `status`, that reads the database when called — after the
 * run committed, before the SMS is through: what a process stopping there would leave.
 */
async function startRecordingGateway<T>(read: () => Promise<T>) {
  const seen: T[] = [];
  let status = 202;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      void read().then((state) => {
        seen.push(state);
        response.writeHead(status, { 'content-type': 'application/json' });
        response.end('{}');
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/send`,
    seen,
    answerWith: (next: number) => (status = next),
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('the email fallback of a first-access SMS', () => {
  type Queued = { id: string; status: string; later: boolean; minted: boolean };
  /** The activation emails queued for `email`: due 10 minutes on or not, a link minted or not. */
  const queuedFor = (email: string) =>
    f.db.tenant(f.entity.id, (tx) =>
      rowsOf<Queued & { due_now: boolean }>(
        tx,
        sql`SELECT o.id, o.status,
            o.next_attempt_at BETWEEN now() + interval '9 minutes'
              AND now() + interval '10 minutes' AS later,
            o.next_attempt_at <= now() AS due_now,
            EXISTS (SELECT 1 FROM secret_links s WHERE s.outbox_message_id = o.id) AS minted
          FROM outbox_messages o WHERE o.entity_id = ${f.entity.id}
            AND o.template = 'professional_activation' AND o.recipient = ${email}`,
      ),
    );
  /** The activation links of the professional that still work. */
  const liveLinks = (professionalId: string) =>
    f.count(
      'secret_links',
      sql`purpose = 'activation' AND subject_id = ${professionalId}
        AND used_at IS NULL AND revoked_at IS NULL`,
    );

  let current = '';
  let gateway: Awaited<ReturnType<typeof startRecordingGateway<Queued[]>>>;
  let app: TestApp;
  let session: Session;
  beforeAll(async () => {
    gateway = await startRecordingGateway(async () =>
      (await queuedFor(current)).map(({ due_now: _, ...q }) => q),
    );
    app = await buildTestApp({ env: { SMS_GATEWAY_URL: gateway.url } });
    session = await login(app.app, f.provider.code, f.agent.username);
  }, 120_000);
  afterAll(async () => {
    await gateway.stop();
  });

  async function runBySms() {
    const fields = fieldsOf({ firstAccessBySms: true });
    current = fields.email;
    const base = await f.ticketOf('new_professional', fields);
    const shown = await f.preview(base);
    const local = `6${String(randomInt(10_000_000, 99_999_999))}`;
    const ran = await app.app.inject({
      method: 'POST',
      url: `${base}/operation/run`,
      payload: { fingerprint: shown.fingerprint, mobile: local },
      headers: session.headers('en'),
    });
    expect(ran.statusCode, ran.body).toBe(200);
    const [created] = await professionalsWith(fields.email);
    return { fields, result: ran.json() as OperationRunResult, created: created! };
  }

  it('is queued with the creation, due 10 minutes later, no link minted: there when the SMS leaves (a stop before it still gets the link); withdrawn once the SMS went', async () => {
    gateway.seen.length = 0;
    const { fields, result, created } = await runBySms();
    expect(result.afterwards).toEqual([{ key: 'first_access_sms_sent', count: 1, items: [] }]);
    // Read between the commit and the SMS.
    expect(gateway.seen).toEqual([
      [{ id: expect.any(String), status: 'pending', later: true, minted: false }],
    ]);
    // Withdrawn: nothing left to deliver, and the one working link is the SMS's.
    expect(await queuedFor(fields.email)).toEqual([]);
    expect(await liveLinks(created.id)).toBe(1);
  });

  it('is sent at once when the SMS fails: one email, never two, and only its link will work', async () => {
    gateway.seen.length = 0;
    gateway.answerWith(503);
    const { fields, result, created } = await runBySms().finally(() => gateway.answerWith(202));
    expect(result.afterwards).toEqual([
      { key: 'first_access_sms_failed_email_sent', count: 1, items: [fields.email] },
    ]);
    const [before] = gateway.seen;
    expect(before).toHaveLength(1);
    // The same message, now due.
    expect(await queuedFor(fields.email)).toEqual([
      { id: before![0]!.id, status: 'pending', later: false, due_now: true, minted: false },
    ]);
    // The SMS's link was revoked; the email's is minted when the worker sends it.
    expect(await liveLinks(created.id)).toBe(0);
  });
});
