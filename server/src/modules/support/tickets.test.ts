import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { and, eq, sql } from 'drizzle-orm';
import { TICKET_KINDS, type Ticket, type TicketKind } from '@caliu/common';
import type { Database } from '../../db/connect';
import { auditLog, professionals, supportTickets } from '../../db/schema';
import { buildTestApp, login, type Session } from '../../testing/app';
import { createTestCaseFile, createTestEntry } from '../../testing/case-files-factories';
import { testDatabase } from '../../testing/database';
import {
  createTestEntity,
  createTestProfessional,
  type TestEntity,
  type TestProfessional,
} from '../../testing/factories';
import { drain, messagingConfig, outboxOf } from '../../testing/messaging';
import { createTestPerson } from '../../testing/persons-factories';
import { startSmtpPeer, type SmtpPeer } from '../../testing/smtp-peer-process';
import { createTestTicket, ticketBody, type TicketRecords } from '../../testing/support-factories';
import { insertTicket } from './repository';

/**
 * Support tickets (issue 19, decision 0009): every kind's required fields, the server's checks
 * against the entity (as field errors), the requester's own tickets and answer, and an agent's
 * reading, commenting, moving and assigning one ticket across the wall — with the requester's
 * emails received by a real SMTP server in its own process.
 */

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

let app: App;
let db: Database;
let entity: TestEntity;
let other: TestEntity;
let provider: TestEntity;
let tech: TestProfessional;
let coordinator: TestProfessional;
let colleague: TestProfessional;
let agent: TestProfessional;
let agent2: TestProfessional;
let records: TicketRecords;
let techSession: Session;
let agentSession: Session;

beforeAll(async () => {
  ({ app } = await buildTestApp());
  db = await testDatabase();
  entity = await createTestEntity(db);
  other = await createTestEntity(db);
  provider = await createTestEntity(db, { kind: 'provider' });
  tech = await createTestProfessional(db, entity, {
    roles: ['tech_ssb'],
    teams: [entity.teams.north],
  });
  coordinator = await createTestProfessional(db, entity, {
    roles: ['coordinator'],
    coordinates: [entity.teams.north],
  });
  colleague = await createTestProfessional(db, entity, {
    roles: ['tech_ssb'],
    teams: [entity.teams.north],
  });
  agent = await createTestProfessional(db, provider, { roles: ['support_agent'] });
  agent2 = await createTestProfessional(db, provider, { roles: ['support_agent'] });
  const cf1 = await createTestCaseFile(db, entity, { referentId: tech.id });
  const cf2 = await createTestCaseFile(db, entity, { referentId: tech.id });
  records = {
    entity,
    personIds: [
      await createTestPerson(db, entity, { referentId: tech.id }),
      await createTestPerson(db, entity, { referentId: tech.id }),
    ],
    numbers: [cf1.number, cf2.number],
    professionalIds: [tech.id, colleague.id],
  };
  techSession = await login(app, entity.code, tech.username);
  agentSession = await login(app, provider.code, agent.username);
}, 120_000);

const post = (s: Session, url: string, payload: unknown, language = 'en') =>
  app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers(language) });
const get = (s: Session, url: string) =>
  app.inject({ method: 'GET', url, headers: s.headers('en') });

type Refusal = {
  error: { code: string; message: string; details?: { field?: string; message: string }[] };
};
const fieldsOf = (body: unknown) => ((body as Refusal).error.details ?? []).map((d) => d.field);
const messageAt = (body: unknown, field: string) =>
  (body as Refusal).error.details?.find((d) => d.field === field)?.message ?? '';

async function open(s: Session, body: unknown): Promise<Ticket> {
  const r = await post(s, '/api/support/tickets', body);
  expect(r.statusCode, r.body).toBe(201);
  return r.json() as Ticket;
}

/** What each kind's form requires (DESIGN.md "Support ticket kinds"). */
const REQUIRED: Record<TicketKind, string[]> = {
  new_professional: [
    'givenName',
    'surnames',
    'documentType',
    'documentNumber',
    'email',
    'roles',
    'teamId',
    'sectorId',
    'firstAccessBySms',
  ],
  merge_persons: ['personIds', 'survivorId', 'reason'],
  merge_case_files: ['numbers', 'survivorNumber'],
  mass_transfer: ['fromProfessionalId', 'toProfessionalId', 'caseFiles', 'persons', 'agenda'],
  delete_case_files: ['numbers', 'nothingAttached'],
  connection_error: ['diagnostics'],
  export_error: ['what', 'diagnostics'],
  other: ['text'],
};

