import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../../../db/connect';
import { createTestCaseFile } from '../../../testing/case-files-factories';
import { contentWorld } from '../../../testing/content-world';
import { createTestPerson } from '../../../testing/persons-factories';

const TODAY = '2026-03-10';

async function setUp() {
  const world = await contentWorld(TODAY);
  const { db, entity, tech, partner } = world;
  const elsewhere = await createTestPerson(db, entity, {
    givenName: 'Núria',
    firstSurname: 'Vidal',
    municipalityId: entity.municipalities.south,
  });
  const file = await createTestCaseFile(db, entity, {
    referentId: tech.id,
    members: [
      { personId: partner, role: 'partner' },
      { personId: elsewhere, role: 'child' },
    ],
  });
  return { ...world, elsewhere, file };
}

const base = (id: string) => `/api/case-files/${id}`;

describe('case file content', () => {
  it('records a demand for a member, lists it, and audits the read for every member', async () => {
    const { db, entity, tech, file, call, types } = await setUp();
    const demand = (await types('demand')).economic_aid!;
    const res = await call(tech.session, 'POST', `${base(file.id)}/demands`, {
      typeId: demand,
      personId: file.holderId,
      requestedOn: TODAY,
      description: 'Asks for help with the rent',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({
      type: { id: demand, name: 'Economic aid' },
      person: { id: file.holderId },
      requestedOn: TODAY,
      description: 'Asks for help with the rent',
      author: { id: tech.id },
      can: { edit: true },
    });
    const list = await call(tech.session, 'GET', `${base(file.id)}/demands`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items.map((d: { id: string }) => d.id)).toEqual([res.json().id]);
    const audits = await db.asOwner((tx) =>
      rowsOf<{ action: string; person_id: string }>(
        tx,
        sql`SELECT a.action, s.person_id FROM audit_log a
          JOIN audit_subjects s ON s.audit_id = a.id
          WHERE a.entity_id = ${entity.id} AND a.record_id = ${file.id}
            AND a.action = 'case_file.read_content'`,
      ),
    );
    expect(audits.length).toBe(3);
    const created = await db.asOwner((tx) =>
      rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM audit_log
          WHERE entity_id = ${entity.id} AND action = 'demand.create' AND record_id = ${res.json().id}`,
      ),
    );
    expect(created[0]!.n).toBe(1);
  });

  it('applies the municipality rule to every kind, naming both municipalities, in the reader’s language', async () => {
    const { tech, file, elsewhere, call, types } = await setUp();
    const bodies: Record<string, object> = {
      demands: { typeId: (await types('demand')).housing, requestedOn: TODAY },
      problems: { typeId: (await types('problem')).unemployment, startedOn: TODAY },
      resources: { typeId: (await types('resource')).telecare },
      procedures: {
        typeId: (await types('procedure')).pension,
        administration: 'Generalitat de Catalunya',
      },
    };
    for (const [path, body] of Object.entries(bodies)) {
      const res = await call(tech.session, 'POST', `${base(file.id)}/${path}`, {
        ...body,
        personId: elsewhere,
      });
      expect(res.statusCode, `${path}: ${res.body}`).toBe(400);
      expect(res.json().error.code).toBe('case_files.municipality_mismatch');
      expect(res.json().error.details[0].field).toBe('personId');
      expect(res.json().error.details[0].message).toMatch(
        /Núria Vidal lives in .+ and this case file belongs to/,
      );
      const ok = await call(tech.session, 'POST', `${base(file.id)}/${path}`, {
        ...body,
        personId: file.holderId,
      });
      expect(ok.statusCode, `${path}: ${ok.body}`).toBe(201);
    }
    const catalan = await call(
      tech.session,
      'POST',
      `${base(file.id)}/demands`,
      { ...bodies.demands, personId: elsewhere },
      'ca',
    );
    expect(catalan.json().error.details[0].message).toMatch(
      /^Núria Vidal viu a .+ i aquest expedient és de/,
    );
  });

  it('refuses a person who is not a member, a type of another catalogue and a future date', async () => {
    const { db, entity, tech, file, call, types } = await setUp();
    const stranger = await createTestPerson(db, entity);
    const demand = (await types('demand')).food!;
    const notMember = await call(tech.session, 'POST', `${base(file.id)}/demands`, {
      typeId: demand,
      personId: stranger,
      requestedOn: TODAY,
    });
    expect(notMember.json().error).toMatchObject({ code: 'case_files.not_a_member' });
    const wrongCatalogue = await call(tech.session, 'POST', `${base(file.id)}/demands`, {
      typeId: (await types('problem')).unemployment,
      personId: file.holderId,
      requestedOn: TODAY,
    });
    expect(wrongCatalogue.json().error).toMatchObject({
      code: 'case_files.unknown_catalogue_entry',
    });
    const future = await call(tech.session, 'POST', `${base(file.id)}/demands`, {
      typeId: demand,
      personId: file.holderId,
      requestedOn: '2026-03-11',
    });
    expect(future.statusCode).toBe(400);
    expect(future.json().error).toMatchObject({ code: 'case_files.date_in_future' });
  });

  it('keeps a problem active until it ends, and refuses an end before its start', async () => {
    const { tech, file, call, types } = await setUp();
    const created = await call(tech.session, 'POST', `${base(file.id)}/problems`, {
      typeId: (await types('problem')).eviction_risk,
      personId: file.holderId,
      startedOn: '2026-01-15',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({ active: true, endedOn: null });
    const url = `${base(file.id)}/problems/${created.json().id}`;
    const early = await call(tech.session, 'PATCH', url, { active: false, endedOn: '2026-01-01' });
    expect(early.json().error).toMatchObject({ code: 'case_files.end_before_start' });
    const contradictory = await call(tech.session, 'PATCH', url, { endedOn: '2026-03-01' });
    expect(contradictory.json().error).toMatchObject({
      code: 'case_files.problem_active_with_end',
    });
    const ended = await call(tech.session, 'PATCH', url, {
      active: false,
      endedOn: '2026-03-01',
      version: 1,
    });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ active: false, endedOn: '2026-03-01', version: 2 });
    const stale = await call(tech.session, 'PATCH', url, { notes: 'Late', version: 1 });
    expect(stale.statusCode).toBe(409);
    const again = await call(tech.session, 'PATCH', url, { active: true });
    expect(again.json()).toMatchObject({ active: true, endedOn: null });
  });

  it('moves a resource through its states; granting records an intervention by itself', async () => {
    const { tech, file, call, types } = await setUp();
    const homeCare = (await types('resource')).home_care_hours!;
    const noUnit = await call(tech.session, 'POST', `${base(file.id)}/resources`, {
      typeId: homeCare,
      personId: file.holderId,
      amount: 6,
    });
    expect(noUnit.json().error).toMatchObject({ code: 'case_files.amount_needs_unit' });
    const created = await call(tech.session, 'POST', `${base(file.id)}/resources`, {
      typeId: homeCare,
      personId: file.holderId,
      amount: 6,
      unit: 'hours_per_week',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      state: 'pre_assigned',
      amount: 6,
      unit: 'hours_per_week',
      startsOn: null,
      nextStates: ['granted', 'denied'],
    });
    const url = `${base(file.id)}/resources/${created.json().id}`;
    const ended = await call(tech.session, 'PATCH', url, { state: 'ended' });
    expect(ended.statusCode).toBe(409);
    expect(ended.json().error.message).toBe(
      'A resource cannot go from "pre-assigned" to "ended": pre-assigned resources are granted or denied, granted ones end.',
    );
    const granted = await call(tech.session, 'PATCH', url, { state: 'granted' });
    expect(granted.statusCode, granted.body).toBe(200);
    expect(granted.json()).toMatchObject({
      state: 'granted',
      startsOn: TODAY,
      nextStates: ['ended'],
    });
    const events = await call(tech.session, 'GET', `${base(file.id)}/timeline?kinds=intervention`);
    expect(events.json().items.map((e: { item: { event: string } }) => e.item.event)).toContain(
      'resource_granted',
    );
    const grant = events
      .json()
      .items.find((e: { item: { event: string } }) => e.item.event === 'resource_granted');
    expect(grant.item).toMatchObject({
      resource: { id: created.json().id, name: 'Home care service (hours)' },
      persons: [{ id: file.holderId }],
      occurredOn: TODAY,
      can: { edit: false },
    });
    const denied = await call(tech.session, 'PATCH', url, { state: 'denied' });
    expect(denied.statusCode).toBe(409);
    const finished = await call(tech.session, 'PATCH', url, { state: 'ended' });
    expect(finished.json()).toMatchObject({ state: 'ended', endsOn: TODAY, nextStates: [] });
    const direct = await call(tech.session, 'POST', `${base(file.id)}/resources`, {
      typeId: (await types('resource')).telecare,
      personId: file.holderId,
      state: 'denied',
    });
    expect(direct.statusCode).toBe(409);
  });

  it('records a procedure before another administration and follows its status', async () => {
    const { tech, file, call, types } = await setUp();
    const created = await call(tech.session, 'POST', `${base(file.id)}/procedures`, {
      typeId: (await types('procedure')).dependency_recognition,
      personId: file.holderId,
      administration: 'Generalitat de Catalunya',
      status: 'filed',
      filedOn: '2026-02-01',
      reference: 'DEP-2026-123',
    });
    expect(created.statusCode, created.body).toBe(201);
    const url = `${base(file.id)}/procedures/${created.json().id}`;
    const early = await call(tech.session, 'PATCH', url, { answeredOn: '2026-01-01' });
    expect(early.json().error).toMatchObject({ code: 'case_files.end_before_start' });
    const answered = await call(tech.session, 'PATCH', url, {
      status: 'granted',
      answeredOn: '2026-03-05',
    });
    expect(answered.json()).toMatchObject({
      status: 'granted',
      filedOn: '2026-02-01',
      answeredOn: '2026-03-05',
      reference: 'DEP-2026-123',
    });
  });

  it('starts and edits an intervention plan: who may, whose entry it is, and the next review', async () => {
    const { actor, entity, tech, file, call } = await setUp();
    const plan = await call(tech.session, 'POST', `${base(file.id)}/plans`, {
      startedOn: TODAY,
      objectives: 'Keep the home; children back at school',
      actions: [
        { description: 'Apply for housing aid', responsible: 'Social worker', dueOn: '2026-03-31' },
        { description: 'Meet the school', responsible: 'Mother' },
      ],
      reviews: [{ dueOn: '2026-06-10' }, { dueOn: '2026-04-10' }],
      signedByPerson: true,
    });
    expect(plan.statusCode, plan.body).toBe(201);
    expect(plan.json()).toMatchObject({
      state: 'active',
      signedByPerson: true,
      nextReviewOn: '2026-04-10',
      actions: [{ description: 'Apply for housing aid', done: false }, { dueOn: null }],
    });
    const url = `${base(file.id)}/plans/${plan.json().id}`;
    const colleague = await actor(['tech_ssb']);
    const techAdmin = await actor(['tech_admin']);
    expect(
      (
        await call(techAdmin.session, 'POST', `${base(file.id)}/plans`, {
          startedOn: TODAY,
          objectives: 'x',
        })
      ).statusCode,
    ).toBe(403);
    // A colleague who is not on the file does not reach it at all.
    expect(
      (await call(colleague.session, 'PATCH', url, { signedByPerson: false })).statusCode,
    ).toBe(404);
    const coordinator = await actor(['coordinator'], { coordinates: [entity.teams.north] });
    const held = await call(coordinator.session, 'PATCH', url, {
      reviews: [
        { dueOn: '2026-03-09', heldOn: '2026-03-09', notes: 'On track' },
        { dueOn: '2026-06-10' },
      ],
      actions: [{ description: 'Apply for housing aid', responsible: 'Social worker', done: true }],
      version: 1,
    });
    expect(held.statusCode, held.body).toBe(200);
    expect(held.json()).toMatchObject({
      nextReviewOn: '2026-06-10',
      actions: [{ done: true }],
      author: { id: tech.id },
      version: 2,
    });
  });

  it('shows everything in date order, filtered by kind, professional and period, page by page', async () => {
    const { actor, entity, tech, file, call, types } = await setUp();
    const demand = (await types('demand')).housing!;
    for (const day of ['2026-01-05', '2026-02-05', '2026-03-05']) {
      await call(tech.session, 'POST', `${base(file.id)}/demands`, {
        typeId: demand,
        personId: file.holderId,
        requestedOn: day,
      });
    }
    const coordinator = await actor(['coordinator'], { coordinates: [entity.teams.north] });
    const problem = await call(coordinator.session, 'POST', `${base(file.id)}/problems`, {
      typeId: (await types('problem')).unemployment,
      personId: file.holderId,
      startedOn: '2026-02-20',
    });
    expect(problem.statusCode, problem.body).toBe(201);
    const all = await call(tech.session, 'GET', `${base(file.id)}/timeline`);
    expect(all.statusCode, all.body).toBe(200);
    const dates = all.json().items.map((e: { date: string }) => e.date);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(all.json().items.map((e: { kind: string }) => e.kind)).toEqual([
      'demand',
      'problem',
      'demand',
      'demand',
    ]);
    const byCoordinator = await call(
      tech.session,
      'GET',
      `${base(file.id)}/timeline?professionalId=${coordinator.id}`,
    );
    expect(byCoordinator.json().items.map((e: { kind: string }) => e.kind)).toEqual(['problem']);
    const february = await call(
      tech.session,
      'GET',
      `${base(file.id)}/timeline?from=2026-02-01&to=2026-02-28&kinds=demand,problem`,
    );
    expect(february.json().items.map((e: { date: string }) => e.date)).toEqual([
      '2026-02-20',
      '2026-02-05',
    ]);
    const first = await call(tech.session, 'GET', `${base(file.id)}/timeline?limit=2`);
    const second = await call(
      tech.session,
      'GET',
      `${base(file.id)}/timeline?limit=2&cursor=${first.json().nextCursor}`,
    );
    expect(second.json().items.map((e: { date: string }) => e.date)).toEqual(dates.slice(2, 4));
    const badKind = await call(tech.session, 'GET', `${base(file.id)}/timeline?kinds=secrets`);
    expect(badKind.statusCode).toBe(400);
  });

  it('refuses content on a closed case file and content to whoever sees only the header', async () => {
    const { db, entity, actor, tech, call, types } = await setUp();
    const closed = await createTestCaseFile(db, entity, { referentId: tech.id, closed: true });
    const demand = {
      typeId: (await types('demand')).food,
      personId: closed.holderId,
      requestedOn: TODAY,
    };
    const res = await call(tech.session, 'POST', `${base(closed.id)}/demands`, demand);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('case_files.closed');
    const techAdmin = await actor(['tech_admin']);
    expect((await call(techAdmin.session, 'GET', `${base(closed.id)}/timeline`)).statusCode).toBe(
      403,
    );
  });

  it('opens a case file in one request: the header with its latest entries, each read audited', async () => {
    const { db, entity, actor, tech, file, call, types } = await setUp();
    for (const [code, day] of [
      ['food', '2026-03-01'],
      ['economic_aid', '2026-03-05'],
    ] as const) {
      const res = await call(tech.session, 'POST', `${base(file.id)}/demands`, {
        typeId: (await types('demand'))[code],
        personId: file.holderId,
        requestedOn: day,
      });
      expect(res.statusCode, res.body).toBe(201);
    }
    const audited = async () =>
      db.asOwner((tx) =>
        rowsOf<{ action: string; subjects: number }>(
          tx,
          sql`SELECT a.action, (SELECT count(*)::int FROM audit_subjects s
              WHERE s.entity_id = a.entity_id AND s.audit_id = a.id) AS subjects
            FROM audit_log a
            WHERE a.entity_id = ${entity.id} AND a.record_id = ${file.id}
              AND a.action IN ('case_file.read', 'case_file.read_content')
            ORDER BY a.id`,
        ),
      );
    const opened = await call(tech.session, 'GET', `/api/case-files/${file.id}?timeline=1`);
    expect(opened.statusCode, opened.body).toBe(200);
    const body = opened.json();
    expect(body.id).toBe(file.id);
    expect(body.members).toHaveLength(3);
    expect(
      body.timeline.items.map((e: { kind: string; date: string }) => [e.kind, e.date]),
    ).toEqual([['demand', '2026-03-05']]);
    // The next page is the timeline endpoint's, from this cursor.
    const next = await call(
      tech.session,
      'GET',
      `${base(file.id)}/timeline?limit=1&cursor=${encodeURIComponent(body.timeline.nextCursor)}`,
    );
    expect(next.json().items.map((e: { date: string }) => e.date)).toEqual(['2026-03-01']);
    expect(await audited()).toEqual([
      { action: 'case_file.read', subjects: 3 },
      { action: 'case_file.read_content', subjects: 3 },
      { action: 'case_file.read_content', subjects: 3 },
    ]);
    // Without the parameter: the header alone, one audited read.
    const header = await call(tech.session, 'GET', `/api/case-files/${file.id}`);
    expect(header.json()).not.toHaveProperty('timeline');
    expect((await audited()).length).toBe(4);
    // The technical administrator sees the header, not the content: timeline null, no content read.
    const techAdmin = await actor(['tech_admin']);
    const adminView = await call(
      techAdmin.session,
      'GET',
      `/api/case-files/${file.id}?timeline=20`,
    );
    expect(adminView.statusCode, adminView.body).toBe(200);
    expect(adminView.json().timeline).toBeNull();
    expect((await audited()).map((a) => a.action)).toEqual([
      'case_file.read',
      'case_file.read_content',
      'case_file.read_content',
      'case_file.read',
      'case_file.read',
    ]);
    const bad = await call(tech.session, 'GET', `/api/case-files/${file.id}?timeline=0`);
    expect(bad.statusCode).toBe(400);
  });

  it('answers what is active for a person, only from case files whose content the user reads', async () => {
    const { db, entity, actor, tech, file, call, types } = await setUp();
    const siadTech = await actor(['tech_siad']);
    const siad = await createTestCaseFile(db, entity, {
      scope: 'siad',
      referentId: siadTech.id,
      holderId: file.holderId,
    });
    const problem = (await types('problem')).gender_violence!;
    expect(
      (
        await call(siadTech.session, 'POST', `${base(siad.id)}/problems`, {
          typeId: problem,
          personId: file.holderId,
          startedOn: TODAY,
        })
      ).statusCode,
    ).toBe(201);
    await call(tech.session, 'POST', `${base(file.id)}/problems`, {
      typeId: (await types('problem')).unemployment,
      personId: file.holderId,
      startedOn: '2026-01-10',
    });
    const resource = await call(tech.session, 'POST', `${base(file.id)}/resources`, {
      typeId: (await types('resource')).basic_needs_aid,
      personId: file.holderId,
      state: 'granted',
      amount: 300,
      unit: 'euros',
    });
    expect(resource.statusCode, resource.body).toBe(201);
    await call(tech.session, 'POST', `${base(file.id)}/plans`, {
      startedOn: TODAY,
      objectives: 'Stability',
      reviews: [{ dueOn: '2026-05-01' }],
    });
    const res = await call(tech.session, 'GET', `/api/persons/${file.holderId}/view`);
    expect(res.statusCode, res.body).toBe(200);
    const active = res.json().active;
    expect(active.caseFiles.map((f: { id: string }) => f.id)).toEqual([file.id]);
    expect(active.problems.map((p: { type: { name: string } }) => p.type.name)).toEqual([
      'Unemployment',
    ]);
    expect(active.resources).toMatchObject([{ amount: 300, unit: 'euros', startsOn: TODAY }]);
    expect(active.nextReview).toMatchObject({ caseFileId: file.id, dueOn: '2026-05-01' });
    const siadView = (
      await call(siadTech.session, 'GET', `/api/persons/${file.holderId}/view`)
    ).json().active;
    expect(siadView.caseFiles.map((f: { id: string }) => f.id)).toEqual([siad.id]);
    expect(siadView.problems.map((p: { type: { name: string } }) => p.type.name)).toEqual([
      'Gender-based violence',
    ]);
    const auxAdmin = await actor(['aux_admin']);
    expect(
      (await call(auxAdmin.session, 'GET', `/api/persons/${file.holderId}/view`)).json().active,
    ).toBeNull();
    // One audit entry per view of the page, naming the case files whose content it read.
    const reads = await db.asOwner((tx) =>
      rowsOf<{ action: string; details: { contentOf?: string[] } }>(
        tx,
        sql`SELECT action, details FROM audit_log
          WHERE entity_id = ${entity.id} AND record_type = 'person' AND record_id = ${file.holderId}
            AND actor_id = ${tech.id}`,
      ),
    );
    expect(reads).toEqual([{ action: 'person.read_full', details: { contentOf: [file.id] } }]);
  });
});
