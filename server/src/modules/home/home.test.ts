import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { ALERT_KINDS, type AlertCounts, type AlertKind } from '@caliu/common';
import type { Database } from '../../db/connect';
import { buildTestApp, login, manualClock, type Session } from '../../testing/app';
import { createTestCaseFile, createTestEntry } from '../../testing/case-files-factories';
import {
  createTestEntity,
  createTestProfessional,
  type TestEntity,
  type TestProfessional,
} from '../../testing/factories';
import { createTestPerson } from '../../testing/persons-factories';
import { todayIn } from '../persons/rules';
import { COUNTS_TTL_MS } from './service';

/**
 * The home page's alerts on a small generated population: every kind counted right for a
 * technician (their own case files), a coordinator (their team's) and a technician of another
 * team, then again after changes, switched off, and the records behind each listed and audited.
 */

const clock = manualClock(new Date());
let app: FastifyInstance;
let db: Database;

type Expect = Record<AlertKind, Set<string>>;
const emptyExpect = (): Expect =>
  Object.fromEntries(ALERT_KINDS.map((k) => [k, new Set<string>()])) as Expect;

type World = {
  entity: TestEntity;
  today: string;
  ana: TestProfessional;
  bea: TestProfessional;
  coordinator: TestProfessional;
  south: TestProfessional;
  siad: TestProfessional;
  expected: Record<'ana' | 'bea' | 'coordinator' | 'south' | 'siad', Expect>;
  plans: string[];
  files: { id: string; referent: string }[];
};

async function exec(entity: TestEntity, query: ReturnType<typeof sql>) {
  await db.tenant(entity.id, (tx) => tx.execute(query));
}

/**
 * Twelve case files spread over three technicians of two teams (and a SIAD one), each given a
 * deterministic mix of what makes alerts; the expected records per viewer are built alongside.
 */
