import { randomInt } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { QueueTicket, TicketKind, TicketStatus } from '@caliu/common';
import { type Database, rowsOf } from '../../db/connect';
import { auditLog, supportTickets } from '../../db/schema';
import { buildTestApp, login, manualClock } from '../../testing/app';
import { testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional, type TestEntity } from '../../testing/factories';
import { dashboardOf, percentile } from './queue-routes';

const HOUR = 60 * 60 * 1000;
const DAY = 24 * HOUR;

/**
 * A moment of its own for each test: the database of a worker is never reset (and PostgreSQL's
 * outlives runs), so the windows the tests read (the last day, the last 30 days) hold only the
 * tickets they made. Two million days (years 2200 to about 7700) make two runs' 30-day windows
 * meet about once in 30,000 pairs of runs.
 */
function farFuture(): Date {
  return new Date(Date.UTC(2200, 0, 1) + randomInt(0, 2_000_000) * DAY + 12 * HOUR);
}

/** Whatever the requester typed: it must never reach the queue. */
const SECRET = 'SECRET-FIELD-VALUE';

let counter = 0;

type TicketInput = {
  kind: TicketKind;
  status: TicketStatus;
  createdAt: Date;
  requesterId?: string | null;
  requesterName?: string;
  agent?: { id: string; name: string } | null;
  firstResponseAt?: Date | null;
  resolvedAt?: Date | null;
};

async function ticketIn(db: Database, entity: TestEntity, input: TicketInput) {
  counter += 1;
  const number = `Q-${Date.now().toString(36)}-${counter}`;
  const [row] = await db.tenant(entity.id, (tx) =>
    tx
      .insert(supportTickets)
      .values({
        entityId: entity.id,
        number,
        kind: input.kind,
        status: input.status,
        requesterId: input.requesterId ?? null,
        ...(input.requesterId
          ? {}
          : { requesterName: input.requesterName ?? 'Public Person', requesterEmail: 'p@x.test' }),
        // Composed from what the requester typed (names of persons): never in the queue.
        subject: `${SECRET} ${number}`,
        fields: { note: SECRET, text: SECRET },
        assignedAgentId: input.agent?.id ?? null,
        assignedAgentName: input.agent?.name ?? null,
        firstResponseAt: input.firstResponseAt ?? null,
        resolvedAt: input.resolvedAt ?? null,
        createdAt: input.createdAt,
        updatedAt: input.createdAt,
      })
      .returning({ id: supportTickets.id, number: supportTickets.number }),
  );
  return row!;
}

const crossings = (db: Database, entityId: string) =>
  db.tenant(entityId, (tx) =>
    tx
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.entityId, entityId), eq(auditLog.action, 'support.cross_entity_read')),
      ),
  );

async function world(now: Date) {
  const clock = manualClock(now);
  const { app } = await buildTestApp({ clock });
  const db = await testDatabase();
  const a = await createTestEntity(db);
  const b = await createTestEntity(db);
  const provider = await createTestEntity(db, { kind: 'provider' });
  const agent = await createTestProfessional(db, provider, { roles: ['support_agent'] });
  const agent2 = await createTestProfessional(db, provider, { roles: ['support_agent'] });
  const requesterA = await createTestProfessional(db, a, { roles: ['tech_ssb'] });
  const requesterB = await createTestProfessional(db, b, { roles: ['tech_ssb'] });
  const session = await login(app, provider.code, agent.username);
  const agentName = `Test Professional ${agent.username}`;
  const agent2Name = `Test Professional ${agent2.username}`;
  return {
    app,
    db,
    clock,
    a,
    b,
    provider,
    agent: { ...agent, name: agentName },
    agent2: { ...agent2, name: agent2Name },
    requesterA,
    requesterB,
    session,
  };
}

