import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { HELP_REQUEST_SORTS, type HelpRequest, type HelpRequestPage } from '@caliu/common';
import { rowsOf } from '../../../db/connect';
import { buildTestApp, login, manualClock } from '../../../testing/app';
import { createTestSubmission } from '../../../testing/community-help-factories';
import { testDatabase } from '../../../testing/database';
import { createTestEntity, createTestProfessional } from '../../../testing/factories';
import { createTestPerson } from '../../../testing/persons-factories';

/**
 * The operators' help requests (issue 22 item 5): "Import requests" turns every pending
 * submission into a help request in one go; the table filters, sorts and pages; a request's page
 * suggests the person records with a similar name and the same phone or email (and no other);
 * the operator verifies by editing, links a person, deletes with a reason (out of the working
 * lists); a professional enters a request after a phone call. Every change audited.
 */

const DAY = 86_400_000;

async function setUp() {
  const clock = manualClock(new Date('2026-03-10T10:00:00Z'));
  const { app, config } = await buildTestApp({ clock });
  const db = await testDatabase();
  const entity = await createTestEntity(db);
  const operator = await createTestProfessional(db, entity, { roles: ['operator'] });
  const session = await login(app, entity.code, operator.username);
  const call = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', url: string, payload?: object) =>
    app.inject({ method, url, ...(payload ? { payload } : {}), headers: session.headers('en') });
  const submit = (form: Parameters<typeof createTestSubmission>[3] = {}) =>
    createTestSubmission(db, config, entity, { now: clock.now(), ...form });
  const audits = (action: string) =>
    db.tenant(entity.id, (tx) =>
      rowsOf<{ record_id: string; actor_id: string | null; details: Record<string, unknown> }>(
        tx,
        sql`SELECT record_id, actor_id, details FROM audit_log
          WHERE entity_id = ${entity.id} AND action = ${action} ORDER BY id`,
      ),
    );
  const list = async (query = '') => {
    const response = await call('GET', `/api/help-requests${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json() as HelpRequestPage;
  };
  return { app, config, db, clock, entity, operator, call, submit, audits, list };
}

describe('importing help requests', () => {
  it('imports every pending submission once, empties its fields and audits each', async () => {
    const { db, entity, call, submit, audits, operator, clock } = await setUp();
    const a = await submit();
    clock.advance(60_000);
    const b = await submit({
      form: { when: 'date', neededOn: '2026-03-20', neededPart: 'afternoon', email: 'b@x.example' },
    });
    clock.advance(60_000);
    const c = await submit({ enteredBy: operator.id });

    const first = await call('POST', '/api/help-requests/import');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ imported: 3, skipped: { municipalityRemoved: 0 } });
    const again = await call('POST', '/api/help-requests/import');
    expect(again.json()).toEqual({ imported: 0, skipped: { municipalityRemoved: 0 } });

    const submissions = await db.tenant(entity.id, (tx) =>
      rowsOf<{ reference: string; fields: unknown; imported: boolean; request: string | null }>(
        tx,
        sql`SELECT reference, fields, imported_at IS NOT NULL AS imported,
            help_request_id AS request
          FROM help_request_submissions WHERE entity_id = ${entity.id} ORDER BY reference`,
      ),
    );
    expect(submissions.map((s) => s.reference)).toEqual([a, b, c].map((s) => s.reference).sort());
    for (const s of submissions) {
      expect(s.fields).toEqual({});
      expect(s.imported).toBe(true);
      expect(s.request).not.toBeNull();
    }
    const imported = await audits('help_request.import');
    expect(imported.map((r) => r.record_id).sort()).toEqual(
      submissions.map((s) => s.request).sort(),
    );
    expect(imported.every((r) => r.actor_id === operator.id)).toBe(true);

    const page = await call('GET', '/api/help-requests?sort=oldest');
    const items = (page.json() as HelpRequestPage).items;
    expect(items.map((i) => i.reference)).toEqual([a.reference, b.reference, c.reference]);
    expect(items[1]).toMatchObject({
      status: 'imported',
      name: 'Maria Garcia Puig',
      neededOn: '2026-03-20',
      neededPart: 'afternoon',
      helpType: 'shopping',
      municipality: { id: entity.municipalities.north1, name: 'North One' },
      enteredByStaff: false,
    });
    expect(items[0]).toMatchObject({ neededOn: null, neededPart: null });
    expect(items[2]!.enteredByStaff).toBe(true);
  });

  it('imports each submission once when two operators import at the same time', async () => {
    const { app, db, entity, call, submit } = await setUp();
    for (let i = 0; i < 5; i++) await submit();
    const other = await createTestProfessional(db, entity, { roles: ['operator'] });
    const otherSession = await login(app, entity.code, other.username);
    const [a, b] = await Promise.all([
      call('POST', '/api/help-requests/import'),
      app.inject({
        method: 'POST',
        url: '/api/help-requests/import',
        headers: otherSession.headers('en'),
      }),
    ]);
    expect([a.statusCode, b.statusCode]).toEqual([200, 200]);
    const counts = [a, b].map((r) => (r.json() as { imported: number }).imported);
    expect(counts[0]! + counts[1]!).toBe(5);
    const [row] = await db.tenant(entity.id, (tx) =>
      rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM help_requests WHERE entity_id = ${entity.id}`,
      ),
    );
    expect(row!.n).toBe(5);
  });

  it('compares the municipality as a uuid, and counts those whose municipality was removed', async () => {
    const { app, db, entity, call, submit, list } = await setUp();
    const admin = await createTestProfessional(db, entity, { roles: ['administrator'] });
    const adminSession = await login(app, entity.code, admin.username);
    const asAdmin = (method: 'POST' | 'DELETE', url: string, payload?: object) =>
      app.inject({
        method,
        url,
        ...(payload ? { payload } : {}),
        headers: adminSession.headers('en'),
      });
    const created = await asAdmin('POST', '/api/municipalities', {
      name: 'Short Lived',
      ineCode: null,
    });
    expect(created.statusCode, created.body).toBe(201);
    const shortLived = (created.json() as { id: string }).id;
    // Written in capitals (the form's uuid check accepts them): the same municipality.
    await submit({
      form: { name: 'Upper Case', municipalityId: entity.municipalities.south.toUpperCase() },
    });
    await submit({ form: { name: 'Gone Town', municipalityId: shortLived } });
    await submit({ form: { name: 'Gone Again', municipalityId: shortLived } });
    // Nothing refers to it but the submissions' untrusted fields: it may be removed.
    expect((await asAdmin('DELETE', `/api/municipalities/${shortLived}`)).statusCode).toBe(204);

    const first = await call('POST', '/api/help-requests/import');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toEqual({ imported: 1, skipped: { municipalityRemoved: 2 } });
    expect((await list()).items).toEqual([
      expect.objectContaining({
        name: 'Upper Case',
        municipality: { id: entity.municipalities.south, name: 'South One' },
      }),
    ]);
    // Still counted at the next import (the retention job erases them after the period).
    expect((await call('POST', '/api/help-requests/import')).json()).toEqual({
      imported: 0,
      skipped: { municipalityRemoved: 2 },
    });
    const waiting = await db.tenant(entity.id, (tx) =>
      rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM help_request_submissions
          WHERE entity_id = ${entity.id} AND imported_at IS NULL`,
      ),
    );
    expect(waiting[0]!.n).toBe(2);
  });

  it('suggests person records with a similar name and the same phone or email, and no other', async () => {
    const { db, entity, call, submit, audits } = await setUp();
    const samePhone = await createTestPerson(db, entity, {
      givenName: 'María',
      firstSurname: 'García',
      secondSurname: 'Puig',
      mobilePhone: '600112233',
    });
    const sameEmailShorterName = await createTestPerson(db, entity, {
      givenName: 'Maria',
      firstSurname: 'Garcia',
      email: 'maria@x.example',
    });
    // The same phone written otherwise on the record.
    const spacedPhone = await createTestPerson(db, entity, {
      givenName: 'Maria',
      firstSurname: 'Garcia',
      secondSurname: 'Puig',
      otherPhone: '+34 600 112 233',
    });
    // The same name, another phone: no suggestion. Another name, the same phone: none either.
    await createTestPerson(db, entity, {
      givenName: 'Maria',
      firstSurname: 'Garcia',
      secondSurname: 'Puig',
      mobilePhone: '699000000',
    });
    await createTestPerson(db, entity, {
      givenName: 'Josep',
      firstSurname: 'Vidal',
      mobilePhone: '600112233',
    });
    await submit({ form: { phone: '600 11 22 33', email: 'maria@x.example' } });
    await call('POST', '/api/help-requests/import');
    const [item] = ((await call('GET', '/api/help-requests')).json() as HelpRequestPage).items;
    // The table counts the suggestions (no names: those are read, audited, on the page).
    expect(item!.suggestedPersons).toBe(3);
    expect(await audits('help_request.read')).toHaveLength(0);

    const response = await call('GET', `/api/help-requests/${item!.id}`);
    expect(response.statusCode, response.body).toBe(200);
    const request = response.json() as HelpRequest;
    expect(request).toMatchObject({
      phone: '600 11 22 33',
      email: 'maria@x.example',
      address: 'Carrer Major 1, 2n',
      importedBy: expect.stringContaining('Test Professional') as unknown,
      person: null,
    });
    const byId = new Map(request.suggestions.map((s) => [s.id, s]));
    expect(new Set(byId.keys())).toEqual(new Set([samePhone, sameEmailShorterName, spacedPhone]));
    expect(byId.get(samePhone)).toMatchObject({ samePhone: true, sameEmail: false });
    expect(byId.get(sameEmailShorterName)).toMatchObject({ samePhone: false, sameEmail: true });
    expect(byId.get(samePhone)!.name).toBe('María García Puig');
    const reads = await audits('help_request.read');
    expect(reads).toHaveLength(1);
    // Their data was read to be shown: each suggested person is a subject of the read's audit
    // row (their access reports list it), and no one else.
    const subjectsOf = (action: string) =>
      db.tenant(entity.id, (tx) =>
        rowsOf<{ person_id: string }>(
          tx,
          sql`SELECT s.person_id FROM audit_subjects s
            JOIN audit_log a ON a.entity_id = s.entity_id AND a.id = s.audit_id
            WHERE a.entity_id = ${entity.id} AND a.action = ${action}`,
        ),
      );
    expect(new Set((await subjectsOf('help_request.read')).map((r) => r.person_id))).toEqual(
      new Set([samePhone, sameEmailShorterName, spacedPhone]),
    );
    expect(await subjectsOf('help_request.read')).toHaveLength(3);

    // Link the suggestion; then unlink.
    const linked = await call('PUT', `/api/help-requests/${item!.id}/person`, {
      personId: samePhone,
    });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((linked.json() as HelpRequest).person).toEqual({
      id: samePhone,
      name: 'María García Puig',
    });
    // Linked: the table suggests no more.
    const [linkedItem] = ((await call('GET', '/api/help-requests')).json() as HelpRequestPage)
      .items;
    expect(linkedItem).toMatchObject({ personId: samePhone, suggestedPersons: 0 });
    const unknown = await call('PUT', `/api/help-requests/${item!.id}/person`, {
      personId: crypto.randomUUID(),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ error: { code: 'help_requests.person_not_found' } });
    const unlinked = await call('PUT', `/api/help-requests/${item!.id}/person`, {
      personId: null,
    });
    expect((unlinked.json() as HelpRequest).person).toBeNull();
    expect(await audits('help_request.link_person')).toHaveLength(1);
    expect(await audits('help_request.unlink_person')).toHaveLength(1);
    // The answers showed the suggestions again: those audit rows name them too.
    expect(new Set((await subjectsOf('help_request.link_person')).map((r) => r.person_id))).toEqual(
      new Set([samePhone, sameEmailShorterName, spacedPhone]),
    );
  });

  it('lets a person record linked to a request be deleted, and unlinks it', async () => {
    const { app, db, entity, call, submit, list } = await setUp();
    const coordinator = await createTestProfessional(db, entity, {
      roles: ['coordinator'],
      coordinates: [entity.teams.north],
    });
    const person = await createTestPerson(db, entity, { givenName: 'Maria' });
    await submit();
    await call('POST', '/api/help-requests/import');
    const [item] = (await list()).items;
    const linked = await call('PUT', `/api/help-requests/${item!.id}/person`, { personId: person });
    expect(linked.statusCode, linked.body).toBe(200);
    expect((linked.json() as HelpRequest).person).toMatchObject({ id: person });

    const coordinatorSession = await login(app, entity.code, coordinator.username);
    const deleted = await app.inject({
      method: 'DELETE',
      url: `/api/persons/${person}`,
      headers: coordinatorSession.headers('en'),
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    const page = await call('GET', `/api/help-requests/${item!.id}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ person: null, personId: null, name: 'Maria Garcia Puig' });
    const [row] = await db.tenant(entity.id, (tx) =>
      rowsOf<{ person_id: string | null; entity_id: string }>(
        tx,
        sql`SELECT person_id, entity_id FROM help_requests
          WHERE entity_id = ${entity.id} AND id = ${item!.id}`,
      ),
    );
    expect(row).toEqual({ person_id: null, entity_id: entity.id });
  });

  it('is verified by editing, with the form rules and errors in words', async () => {
    const { entity, call, submit, audits } = await setUp();
    await submit();
    await call('POST', '/api/help-requests/import');
    const [item] = ((await call('GET', '/api/help-requests')).json() as HelpRequestPage).items;
    const edit = {
      name: 'Maria Garcia Puig',
      phone: '600 11 22 33',
      email: '',
      address: 'Carrer Major 3',
      municipalityId: entity.municipalities.south,
      helpType: 'medicines',
      when: 'date',
      neededOn: '2026-03-12',
      neededPart: 'morning',
      urgency: 'high',
      description: 'Medicines from the pharmacy.',
      language: 'es',
    };
    const ok = await call('PATCH', `/api/help-requests/${item!.id}`, edit);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({
      address: 'Carrer Major 3',
      municipality: { id: entity.municipalities.south },
      helpType: 'medicines',
      neededOn: '2026-03-12',
      neededPart: 'morning',
      urgency: 'high',
      language: 'es',
    });
    const [audit] = await audits('help_request.update');
    expect((audit!.details.fields as string[]).sort()).toEqual(
      [
        'address',
        'municipalityId',
        'helpType',
        'neededOn',
        'neededPart',
        'urgency',
        'description',
        'language',
      ].sort(),
    );
    expect(JSON.stringify(audit!.details)).not.toContain('Carrer');

    const noContact = await call('PATCH', `/api/help-requests/${item!.id}`, {
      ...edit,
      phone: '',
    });
    expect(noContact.statusCode).toBe(400);
    const fields = (
      noContact.json() as { error: { details: { field: string }[] } }
    ).error.details.map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['phone', 'email']));
    const foreign = await call('PATCH', `/api/help-requests/${item!.id}`, {
      ...edit,
      municipalityId: crypto.randomUUID(),
    });
    expect(foreign.statusCode).toBe(400);
    expect(foreign.json()).toMatchObject({
      error: { code: 'help_requests.municipality_not_found' },
    });
    expect((await call('GET', `/api/help-requests/${crypto.randomUUID()}`)).statusCode).toBe(404);
  });

  it('deletes with a reason: out of the working lists, then unchangeable', async () => {
    const { call, submit, audits, list } = await setUp();
    await submit();
    await submit({ form: { name: 'Bogus Bogus' } });
    await call('POST', '/api/help-requests/import');
    const bogus = (await list()).items.find((i) => i.name === 'Bogus Bogus')!;

    const empty = await call('POST', `/api/help-requests/${bogus.id}/delete`, { reason: '  ' });
    expect(empty.statusCode).toBe(400);
    const deleted = await call('POST', `/api/help-requests/${bogus.id}/delete`, {
      reason: 'A test sent by mistake',
    });
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toMatchObject({
      status: 'deleted',
      deleteReason: 'A test sent by mistake',
      deletedBy: expect.stringContaining('Test Professional') as unknown,
      erasedAt: null,
    });
    expect((await list()).items.map((i) => i.name)).toEqual(['Maria Garcia Puig']);
    expect((await list('?status=deleted')).items.map((i) => i.id)).toEqual([bogus.id]);
    const twice = await call('POST', `/api/help-requests/${bogus.id}/delete`, { reason: 'x' });
    expect(twice.statusCode).toBe(409);
    expect(twice.json()).toMatchObject({ error: { code: 'help_requests.deleted' } });
    expect(await audits('help_request.delete')).toHaveLength(1);
  });

  it('filters, sorts and pages the table', async () => {
    const { db, entity, clock, call, submit, list } = await setUp();
    const types = ['shopping', 'medicines', 'transport'] as const;
    const urgencies = ['low', 'medium', 'high'] as const;
    const start = clock.now().getTime() - 8.5 * DAY;
    for (let i = 0; i < 9; i++) {
      await submit({
        now: new Date(start + i * DAY),
        form: {
          name: `Person ${i}`,
          helpType: types[i % 3],
          urgency: urgencies[i % 3],
          municipalityId:
            i < 3
              ? entity.municipalities.south
              : i === 8
                ? entity.municipalities.north2
                : entity.municipalities.north1,
          ...(i % 2 === 0
            ? {
                when: 'date',
                neededOn: `2026-04-${String(10 + i).padStart(2, '0')}`,
                neededPart: 'morning',
              }
            : {}),
        },
      });
    }
    await call('POST', '/api/help-requests/import');

    const names = async (query: string) => (await list(query)).items.map((i) => i.name);
    expect(await names('?helpType=medicines&sort=oldest')).toEqual([
      'Person 1',
      'Person 4',
      'Person 7',
    ]);
    expect(await names('?urgency=high&sort=oldest')).toEqual(['Person 2', 'Person 5', 'Person 8']);
    expect(await names(`?municipalityId=${entity.municipalities.south}&sort=oldest`)).toEqual([
      'Person 0',
      'Person 1',
      'Person 2',
    ]);
    expect(await names('?needed=asap&sort=oldest')).toEqual([
      'Person 1',
      'Person 3',
      'Person 5',
      'Person 7',
    ]);
    expect(
      await names('?needed=date&neededFrom=2026-04-12&neededTo=2026-04-16&sort=oldest'),
    ).toEqual(['Person 2', 'Person 4', 'Person 6']);
    // Submitted a day apart, the last half a day ago.
    expect(await names('?age=day')).toEqual(['Person 8']);
    expect(await names('?age=week&sort=oldest')).toEqual([
      'Person 2',
      'Person 3',
      'Person 4',
      'Person 5',
      'Person 6',
      'Person 7',
      'Person 8',
    ]);
    expect(await names('?age=older&sort=oldest')).toEqual(['Person 0', 'Person 1']);
    expect((await names('?sort=urgency')).slice(0, 3)).toEqual([
      'Person 8',
      'Person 5',
      'Person 2',
    ]);
    expect((await names('?sort=needed')).slice(0, 5)).toEqual([
      'Person 7',
      'Person 5',
      'Person 3',
      'Person 1',
      'Person 0',
    ]);

    // The form's order of kinds (shopping, medicines, …, transport), newest first within each.
    expect(await names('?sort=type')).toEqual(
      [6, 3, 0, 7, 4, 1, 8, 5, 2].map((i) => `Person ${i}`),
    );
    // By name: North One, North Two, South One.
    expect(await names('?sort=municipality')).toEqual(
      [7, 6, 5, 4, 3, 8, 2, 1, 0].map((i) => `Person ${i}`),
    );
    // Two sent to assistance (part 2 will do it; here by hand): after the imported ones.
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`UPDATE help_requests SET status = 'dispatched'
        WHERE entity_id = ${entity.id} AND name IN ('Person 0', 'Person 4')`),
    );
    expect(await names('?sort=status')).toEqual(
      [8, 7, 6, 5, 3, 2, 1, 4, 0].map((i) => `Person ${i}`),
    );

    for (const sort of HELP_REQUEST_SORTS) {
      const all = await names(`?sort=${sort}`);
      const paged: (string | null)[] = [];
      let cursor: string | null = null;
      do {
        const page: HelpRequestPage = await list(
          `?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        expect(page.items.length).toBeLessThanOrEqual(2);
        paged.push(...page.items.map((i) => i.name));
        cursor = page.nextCursor;
      } while (cursor);
      expect(paged).toEqual(all);
      expect(all).toHaveLength(9);
    }
    const bad = await call('GET', '/api/help-requests?cursor=not-ours');
    expect(bad.statusCode).toBe(400);
    const badFilter = await call('GET', '/api/help-requests?urgency=extreme');
    expect(badFilter.statusCode).toBe(400);
  });

  it("enters a request after a phone call, marked as the professional's", async () => {
    const { entity, call, audits, operator } = await setUp();
    const form = {
      name: 'Pere Soler',
      phone: '611 22 33 44',
      email: '',
      address: 'Plaça Nova 2',
      municipalityId: entity.municipalities.north2,
      helpType: 'phone_company',
      when: 'asap',
      urgency: 'low',
      description: 'Lives alone and would like a call now and then.',
      language: 'ca',
      consent: true,
    };
    const entered = await call('POST', '/api/help-requests/entries', form);
    expect(entered.statusCode, entered.body).toBe(201);
    expect(entered.json()).toMatchObject({
      reference: expect.stringMatching(/^A-2026-\d{6}$/) as unknown,
    });
    expect(await audits('help_request.enter')).toHaveLength(1);
    const noConsent = await call('POST', '/api/help-requests/entries', { ...form, consent: false });
    expect(noConsent.statusCode).toBe(400);
    const foreign = await call('POST', '/api/help-requests/entries', {
      ...form,
      municipalityId: crypto.randomUUID(),
    });
    expect(foreign.statusCode).toBe(400);

    expect((await call('POST', '/api/help-requests/import')).json()).toEqual({
      imported: 1,
      skipped: { municipalityRemoved: 0 },
    });
    const [item] = ((await call('GET', '/api/help-requests')).json() as HelpRequestPage).items;
    expect(item).toMatchObject({ name: 'Pere Soler', enteredByStaff: true });
    const request = (await call('GET', `/api/help-requests/${item!.id}`)).json() as HelpRequest;
    expect(request.enteredBy).toContain(operator.username);
  });

  it('answers 403 to a professional without help_requests.manage', async () => {
    const { app, db, entity } = await setUp();
    const technician = await createTestProfessional(db, entity, {
      roles: ['tech_ssb'],
      teams: [entity.teams.north],
    });
    const session = await login(app, entity.code, technician.username);
    const response = await app.inject({
      method: 'POST',
      url: '/api/help-requests/import',
      headers: session.headers('en'),
    });
    expect(response.statusCode).toBe(403);
  });
});