describe('opening a ticket: every kind', () => {
  it.each(TICKET_KINDS)('accepts a complete %s ticket (check, then open)', async (kind) => {
    const body = ticketBody(kind, records);
    const checked = await post(techSession, '/api/support/tickets/check', body);
    expect(checked.statusCode, checked.body).toBe(204);
    const ticket = await open(techSession, body);
    expect(ticket).toMatchObject({ kind, status: 'new', requester: { id: tech.id } });
    expect(ticket.number).toMatch(/^T-\d{4}-\d{6}$/);
    expect(ticket.subject.length).toBeGreaterThan(0);
    expect(ticket.events).toEqual([
      expect.objectContaining({ side: 'requester', status: 'new', body: null }),
    ]);
    expect(ticket.can).toMatchObject({ answer: false, comment: false, changeStatus: [] });
    const audit = await db.tenant(entity.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'support.ticket_open'), eq(auditLog.recordId, ticket.id))),
    );
    expect(audit).toHaveLength(1);
  });

  const missing = TICKET_KINDS.flatMap((kind) => REQUIRED[kind].map((f) => [kind, f] as const));
  it.each(missing)('refuses a %s ticket without %s, naming the field', async (kind, field) => {
    const body = ticketBody(kind, records) as { kind: string; fields: Record<string, unknown> };
    const { [field]: _dropped, ...rest } = body.fields;
    const r = await post(techSession, '/api/support/tickets/check', { kind, fields: rest });
    expect(r.statusCode, r.body).toBe(400);
    expect(fieldsOf(r.json())).toContain(`fields.${field}`);
  });

  it('composes the subject server-side from the records named', async () => {
    const t = await open(techSession, ticketBody('merge_case_files', records));
    expect(t.subject).toContain(records.numbers[0]);
    expect(t.references.caseFiles.map((c) => c.number)).toEqual(records.numbers);
    const m = await open(techSession, ticketBody('mass_transfer', records));
    expect(m.subject).toContain(`Professional ${tech.username}`);
    expect(m.references.professionals).toHaveLength(2);
  });

  it('adds the entity and the user to a connection or export error’s diagnostics', async () => {
    const t = await open(techSession, ticketBody('export_error', records));
    expect(t.fields.diagnostics).toMatchObject({
      requestId: 'req-123',
      entity: { id: entity.id, code: entity.code },
      user: { id: tech.id, username: tech.username },
    });
  });
});

