import { describe, expect, it } from 'vitest';
import { type SQL, sql } from 'drizzle-orm';
import type { CaseloadTransfer, CaseloadTransferPreview } from '@caliu/common';
import { rowsOf } from '../../../db/connect';
import { createTestAppointment } from '../../../testing/agenda-factories';
import { buildTestApp, login, manualClock } from '../../../testing/app';
import { createTestCaseFile } from '../../../testing/case-files-factories';
import { testDatabase } from '../../../testing/database';
import { createTestEntity, createTestProfessional } from '../../../testing/factories';
import { createTestPerson } from '../../../testing/persons-factories';

/**
 * A coordinator's caseload transfer and its second approver (issue 21, decision 0011): the
 * preview is the mass transfer's, restricted to the requester's teams (what stays outside as
 * counts); the requester never approves their own; another coordinator who sees every case file
 * runs exactly what the preview said, audited per record naming the transfer, the receiver
 * emailed; a changed caseload is shown again and the old fingerprint refused; a request cancels
 * and expires.
 */

const HOUR = 3_600_000;

async function setUp() {
  const clock = manualClock(new Date('2026-03-10T10:00:00Z'));
  const { app } = await buildTestApp({ clock });
  const db = await testDatabase();
  const entity = await createTestEntity(db);
  const { north, south } = entity.teams;
  const coordinator = (teams: string[]) =>
    createTestProfessional(db, entity, { roles: ['coordinator'], coordinates: teams });
  const requester = await coordinator([north]);
  const approver = await coordinator([north]);
  const leaving = await createTestProfessional(db, entity, {
    roles: ['tech_ssb', 'tech_siad'],
    teams: [north, south],
  });
  const receiver = await createTestProfessional(db, entity, {
    roles: ['tech_ssb', 'tech_siad'],
    teams: [north, south],
  });
  /** A fresh session for each call: the clock moves by days between some. */
  const call = async (
    who: { username: string },
    method: 'GET' | 'POST',
    url: string,
    payload?: object,
  ) => {
    const session = await login(app, entity.code, who.username);
    return app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: session.headers('en'),
    });
  };
  const count = async (table: string, where: SQL) => {
    const [row] = await db.tenant(entity.id, (tx) =>
      rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}
          WHERE entity_id = ${entity.id} AND ${where}`,
      ),
    );
    return row!.n;
  };
  const body = {
    fromProfessionalId: leaving.id,
    toProfessionalId: receiver.id,
    caseFiles: 'open_and_closed',
    persons: true,
    agenda: true,
    reason: 'Leaves the council at the end of the month',
  };
  /** A case file of `leaving` in south (outside a north coordinator's teams). */
  const southFile = () =>
    createTestCaseFile(db, entity, {
      referentId: leaving.id,
      teamId: south,
      municipalityId: entity.municipalities.south,
    });
  return {
    app,
    db,
    clock,
    entity,
    requester,
    approver,
    coordinator,
    leaving,
    receiver,
    call,
    count,
    body,
    southFile,
  };
}

const future = (days: number, hour = 9) =>
  new Date(Date.parse('2026-03-10T00:00:00Z') + days * 24 * HOUR + hour * HOUR).toISOString();

describe("a coordinator's caseload transfer", () => {
  it("previews within the requester's teams, outside as counts; another coordinator runs exactly that", async () => {
    const s = await setUp();
    const { db, entity, leaving, receiver, requester, approver, call, count } = s;
    const open = await createTestCaseFile(db, entity, { referentId: leaving.id });
    const closed = await createTestCaseFile(db, entity, { referentId: leaving.id, closed: true });
    const assigned = await createTestCaseFile(db, entity, {
      referentId: receiver.id,
      assignedIds: [leaving.id],
    });
    const outside = await s.southFile();
    const person = await createTestPerson(db, entity, { referentId: leaving.id });
    await createTestPerson(db, entity, { referentId: leaving.id, teamId: entity.teams.south });
    await createTestAppointment(db, entity, {
      professionalId: leaving.id,
      personIds: [open.holderId],
      caseFileId: open.id,
      startsAt: future(3),
      endsAt: future(3, 10),
    });
    await createTestAppointment(db, entity, {
      professionalId: leaving.id,
      personIds: [outside.holderId],
      caseFileId: outside.id,
      startsAt: future(4),
      endsAt: future(4, 10),
    });

    const previewed = await call(requester, 'POST', '/api/caseload/transfers/preview', s.body);
    expect(previewed.statusCode, previewed.body).toBe(200);
    const preview = previewed.json() as CaseloadTransferPreview;
    expect(preview).toMatchObject({
      ready: true,
      blockers: [],
      lines: [
        { key: 'case_files_moved', count: 2, items: [open.number, closed.number].sort() },
        { key: 'assignments_moved', count: 1 },
        { key: 'persons_moved', count: 1 },
        { key: 'appointments_moved', count: 1 },
      ],
      outside: [
        { key: 'case_files_outside', count: 1, items: [] },
        { key: 'persons_outside', count: 1 },
        { key: 'appointments_outside', count: 1 },
      ],
    });

    const requested = await call(requester, 'POST', '/api/caseload/transfers', s.body);
    expect(requested.statusCode, requested.body).toBe(201);
    const transfer = requested.json() as CaseloadTransfer;
    expect(transfer).toMatchObject({
      status: 'pending',
      requestedBy: { id: requester.id },
      requestedLines: preview.lines,
      decidedBy: null,
      result: null,
      can: { approve: false, cancel: true },
    });
    expect(Date.parse(transfer.expiresAt) - Date.parse(transfer.requestedAt)).toBe(72 * HOUR);
    expect(await count('audit_log', sql`action = 'caseload_transfer.request'`)).toBe(1);

    // The approver's list shows it; the requester may not approve their own.
    const listed = await call(approver, 'GET', '/api/caseload/transfers');
    expect(listed.json().items).toMatchObject([
      { id: transfer.id, can: { approve: true, cancel: true } },
    ]);
    const own = await call(requester, 'POST', `/api/caseload/transfers/${transfer.id}/approve`, {
      fingerprint: preview.fingerprint,
    });
    expect(own.statusCode).toBe(403);
    expect(own.json().error.message).toBe(
      'You requested this transfer: another coordinator must approve it.',
    );

    const shown = await call(approver, 'GET', `/api/caseload/transfers/${transfer.id}/preview`);
    expect(shown.json()).toEqual(preview);
    const approved = await call(
      approver,
      'POST',
      `/api/caseload/transfers/${transfer.id}/approve`,
      {
        fingerprint: preview.fingerprint,
      },
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({
      status: 'done',
      decidedBy: expect.any(String),
      result: preview.lines,
      can: { approve: false, cancel: false },
    });

    // Exactly what the preview said moved; what lies outside stays with the source.
    expect(
      await count(
        'case_files',
        sql`id IN (${open.id}, ${closed.id}) AND referent_id = ${receiver.id}`,
      ),
    ).toBe(2);
    expect(await count('case_files', sql`id = ${outside.id} AND referent_id = ${leaving.id}`)).toBe(
      1,
    );
    expect(
      await count(
        'case_file_professionals',
        sql`case_file_id = ${assigned.id}
      AND professional_id = ${receiver.id}`,
      ),
    ).toBe(1);
    expect(await count('persons', sql`referent_id = ${leaving.id}`)).toBe(1);
    expect(await count('persons', sql`id = ${person} AND referent_id = ${receiver.id}`)).toBe(1);
    expect(await count('appointments', sql`professional_id = ${leaving.id}`)).toBe(1);
    expect(await count('appointments', sql`professional_id = ${receiver.id}`)).toBe(1);
    // Audited per record, naming the transfer (not a ticket); the decision audited too.
    const named = sql`details->>'transferId' = ${transfer.id} AND ticket_id IS NULL`;
    expect(await count('audit_log', sql`action = 'case_file.transfer' AND ${named}`)).toBe(3);
    expect(await count('audit_log', sql`action = 'person.transfer' AND ${named}`)).toBe(1);
    expect(await count('audit_log', sql`action = 'appointments.move' AND ${named}`)).toBe(1);
    expect(
      await count(
        'audit_log',
        sql`action = 'caseload_transfer.approve' AND record_id = ${transfer.id}
        AND actor_id = ${approver.id}`,
      ),
    ).toBe(1);
    // The receiver's one caseload email.
    expect(
      await count(
        'outbox_messages',
        sql`template = 'assignment'
        AND idempotency_key = ${`caseload:${transfer.id}:${receiver.id}`}`,
      ),
    ).toBe(1);
    // The source's note: their caseload handed over (counts only).
    expect(
      await count(
        'outbox_messages',
        sql`template = 'caseload_handed_over'
        AND idempotency_key = ${`caseload_handed_over:${transfer.id}`}`,
      ),
    ).toBe(1);
    // Done: a second approval is refused.
    const again = await call(approver, 'POST', `/api/caseload/transfers/${transfer.id}/approve`, {
      fingerprint: preview.fingerprint,
    });
    expect(again.statusCode).toBe(409);
  });

  it("refuses professionals outside the requester's teams, in words", async () => {
    const s = await setUp();
    const stranger = await createTestProfessional(s.db, s.entity, {
      roles: ['tech_ssb'],
      teams: [s.entity.teams.south],
    });
    const refused = await s.call(s.requester, 'POST', '/api/caseload/transfers/preview', {
      ...s.body,
      toProfessionalId: stranger.id,
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.details).toEqual([
      { field: 'toProfessionalId', message: 'Choose a professional of a team you coordinate.' },
    ]);
  });

  it('refuses an approver who would not see a case file; the requester cancels', async () => {
    const s = await setUp();
    const wide = await s.coordinator([s.entity.teams.north, s.entity.teams.south]);
    await createTestCaseFile(s.db, s.entity, { referentId: s.leaving.id });
    await s.southFile();
    const requested = await s.call(wide, 'POST', '/api/caseload/transfers', s.body);
    expect(requested.statusCode, requested.body).toBe(201);
    const { id } = requested.json() as CaseloadTransfer;
    // North's coordinator does not see the south case file it would move.
    const shown = await s.call(s.approver, 'GET', `/api/caseload/transfers/${id}/preview`);
    const refused = await s.call(s.approver, 'POST', `/api/caseload/transfers/${id}/approve`, {
      fingerprint: (shown.json() as CaseloadTransferPreview).fingerprint,
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toContain('You do not see 1 of the case files');
    const notTheirs = await s.call(s.approver, 'POST', `/api/caseload/transfers/${id}/cancel`);
    expect(notTheirs.statusCode).toBe(403);
    expect(await s.count('case_files', sql`referent_id = ${s.leaving.id}`)).toBe(2);

    const cancelled = await s.call(wide, 'POST', `/api/caseload/transfers/${id}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', can: { cancel: false } });
    expect(await s.count('audit_log', sql`action = 'caseload_transfer.cancel'`)).toBe(1);
    const late = await s.call(s.approver, 'GET', `/api/caseload/transfers/${id}/preview`);
    expect(late.statusCode).toBe(409);
    expect(late.json().error.message).toBe('This transfer was cancelled.');
  });

  it('expires after its time: read as expired, and no longer approved', async () => {
    const s = await setUp();
    await createTestCaseFile(s.db, s.entity, { referentId: s.leaving.id });
    const requested = await s.call(s.requester, 'POST', '/api/caseload/transfers', s.body);
    const { id } = requested.json() as CaseloadTransfer;
    const shown = await s.call(s.approver, 'GET', `/api/caseload/transfers/${id}/preview`);
    const { fingerprint } = shown.json() as CaseloadTransferPreview;
    s.clock.advance(73 * HOUR);
    const mine = await s.call(s.requester, 'GET', '/api/caseload/transfers');
    expect(mine.json().items).toMatchObject([{ id, status: 'expired', can: { approve: false } }]);
    // No longer among what the approver may act on.
    expect((await s.call(s.approver, 'GET', '/api/caseload/transfers')).json().items).toEqual([]);
    const refused = await s.call(s.approver, 'POST', `/api/caseload/transfers/${id}/approve`, {
      fingerprint,
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('expired');
    expect(await s.count('case_files', sql`referent_id = ${s.leaving.id}`)).toBe(1);
  });

  it('shows what changed since the request, and refuses the old fingerprint', async () => {
    const s = await setUp();
    await createTestCaseFile(s.db, s.entity, { referentId: s.leaving.id });
    const requested = await s.call(s.requester, 'POST', '/api/caseload/transfers', s.body);
    const transfer = requested.json() as CaseloadTransfer;
    const before = (
      await s.call(s.approver, 'GET', `/api/caseload/transfers/${transfer.id}/preview`)
    ).json() as CaseloadTransferPreview;
    const late = await createTestCaseFile(s.db, s.entity, { referentId: s.leaving.id });
    const now = (
      await s.call(s.approver, 'GET', `/api/caseload/transfers/${transfer.id}/preview`)
    ).json() as CaseloadTransferPreview;
    expect(transfer.requestedLines[0]).toMatchObject({ key: 'case_files_moved', count: 1 });
    expect(now.lines[0]).toMatchObject({ key: 'case_files_moved', count: 2 });
    expect(now.lines[0]!.items).toContain(late.number);
    expect(now.fingerprint).not.toBe(before.fingerprint);
    const refused = await s.call(
      s.approver,
      'POST',
      `/api/caseload/transfers/${transfer.id}/approve`,
      { fingerprint: before.fingerprint },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('changed since the preview');
    expect(await s.count('case_files', sql`referent_id = ${s.receiver.id}`)).toBe(0);
    const approved = await s.call(
      s.approver,
      'POST',
      `/api/caseload/transfers/${transfer.id}/approve`,
      { fingerprint: now.fingerprint },
    );
    expect(approved.statusCode, approved.body).toBe(200);
    expect(await s.count('case_files', sql`referent_id = ${s.receiver.id}`)).toBe(2);
  });
});

describe("a support agent as a coordinator's second approver", () => {
  /** The set-up's council, and an agent of a provider signed in across its wall. */
  async function withAgent() {
    const s = await setUp();
    const provider = await createTestEntity(s.db, { kind: 'provider' });
    const agent = await createTestProfessional(s.db, provider, { roles: ['support_agent'] });
    const asAgent = async (method: 'GET' | 'POST', url: string, payload?: object) => {
      const session = await login(s.app, provider.code, agent.username);
      return s.app.inject({
        method,
        url,
        ...(payload ? { payload } : {}),
        headers: session.headers('en'),
      });
    };
    const file = await createTestCaseFile(s.db, s.entity, { referentId: s.leaving.id });
    const requested = await s.call(s.requester, 'POST', '/api/caseload/transfers', s.body);
    expect(requested.statusCode, requested.body).toBe(201);
    const transfer = requested.json() as CaseloadTransfer;
    const base = `/api/support/entities/${s.entity.id}/caseload-transfers/${transfer.id}`;
    return { ...s, provider, agent, asAgent, file, transfer, base };
  }

  it('sees the pending transfer with counts only, approves it, and is named as its approver', async () => {
    const s = await withAgent();
    const { agent, asAgent, base, transfer, count } = s;
    const countsOnly = [
      { key: 'case_files_moved', count: 1, items: [] },
      { key: 'persons_moved', count: 0, items: [] },
      { key: 'appointments_moved', count: 0, items: [] },
    ];

    const listed = await asAgent('GET', '/api/support/caseload-transfers');
    expect(listed.statusCode, listed.body).toBe(200);
    const mine = (listed.json().items as CaseloadTransfer[]).filter((x) => x.id === transfer.id);
    expect(mine).toMatchObject([
      {
        status: 'pending',
        entity: { id: s.entity.id, code: s.entity.code },
        from: { id: s.leaving.id },
        to: { id: s.receiver.id },
        requestedBy: { id: s.requester.id },
        requestedLines: countsOnly,
        can: { approve: true, cancel: true },
      },
    ]);
    // Counts only: no case file number anywhere in what the agent reads.
    expect(listed.body).not.toContain(s.file.number);

    const shown = await asAgent('GET', `${base}/preview`);
    expect(shown.statusCode, shown.body).toBe(200);
    const preview = shown.json() as CaseloadTransferPreview;
    expect(preview.lines).toEqual(countsOnly);
    expect(shown.body).not.toContain(s.file.number);
    // The same plan as the coordinator's approver would run.
    const coordinators = (
      await s.call(s.approver, 'GET', `/api/caseload/transfers/${transfer.id}/preview`)
    ).json() as CaseloadTransferPreview;
    expect(preview.fingerprint).toBe(coordinators.fingerprint);

    const approved = await asAgent('POST', `${base}/approve`, {
      fingerprint: preview.fingerprint,
    });
    expect(approved.statusCode, approved.body).toBe(200);
    const agentName = `Test Professional ${agent.username}`;
    expect(approved.json()).toMatchObject({
      status: 'done',
      decidedBy: agentName,
      result: countsOnly,
    });
    expect(approved.body).not.toContain(s.file.number);
    expect(
      await count('case_files', sql`id = ${s.file.id} AND referent_id = ${s.receiver.id}`),
    ).toBe(1);
    // The decision names the agent (of the provider), never a professional of the council.
    expect(
      await count(
        'caseload_transfers',
        sql`id = ${transfer.id} AND decided_by IS NULL AND decided_by_agent_id = ${agent.id}
          AND decided_by_name = ${agentName}`,
      ),
    ).toBe(1);
    // The moved record's audit row and the approval: by the agent, from the provider's entity.
    const byAgent = sql`actor_id = ${agent.id} AND actor_entity_id = ${s.provider.id}`;
    expect(
      await count(
        'audit_log',
        sql`action = 'case_file.transfer' AND details->>'transferId' = ${transfer.id}
          AND ${byAgent}`,
      ),
    ).toBe(1);
    expect(await count('audit_log', sql`action = 'caseload_transfer.approve' AND ${byAgent}`)).toBe(
      1,
    );
    // The source is told who approved.
    expect(
      await count(
        'outbox_messages',
        sql`template = 'caseload_handed_over' AND data->>'approvedBy' = ${agentName}`,
      ),
    ).toBe(1);
    // The requester's list names the agent as who decided.
    const requesters = await s.call(s.requester, 'GET', '/api/caseload/transfers');
    expect(requesters.json().items).toMatchObject([
      { id: transfer.id, status: 'done', decidedBy: agentName },
    ]);
    // Done: neither listed for agents nor approved twice.
    const after = await asAgent('GET', '/api/support/caseload-transfers');
    expect((after.json().items as CaseloadTransfer[]).map((x) => x.id)).not.toContain(transfer.id);
    const again = await asAgent('POST', `${base}/approve`, { fingerprint: preview.fingerprint });
    expect(again.statusCode).toBe(409);
    // Every crossing of the wall is audited in the provider's entity, with its purpose.
    const [crossings] = await s.db.tenant(s.provider.id, (tx) =>
      rowsOf<{ purposes: string[] }>(
        tx,
        sql`SELECT array_agg(DISTINCT details->>'purpose' ORDER BY details->>'purpose') AS purposes
          FROM audit_log WHERE action = 'support.cross_entity_read' AND actor_id = ${agent.id}`,
      ),
    );
    expect(crossings!.purposes).toEqual([
      'caseload_transfer.approve',
      'caseload_transfer.list',
      'caseload_transfer.preview',
    ]);
  });

  it('cancels a pending transfer, and cannot act on an expired one', async () => {
    const s = await withAgent();
    const cancelled = await s.asAgent('POST', `${s.base}/cancel`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    expect(cancelled.json()).toMatchObject({
      status: 'cancelled',
      decidedBy: `Test Professional ${s.agent.username}`,
      can: { approve: false, cancel: false },
    });
    expect(await s.count('case_files', sql`referent_id = ${s.leaving.id}`)).toBe(1);
    expect(
      await s.count(
        'audit_log',
        sql`action = 'caseload_transfer.cancel' AND actor_id = ${s.agent.id}`,
      ),
    ).toBe(1);

    const second = await s.call(s.requester, 'POST', '/api/caseload/transfers', s.body);
    const { id } = second.json() as CaseloadTransfer;
    const base = `/api/support/entities/${s.entity.id}/caseload-transfers/${id}`;
    const { fingerprint } = (await s.asAgent('GET', `${base}/preview`)).json();
    s.clock.advance(73 * HOUR);
    const listed = await s.asAgent('GET', '/api/support/caseload-transfers');
    expect((listed.json().items as CaseloadTransfer[]).map((x) => x.id)).not.toContain(id);
    const refused = await s.asAgent('POST', `${base}/approve`, { fingerprint });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toContain('expired');
    // Another council's transfer under this entity's id is not found.
    const elsewhere = await createTestEntity(s.db);
    const wrong = await s.asAgent(
      'GET',
      `/api/support/entities/${elsewhere.id}/caseload-transfers/${id}/preview`,
    );
    expect(wrong.statusCode).toBe(404);
  });
});
