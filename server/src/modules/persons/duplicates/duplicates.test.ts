import { describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { sql } from 'drizzle-orm';
import type { DuplicatePairsPage } from '@caliu/common';
import { rowsOf } from '../../../db/connect';
import { buildTestApp, login, type Session } from '../../../testing/app';
import { testDatabase } from '../../../testing/database';
import {
  createTestEntity,
  createTestProfessional,
  type TestEntity,
} from '../../../testing/factories';
import { createTestPerson, type TestPersonInput } from '../../../testing/persons-factories';

/**
 * Candidate duplicates: which pairs the coordinator of a team sees and why, only their teams'
 * records, "not the same person" remembered and audited, and bad requests refused in words.
 * (The recall on a generated population is duplicates-recall.evidence.test.ts.)
 */

type World = {
  app: FastifyInstance;
  entity: TestEntity;
  coordinator: Session;
};

async function setUp(): Promise<World> {
  const { app } = await buildTestApp();
  const db = await testDatabase();
  const entity = await createTestEntity(db);
  const pro = await createTestProfessional(db, entity, {
    roles: ['coordinator'],
    coordinates: [entity.teams.north],
  });
  return { app, entity, coordinator: await login(app, entity.code, pro.username) };
}

async function person(entity: TestEntity, input: TestPersonInput) {
  return createTestPerson(await testDatabase(), entity, input);
}

async function list(w: World, session = w.coordinator, query = '') {
  const res = await w.app.inject({
    method: 'GET',
    url: `/api/persons/duplicates${query}`,
    headers: session.headers('en'),
  });
  return res;
}

async function pairs(w: World): Promise<DuplicatePairsPage['items']> {
  const res = await list(w, w.coordinator, '?limit=50');
  expect(res.statusCode, res.body).toBe(200);
  return (res.json() as DuplicatePairsPage).items;
}

const idsOf = (pair: DuplicatePairsPage['items'][number]) => pair.persons.map((p) => p.id).sort();
const key = (a: string, b: string) => [a, b].sort().join();
const keys = (items: DuplicatePairsPage['items']) => items.map((p) => idsOf(p).join());

function dismiss(w: World, firstId: string, secondId: string, session = w.coordinator) {
  return w.app.inject({
    method: 'POST',
    url: '/api/persons/duplicates/dismissals',
    headers: session.headers('ca'),
    payload: { firstId, secondId },
  });
}

async function auditRows(entity: TestEntity, action: string) {
  const db = await testDatabase();
  return db.asOwner((tx) =>
    rowsOf<{ record_id: string | null; details: Record<string, unknown>; subjects: string[] }>(
      tx,
      sql`SELECT a.record_id, a.details,
          coalesce(array_agg(s.person_id::text ORDER BY s.person_id) FILTER (WHERE s.person_id IS NOT NULL), '{}') AS subjects
        FROM audit_log a LEFT JOIN audit_subjects s ON s.entity_id = a.entity_id AND s.audit_id = a.id
        WHERE a.entity_id = ${entity.id} AND a.action = ${action}
        GROUP BY a.id ORDER BY a.id`,
    ),
  );
}

describe('candidate duplicates', () => {
  it("lists the team's likely duplicates with their reasons, strongest first, and not twins", async () => {
    const w = await setUp();
    const e = w.entity;
    const born = { birthDate: '1961-04-02' };
    const nuria = await person(e, {
      ...born,
      givenName: 'Núria',
      firstSurname: 'Puig',
      secondSurname: 'i Vidal',
    });
    const unaccented = await person(e, {
      ...born,
      givenName: 'Nuria',
      firstSurname: 'Puig',
      secondSurname: 'i Vidal',
    });
    const swapped = await person(e, {
      birthDate: '1950-03-14',
      givenName: 'María',
      firstSurname: 'García',
      secondSurname: 'López',
    });
    const swappedCopy = await person(e, {
      birthDate: '1950-03-14',
      givenName: 'María',
      firstSurname: 'López',
      secondSurname: 'García',
    });
    const typo = await person(e, {
      birthDate: '1978-11-23',
      givenName: 'Xavier',
      firstSurname: 'Martínez',
      secondSurname: 'Soler',
    });
    const typoCopy = await person(e, {
      birthDate: '1978-11-23',
      givenName: 'Xavier',
      firstSurname: 'Martinex',
      secondSurname: 'Soler',
    });
    const second = await person(e, {
      birthDate: '1985-03-03',
      givenName: 'Ahmed',
      firstSurname: 'El Amrani',
      secondSurname: 'Haddad',
    });
    const secondMissing = await person(e, {
      birthDate: '1985-03-03',
      givenName: 'Ahmed',
      firstSurname: 'El Amrani',
    });
    const longer = await person(e, {
      birthDate: '1940-01-01',
      givenName: 'Maria',
      firstSurname: 'Serra',
      secondSurname: 'Font',
    });
    const longerCopy = await person(e, {
      birthDate: '1940-01-01',
      givenName: 'Maria Carme',
      firstSurname: 'Serra',
      secondSurname: 'Font',
    });
    const same = await person(e, {
      birthDate: '1933-03-19',
      givenName: 'Dolors',
      firstSurname: 'Riera',
      secondSurname: 'Coll',
    });
    const sameCopy = await person(e, {
      birthDate: '1933-03-19',
      givenName: 'Dolors',
      firstSurname: 'Riera',
      secondSurname: 'Coll',
    });
    // A DNI recorded once with its leading zero and once without (records written before the
    // form checked documents): the same document, whatever the names.
    const zero = await person(e, {
      givenName: 'Pere',
      firstSurname: 'Mas',
      documentType: 'dni',
      documentNumber: '01234567L',
    });
    const noZero = await person(e, {
      givenName: 'Pedro',
      firstSurname: 'Mas Camps',
      documentType: 'dni',
      documentNumber: '1234567L',
    });
    // Twins: the same surnames and birth date, other given names. Namesakes born another day.
    await person(e, { ...born, givenName: 'Jose', firstSurname: 'Roca', secondSurname: 'Pujol' });
    await person(e, { ...born, givenName: 'Maria', firstSurname: 'Roca', secondSurname: 'Pujol' });
    await person(e, {
      birthDate: '1961-04-03',
      givenName: 'Núria',
      firstSurname: 'Puig',
      secondSurname: 'i Vidal',
    });

    const items = await pairs(w);
    const reasonsOf = (a: string, b: string) =>
      items.find((p) => idsOf(p).join() === key(a, b))?.reasons;
    expect(reasonsOf(zero, noZero)).toEqual(['same_document']);
    expect(reasonsOf(same, sameCopy)).toEqual(['same_birth_date', 'same_name']);
    expect(reasonsOf(nuria, unaccented)).toEqual(['same_birth_date', 'same_name_except_accents']);
    expect(reasonsOf(swapped, swappedCopy)).toEqual(['same_birth_date', 'surnames_swapped']);
    expect(reasonsOf(typo, typoCopy)).toEqual(['same_birth_date', 'one_letter_apart']);
    expect(reasonsOf(second, secondMissing)).toEqual(['same_birth_date', 'second_surname_missing']);
    expect(reasonsOf(longer, longerCopy)).toEqual(['same_birth_date', 'similar_name']);
    // Nothing else: not the twins, not the namesake born another day.
    expect(items).toHaveLength(7);
    expect(items.map((p) => p.score)).toEqual([...items.map((p) => p.score)].sort((a, b) => b - a));
    expect(items[0]!.score).toBe(100);
    // The record made first comes first, shown as the search shows a person.
    const pair = items.find((p) => idsOf(p).join() === key(same, sameCopy))!;
    expect(pair.persons.map((p) => p.id)).toEqual([same, sameCopy]);
    expect(pair.persons[0]).toMatchObject({
      givenName: 'Dolors',
      firstSurname: 'Riera',
      secondSurname: 'Coll',
      birthDate: '1933-03-19',
      municipality: { id: e.municipalities.north1, name: 'North One' },
      status: 'active',
    });
  });

  it('pages through the pairs with a cursor, the total on every page, and audits each page', async () => {
    const w = await setUp();
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const input = {
        givenName: 'Anna',
        firstSurname: `Torra${'s'.repeat(i)}`,
        secondSurname: 'Ribas',
        birthDate: `1990-01-0${i + 1}`,
      };
      const a = await person(w.entity, input);
      const b = await person(w.entity, input);
      made.push(key(a, b));
    }
    const first = await list(w, w.coordinator, '?limit=2');
    expect(first.statusCode, first.body).toBe(200);
    const page1 = first.json() as DuplicatePairsPage;
    expect(page1.total).toBe(5);
    expect(page1.items).toHaveLength(2);
    const seen = keys(page1.items);
    let cursor = page1.nextCursor;
    while (cursor) {
      const res = await list(w, w.coordinator, `?limit=2&cursor=${cursor}`);
      expect(res.statusCode, res.body).toBe(200);
      const page = res.json() as DuplicatePairsPage;
      expect(page.total).toBe(5);
      seen.push(...keys(page.items));
      cursor = page.nextCursor;
    }
    expect(seen.sort()).toEqual(made.sort());

    const audit = await auditRows(w.entity, 'person.duplicates_list');
    expect(audit.map((a) => a.details)).toEqual([
      { pairs: 2, total: 5, page: 'first' },
      { pairs: 2, total: 5, page: 'next' },
      { pairs: 1, total: 5, page: 'next' },
    ]);
    // Each person shown is a subject of the read: their access report lists it.
    expect(audit[0]!.subjects).toEqual([...keys(page1.items).join().split(',')].sort());
  });

  it("shows only the persons of the teams one coordinates; other roles, another team's or another entity's records are refused", async () => {
    const w = await setUp();
    const db = await testDatabase();
    const e = w.entity;
    const alike = { givenName: 'Jordi', firstSurname: 'Roca', birthDate: '1983-06-12' };
    const south = { municipalityId: e.municipalities.south, teamId: e.teams.south };
    const n1 = await person(e, alike);
    const n2 = await person(e, alike);
    const s1 = await person(e, { ...alike, ...south });
    const s2 = await person(e, { ...alike, ...south });
    // A pair across the two teams is not "within their teams": neither is listed with s1.
    expect(keys(await pairs(w))).toEqual([key(n1, n2)]);

    // The coordinator of the south team sees theirs.
    const southPro = await createTestProfessional(db, e, {
      roles: ['coordinator'],
      coordinates: [e.teams.south],
    });
    const southSession = await login(w.app, e.code, southPro.username);
    const southList = await list(w, southSession);
    expect(keys((southList.json() as DuplicatePairsPage).items)).toEqual([key(s1, s2)]);

    // Being a record's referent gives no say: a technician is refused the list.
    const tech = await createTestProfessional(db, e, {
      roles: ['tech_ssb'],
      teams: [e.teams.north],
    });
    const techSession = await login(w.app, e.code, tech.username);
    expect((await list(w, techSession)).statusCode).toBe(403);
    expect((await dismiss(w, n1, n2, techSession)).statusCode).toBe(403);

    // Another team's pair, a pair across teams, another entity's pair, a record that does not
    // exist: all "not found", in the same words.
    const other = await createTestEntity(db);
    const o1 = await createTestPerson(db, other, alike);
    const o2 = await createTestPerson(db, other, alike);
    for (const [a, b] of [
      [s1, s2],
      [n1, s1],
      [o1, o2],
      [n1, '00000000-0000-4000-8000-000000000000'],
    ] as const) {
      const res = await dismiss(w, a, b);
      expect(res.statusCode, `${a} ${b}`).toBe(404);
      expect(res.json().error.code).toBe('common.not_found');
    }
    const remembered = await db.asOwner((tx) =>
      rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM person_duplicate_dismissals
          WHERE entity_id IN (${e.id}::uuid, ${other.id}::uuid)`,
      ),
    );
    expect(remembered[0]!.n).toBe(0);
  });

  it('remembers "not the same person" (never listed again), audits it, and undoes it', async () => {
    const w = await setUp();
    const alike = { givenName: 'Carme', firstSurname: 'Serra', birthDate: '1941-12-24' };
    const a = await person(w.entity, alike);
    const b = await person(w.entity, alike);
    const c = await person(w.entity, alike);
    expect(keys(await pairs(w)).sort()).toEqual([key(a, b), key(a, c), key(b, c)].sort());

    // Either order names the same pair; saying it twice changes nothing.
    const [low, high] = [a, b].sort();
    expect((await dismiss(w, high!, low!)).statusCode).toBe(204);
    expect((await dismiss(w, low!, high!)).statusCode).toBe(204);
    expect(keys(await pairs(w)).sort()).toEqual([key(a, c), key(b, c)].sort());
    const page = (await list(w)).json() as DuplicatePairsPage;
    expect(page.total).toBe(2);

    const audit = await auditRows(w.entity, 'person.duplicate_dismiss');
    expect(audit).toEqual([
      { record_id: low, details: { otherPersonId: high }, subjects: [low, high] },
      { record_id: low, details: { otherPersonId: high, already: true }, subjects: [low, high] },
    ]);
    const db = await testDatabase();
    const stored = await db.asOwner((tx) =>
      rowsOf<{ person_low: string; person_high: string; dismissed_by: string }>(
        tx,
        sql`SELECT person_low, person_high, dismissed_by FROM person_duplicate_dismissals
          WHERE entity_id = ${w.entity.id}`,
      ),
    );
    expect(stored).toEqual([
      { person_low: low, person_high: high, dismissed_by: w.coordinator.me.id },
    ]);

    // Undone: listed again; undoing what is not dismissed is "not found".
    const undo = () =>
      w.app.inject({
        method: 'DELETE',
        url: `/api/persons/duplicates/dismissals/${high}/${low}`,
        headers: w.coordinator.headers(),
      });
    expect((await undo()).statusCode).toBe(204);
    expect(keys(await pairs(w))).toContain(key(a, b));
    expect((await undo()).statusCode).toBe(404);
    expect((await auditRows(w.entity, 'person.duplicate_dismiss_undo')).length).toBe(1);

    // Deleting one of the records forgets the dismissal with it.
    await dismiss(w, a, c);
    await db.tenant(w.entity.id, (tx) =>
      tx.execute(sql`DELETE FROM persons WHERE entity_id = ${w.entity.id} AND id = ${c}`),
    );
    const left = await db.asOwner((tx) =>
      rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM person_duplicate_dismissals
          WHERE entity_id = ${w.entity.id}`,
      ),
    );
    expect(left[0]!.n).toBe(0);
  });

  it('refuses bad requests with a 400 that says what is wrong', async () => {
    const w = await setUp();
    const a = await person(w.entity, { givenName: 'Laia' });
    const same = await dismiss(w, a, a);
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details).toEqual([
      {
        field: 'secondId',
        message:
          'Segona fitxa: una parella necessita dues fitxes diferents; tots dos identificadors són de la mateixa.',
      },
    ]);
    const notId = await dismiss(w, a, 'not-an-id');
    expect(notId.statusCode).toBe(400);
    expect(notId.json().error.details[0].field).toBe('secondId');
    const extra = await w.app.inject({
      method: 'POST',
      url: '/api/persons/duplicates/dismissals',
      headers: w.coordinator.headers('en'),
      payload: { firstId: a, secondId: a.replace(/.$/, '0'), reason: 'x' },
    });
    expect(extra.statusCode).toBe(400);
    const undoSame = await w.app.inject({
      method: 'DELETE',
      url: `/api/persons/duplicates/dismissals/${a}/${a}`,
      headers: w.coordinator.headers('en'),
    });
    expect(undoSame.statusCode).toBe(400);
    expect(undoSame.json().error.details[0].message).toBe(
      'Second record: a pair needs two different records; both ids name the same one.',
    );
    for (const query of [
      '?limit=0',
      '?limit=51',
      '?cursor=nonsense',
      '?cursor=WyIxMDE6eCIsIjEiXQ',
    ]) {
      const res = await list(w, w.coordinator, query);
      expect(res.statusCode, query).toBe(400);
    }
    const forged = Buffer.from(JSON.stringify(['101:' + a, a])).toString('base64url');
    const res = await list(w, w.coordinator, `?cursor=${forged}`);
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe('common.invalid_cursor');
  });
});