describe('opening a ticket: the server’s checks', () => {
  const newPro = (fields: Record<string, unknown>) => {
    const body = ticketBody('new_professional', records) as {
      kind: string;
      fields: Record<string, unknown>;
    };
    return { kind: body.kind, fields: { ...body.fields, ...fields } };
  };

  it('refuses an email outside the entity’s domains, naming them', async () => {
    const r = await post(techSession, '/api/support/tickets', newPro({ email: 'a@gmail.com' }));
    expect(r.statusCode).toBe(400);
    expect(fieldsOf(r.json())).toEqual(['fields.email']);
    expect(messageAt(r.json(), 'fields.email')).toContain(entity.domain);
  });

  it('refuses a DNI whose check letter is wrong', async () => {
    const r = await post(
      techSession,
      '/api/support/tickets',
      newPro({ documentNumber: '12345678A' }),
    );
    expect(r.statusCode).toBe(400);
    expect(fieldsOf(r.json())).toContain('fields.documentNumber');
  });

  it('asks the cost category of the immigration technician only (A/B/C)', async () => {
    const without = await post(
      techSession,
      '/api/support/tickets/check',
      newPro({ roles: ['tech_immigration'], costCategory: null }),
    );
    expect(without.statusCode).toBe(400);
    expect(fieldsOf(without.json())).toContain('fields.costCategory');
    const notHim = await post(
      techSession,
      '/api/support/tickets/check',
      newPro({ costCategory: 'A' }),
    );
    expect(fieldsOf(notHim.json())).toContain('fields.costCategory');
    const right = await post(
      techSession,
      '/api/support/tickets/check',
      newPro({ roles: ['tech_immigration'], costCategory: 'C' }),
    );
    expect(right.statusCode, right.body).toBe(204);
  });

  it('refuses a team or sector that is not the entity’s', async () => {
    const r = await post(
      techSession,
      '/api/support/tickets/check',
      newPro({ teamId: other.teams.north, sectorId: other.sectors.north }),
    );
    expect(r.statusCode).toBe(400);
    expect(fieldsOf(r.json()).sort()).toEqual(['fields.sectorId', 'fields.teamId']);
  });

  it('says so when the document is already a professional’s', async () => {
    await db.tenant(entity.id, (tx) =>
      tx
        .update(professionals)
        .set({ documentType: 'dni', documentNumber: '87654321X' })
        .where(eq(professionals.id, colleague.id)),
    );
    const r = await post(
      techSession,
      '/api/support/tickets/check',
      newPro({ documentNumber: '87654321X' }),
    );
    expect(r.statusCode).toBe(400);
    expect(fieldsOf(r.json())).toEqual(['fields.documentNumber']);
    expect(messageAt(r.json(), 'fields.documentNumber')).toContain(
      `Professional ${colleague.username}`,
    );
  });

  it('never stores a mobile: the body refuses one, and only the choice of SMS is kept', async () => {
    const refused = await post(
      techSession,
      '/api/support/tickets',
      newPro({ mobile: '612345678' }),
    );
    expect(refused.statusCode).toBe(400);
    const t = await open(techSession, newPro({ firstAccessBySms: true }));
    expect(t.fields.firstAccessBySms).toBe(true);
    const [row] = await db.tenant(entity.id, (tx) =>
      tx.select().from(supportTickets).where(eq(supportTickets.id, t.id)),
    );
    expect(JSON.stringify(row!.fields)).not.toMatch(/mobile|612345678/);
  });

  it('answers persons the requester cannot see as not found', async () => {
    const elsewhere = await createTestPerson(db, other);
    const r = await post(techSession, '/api/support/tickets/check', {
      kind: 'merge_persons',
      fields: {
        personIds: [records.personIds[0], elsewhere],
        survivorId: records.personIds[0],
        reason: 'has_document',
      },
    });
    expect(r.statusCode).toBe(400);
    expect(fieldsOf(r.json())).toEqual(['fields.personIds.1']);
    // An administrator has no `persons.view_basic`: every person reads as not found.
    const admin = await createTestProfessional(db, entity, { roles: ['administrator'] });
    const s = await login(app, entity.code, admin.username);
    const a = await post(s, '/api/support/tickets/check', ticketBody('merge_persons', records));
    expect(fieldsOf(a.json()).sort()).toEqual(['fields.personIds.0', 'fields.personIds.1']);
  });

  it('finds case files typed short or long, within the requester’s scope only', async () => {
    const [year, seq] = records.numbers[1].split('/');
    const short = `${year}/${Number(seq)}`;
    const ok = await post(techSession, '/api/support/tickets/check', {
      kind: 'merge_case_files',
      fields: { numbers: [records.numbers[0], short], survivorNumber: short },
    });
    expect(ok.statusCode, ok.body).toBe(204);
    const theirs = await createTestCaseFile(db, entity, { referentId: colleague.id });
    const out = await post(techSession, '/api/support/tickets/check', {
      kind: 'merge_case_files',
      fields: { numbers: [records.numbers[0], theirs.number], survivorNumber: records.numbers[0] },
    });
    expect(out.statusCode).toBe(400);
    expect(fieldsOf(out.json())).toEqual(['fields.numbers.1']);
    // Their coordinator sees it (team scope).
    const c = await login(app, entity.code, coordinator.username);
    const seen = await post(c, '/api/support/tickets/check', {
      kind: 'delete_case_files',
      fields: { numbers: [theirs.number], nothingAttached: true },
    });
    expect(seen.statusCode, seen.body).toBe(204);
    const typo = await post(techSession, '/api/support/tickets/check', {
      kind: 'delete_case_files',
      fields: { numbers: ['abc'], nothingAttached: true },
    });
    expect(fieldsOf(typo.json())).toEqual(['fields.numbers.0']);
  });

  it('refuses to delete a case file while something is attached, with the list', async () => {
    const cf = await createTestCaseFile(db, entity, { referentId: tech.id, interviewBy: tech.id });
    await createTestEntry(db, entity, cf.id, 'demand', {
      personId: cf.holderId,
      authorId: tech.id,
    });
    const r = await post(techSession, '/api/support/tickets', {
      kind: 'delete_case_files',
      fields: { numbers: [cf.number], nothingAttached: true },
    });
    expect(r.statusCode).toBe(400);
    expect(fieldsOf(r.json())).toEqual(['fields.numbers.0']);
    const message = messageAt(r.json(), 'fields.numbers.0');
    expect(message).toContain(cf.number);
    expect(message).toContain('1 intervention');
    expect(message).toContain('1 demand');
    expect((r.json() as Refusal).error.message).toContain('1 demand');
  });

  it('does not count the interventions recorded automatically at opening and closing', async () => {
    const cf = await createTestCaseFile(db, entity, { referentId: tech.id, closed: true });
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`INSERT INTO interventions (entity_id, case_file_id, event, occurred_on, author_id)
        VALUES (${entity.id}, ${cf.id}, 'opened', current_date, ${tech.id}),
          (${entity.id}, ${cf.id}, 'closed', current_date, ${tech.id})`),
    );
    const r = await post(techSession, '/api/support/tickets/check', {
      kind: 'delete_case_files',
      fields: { numbers: [cf.number], nothingAttached: true },
    });
    expect(r.statusCode, r.body).toBe(204);
  });

  it('asks both professionals of a mass transfer to exist and be active', async () => {
    const gone = await createTestProfessional(db, entity, { roles: ['tech_ssb'], active: false });
    const body = ticketBody('mass_transfer', records) as { kind: string; fields: object };
    const r = await post(techSession, '/api/support/tickets/check', {
      kind: body.kind,
      fields: {
        ...body.fields,
        fromProfessionalId: crypto.randomUUID(),
        toProfessionalId: gone.id,
      },
    });
    expect(r.statusCode).toBe(400);
    expect(fieldsOf(r.json()).sort()).toEqual([
      'fields.fromProfessionalId',
      'fields.toProfessionalId',
    ]);
  });
});