async function generate(): Promise<World> {
  const entity = await createTestEntity(db);
  const today = todayIn('Europe/Madrid', clock.now());
  const north = entity.teams.north;
  const ana = await createTestProfessional(db, entity, { roles: ['tech_ssb'], teams: [north] });
  const bea = await createTestProfessional(db, entity, { roles: ['tech_ssb'], teams: [north] });
  const coordinator = await createTestProfessional(db, entity, {
    roles: ['coordinator'],
    coordinates: [north],
  });
  const south = await createTestProfessional(db, entity, {
    roles: ['tech_ssb'],
    teams: [entity.teams.south],
  });
  const siad = await createTestProfessional(db, entity, { roles: ['tech_siad'], teams: [north] });
  const expected = {
    ana: emptyExpect(),
    bea: emptyExpect(),
    coordinator: emptyExpect(),
    south: emptyExpect(),
    siad: emptyExpect(),
  };
  const plans: string[] = [];
  const files: { id: string; referent: string }[] = [];
  const owners = [
    ['ana', ana],
    ['bea', bea],
    ['south', south],
  ] as const;
  for (let i = 0; i < 12; i++) {
    const [ownerName, owner] = owners[i % 3]!;
    const inSouth = ownerName === 'south';
    const municipalityId = inSouth ? entity.municipalities.south : entity.municipalities.north1;
    const teamId = inSouth ? entity.teams.south : north;
    const closed = i === 9;
    const file = await createTestCaseFile(db, entity, {
      referentId: owner.id,
      municipalityId,
      teamId,
      closed,
      ...(i % 2 === 0 ? { interviewBy: owner.id } : {}),
    });
    files.push({ id: file.id, referent: ownerName });
    // Who sees this file's alerts: its referent, and its team's coordinator (north only).
    const viewers: Expect[] = closed ? [] : [expected[ownerName]];
    if (!closed && !inSouth) viewers.push(expected.coordinator);
    const add = (kind: AlertKind, id: string) => viewers.forEach((v) => v[kind].add(id));

    // Half the holders have a referent; the others are alerts.
    if (i % 2 === 1) {
      await exec(
        entity,
        sql`UPDATE persons SET referent_id = ${owner.id} WHERE id = ${file.holderId}`,
      );
    } else {
      add('person_without_referent', file.holderId);
    }
    // Opened two years ago: without an intervention since, inactive.
    if (i % 4 !== 3) {
      await exec(
        entity,
        sql`UPDATE case_files SET opened_on = ${today}::date - 730 WHERE id = ${file.id}`,
      );
      if (i % 2 === 1) add('case_file_inactive', file.id);
    }
    if (i % 4 === 0 || i % 4 === 1) {
      const plan = await createTestEntry(db, entity, file.id, 'plan', {
        personId: file.holderId,
        authorId: owner.id,
      });
      const due = i % 4 === 0 ? sql`${today}::date - 3` : sql`${today}::date + 30`;
      await exec(
        entity,
        sql`INSERT INTO plan_reviews (entity_id, plan_id, position, due_on)
          VALUES (${entity.id}, ${plan}, 0, ${due})`,
      );
      if (i % 4 === 0) {
        add('plan_review_overdue', plan);
        plans.push(plan);
      }
    }
    if (i % 5 <= 2) {
      const resource = await createTestEntry(db, entity, file.id, 'resource', {
        personId: file.holderId,
        authorId: owner.id,
      });
      if (i % 5 === 0) {
        await exec(
          entity,
          sql`UPDATE resources SET state = 'granted', starts_on = ${today}::date - 100,
            ends_on = ${today}::date - 1 WHERE id = ${resource}`,
        );
        add('resource_past_end', resource);
      } else {
        const days = i % 5 === 1 ? 40 : 10;
        await exec(
          entity,
          sql`UPDATE resources SET recorded_on = ${today}::date - ${days}::int WHERE id = ${resource}`,
        );
        if (i % 5 === 1) add('resource_pre_assigned', resource);
      }
    }
    if (i % 3 === 0 || i === 5) {
      // A member living elsewhere than the case file's municipality.
      const elsewhere = await createTestPerson(db, entity, {
        municipalityId: entity.municipalities.north2,
        referentId: owner.id,
      });
      await exec(
        entity,
        sql`INSERT INTO case_file_members (entity_id, case_file_id, person_id, role, added_on)
          VALUES (${entity.id}, ${file.id}, ${elsewhere}, 'other', ${today})`,
      );
      add('municipality_mismatch', `${file.id}:${elsewhere}`);
    }
  }
  // A person of the north team without a referent and without a case file: the coordinator's.
  const unattended = await createTestPerson(db, entity, { teamId: north });
  expected.coordinator.person_without_referent.add(unattended);
  // A SIAD case file of the north team: its SIAD technician and the coordinator only.
  const siadFile = await createTestCaseFile(db, entity, { scope: 'siad', referentId: siad.id });
  await exec(
    entity,
    sql`UPDATE case_files SET opened_on = ${today}::date - 730 WHERE id = ${siadFile.id}`,
  );
  for (const v of [expected.siad, expected.coordinator]) {
    v.case_file_inactive.add(siadFile.id);
    v.person_without_referent.add(siadFile.holderId);
  }
  return { entity, today, ana, bea, coordinator, south, siad, expected, plans, files };
}

async function counts(session: Session): Promise<AlertCounts> {
  const response = await app.inject({
    method: 'GET',
    url: '/api/home/alerts',
    headers: session.headers('en'),
  });
  expect(response.statusCode).toBe(200);
  return response.json() as AlertCounts;
}

const asRecord = (c: AlertCounts) =>
  Object.fromEntries(c.items.map((item) => [item.code, item.count]));
const sizes = (e: Expect) => Object.fromEntries(ALERT_KINDS.map((k) => [k, e[k].size]));

type Page = {
  items: {
    id: string;
    caseFile: { id: string } | null;
    person: { id: string } | null;
    date: string | null;
  }[];
  nextCursor: string | null;
};

