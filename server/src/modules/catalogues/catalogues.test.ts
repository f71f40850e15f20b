import { describe, expect, it } from 'vitest';
import { and, eq, like, sql } from 'drizzle-orm';
import { CATALOGUE_MAX_ENTRIES, type CatalogueAdminEntry } from '@caliu/common';
import { rowsOf } from '../../db/connect';
import { auditLog, catalogueItems, interventions } from '../../db/schema';
import { buildTestApp, login, type Session } from '../../testing/app';
import { createTestCaseFile } from '../../testing/case-files-factories';
import { NEEDS_POSTGRES, onPostgres } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { createAdmin } from '../../testing/identity-factories';
import { eventually } from '../../testing/messaging';
import * as repo from './repository';

const TODAY = new Date().toISOString().slice(0, 10);
const LABELS = {
  ca: 'Pobresa energètica',
  es: 'Pobreza energética',
  it: 'Povertà energetica',
  en: 'Energy poverty',
};

async function setUp() {
  const { app, database } = await buildTestApp();
  const entity = await createTestEntity(database);
  const admin = await createAdmin(database, entity);
  const pro = await createTestProfessional(database, entity, {
    roles: ['tech_ssb'],
    teams: [entity.teams.north],
  });
  const adminSession = await login(app, entity.code, admin.username);
  const tech = { ...pro, session: await login(app, entity.code, pro.username) };
  const as =
    (session: Session) =>
    (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, payload?: object, language = 'en') =>
      app.inject({ method, url, headers: session.headers(language), ...(payload && { payload }) });
  const call = as(adminSession);
  const techCall = as(tech.session);
  const entries = async (catalogue: string) => {
    const res = await call('GET', `/api/catalogues/${catalogue}/entries`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json().items as CatalogueAdminEntry[];
  };
  const entry = async (catalogue: string, code: string) =>
    (await entries(catalogue)).find((e) => e.code === code)!;
  const file = await createTestCaseFile(database, entity, { referentId: tech.id });
  /** A demand of this type recorded by the technician through the API. */
  const demand = (typeId: string) =>
    techCall('POST', `/api/case-files/${file.id}/demands`, {
      typeId,
      personId: file.holderId,
      requestedOn: TODAY,
    });
  const audits = (action: string) =>
    database.tenant(entity.id, (tx) =>
      tx
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.entityId, entity.id), like(auditLog.action, action))),
    );
  return { app, database, entity, tech, call, techCall, entries, entry, file, demand, audits };
}

