import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { CaseFile, OperationRunResult } from '@caliu/common';
import { rowsOf } from '../../../db/connect';
import { createTestAppointment } from '../../../testing/agenda-factories';
import { createTestAttachment } from '../../../testing/attachments-factories';
import { createTestCaseFile, createTestEntry } from '../../../testing/case-files-factories';
import { login } from '../../../testing/app';
import { NEEDS_POSTGRES, onPostgres } from '../../../testing/database';
import { inLockOrder } from '../../../testing/lock-order';
import { createTestPerson } from '../../../testing/persons-factories';
import { type OperationsFixture, operationsFixture } from './testing';

/**
 * Merging two case files from a ticket (issue 20, decision 0010): within one scope and one
 * municipality only; the other's members (combined with the survivor's), assigned professionals,
 * content, documents and appointments move to the survivor, nothing lost or orphaned; the other
 * stays as a closed tombstone whose number resolves to the survivor and that nothing changes.
 */

let f: OperationsFixture;

beforeAll(async () => {
  f = await operationsFixture();
}, 120_000);

/** The tables a case file's rows live in, with the column naming it. */
const LINKED = [
  ['case_file_members', 'case_file_id'],
  ['case_file_professionals', 'case_file_id'],
  ['interventions', 'case_file_id'],
  ['demands', 'case_file_id'],
  ['problems', 'case_file_id'],
  ['resources', 'case_file_id'],
  ['procedures', 'case_file_id'],
  ['intervention_plans', 'case_file_id'],
  ['attachments', 'case_file_id'],
  ['appointments', 'case_file_id'],
] as const;

/** Rows of each linked table naming one of `ids`, by table. */
async function linkedCounts(ids: string[]) {
  const counts: Record<string, number> = {};
  for (const [table, column] of LINKED) {
    counts[table] = await f.count(
      table,
      sql`${sql.identifier(column)} = ANY(${`{${ids}}`}::uuid[])`,
    );
  }
  return counts;
}

/** A pair of case files of the north team: the survivor and the other, with a shared member. */
async function generatedPair() {
  const { db, entity, tech, colleague } = f;
  const shared = await createTestPerson(db, entity);
  const child = await createTestPerson(db, entity);
  const survivor = await createTestCaseFile(db, entity, {
    referentId: colleague.id,
    members: [{ personId: shared, role: 'partner' }],
  });
  const other = await createTestCaseFile(db, entity, {
    referentId: tech.id,
    members: [
      { personId: shared, role: 'household' },
      { personId: child, role: 'child' },
    ],
  });
  for (const kind of ['demand', 'problem', 'resource', 'procedure', 'plan'] as const) {
    await createTestEntry(db, entity, other.id, kind, {
      personId: other.holderId,
      authorId: tech.id,
    });
  }
  await createTestEntry(db, entity, survivor.id, 'demand', {
    personId: survivor.holderId,
    authorId: colleague.id,
  });
  await createTestAttachment(db, entity, {
    owner: { type: 'case_file', caseFileId: other.id },
    uploadedBy: tech.id,
  });
  await createTestAppointment(db, entity, {
    professionalId: tech.id,
    personIds: [other.holderId],
    caseFileId: other.id,
    startsAt: '2027-03-01T09:00:00Z',
    endsAt: '2027-03-01T10:00:00Z',
  });
  return { survivor, other, shared, child };
}

const mergeTicket = (survivor: { number: string }, other: { number: string }) =>
  f.ticketOf('merge_case_files', {
    numbers: [other.number, survivor.number],
    survivorNumber: survivor.number,
  });

const caseFileAs = async (id: string) => {
  const r = await f.app.inject({
    method: 'GET',
    url: `/api/case-files/${id}`,
    headers: f.techSession.headers('en'),
  });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as CaseFile;
};