describe('the requester’s tickets', () => {
  it('lists and reads one’s own only; another’s or another entity’s is not found', async () => {
    const mine = await open(techSession, ticketBody('other', records));
    const theirs = await createTestTicket(db, entity, colleague.id);
    const outsider = await createTestProfessional(db, other, { roles: ['tech_ssb'] });
    const elsewhere = await createTestTicket(db, other, outsider.id);
    expect((await get(techSession, `/api/support/tickets/${mine.id}`)).statusCode).toBe(200);
    expect((await get(techSession, `/api/support/tickets/${theirs.id}`)).statusCode).toBe(404);
    expect((await get(techSession, `/api/support/tickets/${elsewhere.id}`)).statusCode).toBe(404);
    const open_ = (await get(techSession, '/api/support/tickets?status=open&limit=200')).json() as {
      items: { id: string }[];
    };
    expect(open_.items.map((i) => i.id)).toContain(mine.id);
    expect(open_.items.map((i) => i.id)).not.toContain(theirs.id);
    const closed = (await get(techSession, '/api/support/tickets?status=closed')).json() as {
      items: unknown[];
    };
    expect(closed.items).toEqual([]);
  });

  it('answers only a ticket waiting for them, which goes back to in progress', async () => {
    const t = await open(techSession, ticketBody('other', records));
    const early = await post(techSession, `/api/support/tickets/${t.id}/answer`, { body: 'Hi' });
    expect(early.statusCode).toBe(409);
    expect((early.json() as Refusal).error.message).toMatch(/waiting for you/);
    const base = `/api/support/entities/${entity.id}/tickets/${t.id}`;
    const asked = await post(agentSession, `${base}/status`, {
      status: 'waiting_requester',
      comment: 'Which page?',
    });
    expect(asked.statusCode, asked.body).toBe(200);
    const mine = (await get(techSession, `/api/support/tickets/${t.id}`)).json() as Ticket;
    expect(mine.can.answer).toBe(true);
    const answered = await post(techSession, `/api/support/tickets/${t.id}/answer`, {
      body: 'The agenda',
    });
    expect(answered.statusCode, answered.body).toBe(200);
    const after = answered.json() as Ticket;
    expect(after.status).toBe('in_progress');
    expect(after.events.map((e) => [e.side, e.status, e.body])).toEqual([
      ['requester', 'new', null],
      ['agent', 'waiting_requester', 'Which page?'],
      ['requester', 'in_progress', 'The agenda'],
    ]);
    // Someone else cannot answer it.
    const c = await login(app, entity.code, colleague.username);
    const notTheirs = await post(c, `/api/support/tickets/${t.id}/answer`, { body: 'x' });
    expect(notTheirs.statusCode).toBe(404);
  });
});

