import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { OPERATIONS_AVAILABLE, type OperationRunResult, type Ticket } from '@caliu/common';
import { type Database, rowsOf } from '../../../db/connect';
import { createTestAppointment } from '../../../testing/agenda-factories';
import { login, type Session } from '../../../testing/app';
import { createTestCaseFile, createTestEntry } from '../../../testing/case-files-factories';
import { NEEDS_POSTGRES, onPostgres } from '../../../testing/database';
import { inLockOrder } from '../../../testing/lock-order';
import {
  createTestProfessional,
  type TestEntity,
  type TestProfessional,
} from '../../../testing/factories';
import { createTestPerson } from '../../../testing/persons-factories';
import { OPERATIONS } from './registry';
import { type OperationsFixture, operationsFixture } from './testing';

/**
 * The operations run from tickets (issue 20, decision 0010): the preview changes nothing and says
 * what would change; the run changes exactly that, once per ticket, refuses when the records
 * changed since the preview, and leaves the audit, the result on the ticket and the requester's
 * email — all in its one transaction. Invariants: no row lost or orphaned, counts before and
 * after as the preview said.
 */

let f: OperationsFixture;
let app: OperationsFixture['app'];
let db: Database;
let entity: TestEntity;
let provider: TestEntity;
let tech: TestProfessional;
let colleague: TestProfessional;
let coordinator: TestProfessional;
let agentSession: Session;
let techSession: Session;
let ticketOf: OperationsFixture['ticketOf'];
let post: OperationsFixture['post'];
let preview: OperationsFixture['preview'];
let count: OperationsFixture['count'];
let auditOf: OperationsFixture['auditOf'];

beforeAll(async () => {
  f = await operationsFixture();
  ({ app, db, entity, provider, tech, colleague, coordinator, agentSession, techSession } = f);
  ({ ticketOf, post, preview, count, auditOf } = f);
}, 120_000);

