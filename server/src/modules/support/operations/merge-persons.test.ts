import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { OperationRunResult, Person } from '@caliu/common';
import { type Database, rowsOf } from '../../../db/connect';
import { PERSON_REFERENCES } from '../../../commands/person-references';
import { createTestAppointment } from '../../../testing/agenda-factories';
import { login, type Session } from '../../../testing/app';
import { createTestAttachment } from '../../../testing/attachments-factories';
import { createTestCaseFile, createTestEntry } from '../../../testing/case-files-factories';
import { NEEDS_POSTGRES, onPostgres } from '../../../testing/database';
import {
  createTestProfessional,
  type TestEntity,
  type TestProfessional,
} from '../../../testing/factories';
import { referenceCounts } from '../../../testing/person-references';
import { createTestPerson, type TestPersonInput } from '../../../testing/persons-factories';
import { type OperationsFixture, operationsFixture } from './testing';

/**
 * Merging person records from a ticket (issue 20, decision 0010 §4), on a generated population:
 * every reference of the merged record ends on the survivor (none lost, none left behind, the
 * memberships of a case file both were in combined), the fields the agent chose come from the
 * other record, the tombstone resolves to the survivor and no search or duplicate list finds it,
 * and the audit row exists exactly when the change committed.
 */

let f: OperationsFixture;
let db: Database;
let entity: TestEntity;
let tech: TestProfessional;
let techSession: Session;
let coordinatorSession: Session;

beforeAll(async () => {
  f = await operationsFixture();
  ({ db, entity, tech, techSession } = f);
  coordinatorSession = await login(f.app, entity.code, f.coordinator.username);
}, 120_000);

const document = () => `${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}Z`;

/** Two records of one human (same name and birth date), each with documents and contact. */
async function twoRecords(survivor: TestPersonInput = {}, other: TestPersonInput = {}) {
  const surname = `Soler${randomUUID().slice(0, 6).replace(/\d/g, 'x')}`;
  const common = { givenName: 'Marta', firstSurname: surname, birthDate: '1980-05-06' };
  const s = await createTestPerson(db, entity, {
    ...common,
    documentType: 'dni',
    documentNumber: document(),
    email: 'marta@one.test',
    ...survivor,
  });
  const o = await createTestPerson(db, entity, {
    ...common,
    secondSurname: 'Vidal',
    documentType: 'dni',
    documentNumber: document(),
    email: 'marta@two.test',
    mobilePhone: '600111222',
    consentSms: true,
    referentId: tech.id,
    ...other,
  });
  return { s, o, surname };
}

const mergeTicket = (s: string, o: string) =>
  f.ticketOf('merge_persons', { personIds: [o, s], survivorId: s, reason: 'has_document' });

const personRow = (id: string) =>
  db
    .tenant(entity.id, (tx) =>
      rowsOf<Record<string, unknown>>(
        tx,
        sql`SELECT * FROM persons WHERE entity_id = ${entity.id} AND id = ${id}`,
      ),
    )
    .then((rows) => rows[0]!);

const roleOf = (caseFileId: string, personId: string) =>
  db
    .tenant(entity.id, (tx) =>
      rowsOf<{ role: string }>(
        tx,
        sql`SELECT role FROM case_file_members WHERE entity_id = ${entity.id}
          AND case_file_id = ${caseFileId} AND person_id = ${personId}`,
      ),
    )
    .then((rows) => rows[0]?.role ?? null);

const get = (s: Session, url: string) =>
  f.app.inject({ method: 'GET', url, headers: s.headers('en') });

/** The ids a person search finds. */
async function found(q: string) {
  const r = await get(techSession, `/api/persons?q=${encodeURIComponent(q)}`);
  expect(r.statusCode, r.body).toBe(200);
  return (r.json().items as { id: string }[]).map((p) => p.id);
}

/** The ids of the coordinator's candidate duplicate pairs. */
async function duplicatePairs() {
  const r = await get(coordinatorSession, '/api/persons/duplicates?limit=50');
  expect(r.statusCode, r.body).toBe(200);
  return JSON.stringify(r.json());
}