describe('an agent on one ticket', () => {
  it('reads it across the wall, audited, with names and counts', async () => {
    const t = await open(techSession, ticketBody('merge_persons', records));
    const r = await get(agentSession, `/api/support/entities/${entity.id}/tickets/${t.id}`);
    expect(r.statusCode, r.body).toBe(200);
    const ticket = r.json() as Ticket;
    expect(ticket.entity).toMatchObject({ id: entity.id, code: entity.code });
    expect(ticket.references.persons.map((p) => p.id)).toEqual(records.personIds);
    expect(ticket.can).toMatchObject({ comment: true, assign: true, answer: false });
    expect(ticket.can.changeStatus).toEqual([
      'in_progress',
      'waiting_requester',
      'resolved',
      'rejected',
    ]);
    const reads = await db.tenant(entity.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'support.ticket_read'), eq(auditLog.recordId, t.id))),
    );
    expect(reads).toHaveLength(1);
    expect(reads[0]!.actorEntityId).toBe(provider.id);
    // Not found in the wrong entity; a non-agent is refused.
    expect(
      (await get(agentSession, `/api/support/entities/${other.id}/tickets/${t.id}`)).statusCode,
    ).toBe(404);
    expect(
      (await get(techSession, `/api/support/entities/${entity.id}/tickets/${t.id}`)).statusCode,
    ).toBe(403);
  });

  it('moves it along the workflow only, with first response and resolution times', async () => {
    const t = await open(techSession, ticketBody('other', records));
    const base = `/api/support/entities/${entity.id}/tickets/${t.id}`;
    const noWord = await post(agentSession, `${base}/status`, { status: 'rejected' });
    expect(noWord.statusCode).toBe(400);
    expect(fieldsOf(noWord.json())).toEqual(['comment']);
    const resolved = await post(agentSession, `${base}/status`, { status: 'resolved' });
    expect(resolved.statusCode, resolved.body).toBe(200);
    const r1 = resolved.json() as Ticket;
    expect(r1.status).toBe('resolved');
    expect(r1.resolvedAt).not.toBeNull();
    expect(r1.firstResponseAt).not.toBeNull();
    const wrong = await post(agentSession, `${base}/status`, { status: 'rejected', comment: 'No' });
    expect(wrong.statusCode).toBe(409);
    expect((wrong.json() as Refusal).error.message).toMatch(/resolved cannot move to rejected/);
    const reopened = (
      await post(agentSession, `${base}/status`, { status: 'in_progress' })
    ).json() as Ticket;
    expect(reopened.status).toBe('in_progress');
    expect(reopened.resolvedAt).toBeNull();
    expect(reopened.firstResponseAt).toBe(r1.firstResponseAt);
  });

  it('sets the first response at the first comment', async () => {
    const t = await open(techSession, ticketBody('other', records));
    const base = `/api/support/entities/${entity.id}/tickets/${t.id}`;
    const r = await post(agentSession, `${base}/comments`, { body: 'Looking at it' });
    expect(r.statusCode, r.body).toBe(200);
    const after = r.json() as Ticket;
    expect(after.firstResponseAt).not.toBeNull();
    expect(after.status).toBe('new');
    expect(after.events.at(-1)).toMatchObject({
      side: 'agent',
      body: 'Looking at it',
      status: null,
    });
  });

  it('assigns it to an active agent of the support entity, or to no one', async () => {
    const t = await open(techSession, ticketBody('other', records));
    const url = `/api/support/entities/${entity.id}/tickets/${t.id}/assignee`;
    const put = (agentId: string | null) =>
      app.inject({ method: 'PUT', url, payload: { agentId }, headers: agentSession.headers('en') });
    const r = await put(agent2.id);
    expect(r.statusCode, r.body).toBe(200);
    expect((r.json() as Ticket).assignee).toEqual({
      id: agent2.id,
      name: `Test Professional ${agent2.username}`,
    });
    const notAgent = await put(tech.id);
    expect(notAgent.statusCode).toBe(400);
    expect(fieldsOf(notAgent.json())).toEqual(['agentId']);
    const none = await put(null);
    expect((none.json() as Ticket).assignee).toBeNull();
  });
});