describe('deleting case files from a ticket', () => {
  it('refuses while a professional recorded something, with counts by kind; the run refuses too', async () => {
    const busy = await createTestCaseFile(db, entity, { referentId: tech.id });
    await createTestEntry(db, entity, busy.id, 'demand', {
      personId: busy.holderId,
      authorId: tech.id,
    });
    const base = await ticketOf('delete_case_files', {
      numbers: [busy.number, '2026/999999'],
      nothingAttached: true,
    });
    const shown = await preview(base);
    expect(shown.ready).toBe(false);
    expect(shown.blockers.map((b) => b.code).sort()).toEqual([
      'case_file_attached',
      'case_file_missing',
    ]);
    expect(shown.blockers.find((b) => b.code === 'case_file_attached')!.message).toBe(
      `Case file ${busy.number} cannot be deleted while something is attached to it: 1 demand. Remove or transfer it first.`,
    );
    const refused = await post(agentSession, `${base}/operation/run`, {
      fingerprint: shown.fingerprint,
    });
    expect(refused.statusCode).toBe(409);
    expect(await count('case_files', sql`id = ${busy.id}`)).toBe(1);
  });

  it('deletes them with their memberships, unlinks their appointments, audits each, resolves the ticket — once', async () => {
    const member = await createTestPerson(db, entity, { referentId: tech.id });
    const a = await createTestCaseFile(db, entity, {
      referentId: tech.id,
      members: [{ personId: member, role: 'household' }],
      closed: true,
    });
    const b = await createTestCaseFile(db, entity, { referentId: tech.id });
    // The automatic interventions of opening and closing do not block, and go with them.
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`INSERT INTO interventions (entity_id, case_file_id, event, occurred_on, author_id)
        VALUES (${entity.id}, ${a.id}, 'opened', current_date, ${tech.id}),
          (${entity.id}, ${a.id}, 'closed', current_date, ${tech.id})`),
    );
    const appointment = await createTestAppointment(db, entity, {
      professionalId: tech.id,
      personIds: [a.holderId],
      caseFileId: a.id,
      startsAt: '2027-01-10T09:00:00Z',
      endsAt: '2027-01-10T10:00:00Z',
    });
    const personsBefore = await count('persons', sql`TRUE`);
    const base = await ticketOf('delete_case_files', {
      numbers: [a.number, b.number],
      nothingAttached: true,
    });
    const shown = await preview(base);
    expect(shown).toMatchObject({
      kind: 'delete_case_files',
      ready: true,
      blockers: [],
      lines: [
        { key: 'case_files_deleted', count: 2, items: [a.number, b.number].sort() },
        { key: 'memberships_removed', count: 3, items: [] },
        { key: 'appointments_unlinked', count: 1, items: [] },
      ],
    });
    // The preview changed nothing.
    expect(await count('case_files', sql`id IN (${a.id}, ${b.id})`)).toBe(2);

    const ran = await post(agentSession, `${base}/operation/run`, {
      fingerprint: shown.fingerprint,
    });
    expect(ran.statusCode, ran.body).toBe(200);
    const result = ran.json() as OperationRunResult;
    expect(result.alreadyRun).toBe(false);
    expect(result.operation.lines).toEqual(shown.lines);
    expect(result.ticket).toMatchObject({
      status: 'resolved',
      operation: { kind: 'delete_case_files' },
    });
    expect(result.ticket.can.operate).toBe(false);
    expect(result.ticket.events.at(-1)).toMatchObject({ side: 'agent', status: 'resolved' });
    // Worded for the requester, who chose no language: the entity's (Catalan), not the agent's.
    expect(result.ticket.events.at(-1)!.body).toBe(
      `2 expedients eliminats: ${[a.number, b.number].sort().join(', ')}\n3 membres trets\n` +
        '1 cita ja no vinculada a un expedient eliminat',
    );

    // Exactly what the preview said: the case files and what hung from them, nothing else.
    expect(await count('case_files', sql`id IN (${a.id}, ${b.id})`)).toBe(0);
    expect(await count('case_file_members', sql`case_file_id IN (${a.id}, ${b.id})`)).toBe(0);
    expect(await count('interventions', sql`case_file_id IN (${a.id}, ${b.id})`)).toBe(0);
    expect(await count('appointments', sql`id = ${appointment} AND case_file_id IS NULL`)).toBe(1);
    expect(await count('persons', sql`TRUE`)).toBe(personsBefore);
    const audit = await auditOf(base, 'case_file.delete');
    expect(audit.map((r) => r.record_id).sort()).toEqual([a.id, b.id].sort());
    expect(audit.every((r) => r.actor_entity_id === provider.id)).toBe(true);
    expect(audit.reduce((n, r) => n + r.subjects, 0)).toBe(3);
    // The requester is told (the status email, in the outbox of the same transaction).
    expect(
      await count(
        'outbox_messages',
        sql`template = 'support_ticket_status' AND data::text LIKE ${`%${result.ticket.number}%`}`,
      ),
    ).toBe(1);

    // Once per ticket: a second run changes nothing and says so; the preview refuses.
    const again = await post(agentSession, `${base}/operation/run`, {
      fingerprint: shown.fingerprint,
    });
    expect(again.statusCode).toBe(200);
    expect((again.json() as OperationRunResult).alreadyRun).toBe(true);
    expect((await auditOf(base, 'case_file.delete')).length).toBe(2);
    expect((await post(agentSession, `${base}/operation/preview`)).statusCode).toBe(409);
    // The requester reads the result on their ticket.
    const ticketId = base.split('/').pop();
    const requester = await login(app, entity.code, coordinator.username);
    const own = await app.inject({
      method: 'GET',
      url: `/api/support/tickets/${ticketId}`,
      headers: requester.headers('en'),
    });
    expect((own.json() as Ticket).operation?.lines).toEqual(shown.lines);
  });

  it('refuses a SIAD case file whose appointments would show on the team’s agenda once unlinked', async () => {
    const siad = await createTestCaseFile(db, entity, { referentId: tech.id, scope: 'siad' });
    await createTestAppointment(db, entity, {
      professionalId: tech.id,
      personIds: [siad.holderId],
      caseFileId: siad.id,
      startsAt: '2027-03-01T09:00:00Z',
      endsAt: '2027-03-01T10:00:00Z',
    });
    const base = await ticketOf('delete_case_files', {
      numbers: [siad.number],
      nothingAttached: true,
    });
    const shown = await preview(base);
    expect(shown.blockers.map((b) => b.code)).toEqual(['siad_appointments']);
    expect(
      (await post(agentSession, `${base}/operation/run`, { fingerprint: shown.fingerprint }))
        .statusCode,
    ).toBe(409);
    expect(await count('case_files', sql`id = ${siad.id}`)).toBe(1);
  });

  it('refuses a run when the records changed since the preview, and nothing moves', async () => {
    const a = await createTestCaseFile(db, entity, { referentId: tech.id });
    const base = await ticketOf('delete_case_files', {
      numbers: [a.number],
      nothingAttached: true,
    });
    const shown = await preview(base);
    // A professional adds a member meanwhile: the plan is no longer the one the agent saw.
    const newcomer = await createTestPerson(db, entity);
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`INSERT INTO case_file_members (entity_id, case_file_id, person_id, role, added_on)
        VALUES (${entity.id}, ${a.id}, ${newcomer}, 'household', current_date)`),
    );
    const ran = await post(agentSession, `${base}/operation/run`, {
      fingerprint: shown.fingerprint,
    });
    expect(ran.statusCode).toBe(409);
    expect(ran.json().error.message).toBe(
      'The records changed since the preview. Preview again and check what would change now.',
    );
    expect(await count('case_files', sql`id = ${a.id}`)).toBe(1);
    expect(
      await count('support_operations', sql`TRUE AND ticket_id = ${base.split('/').pop()}`),
    ).toBe(0);
  });
});