describe('merging person records from a ticket', () => {
  it('moves every reference to the survivor, takes the chosen fields, leaves a tombstone — once', async () => {
    const { s, o, surname } = await twoRecords();
    const other = await personRow(o);
    const x = await createTestPerson(db, entity);
    // Shared and separate case files (one SIAD), content, attachments, appointments, a dismissal.
    const both = await createTestCaseFile(db, entity, {
      referentId: tech.id,
      holderId: o,
      members: [{ personId: s, role: 'household' }],
    });
    const own = await createTestCaseFile(db, entity, {
      referentId: tech.id,
      holderId: o,
      interviewBy: tech.id,
    });
    const survivors = await createTestCaseFile(db, entity, { referentId: tech.id, holderId: s });
    const siad = await createTestCaseFile(db, entity, {
      scope: 'siad',
      referentId: tech.id,
      holderId: o,
    });
    const third = await createTestCaseFile(db, entity, {
      referentId: tech.id,
      holderId: x,
      members: [
        { personId: o, role: 'child' },
        { personId: s, role: 'other' },
      ],
    });
    const by = { authorId: tech.id };
    await createTestEntry(db, entity, own.id, 'demand', { personId: o, ...by });
    await createTestEntry(db, entity, both.id, 'problem', { personId: o, ...by });
    await createTestEntry(db, entity, survivors.id, 'resource', { personId: s, ...by });
    await createTestEntry(db, entity, siad.id, 'procedure', { personId: o, ...by });
    await createTestAttachment(db, entity, {
      owner: { type: 'person', personId: o },
      uploadedBy: tech.id,
    });
    await createTestAttachment(db, entity, {
      owner: { type: 'person', personId: s },
      uploadedBy: tech.id,
    });
    const at = (day: number) => ({
      professionalId: tech.id,
      startsAt: `2027-03-${day}T09:00:00Z`,
      endsAt: `2027-03-${day}T10:00:00Z`,
    });
    await createTestAppointment(db, entity, { ...at(10), personIds: [o, s] });
    await createTestAppointment(db, entity, { ...at(11), personIds: [o] });
    await createTestAppointment(db, entity, { ...at(12), personIds: [x] });
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`INSERT INTO person_duplicate_dismissals
          (entity_id, person_low, person_high, dismissed_by)
        VALUES (${entity.id}, least(${o}::uuid, ${x}::uuid), greatest(${o}::uuid, ${x}::uuid),
          ${tech.id})`),
    );
    expect((await found(surname)).sort()).toEqual([s, o].sort());
    expect(await duplicatePairs()).toContain(o);

    const base = await mergeTicket(s, o);
    const shown = await f.preview(base);
    expect(shown.blockers).toEqual([]);
    const name = (id: string) => (id === o ? `Marta ${surname} Vidal` : `Marta ${surname}`);
    expect(shown.lines).toEqual([
      { key: 'person_merged', count: 1, items: [`${name(o)} → ${name(s)}`] },
      { key: 'merge_memberships_moved', count: 2, items: [] },
      { key: 'merge_memberships_combined', count: 2, items: [] },
      { key: 'merge_content_moved', count: 4, items: [] },
      { key: 'merge_attachments_moved', count: 1, items: [] },
      { key: 'merge_appointments_moved', count: 2, items: [] },
      { key: 'merge_fields_filled', count: 2, items: [] },
    ]);
    // The documents masked, as everywhere on the desk (the agent sees the last four characters).
    const masked = (n: unknown) => `DNI ****${(n as string).slice(-4)}`;
    expect(shown.conflicts).toEqual([
      {
        field: 'document',
        survivor: masked((await personRow(s)).document_number),
        other: masked(other.document_number),
      },
      { field: 'email', survivor: 'marta@one.test', other: 'marta@two.test' },
    ]);
    expect(JSON.stringify(shown)).not.toContain(other.document_number as string);
    // Names, counts: no case file number (SIAD or not), no content.
    expect(JSON.stringify(shown)).not.toContain(siad.number);
    expect(JSON.stringify(shown)).not.toContain(own.number);

    // Something recorded on the other record after the preview: the run is refused, nothing moves.
    await createTestEntry(db, entity, own.id, 'demand', { personId: o, ...by });
    const before = {
      s: await referenceCounts(db, entity.id, s),
      o: await referenceCounts(db, entity.id, o),
    };
    const refused = await f.run(base, { fingerprint: shown.fingerprint, takeFromOther: ['email'] });
    expect(refused.statusCode, refused.body).toBe(409);
    expect(await f.auditOf(base, 'person.merge')).toEqual([]);
    expect((await personRow(o)).merged_into_id).toBeNull();
    expect(await referenceCounts(db, entity.id, o)).toEqual(before.o);

    const again = await f.preview(base);
    expect(again.lines.find((l) => l.key === 'merge_content_moved')?.count).toBe(5);
    const ran = await f.run(base, { fingerprint: again.fingerprint, takeFromOther: ['email'] });
    expect(ran.statusCode, ran.body).toBe(200);
    const result = ran.json() as OperationRunResult;
    expect(result.alreadyRun).toBe(false);
    expect(result.operation.lines.map((l) => [l.key, l.count])).toContainEqual([
      'merge_fields_taken',
      3,
    ]);
    // What is stored and emailed to the requester names nobody (the preview named both).
    expect(result.operation.lines[0]).toEqual({ key: 'person_merged', count: 1, items: [] });
    expect(JSON.stringify(result.operation)).not.toContain(surname);
    expect(result.ticket.events.map((e) => e.body ?? '').join('\n')).not.toContain(surname);

    // No row lost or left behind: what named the other now names the survivor.
    const combined: Record<string, number> = {
      'case_file_members.person_id': 2,
      'appointment_persons.person_id': 1,
    };
    const after = {
      s: await referenceCounts(db, entity.id, s),
      o: await referenceCounts(db, entity.id, o),
    };
    for (const { table, column, fate } of PERSON_REFERENCES) {
      const key = `${table}.${column}`;
      if (fate === 'stays') {
        expect(after.o[key], key).toBeGreaterThanOrEqual(before.o[key]!);
        continue;
      }
      expect(after.o[key], key).toBe(0);
      if (fate === 'deleted' || table === 'person_duplicate_dismissals') continue;
      const tombstones = key === 'persons.merged_into_id' ? 1 : 0;
      expect(after.s[key], key).toBe(
        before.s[key]! + before.o[key]! - (combined[key] ?? 0) + tombstones,
      );
    }
    const dismissed = (c: Record<string, number>) =>
      c['person_duplicate_dismissals.person_low']! + c['person_duplicate_dismissals.person_high']!;
    expect(dismissed(after.s)).toBe(dismissed(before.s) + 1);
    // The case file both were in: one membership, the holder's role (the human holds it).
    expect(await roleOf(both.id, s)).toBe('holder');
    expect(await roleOf(third.id, s)).toBe('other');
    expect(await roleOf(siad.id, s)).toBe('holder');

    // Fields: the chosen email, the survivor's document, the empty ones filled (with consent).
    const survivor = await personRow(s);
    expect(survivor).toMatchObject({
      email: 'marta@two.test',
      second_surname: 'Vidal',
      mobile_phone: '600111222',
      consent_sms: true,
      referent_id: tech.id,
    });
    expect(survivor.document_number).not.toBe(other.document_number);

    // The tombstone: pointing at the survivor, attended by nobody, found by no search.
    const tombstone = await personRow(o);
    expect(tombstone).toMatchObject({ merged_into_id: s, referent_id: null, team_id: null });
    const page = await get(techSession, `/api/persons/${o}/view`);
    expect(page.statusCode, page.body).toBe(200);
    // The survivor took the second surname it lacked.
    expect((page.json() as Person).mergedInto).toEqual({ id: s, name: name(o) });
    expect((page.json() as Person).can.edit).toBe(false);
    const edit = await f.app.inject({
      method: 'PATCH',
      url: `/api/persons/${o}`,
      payload: { email: 'x@y.test' },
      headers: techSession.headers('en'),
    });
    expect(edit.statusCode, edit.body).toBe(409);
    expect(await found(surname)).toEqual([s]);
    expect(await found(other.document_number as string)).toEqual([]);
    expect(await duplicatePairs()).not.toContain(o);

    // Audited once, on the survivor, tagged with both; a second run changes nothing.
    const audit = await f.auditOf(base, 'person.merge');
    expect(audit).toMatchObject([{ record_id: s, subjects: 2 }]);
    const second = await f.run(base, { fingerprint: again.fingerprint });
    expect(second.statusCode, second.body).toBe(200);
    expect((second.json() as OperationRunResult).alreadyRun).toBe(true);
    expect(await f.auditOf(base, 'person.merge')).toHaveLength(1);
    expect(await referenceCounts(db, entity.id, s)).toEqual(after.s);
  });

  it('takes the other record’s document from the tombstone in the same transaction', async () => {
    const { s, o } = await twoRecords();
    const theirs = (await personRow(o)).document_number;
    const base = await mergeTicket(s, o);
    const shown = await f.preview(base);
    const ran = await f.run(base, { fingerprint: shown.fingerprint, takeFromOther: ['document'] });
    expect(ran.statusCode, ran.body).toBe(200);
    expect((await personRow(s)).document_number).toBe(theirs);
    expect((await personRow(o)).document_number).toBeNull();
    // The survivor's choices stand where nothing was taken.
    expect((await personRow(s)).email).toBe('marta@one.test');
  });

  it('refuses in words: a record missing, one already merged, one deceased and one not', async () => {
    const { s, o } = await twoRecords();
    const missing = await f.preview(await mergeTicket(s, randomUUID()));
    expect(missing.blockers.map((b) => b.code)).toEqual(['merge_person_missing']);

    const dead = await twoRecords({ status: 'deceased', deceasedOn: '2026-01-02' });
    const status = await f.preview(await mergeTicket(dead.s, dead.o));
    expect(status.blockers.map((b) => b.code)).toEqual(['merge_status_differs']);
    expect(status.blockers[0]!.message).toContain('is recorded as deceased');

    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`UPDATE persons SET merged_into_id = ${s}, merged_at = now()
        WHERE entity_id = ${entity.id} AND id = ${o}`),
    );
    const base = await mergeTicket(s, o);
    const merged = await f.preview(base);
    expect(merged.ready).toBe(false);
    expect(merged.blockers.map((b) => b.code)).toEqual(['merge_person_merged']);
    const refused = await f.run(base, { fingerprint: merged.fingerprint });
    expect(refused.statusCode).toBe(409);
    expect(await f.auditOf(base, 'person.merge')).toEqual([]);
  });

  it.skipIf(!onPostgres())(
    `ends content recorded meanwhile on the survivor, or refuses it — never on the tombstone (${NEEDS_POSTGRES})`,
    async () => {
      const types = await get(techSession, '/api/catalogues/demand');
      const demandType = (types.json().items as { id: string }[])[0]!.id;
      // Whichever order PostgreSQL gives the two in a round, each round keeps the invariant: the
      // demand is on the survivor or refused in words, never on the tombstone.
      for (let round = 0; round < 8; round++) {
        const { s, o } = await twoRecords();
        const file = await createTestCaseFile(db, entity, { referentId: tech.id, holderId: o });
        const base = await mergeTicket(s, o);
        const shown = await f.preview(base);
        const [run, demand] = await Promise.all([
          f.run(base, { fingerprint: shown.fingerprint }),
          f.post(techSession, `/api/case-files/${file.id}/demands`, {
            typeId: demandType,
            personId: o,
            requestedOn: new Date().toISOString().slice(0, 10),
          }),
        ]);
        if (run.statusCode === 200) {
          // The merge went first: the demand found the record no longer a member, or went first
          // and was moved.
          expect([201, 400]).toContain(demand.statusCode);
          const onSurvivor = await f.count('demands', sql`person_id = ${s}`);
          expect(onSurvivor).toBe(demand.statusCode === 201 ? 1 : 0);
          if (demand.statusCode === 400) {
            expect(demand.json().error.details[0].field, demand.body).toBe('personId');
          }
        } else {
          // The demand landed between the preview and the run: refused as changed, then run.
          expect(run.statusCode, run.body).toBe(409);
          expect(demand.statusCode, demand.body).toBe(201);
          const again = await f.preview(base);
          expect((await f.run(base, { fingerprint: again.fingerprint })).statusCode).toBe(200);
          expect(await f.count('demands', sql`person_id = ${s}`)).toBe(1);
        }
        expect(await f.count('demands', sql`person_id = ${o}`)).toBe(0);
        expect((await personRow(o)).merged_into_id).toBe(s);
      }
    },
    120_000,
  );
});