describe("the support agents' queue", () => {
  it('lists the tickets of every council in one queue, filtered, paged, metadata only and audited', async () => {
    const now = farFuture();
    const w = await world(now);
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const a1 = await ticketIn(w.db, w.a, {
      kind: 'merge_persons',
      status: 'new',
      createdAt: ago(2 * HOUR),
      requesterId: w.requesterA.id,
    });
    const a2 = await ticketIn(w.db, w.a, {
      kind: 'other',
      status: 'in_progress',
      createdAt: ago(3 * DAY),
      requesterId: w.requesterA.id,
      agent: { id: w.agent.id, name: w.agent.name },
      firstResponseAt: ago(3 * DAY - HOUR),
    });
    const b1 = await ticketIn(w.db, w.b, {
      kind: 'new_professional',
      status: 'waiting_requester',
      createdAt: ago(40 * DAY),
      requesterId: w.requesterB.id,
    });
    const b2 = await ticketIn(w.db, w.b, {
      kind: 'export_error',
      status: 'resolved',
      createdAt: ago(10 * DAY),
      requesterId: w.requesterB.id,
      firstResponseAt: ago(10 * DAY - HOUR),
      resolvedAt: ago(9 * DAY),
    });
    const b3 = await ticketIn(w.db, w.b, {
      kind: 'other',
      status: 'new',
      createdAt: ago(20 * DAY),
      requesterName: 'Public Person',
    });
    const b4 = await ticketIn(w.db, w.b, {
      kind: 'delete_case_files',
      status: 'new',
      createdAt: ago(5 * HOUR),
      requesterId: w.requesterB.id,
      agent: { id: w.agent2.id, name: w.agent2.name },
    });

    const queue = async (query: string) => {
      const response = await w.app.inject({
        method: 'GET',
        url: `/api/support/queue?${query}`,
        headers: w.session.headers(),
      });
      expect(response.statusCode, response.body).toBe(200);
      // Metadata only: nothing the requesters typed, not even the key.
      expect(response.body).not.toContain(SECRET);
      expect(response.body).not.toContain('"fields"');
      expect(response.body).not.toContain('"subject"');
      return response.json() as { items: QueueTicket[]; nextCursor: string | null };
    };
    // Only this test's councils: PostgreSQL's database outlives runs, and a ticket another run
    // made at a later moment is "within the last day" of this one too.
    const mine = (items: QueueTicket[]) =>
      items.filter((t) => t.entity.id === w.a.id || t.entity.id === w.b.id);
    const numbers = async (query: string) => mine((await queue(query)).items).map((t) => t.number);

    // Both councils in one queue, open ones oldest first (the last day holds only these two).
    const lastDay = mine((await queue('age=day&limit=100')).items);
    expect(lastDay.map((t) => t.number)).toEqual([b4.number, a1.number]);
    const [first, second] = lastDay;
    expect(first).toMatchObject({
      id: b4.id,
      kind: 'delete_case_files',
      status: 'new',
      entity: { id: w.b.id, code: w.b.code, name: `Test entity ${w.b.code}` },
      requesterName: `Test Professional ${w.requesterB.username}`,
      assignee: { id: w.agent2.id, name: w.agent2.name },
      firstResponseAt: null,
      resolvedAt: null,
      createdAt: ago(5 * HOUR).toISOString(),
    });
    expect(second).toMatchObject({ entity: { id: w.a.id }, assignee: null });

    // Entity.
    expect(await numbers(`entityId=${w.a.id}`)).toEqual([a2.number, a1.number]);
    expect(await numbers(`entityId=${w.b.id}`)).toEqual([b1.number, b3.number, b4.number]);
    // Kind.
    expect(await numbers(`entityId=${w.a.id}&kind=merge_persons`)).toEqual([a1.number]);
    expect(await numbers(`entityId=${w.b.id}&kind=other`)).toEqual([b3.number]);
    // Status.
    expect(await numbers(`entityId=${w.b.id}&status=resolved`)).toEqual([b2.number]);
    expect(await numbers(`entityId=${w.b.id}&status=waiting_requester`)).toEqual([b1.number]);
    expect(await numbers(`entityId=${w.b.id}&status=rejected`)).toEqual([]);
    // Age.
    expect(await numbers(`entityId=${w.a.id}&age=day`)).toEqual([a1.number]);
    expect(await numbers(`entityId=${w.a.id}&age=week`)).toEqual([a2.number, a1.number]);
    expect(await numbers(`entityId=${w.b.id}&age=month`)).toEqual([b3.number, b4.number]);
    expect(await numbers(`entityId=${w.b.id}&age=older`)).toEqual([b1.number]);
    // Assignee.
    expect(await numbers('age=week&assignee=me')).toEqual([a2.number]);
    expect(await numbers('age=week&assignee=none&limit=100')).toEqual([a1.number]);
    expect(await numbers(`age=week&assignee=${w.agent2.id}`)).toEqual([b4.number]);
    // The requester's name: the professional's, or the one the public form gave.
    const [publicOne] = (await queue(`entityId=${w.b.id}&kind=other`)).items;
    expect(publicOne!.requesterName).toBe('Public Person');
    // Closed ones read newest first, with their times.
    const [resolved] = (await queue(`entityId=${w.b.id}&status=resolved`)).items;
    expect(resolved).toMatchObject({
      firstResponseAt: ago(10 * DAY - HOUR).toISOString(),
      resolvedAt: ago(9 * DAY).toISOString(),
    });

    // Paging.
    const page1 = await queue(`entityId=${w.b.id}&limit=2`);
    expect(page1.items.map((t) => t.number)).toEqual([b1.number, b3.number]);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await queue(
      `entityId=${w.b.id}&limit=2&cursor=${encodeURIComponent(page1.nextCursor!)}`,
    );
    expect(page2.items.map((t) => t.number)).toEqual([b4.number]);
    expect(page2.nextCursor).toBeNull();

    // A cursor that is not one of ours, an unknown filter value: 400, never a page.
    for (const bad of ['cursor=nonsense', 'status=closed', 'kind=delete_persons', 'assignee=x']) {
      const response = await w.app.inject({
        method: 'GET',
        url: `/api/support/queue?${bad}`,
        headers: w.session.headers(),
      });
      expect(response.statusCode, bad).toBe(400);
    }

    // Every page audited in the support entity, naming the entity when the filter names one.
    const audited = await crossings(w.db, w.provider.id);
    // One row per page answered (19 above); the refused requests read nothing.
    expect(audited).toHaveLength(19);
    expect(audited.every((row) => row.details.purpose === 'support.queue')).toBe(true);
    expect(audited.every((row) => row.actorId === w.agent.id)).toBe(true);
    expect(audited.map((row) => row.recordId)).toEqual(
      expect.arrayContaining([null, w.a.id, w.b.id]),
    );
  });

  it('is for the support agents alone', async () => {
    const w = await world(farFuture());
    const coordinator = await createTestProfessional(w.db, w.a, { roles: ['coordinator'] });
    const admin = await createTestProfessional(w.db, w.a, { roles: ['administrator'] });
    const ticket = await ticketIn(w.db, w.a, {
      kind: 'other',
      status: 'new',
      createdAt: new Date(w.clock.now().getTime() - HOUR),
      requesterId: w.requesterA.id,
    });
    for (const who of [coordinator, admin, w.requesterA]) {
      const session = await login(w.app, w.a.code, who.username);
      for (const url of [
        '/api/support/queue',
        `/api/support/queue?entityId=${w.a.id}`,
        '/api/support/entities',
        '/api/support/agents',
        '/api/support/dashboard',
      ]) {
        const response = await w.app.inject({ method: 'GET', url, headers: session.headers() });
        expect(response.statusCode, `${who.username} ${url}`).toBe(403);
        expect(response.body).not.toContain(ticket.number);
      }
    }
    // The mailbox's entities: every council for whoever reads every entity's mailbox, one's own
    // entity for an administrator, nothing for anyone else.
    const adminSession = await login(w.app, w.a.code, admin.username);
    const own = await w.app.inject({
      method: 'GET',
      url: '/api/mailbox/entities',
      headers: adminSession.headers(),
    });
    expect(own.statusCode).toBe(200);
    expect(own.json()).toEqual({
      items: [{ id: w.a.id, code: w.a.code, name: `Test entity ${w.a.code}` }],
    });
    const coordinatorSession = await login(w.app, w.a.code, coordinator.username);
    const denied = await w.app.inject({
      method: 'GET',
      url: '/api/mailbox/entities',
      headers: coordinatorSession.headers(),
    });
    expect(denied.statusCode).toBe(403);
    const allowed = await w.app.inject({
      method: 'GET',
      url: '/api/mailbox/entities',
      headers: w.session.headers(),
    });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json().items).toEqual(
      expect.arrayContaining([{ id: w.a.id, code: w.a.code, name: `Test entity ${w.a.code}` }]),
    );
    expect(allowed.json().items.map((e: { id: string }) => e.id)).not.toContain(w.provider.id);
  });

  it('names the councils (not the support entity) and the active support agents', async () => {
    const w = await world(farFuture());
    const inactive = await createTestProfessional(w.db, w.provider, {
      roles: ['support_agent'],
      active: false,
    });
    const directory = await w.app.inject({
      method: 'GET',
      url: '/api/support/entities',
      headers: w.session.headers(),
    });
    expect(directory.statusCode).toBe(200);
    const items = directory.json().items as { id: string; code: string; name: string }[];
    expect(items).toEqual(
      expect.arrayContaining([
        { id: w.a.id, code: w.a.code, name: `Test entity ${w.a.code}` },
        { id: w.b.id, code: w.b.code, name: `Test entity ${w.b.code}` },
      ]),
    );
    expect(items.map((e) => e.id)).not.toContain(w.provider.id);

    const agents = await w.app.inject({
      method: 'GET',
      url: '/api/support/agents',
      headers: w.session.headers(),
    });
    expect(agents.statusCode).toBe(200);
    const ids = (agents.json().items as { id: string }[]).map((agent) => agent.id);
    expect(new Set(ids)).toEqual(new Set([w.agent.id, w.agent2.id]));
    expect(agents.json().items).toContainEqual({ id: w.agent.id, name: w.agent.name });
    expect(ids).not.toContain(inactive.id);
  });

  it('sums the last 30 days per kind: median and p90 hours to first response and to resolution', async () => {
    const now = farFuture();
    const w = await world(now);
    const ago = (ms: number) => new Date(now.getTime() - ms);
    const kind = 'merge_case_files';
    const base = { kind, requesterId: w.requesterA.id } as const;
    // Opened 10 days ago: answered in 2 h, resolved in 10 h.
    await ticketIn(w.db, w.a, {
      ...base,
      status: 'resolved',
      createdAt: ago(10 * DAY),
      firstResponseAt: ago(10 * DAY - 2 * HOUR),
      resolvedAt: ago(10 * DAY - 10 * HOUR),
    });
    // Opened 5 days ago (another council): answered in 4 h, still in progress.
    await ticketIn(w.db, w.b, {
      ...base,
      requesterId: w.requesterB.id,
      status: 'in_progress',
      createdAt: ago(5 * DAY),
      firstResponseAt: ago(5 * DAY - 4 * HOUR),
    });
    // Opened 3 days ago: answered in 6 h, resolved in 30 h.
    await ticketIn(w.db, w.a, {
      ...base,
      status: 'resolved',
      createdAt: ago(3 * DAY),
      firstResponseAt: ago(3 * DAY - 6 * HOUR),
      resolvedAt: ago(3 * DAY - 30 * HOUR),
    });
    // Opened 40 days ago (outside the window), resolved 20 days ago: 480 h to resolution.
    await ticketIn(w.db, w.a, {
      ...base,
      status: 'resolved',
      createdAt: ago(40 * DAY),
      firstResponseAt: ago(40 * DAY - HOUR),
      resolvedAt: ago(20 * DAY),
    });
    // Opened yesterday, not answered yet.
    await ticketIn(w.db, w.a, { ...base, status: 'new', createdAt: ago(DAY) });
    // Another kind, opened and rejected within the window.
    await ticketIn(w.db, w.b, {
      kind: 'other',
      requesterId: w.requesterB.id,
      status: 'rejected',
      createdAt: ago(2 * DAY),
      firstResponseAt: ago(2 * DAY - HOUR),
      resolvedAt: ago(2 * DAY - HOUR),
    });

    const response = await w.app.inject({
      method: 'GET',
      url: '/api/support/dashboard',
      headers: w.session.headers(),
    });
    expect(response.statusCode, response.body).toBe(200);
    const dashboard = response.json();
    expect(dashboard.from).toBe(ago(30 * DAY).toISOString());
    expect(dashboard.to).toBe(now.toISOString());
    const byKind = Object.fromEntries(
      (dashboard.kinds as { kind: string }[]).map((row) => [row.kind, row]),
    );
    expect(Object.keys(byKind)).toHaveLength(8);
    expect(byKind[kind]).toEqual({
      kind,
      opened: 4,
      open: 2,
      resolved: 3,
      firstResponseHours: { median: 4, p90: 5.6 },
      resolutionHours: { median: 30, p90: 390 },
    });
    expect(byKind.other).toEqual({
      kind: 'other',
      opened: 1,
      open: 0,
      resolved: 1,
      firstResponseHours: { median: 1, p90: 1 },
      resolutionHours: { median: 1, p90: 1 },
    });
    expect(byKind.new_professional).toEqual({
      kind: 'new_professional',
      opened: 0,
      open: 0,
      resolved: 0,
      firstResponseHours: { median: null, p90: null },
      resolutionHours: { median: null, p90: null },
    });
    const audited = await crossings(w.db, w.provider.id);
    expect(audited.map((row) => row.details.purpose)).toEqual(['support.dashboard']);
  });

  it('computes percentiles by linear interpolation', () => {
    expect(percentile([], 0.5)).toBeNull();
    expect(percentile([7], 0.9)).toBe(7);
    expect(percentile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(percentile([10, 1, 5], 0.9)).toBe(9);
    const from = new Date('2030-01-01T00:00:00Z');
    const to = new Date('2030-01-31T00:00:00Z');
    expect(dashboardOf([], from, to).kinds.every((row) => row.opened === 0)).toBe(true);
  });
  it("answers only a session of the service provider's entity, whatever calls it", async () => {
    const w = await world(farFuture());
    const queue = sql`SELECT * FROM caliu_support_queue(NULL, NULL, ARRAY['new']::text[], NULL,
      NULL, NULL, 10, NULL, NULL, false)`;
    const dashboard = sql`SELECT * FROM caliu_support_dashboard(now() - interval '1 day', now())`;
    // The database's words, under the query builder's "Failed query".
    const refusal = (run: Promise<unknown>) =>
      run.then(
        () => 'answered',
        (error: Error & { cause?: Error }) => error.cause?.message ?? error.message,
      );
    for (const query of [queue, dashboard]) {
      expect(await refusal(w.db.tenant(w.a.id, (tx) => rowsOf(tx, query)))).toMatch(
        /service provider/,
      );
      expect(await refusal(w.db.anonymous((tx) => rowsOf(tx, query)))).toMatch(/service provider/);
      await expect(w.db.tenant(w.provider.id, (tx) => rowsOf(tx, query))).resolves.toBeDefined();
    }
  });
});