describe('an operation racing professionals’ edits', () => {
  it.skipIf(!onPostgres())(
    `deletes a case file or keeps it with what was recorded meanwhile, in either order, never half of each (${NEEDS_POSTGRES})`,
    async () => {
      const types = await app.inject({
        method: 'GET',
        url: '/api/catalogues/demand',
        headers: techSession.headers('en'),
      });
      const demandType = (types.json().items as { id: string }[])[0]!.id;
      for (const first of ['deletion', 'entry', 'deletion', 'entry'] as const) {
        const file = await createTestCaseFile(db, entity, { referentId: tech.id });
        const base = await ticketOf('delete_case_files', {
          numbers: [file.number],
          nothingAttached: true,
        });
        const shown = await preview(base);
        const deletion = () =>
          post(agentSession, `${base}/operation/run`, { fingerprint: shown.fingerprint });
        const entry = () =>
          post(techSession, `/api/case-files/${file.id}/demands`, {
            typeId: demandType,
            personId: file.holderId,
            requestedOn: new Date().toISOString().slice(0, 10),
          });
        // Both queue behind a lock on the case file, in the order this round wants.
        const [a, b] = await inLockOrder(
          db,
          sql`SELECT id FROM case_files WHERE id = ${file.id}`,
          first === 'deletion' ? [deletion, entry] : [entry, deletion],
        );
        const [run, demand] = first === 'deletion' ? [a!, b!] : [b!, a!];
        const exists = await count('case_files', sql`id = ${file.id}`);
        const demands = await count('demands', sql`case_file_id = ${file.id}`);
        if (first === 'deletion') {
          // Deleted: the demand never landed (the case file was gone when it was written).
          expect(run.statusCode, run.body).toBe(200);
          expect(demand.statusCode, demand.body).toBe(404);
          expect([exists, demands]).toEqual([0, 0]);
        } else {
          // Refused: the demand landed first, and the case file is whole.
          expect(demand.statusCode, demand.body).toBe(201);
          expect(run.statusCode, run.body).toBe(409);
          expect([exists, demands]).toEqual([1, 1]);
        }
      }
    },
  );
});