describe('merging case files from a ticket', () => {
  it('moves everything of the other to the survivor, combining members, and leaves a tombstone', async () => {
    const { survivor, other, shared, child } = await generatedPair();
    const ids = [survivor.id, other.id];
    const before = await linkedCounts(ids);
    const everywhere = await linkedCounts(
      (
        await f.db.tenant(f.entity.id, (tx) =>
          rowsOf<{ id: string }>(
            tx,
            sql`SELECT id FROM case_files WHERE entity_id = ${f.entity.id}`,
          ),
        )
      ).map((r) => r.id),
    );
    const base = await mergeTicket(survivor, other);
    const shown = await f.preview(base);
    expect(shown.blockers).toEqual([]);
    expect(shown.lines).toEqual([
      { key: 'case_file_merged', count: 1, items: [`${other.number} → ${survivor.number}`] },
      { key: 'members_moved', count: 2, items: [] },
      { key: 'members_combined', count: 1, items: [] },
      { key: 'assignments_added', count: 1, items: [] },
      // Five entries (demand, problem, resource, procedure, plan) and a document.
      { key: 'records_moved', count: 6, items: [] },
      { key: 'appointments_relinked', count: 1, items: [] },
    ]);

    const ran = await f.run(base, { fingerprint: shown.fingerprint });
    expect(ran.statusCode, ran.body).toBe(200);
    const result = ran.json() as OperationRunResult;
    expect(result.alreadyRun).toBe(false);
    expect(result.ticket.status).toBe('resolved');

    // Nothing lost: every row is still there, now on the survivor; one shared membership went.
    const after = await linkedCounts([survivor.id]);
    expect(after).toEqual({
      ...before,
      case_file_members: before.case_file_members! - 1,
      // The other's referent joins the survivor's assigned (it had none).
      case_file_professionals: 1,
    });
    expect(await linkedCounts([other.id])).toEqual(
      Object.fromEntries(LINKED.map(([table]) => [table, 0])),
    );
    // Nothing orphaned or duplicated elsewhere in the entity.
    const everywhereAfter = await linkedCounts(
      (
        await f.db.tenant(f.entity.id, (tx) =>
          rowsOf<{ id: string }>(
            tx,
            sql`SELECT id FROM case_files WHERE entity_id = ${f.entity.id}`,
          ),
        )
      ).map((r) => r.id),
    );
    expect(everywhereAfter).toEqual({
      ...everywhere,
      case_file_members: everywhere.case_file_members! - 1,
      case_file_professionals: everywhere.case_file_professionals! + 1,
    });

    // The survivor: one holder (the other's holder now a household member), the shared person
    // once, with the survivor's role.
    const kept = await caseFileAs(survivor.id);
    const roles = Object.fromEntries(kept.members.map((m) => [m.person.id, m.role]));
    expect(roles).toEqual({
      [survivor.holderId]: 'holder',
      [shared]: 'partner',
      [other.holderId]: 'household',
      [child]: 'child',
    });
    expect(kept.assigned.map((p) => p.id)).toEqual([f.tech.id]);

    // The tombstone: closed with no reason, pointing at the survivor; nothing changes it.
    const tomb = await caseFileAs(other.id);
    expect(tomb.state).toBe('closed');
    expect(tomb.closingReason).toBeNull();
    expect(tomb.mergedInto).toEqual({ id: survivor.id, number: survivor.number });
    expect(tomb.can.edit).toBe(false);
    const reopen = await f.post(f.techSession, `/api/case-files/${other.id}/reopen`, {
      reason: 'Reopen it',
    });
    expect(reopen.statusCode).toBe(409);
    expect(reopen.json().error.message).toBe(
      'This case file was merged into another: it can no longer change. Work in the case file it was merged into.',
    );

    // Nor is anything booked on it: the appointment would be linked to a case file nobody works.
    const booking = await f.post(f.techSession, '/api/appointments', {
      professionalId: f.tech.id,
      personIds: [other.holderId],
      caseFileId: other.id,
      startsAt: '2027-04-05T10:00',
      endsAt: '2027-04-05T11:00',
      place: 'office',
    });
    expect(booking.statusCode, booking.body).toBe(400);
    expect(booking.json().error.code).toBe('agenda.case_file_unknown');
    // It is not deleted either: its number leads to the survivor.
    const deletion = await f.preview(
      await f.ticketOf('delete_case_files', { numbers: [other.number], nothingAttached: true }),
    );
    expect(deletion.blockers.map((b) => b.message)).toEqual([
      `Case file ${other.number} was merged into another: its number leads there, so it is not deleted.`,
    ]);

    // Audited on both, with the ticket, tagged with every member.
    const audit = await f.auditOf(base, 'case_file.merge');
    expect(audit.map((a) => a.record_id).sort()).toEqual(ids.sort());
    expect(audit.every((a) => a.subjects === 4)).toBe(true);

    // Once per ticket.
    const again = await f.run(base, { fingerprint: shown.fingerprint });
    expect(again.statusCode).toBe(200);
    expect((again.json() as OperationRunResult).alreadyRun).toBe(true);
    expect(await f.auditOf(base, 'case_file.merge')).toHaveLength(2);
  });

  it('refuses across scopes and municipalities, into a closed case file, or from a tombstone — saying why', async () => {
    const { db, entity, tech } = f;
    const ssb = await createTestCaseFile(db, entity, { referentId: tech.id });
    const siad = await createTestCaseFile(db, entity, { referentId: tech.id, scope: 'siad' });
    const elsewhere = await createTestCaseFile(db, entity, {
      referentId: tech.id,
      municipalityId: entity.municipalities.north2,
    });
    const closed = await createTestCaseFile(db, entity, { referentId: tech.id, closed: true });

    const scopes = await f.preview(await mergeTicket(ssb, siad));
    expect(scopes.ready).toBe(false);
    expect(scopes.blockers.map((b) => b.message)).toEqual([
      `Case file ${ssb.number} belongs to basic social services (SSB) and ${siad.number} to ` +
        "women's information and care service (SIAD): a case file merges only with one of its " +
        "own service (a SIAD case file never merges into another service's).",
    ]);
    const places = await f.preview(await mergeTicket(ssb, elsewhere));
    expect(places.blockers.map((b) => b.code)).toEqual(['merge_municipalities_differ']);
    const intoClosed = await f.preview(await mergeTicket(closed, ssb));
    expect(intoClosed.blockers.map((b) => b.code)).toEqual(['merge_into_closed']);

    // A refused run changes nothing and audits no change.
    const base = await mergeTicket(ssb, siad);
    const shown = await f.preview(base);
    const refused = await f.run(base, { fingerprint: shown.fingerprint });
    expect(refused.statusCode).toBe(409);
    expect(await f.auditOf(base, 'case_file.merge')).toEqual([]);
    expect((await caseFileAs(siad.id)).state).toBe('open');

    // A closed case file merges into an open one; then, as a tombstone, into nothing else.
    const first = await mergeTicket(ssb, closed);
    const ok = await f.run(first, { fingerprint: (await f.preview(first)).fingerprint });
    expect(ok.statusCode, ok.body).toBe(200);
    const tomb = await caseFileAs(closed.id);
    expect(tomb.mergedInto?.number).toBe(ssb.number);
    const again = await f.preview(await mergeTicket(elsewhere, closed));
    expect(again.blockers.map((b) => b.code)).toContain('case_file_merged');
  });

  it('refuses one number typed two ways: one case file, nothing to merge', async () => {
    const { db, entity, tech } = f;
    const file = await createTestCaseFile(db, entity, { referentId: tech.id });
    const [year, seq] = file.number.split('/');
    const asked = await f.post(f.techSession, '/api/support/tickets', {
      kind: 'merge_case_files',
      fields: { numbers: [file.number, `${year}/${Number(seq)}`], survivorNumber: file.number },
    });
    expect(asked.statusCode, asked.body).toBe(400);
    expect(asked.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'fields.numbers.1',
    ]);
  });

  it('names the survivor on the tombstone only to who sees the survivor', async () => {
    const { db, entity, tech, colleague, coordinator } = f;
    // The survivor belongs to the south team; the north team's coordinator sees the case file
    // merged into it, not the survivor.
    const survivor = await createTestCaseFile(db, entity, {
      referentId: colleague.id,
      teamId: entity.teams.south,
    });
    const other = await createTestCaseFile(db, entity, { referentId: tech.id });
    const base = await mergeTicket(survivor, other);
    const ran = await f.run(base, { fingerprint: (await f.preview(base)).fingerprint });
    expect(ran.statusCode, ran.body).toBe(200);
    const session = await login(f.app, entity.code, coordinator.username);
    const read = (id: string) =>
      f.app.inject({ method: 'GET', url: `/api/case-files/${id}`, headers: session.headers('en') });
    expect((await read(survivor.id)).statusCode).toBe(404);
    const tomb = await read(other.id);
    expect(tomb.statusCode, tomb.body).toBe(200);
    expect((tomb.json() as CaseFile).mergedInto).toEqual({ id: null, number: null });
    expect(tomb.body).not.toContain(survivor.number);
    // Its referent, now assigned to the survivor, is told where it went.
    expect((await caseFileAs(other.id)).mergedInto).toEqual({
      id: survivor.id,
      number: survivor.number,
    });
  });

  it('refuses a run whose records changed since the preview, changing nothing', async () => {
    const { survivor, other } = await generatedPair();
    const base = await mergeTicket(survivor, other);
    const shown = await f.preview(base);
    await createTestEntry(f.db, f.entity, other.id, 'demand', {
      personId: other.holderId,
      authorId: f.tech.id,
    });
    const before = await linkedCounts([survivor.id, other.id]);
    const refused = await f.run(base, { fingerprint: shown.fingerprint });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toBe(
      'The records changed since the preview. Preview again and check what would change now.',
    );
    expect(await linkedCounts([survivor.id, other.id])).toEqual(before);
    expect((await caseFileAs(other.id)).mergedInto).toBeNull();
    expect(await f.auditOf(base, 'case_file.merge')).toEqual([]);
  });
});