async function allRecords(session: Session, kind: AlertKind): Promise<Set<string>> {
  const seen = new Set<string>();
  let cursor: string | null = null;
  do {
    const query: string = cursor ? `&cursor=${cursor}` : '';
    const response = await app.inject({
      method: 'GET',
      url: `/api/home/alerts/${kind}?limit=2${query}`,
      headers: session.headers('en'),
    });
    expect(response.statusCode).toBe(200);
    const page = response.json() as Page;
    for (const item of page.items) {
      seen.add(
        kind === 'municipality_mismatch'
          ? `${item.caseFile!.id}:${item.person!.id}`
          : kind === 'case_file_inactive'
            ? item.caseFile!.id
            : kind === 'person_without_referent'
              ? item.person!.id
              : item.id,
      );
    }
    cursor = page.nextCursor;
  } while (cursor);
  return seen;
}

describe('the home page', () => {
  let w: World;
  let s: Record<'ana' | 'bea' | 'coordinator' | 'south' | 'siad', Session>;

  beforeAll(async () => {
    ({ app, database: db } = await buildTestApp({ clock }));
    w = await generate();
    const code = w.entity.code;
    s = {
      ana: await login(app, code, w.ana.username),
      bea: await login(app, code, w.bea.username),
      coordinator: await login(app, code, w.coordinator.username),
      south: await login(app, code, w.south.username),
      siad: await login(app, code, w.siad.username),
    };
  });
  afterAll(async () => {
    await app.close();
  });

  it("counts each kind of alert within each viewer's scope: own, the team's, another team's", async () => {
    for (const name of ['ana', 'bea', 'coordinator', 'south', 'siad'] as const) {
      expect({ name, counts: asRecord(await counts(s[name])) }).toEqual({
        name,
        counts: sizes(w.expected[name]),
      });
    }
    // The generated population gives every kind something to count for the coordinator.
    for (const kind of ALERT_KINDS) expect(w.expected.coordinator[kind].size).toBeGreaterThan(0);
  });

  it('lists the records behind each alert, page by page, in scope, and audits each page', async () => {
    for (const name of ['ana', 'coordinator', 'south'] as const) {
      for (const kind of ALERT_KINDS) {
        expect({ name, kind, records: [...(await allRecords(s[name], kind))].sort() }).toEqual({
          name,
          kind,
          records: [...w.expected[name][kind]].sort(),
        });
      }
    }
    const audit = await db.tenant(w.entity.id, (tx) =>
      tx.execute(sql`SELECT details FROM audit_log WHERE entity_id = ${w.entity.id}
        AND actor_id = ${w.ana.id} AND action = 'home.alert_list'`),
    );
    expect((audit as unknown as { rows: unknown[] }).rows.length).toBeGreaterThanOrEqual(6);
  });

  it('moves a count within a minute of a change', async () => {
    const before = asRecord(await counts(s.ana));
    const plan = [...w.expected.ana.plan_review_overdue][0]!;
    await exec(w.entity, sql`UPDATE plan_reviews SET held_on = ${w.today} WHERE plan_id = ${plan}`);
    const person = [...w.expected.ana.person_without_referent][0]!;
    await exec(w.entity, sql`UPDATE persons SET referent_id = ${w.ana.id} WHERE id = ${person}`);
    clock.advance(COUNTS_TTL_MS + 1_000);
    const after = asRecord(await counts(s.ana));
    expect(after.plan_review_overdue).toBe(before.plan_review_overdue! - 1);
    expect(after.person_without_referent).toBe(before.person_without_referent! - 1);
    // A resource granted yesterday's end: one more (the next minute).
    const file = w.files.find((f) => f.referent === 'ana')!;
    const holder = await db.tenant(w.entity.id, (tx) =>
      tx.execute(sql`SELECT person_id FROM case_file_members WHERE case_file_id = ${file.id}
        AND role = 'holder'`),
    );
    const personId = (holder as unknown as { rows: { person_id: string }[] }).rows[0]!.person_id;
    const resource = await createTestEntry(db, w.entity, file.id, 'resource', {
      personId,
      authorId: w.ana.id,
    });
    await exec(
      w.entity,
      sql`UPDATE resources SET state = 'granted', starts_on = ${w.today}::date - 10,
        ends_on = ${w.today}::date - 1 WHERE id = ${resource}`,
    );
    clock.advance(COUNTS_TTL_MS + 1_000);
    expect(asRecord(await counts(s.ana)).resource_past_end).toBe(after.resource_past_end! + 1);
  });

  it('switches a kind off and on again, for that user only', async () => {
    const patch = (enabled: boolean) =>
      app.inject({
        method: 'PATCH',
        url: '/api/home/alert-preferences',
        headers: s.bea.headers('en'),
        payload: { kind: 'case_file_inactive', enabled },
      });
    const off = await patch(false);
    expect(off.statusCode).toBe(200);
    const item = (c: AlertCounts) => c.items.find((i) => i.code === 'case_file_inactive')!;
    expect(item(off.json() as AlertCounts)).toEqual({
      code: 'case_file_inactive',
      enabled: false,
      count: null,
    });
    expect(item(await counts(s.bea)).enabled).toBe(false);
    expect(item(await counts(s.coordinator)).enabled).toBe(true);
    const on = await patch(true);
    expect(item(on.json() as AlertCounts)).toEqual({
      code: 'case_file_inactive',
      enabled: true,
      count: w.expected.bea.case_file_inactive.size,
    });
  });

  it('lists the case files the user opened last, newest first, and refuses alerts to who reads no content', async () => {
    const [first, second] = w.files.filter((f) => f.referent === 'ana');
    for (const file of [first!, second!, first!]) {
      const opened = await app.inject({
        method: 'GET',
        url: `/api/case-files/${file.id}`,
        headers: s.ana.headers('en'),
      });
      expect(opened.statusCode).toBe(200);
      clock.advance(1_000);
    }
    const recent = await app.inject({
      method: 'GET',
      url: '/api/home/recent-case-files',
      headers: s.ana.headers('en'),
    });
    expect(recent.statusCode).toBe(200);
    const ids = (recent.json() as { items: { id: string }[] }).items.map((i) => i.id);
    expect(ids).toEqual([first!.id, second!.id]);
    // Bea opened none.
    const none = await app.inject({
      method: 'GET',
      url: '/api/home/recent-case-files',
      headers: s.bea.headers('en'),
    });
    expect(none.json()).toEqual({ items: [] });

    const admin = await createTestProfessional(db, w.entity, { roles: ['tech_admin'] });
    const adminSession = await login(app, w.entity.code, admin.username);
    const refused = await app.inject({
      method: 'GET',
      url: '/api/home/alerts',
      headers: adminSession.headers('en'),
    });
    expect(refused.statusCode).toBe(403);
  });

  it("counts and lists an absent colleague's files while covering them, and stops when the cover ends", async () => {
    const own = asRecord(await counts(s.bea));
    const absent = asRecord(await counts(s.ana));
    const absentRecords = Object.fromEntries(
      await Promise.all(ALERT_KINDS.map(async (k) => [k, await allRecords(s.ana, k)] as const)),
    );
    const url = `/api/caseload/teams/${w.entity.teams.north}/covers`;
    const created = await app.inject({
      method: 'POST',
      url,
      headers: s.coordinator.headers('en'),
      payload: {
        absentId: w.ana.id,
        coverId: w.bea.id,
        reason: 'sick_leave',
        startsOn: w.today,
        endsOn: w.today,
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    // No wait for the cache: a cover starting is part of its key.
    const covering = asRecord(await counts(s.bea));
    for (const kind of ALERT_KINDS) {
      expect({ kind, count: covering[kind] }).toEqual({ kind, count: own[kind]! + absent[kind]! });
      const listed = await allRecords(s.bea, kind);
      for (const id of absentRecords[kind]!)
        expect({ kind, listed: listed.has(id) }).toEqual({ kind, listed: true });
    }
    // Ana's files give the cover something to count.
    expect(Object.values(absent).some((n) => n! > 0)).toBe(true);

    const ended = await app.inject({
      method: 'POST',
      url: `${url}/${(created.json() as { id: string }).id}/end`,
      headers: s.coordinator.headers('en'),
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(asRecord(await counts(s.bea))).toEqual(own);
  });
});