describe('a mass transfer from a ticket', () => {
  it('refuses when the receiver would not see a case file (a SIAD one to a basic-services technician)', async () => {
    const from = await createTestProfessional(db, entity, {
      roles: ['tech_ssb', 'tech_siad'],
      teams: [entity.teams.north],
    });
    const siad = await createTestCaseFile(db, entity, { referentId: from.id, scope: 'siad' });
    await createTestCaseFile(db, entity, { referentId: from.id });
    const base = await ticketOf('mass_transfer', {
      fromProfessionalId: from.id,
      toProfessionalId: colleague.id,
      caseFiles: 'open_and_closed',
      persons: false,
      agenda: false,
    });
    const shown = await preview(base);
    expect(shown.ready).toBe(false);
    expect(shown.blockers.map((b) => b.code)).toEqual(['target_cannot_see']);
    // Counts only: which SIAD case files someone holds is said to nobody.
    expect(shown.blockers[0]!.message).toBe(
      `Test Professional ${colleague.username} would not see 1 of the case files they would ` +
        'receive: give them the role or the team first, or transfer those separately.',
    );
    expect(JSON.stringify(shown)).not.toContain(siad.number);
    const refused = await post(agentSession, `${base}/operation/run`, {
      fingerprint: shown.fingerprint,
    });
    expect(refused.statusCode).toBe(409);
    expect(await count('case_files', sql`referent_id = ${from.id}`)).toBe(2);
  });

  it('moves every case file, open and closed, and the person records when asked, audited one row each', async () => {
    const from = await createTestProfessional(db, entity, {
      roles: ['tech_ssb', 'tech_siad'],
      teams: [entity.teams.north],
    });
    const files = [
      await createTestCaseFile(db, entity, { referentId: from.id }),
      await createTestCaseFile(db, entity, { referentId: from.id, closed: true }),
      await createTestCaseFile(db, entity, { referentId: from.id, scope: 'siad' }),
    ];
    // Assigned to a colleague's case file: the receiver takes the source's place there.
    const assignedFile = await createTestCaseFile(db, entity, {
      referentId: colleague.id,
      assignedIds: [from.id],
    });
    const persons = [
      await createTestPerson(db, entity, { referentId: from.id }),
      await createTestPerson(db, entity, {
        referentId: from.id,
        status: 'deceased',
        deceasedOn: '2025-01-01',
      }),
    ];
    const base = await ticketOf('mass_transfer', {
      fromProfessionalId: from.id,
      toProfessionalId: tech.id,
      caseFiles: 'open_and_closed',
      persons: true,
      agenda: false,
    });
    const shown = await preview(base);
    expect(shown.blockers).toEqual([]);
    expect(shown.lines.map((l) => [l.key, l.count])).toEqual([
      ['case_files_moved', 3],
      ['assignments_moved', 1],
      ['persons_moved', 2],
    ]);
    const ran = await post(agentSession, `${base}/operation/run`, {
      fingerprint: shown.fingerprint,
    });
    expect(ran.statusCode, ran.body).toBe(200);
    expect(await count('case_files', sql`referent_id = ${from.id}`)).toBe(0);
    expect(
      await count(
        'case_files',
        sql`referent_id = ${tech.id} AND id IN (${files[0]!.id}, ${files[1]!.id}, ${files[2]!.id})`,
      ),
    ).toBe(3);
    expect(
      await count(
        'persons',
        sql`referent_id = ${tech.id} AND id IN (${persons[0]!}, ${persons[1]!})`,
      ),
    ).toBe(2);
    expect(
      await count(
        'case_file_professionals',
        sql`case_file_id = ${assignedFile.id} AND professional_id IN (${from.id}, ${tech.id})`,
      ),
    ).toBe(1);
    expect(
      await count(
        'case_file_professionals',
        sql`case_file_id = ${assignedFile.id} AND professional_id = ${tech.id}`,
      ),
    ).toBe(1);
    expect(
      await count('case_files', sql`id = ${assignedFile.id} AND referent_id = ${colleague.id}`),
    ).toBe(1);
    // One audit row per record moved, tagged with the persons concerned.
    const moved = await auditOf(base, 'case_file.transfer');
    expect(moved.map((r) => r.record_id).sort()).toEqual(
      [...files.map((f) => f.id), assignedFile.id].sort(),
    );
    expect(moved.every((r) => r.subjects >= 1)).toBe(true);
    const personsMoved = await auditOf(base, 'person.transfer');
    expect(personsMoved.map((r) => r.record_id).sort()).toEqual([...persons].sort());
    // The receiver is told once, with counts only (4 case files as referent or assigned, 2 person
    // records), never a number or a name.
    const told = await db.tenant(entity.id, (tx) =>
      rowsOf<{ data: Record<string, unknown> }>(
        tx,
        sql`SELECT data FROM outbox_messages WHERE entity_id = ${entity.id}
          AND template = 'assignment' AND idempotency_key = ${`caseload:${base.split('/').pop()}:${tech.id}`}`,
      ),
    );
    expect(told.map((m) => [m.data.recordType, m.data.caseFiles, m.data.persons])).toEqual([
      ['caseload', 4, 2],
    ]);
    expect(JSON.stringify(told)).not.toContain(files[0]!.number);
    // The technician who received them sees them.
    const list = await app.inject({
      method: 'GET',
      url: `/api/case-files/${files[2]!.id}`,
      headers: techSession.headers('en'),
    });
    expect(list.statusCode).toBe(200);
  });

  it('moves the open case files only when asked, and the upcoming appointments with the ticket named', async () => {
    const from = await createTestProfessional(db, entity, {
      roles: ['tech_ssb'],
      teams: [entity.teams.north],
    });
    const open = await createTestCaseFile(db, entity, { referentId: from.id });
    const closed = await createTestCaseFile(db, entity, { referentId: from.id, closed: true });
    const future = await createTestAppointment(db, entity, {
      professionalId: from.id,
      personIds: [open.holderId],
      caseFileId: open.id,
      startsAt: '2030-05-06T09:00:00Z',
      endsAt: '2030-05-06T10:00:00Z',
    });
    const past = await createTestAppointment(db, entity, {
      professionalId: from.id,
      personIds: [open.holderId],
      startsAt: '2020-05-06T09:00:00Z',
      endsAt: '2020-05-06T10:00:00Z',
    });
    const base = await ticketOf('mass_transfer', {
      fromProfessionalId: from.id,
      toProfessionalId: colleague.id,
      caseFiles: 'open_only',
      persons: false,
      agenda: true,
    });
    const shown = await preview(base);
    expect(shown.lines).toEqual([
      { key: 'case_files_moved', count: 1, items: [open.number] },
      { key: 'appointments_moved', count: 1, items: [] },
    ]);
    const ran = await post(agentSession, `${base}/operation/run`, {
      fingerprint: shown.fingerprint,
    });
    expect(ran.statusCode, ran.body).toBe(200);
    expect((ran.json() as OperationRunResult).operation.lines).toEqual(shown.lines);
    expect(await count('case_files', sql`id = ${open.id} AND referent_id = ${colleague.id}`)).toBe(
      1,
    );
    expect(await count('case_files', sql`id = ${closed.id} AND referent_id = ${from.id}`)).toBe(1);
    expect(
      await count('appointments', sql`id = ${future} AND professional_id = ${colleague.id}`),
    ).toBe(1);
    expect(await count('appointments', sql`id = ${past} AND professional_id = ${from.id}`)).toBe(1);
    // Every audit row of the run names the ticket, the agenda's too.
    const moved = await db.tenant(entity.id, (tx) =>
      rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM audit_log WHERE entity_id = ${entity.id}
          AND action = 'appointments.move' AND ticket_id = ${base.split('/').pop()}`,
      ),
    );
    expect(moved[0]!.n).toBe(1);
  });

  it('is only for the agents, and only for the kinds that carry an operation', async () => {
    const base = await ticketOf('other', { text: 'How do I change my signature?' });
    const none = await post(agentSession, `${base}/operation/preview`);
    expect(none.statusCode).toBe(409);
    expect(none.json().error.message).toBe(
      "This ticket's kind has no operation to run: answer it in words.",
    );
    expect((await post(techSession, `${base}/operation/preview`)).statusCode).toBe(403);
    // The console offers a preview for the kinds the server runs, and only those.
    expect(Object.keys(OPERATIONS).sort()).toEqual([...OPERATIONS_AVAILABLE].sort());
  });
});