describe('catalogue administration', () => {
  it('lists every entry in order with its label in every language, standard or own', async () => {
    const { entries } = await setUp();
    const items = await entries('demand');
    expect(items.length).toBeGreaterThan(10);
    expect(items.map((i) => i.position)).toEqual(
      [...items.map((i) => i.position)].sort((a, b) => a - b),
    );
    expect(items.find((i) => i.code === 'economic_aid')).toMatchObject({
      labels: { ca: 'Ajut econòmic', en: 'Economic aid' },
      ownLabels: [],
      active: true,
      inUse: false,
      uses: 0,
      can: { delete: true, retire: true },
    });
  });

  it('adds an entry in the four languages, offered at once in the pickers, audited', async () => {
    const { call, techCall, entries, audits } = await setUp();
    const last = (await entries('demand')).at(-1)!;
    const res = await call('POST', '/api/catalogues/demand/entries', {
      code: 'energy_poverty',
      labels: LABELS,
      officialCode: 'D.12',
    });
    expect(res.statusCode, res.body).toBe(201);
    const created = res.json() as CatalogueAdminEntry;
    expect(created).toMatchObject({
      catalogue: 'demand',
      code: 'energy_poverty',
      labels: LABELS,
      ownLabels: ['ca', 'es', 'it', 'en'],
      officialCode: 'D.12',
      position: last.position + 1,
      active: true,
      inUse: false,
    });
    // The technician's picker, in their language.
    const picker = await techCall('GET', '/api/catalogues/demand', undefined, 'es');
    expect(picker.json().items.at(-1)).toMatchObject({
      id: created.id,
      label: 'Pobreza energética',
      officialCode: 'D.12',
      active: true,
    });
    const [audit] = await audits('catalogue_entry.create');
    expect(audit).toMatchObject({ recordType: 'catalogue_entry', recordId: created.id });
    expect(audit!.details).toMatchObject({ catalogue: 'demand', code: 'energy_poverty' });
  });

  it('refuses bad input in the user language, naming the field, never with a 500', async () => {
    const { call } = await setUp();
    const post = (body: object, language = 'en') =>
      call('POST', '/api/catalogues/problem/entries', body, language);
    const taken = await post({ code: 'energy_poverty', labels: LABELS }, 'ca');
    expect(taken.statusCode).toBe(409);
    expect(taken.json().error).toMatchObject({
      code: 'catalogues.code_taken',
      details: [{ field: 'code' }],
    });
    expect(taken.json().error.message).toContain('«energy_poverty»');

    const cases: [object, string, RegExp][] = [
      [{ code: 'Home Care', labels: LABELS }, 'code', /lower-case letters/],
      [{ code: 'x', labels: { ...LABELS, it: ' ' } }, 'labels.it', /Label in Italian.*required/],
      [{ code: 'x', labels: { ca: 'A', es: 'B', en: 'C' } }, 'labels.it', /Label in Italian/],
      [{ code: 'x', labels: LABELS, officialCode: 'a b' }, 'officialCode', /Official code/],
      [{ code: 'x', labels: { ...LABELS, en: 'x'.repeat(201) } }, 'labels.en', /at most 200/],
      [{ code: 'x', labels: { ...LABELS, fr: 'Pauvreté' } }, 'labels', /fr/],
      [{ code: 'x', labels: LABELS, position: -1 }, 'position', /Position/],
      [{ code: 'x\u0000', labels: LABELS }, 'code', /control character/],
      [{ code: 'x', labels: LABELS, active: false }, '', /active/],
    ];
    for (const [body, field, message] of cases) {
      const res = await post(body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      const details = res.json().error.details as { field?: string; message: string }[];
      const detail = field ? details.find((d) => d.field === field) : details[0];
      expect(detail?.message, JSON.stringify(details)).toMatch(message);
    }
    const spanish = await post({ code: 'Mal', labels: LABELS }, 'es');
    expect(spanish.json().error.details[0].message).toMatch(/^El campo «Código» solo puede/);
    const unknown = await call('GET', '/api/catalogues/hobbies/entries');
    expect(unknown.statusCode).toBe(400);
  });

  it("edits an entry's labels, official code and position; its code never changes", async () => {
    const { call, entry, audits, database, entity } = await setUp();
    const housing = await entry('demand', 'housing');
    const url = `/api/catalogues/demand/entries/${housing.id}`;
    const edited = await call('PATCH', url, {
      labels: { ca: 'Habitatge i allotjament' },
      officialCode: 'RUDEL-04',
      position: 99,
    });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json()).toMatchObject({
      labels: { ca: 'Habitatge i allotjament', es: housing.labels.es, en: housing.labels.en },
      ownLabels: ['ca'],
      officialCode: 'RUDEL-04',
      position: 99,
    });
    const [audit] = await audits('catalogue_entry.update');
    expect(audit!.details).toMatchObject({
      code: 'housing',
      before: { labels: null, officialCode: null, position: housing.position },
      after: { labels: { ca: 'Habitatge i allotjament' }, officialCode: 'RUDEL-04', position: 99 },
    });

    // Repeating the standard wording goes back to it; clearing the official code clears it.
    const back = await call('PATCH', url, { labels: housing.labels, officialCode: null });
    expect(back.json()).toMatchObject({
      ownLabels: [],
      labels: housing.labels,
      officialCode: null,
    });
    const [stored] = await database.tenant(entity.id, (tx) =>
      tx.select().from(catalogueItems).where(eq(catalogueItems.id, housing.id)),
    );
    expect(stored!.labels).toBeNull();

    // Nothing changed: nothing audited.
    await call('PATCH', url, { position: 99 });
    expect(await audits('catalogue_entry.update')).toHaveLength(2);

    const code = await call('PATCH', url, { code: 'lodging' });
    expect(code.statusCode).toBe(400);
    expect(code.json().error.code).toBe('validation.invalid');
    // An entry of another catalogue, or none, is not found.
    const elsewhere = await call('PATCH', `/api/catalogues/problem/entries/${housing.id}`, {
      position: 1,
    });
    expect(elsewhere.statusCode).toBe(404);
  });

  it('retires an entry in use: not offered for new records, still shown on old ones', async () => {
    const { call, techCall, entry, demand, file, audits } = await setUp();
    const food = await entry('demand', 'food');
    const old = await demand(food.id);
    expect(old.statusCode, old.body).toBe(201);

    const retired = await call('POST', `/api/catalogues/demand/entries/${food.id}/retire`);
    expect(retired.statusCode, retired.body).toBe(200);
    expect(retired.json()).toMatchObject({
      active: false,
      inUse: true,
      uses: null,
      can: { delete: false, retire: false },
    });
    // The picker says it is retired; a new record with it is refused.
    const picker = await techCall('GET', '/api/catalogues/demand');
    expect(picker.json().items.find((i: { id: string }) => i.id === food.id).active).toBe(false);
    const refused = await demand(food.id);
    expect(refused.statusCode).toBe(400);
    expect(refused.json().error.code).toBe('case_files.unknown_catalogue_entry');
    // The old record still shows it, and may be edited keeping it.
    const list = await techCall('GET', `/api/case-files/${file.id}/demands`);
    expect(list.json().items[0].type).toEqual({ id: food.id, name: food.labels.en });
    const kept = await techCall('PATCH', `/api/case-files/${file.id}/demands/${old.json().id}`, {
      typeId: food.id,
      description: 'Still asks for food',
    });
    expect(kept.statusCode, kept.body).toBe(200);

    // Retiring twice changes nothing; reinstating offers it again.
    await call('POST', `/api/catalogues/demand/entries/${food.id}/retire`);
    const back = await call('POST', `/api/catalogues/demand/entries/${food.id}/reinstate`);
    expect(back.json()).toMatchObject({ active: true, can: { retire: true, delete: false } });
    expect((await demand(food.id)).statusCode).toBe(201);
    expect(await audits('catalogue_entry.retire')).toHaveLength(1);
    expect(await audits('catalogue_entry.reinstate')).toHaveLength(1);
  });

  it('keeps showing retired intervention types and closing reasons on old records', async () => {
    const { database, entity, tech, call, techCall, entry } = await setUp();
    const withInterview = await createTestCaseFile(database, entity, {
      referentId: tech.id,
      interviewBy: tech.id,
    });
    const closed = await createTestCaseFile(database, entity, {
      referentId: tech.id,
      closed: true,
    });
    const interview = await entry('intervention_type', 'interview');
    const [reason] = (await call('GET', '/api/catalogues/closing_reason/entries')).json().items;
    for (const [catalogue, id] of [
      ['intervention_type', interview.id],
      ['closing_reason', reason.id],
    ]) {
      const res = await call('POST', `/api/catalogues/${catalogue}/entries/${id}/retire`);
      expect(res.statusCode, res.body).toBe(200);
    }
    const interventions = await techCall(
      'GET',
      `/api/case-files/${withInterview.id}/interventions`,
    );
    const old = interventions.json().items[0];
    expect(old.type).toEqual({ id: interview.id, name: 'Interview' });
    const edited = await techCall(
      'PATCH',
      `/api/case-files/${withInterview.id}/interventions/${old.id}`,
      { typeId: interview.id, notes: 'Edited later' },
    );
    expect(edited.statusCode, edited.body).toBe(200);
    const created = await techCall('POST', `/api/case-files/${withInterview.id}/interventions`, {
      typeId: interview.id,
      occurredOn: TODAY,
    });
    expect(created.statusCode).toBe(400);

    const file = await techCall('GET', `/api/case-files/${closed.id}`);
    expect(file.json().closingReason).toEqual({ id: reason.id, name: reason.labels.en });
    const closing = await techCall('POST', `/api/case-files/${withInterview.id}/close`, {
      reasonId: reason.id,
    });
    expect(closing.statusCode).toBe(400);
  });

  it('deletes an entry no record uses; one in use is refused in words (409)', async () => {
    const { call, entry, demand, audits, entries } = await setUp();
    const created = await call('POST', '/api/catalogues/demand/entries', {
      code: 'to_delete',
      labels: LABELS,
    });
    const unused = created.json() as CatalogueAdminEntry;
    const gone = await call('DELETE', `/api/catalogues/demand/entries/${unused.id}`);
    expect(gone.statusCode, gone.body).toBe(204);
    expect((await entries('demand')).some((e) => e.id === unused.id)).toBe(false);
    const [audit] = await audits('catalogue_entry.delete');
    expect(audit!.details).toMatchObject({ code: 'to_delete', labels: LABELS });
    const again = await call('DELETE', `/api/catalogues/demand/entries/${unused.id}`);
    expect(again.statusCode).toBe(404);

    const food = await entry('demand', 'food');
    for (let i = 0; i < 5; i++) expect((await demand(food.id)).statusCode).toBe(201);
    expect(await entry('demand', 'food')).toMatchObject({ inUse: true, uses: 5 });
    const refused = await call(
      'DELETE',
      `/api/catalogues/demand/entries/${food.id}`,
      undefined,
      'es',
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error).toMatchObject({ code: 'catalogues.in_use' });
    expect(refused.json().error.message).toMatch(/^Esta entrada no se puede eliminar.*Retírela/);
    expect(await entry('demand', 'food')).toBeDefined();
    expect(await audits('catalogue_entry.delete')).toHaveLength(1);
  });

  it('answers 409, not 500, when a reference it does not count holds the entry', async () => {
    const { call, entry, database, entity, file, tech } = await setUp();
    const food = await entry('demand', 'food');
    // An intervention whose type is a demand's entry: no service writes it, the foreign key sees it.
    await database.tenant(entity.id, (tx) =>
      tx.insert(interventions).values({
        entityId: entity.id,
        caseFileId: file.id,
        typeId: food.id,
        occurredOn: TODAY,
        authorId: tech.id,
      }),
    );
    const res = await call('DELETE', `/api/catalogues/demand/entries/${food.id}`);
    expect(res.statusCode, res.body).toBe(409);
    expect(res.json().error.code).toBe('catalogues.in_use');
  });

  it('holds a bounded number of entries per catalogue', async () => {
    const { call, database, entity } = await setUp();
    await database.tenant(entity.id, (tx) =>
      tx.insert(catalogueItems).values(
        Array.from({ length: CATALOGUE_MAX_ENTRIES - 12 }, (_, i) => ({
          entityId: entity.id,
          catalogue: 'procedure' as const,
          code: `bulk_${i}`,
          labels: LABELS,
        })),
      ),
    );
    const res = await call('POST', '/api/catalogues/procedure/entries', {
      code: 'one_more',
      labels: LABELS,
    });
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toMatchObject({ code: 'catalogues.full' });
    expect(res.json().error.message).toContain(String(CATALOGUE_MAX_ENTRIES));
  });

  it('keeps at least one active entry in every catalogue', async () => {
    const { call, entries } = await setUp();
    const reasons = await entries('closing_reason');
    const [last, ...others] = reasons;
    for (const other of others) {
      const res = await call('POST', `/api/catalogues/closing_reason/entries/${other.id}/retire`);
      expect(res.statusCode).toBe(200);
    }
    expect((await entries('closing_reason'))[0]).toMatchObject({
      active: true,
      can: { retire: false, delete: false },
    });
    for (const [method, url] of [
      ['POST', `/api/catalogues/closing_reason/entries/${last!.id}/retire`],
      ['DELETE', `/api/catalogues/closing_reason/entries/${last!.id}`],
    ] as const) {
      const res = await call(method, url, undefined, 'it');
      expect(res.statusCode).toBe(409);
      expect(res.json().error).toMatchObject({ code: 'catalogues.last_active' });
      expect(res.json().error.message).toMatch(/almeno una voce attiva/);
    }
    // A retired entry nobody uses may still go.
    const res = await call('DELETE', `/api/catalogues/closing_reason/entries/${others[0]!.id}`);
    expect(res.statusCode).toBe(204);
  });

  it.skipIf(!onPostgres())(
    `keeps one active entry while another retirement holds the catalogue (${NEEDS_POSTGRES})`,
    async () => {
      const { call, entries, database, entity } = await setUp();
      const [first, second, ...others] = await entries('closing_reason');
      for (const other of others) {
        await call('POST', `/api/catalogues/closing_reason/entries/${other.id}/retire`);
      }
      let pending: Promise<Awaited<ReturnType<typeof call>>> | undefined;
      await database.tenant(entity.id, async (tx) => {
        // Another administrator retiring the first, not yet committed: the catalogue is held.
        await repo.lockCatalogue(tx, entity.id, 'closing_reason');
        await repo.updateEntry(tx, entity.id, first!.id, { active: false });
        // Sent now (an injected request goes out when awaited), answered once the first commits.
        pending = Promise.resolve(
          call('POST', `/api/catalogues/closing_reason/entries/${second!.id}/retire`),
        );
        // Waiting on the lock (seen as the owner: the application's role sees no one's queries).
        await eventually(async () => {
          const [row] = await database.asOwner((owner) =>
            rowsOf<{ n: number }>(
              owner,
              sql`SELECT count(*)::int AS n FROM pg_stat_activity
                WHERE wait_event_type = 'Lock' AND query LIKE '%catalogue_items%'`,
            ),
          );
          return row!.n > 0;
        }, 10_000);
      });
      const answer = await pending!;
      expect(answer.statusCode, answer.body).toBe(409);
      expect(answer.json().error.code).toBe('catalogues.last_active');
      expect((await entries('closing_reason')).filter((e) => e.active)).toEqual([
        expect.objectContaining({ id: second!.id }),
      ]);
    },
  );

  it("is the administrator's alone, and within their entity", async () => {
    const { app, database, techCall, entry } = await setUp();
    const food = await entry('demand', 'food');
    expect((await techCall('GET', '/api/catalogues/demand/entries')).statusCode).toBe(403);
    expect(
      (await techCall('POST', `/api/catalogues/demand/entries/${food.id}/retire`)).statusCode,
    ).toBe(403);
    const other = await createTestEntity(database);
    const otherAdmin = await createAdmin(database, other);
    const session = await login(app, other.code, otherAdmin.username);
    for (const [method, url] of [
      ['PATCH', `/api/catalogues/demand/entries/${food.id}`],
      ['POST', `/api/catalogues/demand/entries/${food.id}/retire`],
      ['DELETE', `/api/catalogues/demand/entries/${food.id}`],
    ] as const) {
      const res = await app.inject({
        method,
        url,
        headers: session.headers(),
        ...(method === 'PATCH' ? { payload: { position: 1 } } : {}),
      });
      expect(res.statusCode, `${method} ${url}`).toBe(404);
    }
    expect(await entry('demand', 'food')).toMatchObject({ active: true });
  });
});