describe('a merge racing a professional recording on the other case file', () => {
  it.skipIf(!onPostgres())(
    `ends merged with the entry refused, or with the entry recorded and the merge refused, in either order — never an entry on the tombstone (${NEEDS_POSTGRES})`,
    async () => {
      const types = await f.app.inject({
        method: 'GET',
        url: '/api/catalogues/demand',
        headers: f.techSession.headers('en'),
      });
      const demandType = (types.json().items as { id: string }[])[0]!.id;
      for (const first of ['merge', 'entry', 'merge', 'entry'] as const) {
        const survivor = await createTestCaseFile(f.db, f.entity, { referentId: f.tech.id });
        const other = await createTestCaseFile(f.db, f.entity, { referentId: f.tech.id });
        const base = await mergeTicket(survivor, other);
        const shown = await f.preview(base);
        const merge = () => f.run(base, { fingerprint: shown.fingerprint });
        const entry = () =>
          f.post(f.techSession, `/api/case-files/${other.id}/demands`, {
            typeId: demandType,
            personId: other.holderId,
            requestedOn: new Date().toISOString().slice(0, 10),
          });
        // Both queue behind a lock on the other case file, in the order this round wants.
        const [a, b] = await inLockOrder(
          f.db,
          sql`SELECT id FROM case_files WHERE id = ${other.id}`,
          first === 'merge' ? [merge, entry] : [entry, merge],
        );
        const [run, demand] = first === 'merge' ? [a!, b!] : [b!, a!];
        const onOther = await f.count('demands', sql`case_file_id = ${other.id}`);
        if (first === 'merge') {
          // Merged first: the professional is told the case file is closed; nothing lands on the
          // tombstone.
          expect(run.statusCode, run.body).toBe(200);
          expect(demand.statusCode, demand.body).toBe(409);
          expect(onOther).toBe(0);
          expect((await caseFileAs(other.id)).mergedInto?.id).toBe(survivor.id);
        } else {
          // Recorded first: the plan the agent saw changed, and nothing merged.
          expect(demand.statusCode, demand.body).toBe(201);
          expect(run.statusCode, run.body).toBe(409);
          expect(run.json().error.code).toBe('support.operations.changed');
          expect(onOther).toBe(1);
          expect((await caseFileAs(other.id)).mergedInto).toBeNull();
        }
      }
    },
  );
});