/** Merges `o` into `s` from a ticket, taking `take` from `o`; answers the ticket's base. */
async function merged(s: string, o: string, take: string[] = []) {
  const base = await mergeTicket(s, o);
  const shown = await f.preview(base);
  expect(shown.blockers).toEqual([]);
  const ran = await f.run(base, { fingerprint: shown.fingerprint, takeFromOther: take });
  expect(ran.statusCode, ran.body).toBe(200);
  return base;
}

const auditDetails = (base: string) =>
  db
    .tenant(entity.id, (tx) =>
      rowsOf<{ details: Record<string, unknown> }>(
        tx,
        sql`SELECT details FROM audit_log WHERE entity_id = ${entity.id}
          AND action = 'person.merge' AND ticket_id = ${base.split('/').pop()}`,
      ),
    )
    .then((rows) => rows[0]!.details);

/** A document category of the entity, for person uploads. */
const documentCategory = () =>
  db
    .tenant(entity.id, (tx) =>
      rowsOf<{ id: string }>(
        tx,
        sql`SELECT id FROM catalogue_items WHERE entity_id = ${entity.id}
          AND catalogue = 'document_category' AND active ORDER BY code LIMIT 1`,
      ),
    )
    .then((rows) => rows[0]!.id);

describe('after a merge of person records', () => {
  it('refuses every write on the tombstone as on a missing record, and takes it on the survivor', async () => {
    const { s, o } = await twoRecords();
    const file = await createTestCaseFile(db, entity, { referentId: tech.id, holderId: s });
    await merged(s, o);
    const post = (url: string, body: object) => f.post(techSession, url, body);
    const code = (r: { json: () => unknown }) =>
      (r.json() as { error: { code: string } }).error.code;

    // Adding it to a case file, opening one for it: not found, as a record that never was.
    const member = (personId: string) =>
      post(`/api/case-files/${file.id}/members`, { personId, role: 'other' });
    const added = await member(o);
    expect(added.statusCode, added.body).toBe(404);
    expect(code(added)).toBe('case_files.person_not_found');
    const open = (personId: string) => post('/api/case-files', { personId, scope: 'ssb' });
    const opened = await open(o);
    expect(opened.statusCode, opened.body).toBe(404);
    expect(code(opened)).toBe('case_files.person_not_found');
    expect((await open(s)).statusCode).toBe(201);

    // Booking it: unknown, as a record that never was.
    const book = (personId: string, day: number) =>
      post('/api/appointments', {
        professionalId: tech.id,
        personIds: [personId],
        startsAt: `2027-04-${day}T10:00`,
        endsAt: `2027-04-${day}T11:00`,
        place: 'office',
        confirmOutsideHours: true,
      });
    const booked = await book(o, 12);
    expect(booked.statusCode, booked.body).toBe(400);
    expect(code(booked)).toBe('agenda.person_unknown');
    const onSurvivor = await book(s, 13);
    expect(onSurvivor.statusCode, onSurvivor.body).toBe(201);

    // Uploading a document to it: not found.
    const categoryId = await documentCategory();
    const upload = (personId: string) =>
      post('/api/attachments', {
        owner: { type: 'person', personId },
        title: 'Informe',
        categoryId,
        documentDate: '2026-03-01',
        fileName: 'informe.pdf',
        size: 100,
      });
    const uploaded = await upload(o);
    expect(uploaded.statusCode, uploaded.body).toBe(404);
    expect((await upload(s)).statusCode).toBe(201);

    // Asking a coordinator about it: not found either (a request is about the record that
    // remains).
    const asked = await post('/api/support/coordinator-requests', {
      kind: 'delete_persons',
      personIds: [o],
      note: '',
    });
    expect(asked.statusCode, asked.body).toBe(404);
    expect(asked.json().error.details[0].field).toBe('personIds.0');

    // Nothing landed on the tombstone.
    expect(await referenceCounts(db, entity.id, o)).toMatchObject({
      'case_file_members.person_id': 0,
      'appointment_persons.person_id': 0,
      'attachments.person_id': 0,
    });
  });

  it.skipIf(!onPostgres())(
    `refuses a write that waited on the merge's lock of the record: it reads the merged row (${NEEDS_POSTGRES})`,
    async () => {
      const { s, o } = await twoRecords();
      // The technician sees the other's full record (uploads need it).
      await createTestCaseFile(db, entity, { referentId: tech.id, holderId: o });
      const categoryId = await documentCategory();
      let writes: Promise<{ statusCode: number; body: string }[]> = Promise.resolve([]);
      // The merge's hold on the record, then its change, committed while the writes wait.
      await db.tenant(entity.id, async (tx) => {
        await tx.execute(sql`SELECT id FROM persons WHERE entity_id = ${entity.id}
          AND id = ${o} FOR UPDATE`);
        writes = Promise.all([
          f.post(techSession, '/api/case-files', { personId: o, scope: 'ssb' }),
          f.post(techSession, '/api/appointments', {
            professionalId: tech.id,
            personIds: [o],
            startsAt: '2027-05-10T10:00',
            endsAt: '2027-05-10T11:00',
            place: 'office',
            confirmOutsideHours: true,
          }),
          f.post(techSession, '/api/attachments', {
            owner: { type: 'person', personId: o },
            title: 'Informe',
            categoryId,
            documentDate: '2026-03-01',
            fileName: 'informe.pdf',
            size: 100,
          }),
        ]);
        // Until the three wait on the lock (or a moment passed: a write that did not wait is
        // checked all the same below).
        for (let tries = 0; tries < 40; tries++) {
          await new Promise((resolve) => setTimeout(resolve, 50));
          const [row] = await rowsOf<{ n: number }>(
            tx,
            sql`SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock'`,
          );
          if (row!.n >= 3) break;
        }
        await tx.execute(sql`UPDATE persons SET merged_into_id = ${s}, merged_at = now()
          WHERE entity_id = ${entity.id} AND id = ${o}`);
      });
      const [opened, booked, uploaded] = await writes;
      expect(opened!.statusCode, opened!.body).toBe(404);
      expect(booked!.statusCode, booked!.body).toBe(400);
      expect(uploaded!.statusCode, uploaded!.body).toBe(404);
      expect(await referenceCounts(db, entity.id, o)).toMatchObject({
        'case_file_members.person_id': 1,
        'appointment_persons.person_id': 0,
        'attachments.person_id': 0,
      });
    },
    60_000,
  );

  it('frees the tombstone’s document even when the survivor keeps its own, and says so masked', async () => {
    const { s, o } = await twoRecords();
    const theirs = (await personRow(o)).document_number as string;
    const base = await merged(s, o);
    expect(await personRow(o)).toMatchObject({ document_type: null, document_number: null });
    expect((await personRow(s)).document_number).not.toBe(theirs);
    // The document can be recorded again (on the record it truly belongs to).
    const again = await createTestPerson(db, entity, {
      documentType: 'dni',
      documentNumber: theirs,
    });
    expect((await personRow(again)).document_number).toBe(theirs);
    const details = await auditDetails(base);
    expect(details.documentReleased).toEqual({
      type: 'dni',
      number: `****${theirs.slice(-4)}`,
      taken: false,
    });
    expect(JSON.stringify(details)).not.toContain(theirs);
  });

  it('refuses a run whose masked document changed since the preview to one ending alike', async () => {
    const { s, o } = await twoRecords();
    const base = await mergeTicket(s, o);
    const shown = await f.preview(base);
    const theirs = (await personRow(o)).document_number as string;
    const alike = `${String((Number(theirs.slice(0, 4)) + 1) % 1e4).padStart(4, '0')}${theirs.slice(4)}`;
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`UPDATE persons SET document_number = ${alike}
        WHERE entity_id = ${entity.id} AND id = ${o}`),
    );
    const again = await f.preview(base);
    expect(again.conflicts).toEqual(shown.conflicts);
    const refused = await f.run(base, { fingerprint: shown.fingerprint });
    expect(refused.statusCode, refused.body).toBe(409);
  });

  it('keeps SIAD reminders only if both records allowed them', async () => {
    const allowed = (id: string, yes: boolean) =>
      db.tenant(entity.id, (tx) =>
        tx.execute(sql`UPDATE persons SET siad_reminders_allowed = ${yes}
          WHERE entity_id = ${entity.id} AND id = ${id}`),
      );
    for (const [mine, theirs] of [
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      const { s, o } = await twoRecords();
      await allowed(s, mine);
      await allowed(o, theirs);
      await merged(s, o);
      expect((await personRow(s)).siad_reminders_allowed, `${mine} ${theirs}`).toBe(mine && theirs);
    }
  });

  it('shows in the survivor’s access report what was read and changed of the other record', async () => {
    const { s, o } = await twoRecords();
    const admin = await createTestProfessional(db, entity, { roles: ['administrator'] });
    const adminSession = await login(f.app, entity.code, admin.username);
    const changed = await f.app.inject({
      method: 'PATCH',
      url: `/api/persons/${o}`,
      payload: { address: 'Carrer Nou, 5' },
      headers: techSession.headers('en'),
    });
    expect(changed.statusCode, changed.body).toBe(200);
    expect((await get(techSession, `/api/persons/${o}/view`)).statusCode).toBe(200);
    await merged(s, o);
    const report = await get(adminSession, `/api/audit/persons/${s}/access-report`);
    expect(report.statusCode, report.body).toBe(200);
    const actions = (report.json().entries as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(['person.merge', 'person.read_full', 'person.update']);
  });
});