describe('the requester’s emails', () => {
  let peer: SmtpPeer;
  beforeAll(async () => {
    peer = await startSmtpPeer();
  });
  afterAll(async () => {
    await peer.stop();
  });

  it('reach the requester at a status change and an agent comment, in their language, with no other content', async () => {
    await db.tenant(entity.id, (tx) =>
      tx.update(professionals).set({ language: 'es' }).where(eq(professionals.id, tech.id)),
    );
    const t = await open(techSession, ticketBody('merge_persons', records));
    const base = `/api/support/entities/${entity.id}/tickets/${t.id}`;
    expect(
      (await post(agentSession, `${base}/comments`, { body: 'Estamos en ello' })).statusCode,
    ).toBe(200);
    expect(
      (
        await post(agentSession, `${base}/status`, {
          status: 'waiting_requester',
          comment: '¿Cuál?',
        })
      ).statusCode,
    ).toBe(200);
    const before = peer.received.length;
    const config = messagingConfig({ SMTP_URL: peer.url });
    const counts = await drain({ database: db, config }, [entity.id]);
    expect(counts.sent).toBeGreaterThanOrEqual(2);
    await peer.waitFor(before + 2, 10_000);
    const mails = peer.received.filter(
      (m) => m.envelope.to.includes(tech.email) && m.subject?.includes(t.number),
    );
    expect(mails.map((m) => m.subject).sort()).toEqual([
      `Solicitud de soporte ${t.number}: mensaje del equipo de soporte`,
      `Solicitud de soporte ${t.number}: pendiente de su respuesta`,
    ]);
    const all = mails.map((m) => m.text ?? '').join('\n');
    expect(all).toContain('Estamos en ello');
    expect(all).toContain('¿Cuál?');
    expect(all).toContain('fusión de fichas personales');
    // Nothing of the ticket's records: no person's name, no subject.
    expect(all).not.toContain(t.subject);
    expect(all).not.toContain(records.personIds[0]);
  });

  it('write to the address a public-form ticket brought when no professional matched', async () => {
    const address = `someone-${entity.code}@${entity.domain}`;
    const t = await db.tenant(entity.id, (tx) =>
      insertTicket(tx, {
        entityId: entity.id,
        kind: 'other',
        fields: { text: 'I cannot sign in' },
        subject: 'I cannot sign in',
        requesterId: null,
        requesterName: 'Someone Outside',
        requesterEmail: address,
        requesterLanguage: 'it',
        now: new Date(),
      }),
    );
    const base = `/api/support/entities/${entity.id}/tickets/${t.id}`;
    const read = (await get(agentSession, base)).json() as Ticket;
    expect(read.requester).toEqual({ id: null, name: 'Someone Outside', email: address });
    expect(read.events[0]).toMatchObject({ authorName: 'Someone Outside', status: 'new' });
    expect((await post(agentSession, `${base}/comments`, { body: 'Try again' })).statusCode).toBe(
      200,
    );
    const queued = (await outboxOf(db, entity.id)).filter((m) => m.recipient === address);
    expect(queued.map((m) => m.template)).toEqual(['support_ticket_comment']);
    // In the language its author wrote in on the public form.
    expect(queued.map((m) => m.language)).toEqual(['it']);
    // Its author has no account to answer with: the ticket never waits for them.
    expect(read.can.changeStatus).not.toContain('waiting_requester');
    const waiting = await post(agentSession, `${base}/status`, {
      status: 'waiting_requester',
      comment: 'Which entity?',
    });
    expect(waiting.statusCode).toBe(409);
    expect(waiting.json().error.code).toBe('support.no_requester_account');
  });
  it("numbers a ticket by the year of the entity's calendar", async () => {
    // 00:30 on New Year's Day in Madrid, still the old year in UTC.
    const t = await db.tenant(entity.id, (tx) =>
      insertTicket(tx, {
        entityId: entity.id,
        kind: 'other',
        fields: { text: 'Happy new year' },
        subject: 'Happy new year',
        requesterId: null,
        requesterName: 'Someone Outside',
        requesterEmail: `someone-${entity.code}@${entity.domain}`,
        now: new Date('2030-12-31T23:30:00Z'),
      }),
    );
    expect(t.number).toMatch(/^T-2031-\d{6}$/);
  });
});
