import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Role } from '@caliu/common';
import { rowsOf } from '../../db/connect';
import { buildTestApp, login, manualClock, type Session } from '../../testing/app';
import { createTestCaseFile } from '../../testing/case-files-factories';
import { NEEDS_POSTGRES, onPostgres, testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { createTestPerson } from '../../testing/persons-factories';

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];

async function setUp(options: { clock?: ReturnType<typeof manualClock>; timeZone?: string } = {}) {
  const { app } = await buildTestApp(options.clock ? { clock: options.clock } : {});
  const db = await testDatabase();
  const entity = await createTestEntity(db, options.timeZone ? { timeZone: options.timeZone } : {});
  const actor = async (roles: Role[], extra: { coordinates?: string[]; teams?: string[] } = {}) => {
    const pro = await createTestProfessional(db, entity, {
      roles,
      teams: extra.teams ?? (extra.coordinates ? [] : [entity.teams.north]),
      ...(extra.coordinates ? { coordinates: extra.coordinates } : {}),
    });
    return { ...pro, session: await login(app, entity.code, pro.username) };
  };
  return { app, db, entity, actor };
}

const call = (
  app: App,
  session: Session,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  url: string,
  payload?: object,
  language = 'en',
) =>
  app.inject({
    method,
    url,
    ...(payload ? { payload } : {}),
    headers: session.headers(language),
  });

async function interventionTypes(app: App, session: Session) {
  const res = await call(app, session, 'GET', '/api/catalogues/intervention_type');
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { id: string; code: string; label: string }[];
}

describe('case files', () => {
  it('opens a case file for a person: number, holder, team of the place, referent, opening intervention', async () => {
    const { app, db, entity, actor } = await setUp();
    const tech = await actor(['tech_ssb']);
    const person = await createTestPerson(db, entity, {
      municipalityId: entity.municipalities.south,
    });
    const res = await call(app, tech.session, 'POST', '/api/case-files', {
      personId: person,
      scope: 'ssb',
    });
    expect(res.statusCode, res.body).toBe(201);
    const file = res.json();
    const year = new Date().getFullYear();
    expect(file).toMatchObject({
      number: `${year}/000001`,
      scope: 'ssb',
      state: 'open',
      municipality: { id: entity.municipalities.south },
      team: { id: entity.teams.south },
      referent: { id: tech.id },
      members: [{ person: { id: person }, role: 'holder' }],
    });
    expect(file.can).toEqual({
      edit: true,
      changeReferent: false,
      changeTeam: false,
      unlinkMember: false,
      viewContent: true,
      addContent: true,
      editPlans: true,
      moveContent: false,
    });
    const second = await call(app, tech.session, 'POST', '/api/case-files', {
      personId: person,
      scope: 'ssb',
    });
    expect(second.json().number).toBe(`${year}/000002`);
    const list = await call(app, tech.session, 'GET', `/api/case-files/${file.id}/interventions`);
    expect(list.statusCode, list.body).toBe(200);
    expect(list.json().items).toMatchObject([{ event: 'opened', type: null }]);
    const types = await interventionTypes(app, tech.session);
    expect(types.find((t) => t.code === 'interview')?.label).toBe('Interview');
    const interview = await call(
      app,
      tech.session,
      'POST',
      `/api/case-files/${file.id}/interventions`,
      {
        typeId: types.find((t) => t.code === 'interview')!.id,
        occurredOn: new Date().toISOString().slice(0, 10),
        durationMinutes: 45,
        personIds: [person],
        notes: 'First interview.\nHousing difficulties.',
      },
    );
    expect(interview.statusCode, interview.body).toBe(201);
    expect(interview.json()).toMatchObject({
      type: { name: 'Interview' },
      persons: [{ id: person }],
      professionals: [{ id: tech.id }],
      can: { edit: true },
    });
    const rows = await db.asOwner((tx) =>
      rowsOf<{ action: string }>(
        tx,
        sql`SELECT a.action FROM audit_subjects s JOIN audit_log a ON a.id = s.audit_id
          WHERE s.entity_id = ${entity.id} AND s.person_id = ${person} ORDER BY a.id`,
      ),
    );
    expect(rows.map((r) => r.action)).toContain('case_file.read_content');
  });

  it('numbers per entity and local year: 31 December at 23:30 in Madrid is already next year', async () => {
    // 2026-12-31T23:30:00Z is 00:30 on 1 January 2027 in Madrid.
    const clock = manualClock(new Date('2026-12-31T23:30:00Z'));
    const { app, db, entity, actor } = await setUp({ clock, timeZone: 'Europe/Madrid' });
    const tech = await actor(['tech_ssb']);
    const person = await createTestPerson(db, entity);
    const res = await call(app, tech.session, 'POST', '/api/case-files', {
      personId: person,
      scope: 'ssb',
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ number: '2027/000001', year: 2027, openedOn: '2027-01-01' });
  });

  it("gives a refused creation's number back: the next one has no gap", async () => {
    const { app, db, entity, actor } = await setUp();
    const tech = await actor(['tech_ssb']);
    const person = await createTestPerson(db, entity);
    const first = await call(app, tech.session, 'POST', '/api/case-files', {
      personId: person,
      scope: 'ssb',
    });
    // Refused after the number was taken (a technician naming no referent could not see it).
    const refused = await call(app, tech.session, 'POST', '/api/case-files', {
      personId: person,
      scope: 'ssb',
      referentId: null,
    });
    expect(refused.statusCode, refused.body).toBe(400);
    expect(refused.json().error.code).toBe('case_files.creator_out_of_reach');
    const next = await call(app, tech.session, 'POST', '/api/case-files', {
      personId: person,
      scope: 'ssb',
    });
    expect(next.json().seq).toBe(first.json().seq + 1);
  });

  it.skipIf(!onPostgres())(
    `numbers 20 concurrent creations 1..20 without gaps or collisions (${NEEDS_POSTGRES})`,
    async () => {
      const { app, db, entity, actor } = await setUp();
      const tech = await actor(['tech_ssb']);
      const person = await createTestPerson(db, entity);
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          call(app, tech.session, 'POST', '/api/case-files', { personId: person, scope: 'ssb' }),
        ),
      );
      expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(201));
      const seqs = answers.map((a) => a.json().seq as number).sort((x, y) => x - y);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    },
  );

  it('lets each technician open case files of their own scope only; coordinators and the technical administrator any', async () => {
    const { app, db, entity, actor } = await setUp();
    const person = await createTestPerson(db, entity);
    const ssb = await actor(['tech_ssb']);
    const refused = await call(
      app,
      ssb.session,
      'POST',
      '/api/case-files',
      { personId: person, scope: 'eaia' },
      'ca',
    );
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.message).toMatch(/àmbit/);
    const coordinator = await actor(['coordinator'], { coordinates: [entity.teams.north] });
    const byCoordinator = await call(app, coordinator.session, 'POST', '/api/case-files', {
      personId: person,
      scope: 'eaia',
    });
    expect(byCoordinator.statusCode, byCoordinator.body).toBe(201);
    const techAdmin = await actor(['tech_admin']);
    const byTechAdmin = await call(app, techAdmin.session, 'POST', '/api/case-files', {
      personId: person,
      scope: 'sad',
    });
    expect(byTechAdmin.statusCode, byTechAdmin.body).toBe(201);
    // The technical administrator is no referent: the file has none, and they see its header.
    expect(byTechAdmin.json()).toMatchObject({
      referent: null,
      can: { edit: true, viewContent: false },
    });
  });

  it('shows a technician their own case files of their scope, assigned ones too, and nothing else', async () => {
    const { app, db, entity, actor } = await setUp();
    const tech = await actor(['tech_ssb']);
    const mine = await createTestCaseFile(db, entity, { referentId: tech.id });
    const assigned = await createTestCaseFile(db, entity, { assignedIds: [tech.id] });
    const colleague = await createTestCaseFile(db, entity);
    // Referent of an EAIA file: not of their scope.
    const eaia = await createTestCaseFile(db, entity, { scope: 'eaia', referentId: tech.id });
    const list = await call(app, tech.session, 'GET', '/api/case-files');
    expect(
      list
        .json()
        .items.map((f: { id: string }) => f.id)
        .sort(),
    ).toEqual([mine.id, assigned.id].sort());
    expect(list.json().total).toBe(2);
    for (const hidden of [colleague, eaia]) {
      const res = await call(app, tech.session, 'GET', `/api/case-files/${hidden.id}`);
      expect(res.statusCode).toBe(404);
    }
  });

  it("hides SIAD case files from everyone but their SIAD technicians and their team's coordinators: lists, counts, number search, person page, errors", async () => {
    const { app, db, entity, actor } = await setUp();
    const siad = await actor(['tech_siad']);
    const ssb = await actor(['tech_ssb']);
    const techAdmin = await actor(['tech_admin']);
    const northCoordinator = await actor(['coordinator'], { coordinates: [entity.teams.north] });
    const southCoordinator = await actor(['coordinator'], { coordinates: [entity.teams.south] });
    const administrator = await actor(['administrator']);
    // The SSB technician is even assigned to it: the wall holds all the same.
    const file = await createTestCaseFile(db, entity, {
      scope: 'siad',
      referentId: siad.id,
      assignedIds: [ssb.id],
    });
    const ordinary = await createTestCaseFile(db, entity, { holderId: file.holderId });
    const missing = '00000000-0000-4000-8000-000000000000';
    const [seq] = file.number.split('/').slice(1).map(Number);

    for (const who of [siad, northCoordinator]) {
      expect((await call(app, who.session, 'GET', `/api/case-files/${file.id}`)).statusCode).toBe(
        200,
      );
      const found = await call(app, who.session, 'GET', `/api/case-files?number=${seq}`);
      expect(found.json().items.map((f: { id: string }) => f.id)).toContain(file.id);
      const view = await call(app, who.session, 'GET', `/api/persons/${file.holderId}/view`);
      expect(view.json().caseFiles.map((f: { id: string }) => f.id)).toContain(file.id);
    }
    for (const who of [ssb, techAdmin, southCoordinator]) {
      const res = await call(app, who.session, 'GET', `/api/case-files/${file.id}`);
      const none = await call(app, who.session, 'GET', `/api/case-files/${missing}`);
      expect([res.statusCode, res.json()]).toEqual([none.statusCode, none.json()]);
      const content = await call(
        app,
        who.session,
        'GET',
        `/api/case-files/${file.id}/interventions`,
      );
      const noContent = await call(
        app,
        who.session,
        'GET',
        `/api/case-files/${missing}/interventions`,
      );
      expect([content.statusCode, content.json()]).toEqual([
        noContent.statusCode,
        noContent.json(),
      ]);
      const byNumber = await call(
        app,
        who.session,
        'GET',
        `/api/case-files?number=${encodeURIComponent(file.number)}`,
      );
      expect(byNumber.json()).toMatchObject({ items: [], total: 0 });
      const all = await call(app, who.session, 'GET', `/api/case-files?personId=${file.holderId}`);
      expect(all.json().items.map((f: { id: string }) => f.id)).not.toContain(file.id);
      const view = await call(app, who.session, 'GET', `/api/persons/${file.holderId}/view`);
      expect(view.json().caseFiles.map((f: { id: string }) => f.id)).not.toContain(file.id);
    }
    // The technical administrator's entity-wide count leaves it out too.
    const everything = await call(
      app,
      techAdmin.session,
      'GET',
      `/api/case-files?personId=${file.holderId}`,
    );
    expect(everything.json()).toMatchObject({ total: 1, items: [{ id: ordinary.id }] });
    // The administrator sees no case file at all.
    expect((await call(app, administrator.session, 'GET', '/api/case-files')).statusCode).toBe(403);
    const adminView = await call(
      app,
      administrator.session,
      'GET',
      `/api/case-files/${ordinary.id}`,
    );
    expect(adminView.statusCode).toBe(403);
  });

  it("gives the technical administrator the header of the entity's case files, never their content", async () => {
    const { app, db, entity, actor } = await setUp();
    const techAdmin = await actor(['tech_admin']);
    const tech = await actor(['tech_ssb']);
    const file = await createTestCaseFile(db, entity, {
      referentId: tech.id,
      interviewBy: tech.id,
      municipalityId: entity.municipalities.south,
      teamId: entity.teams.south,
    });
    const header = await call(app, techAdmin.session, 'GET', `/api/case-files/${file.id}`);
    expect(header.statusCode, header.body).toBe(200);
    expect(header.json()).toMatchObject({
      referent: { id: tech.id },
      members: [{ role: 'holder' }],
      can: { edit: true, viewContent: false, addContent: false, changeReferent: false },
    });
    for (const url of [
      `/api/case-files/${file.id}/interventions`,
      `/api/case-files/${file.id}/interventions/${file.interventionId}`,
    ]) {
      const res = await call(app, techAdmin.session, 'GET', url);
      expect(res.statusCode).toBe(403);
    }
    const types = await interventionTypes(app, techAdmin.session);
    const write = await call(
      app,
      techAdmin.session,
      'POST',
      `/api/case-files/${file.id}/interventions`,
      {
        typeId: types[0]!.id,
        occurredOn: new Date().toISOString().slice(0, 10),
      },
    );
    expect(write.statusCode).toBe(403);
    // Header work is theirs: closing, with the automatic intervention it records.
    const reasons = await call(app, techAdmin.session, 'GET', '/api/catalogues/closing_reason');
    const closed = await call(app, techAdmin.session, 'POST', `/api/case-files/${file.id}/close`, {
      reasonId: reasons.json().items[0].id,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toMatchObject({
      state: 'closed',
      closingReason: { name: 'Objectives met' },
    });
  });

  it('records an intervention automatically when a case file is opened, closed and reopened', async () => {
    const { app, db, entity, actor } = await setUp();
    const tech = await actor(['tech_ssb']);
    const person = await createTestPerson(db, entity);
    const file = (
      await call(app, tech.session, 'POST', '/api/case-files', { personId: person, scope: 'ssb' })
    ).json();
    const reasons = (await call(app, tech.session, 'GET', '/api/catalogues/closing_reason')).json()
      .items;
    const closed = await call(app, tech.session, 'POST', `/api/case-files/${file.id}/close`, {
      reasonId: reasons.find((r: { code: string }) => r.code === 'moved_away').id,
      note: 'Moved to another town.',
    });
    expect(closed.json()).toMatchObject({ state: 'closed', can: { addContent: false } });
    const again = await call(app, tech.session, 'POST', `/api/case-files/${file.id}/close`, {
      reasonId: reasons[0].id,
    });
    expect(again.statusCode).toBe(409);
    const types = await interventionTypes(app, tech.session);
    const onClosed = await call(
      app,
      tech.session,
      'POST',
      `/api/case-files/${file.id}/interventions`,
      {
        typeId: types[0]!.id,
        occurredOn: new Date().toISOString().slice(0, 10),
      },
    );
    expect(onClosed.statusCode).toBe(409);
    const reopened = await call(app, tech.session, 'POST', `/api/case-files/${file.id}/reopen`, {
      reason: 'Came back.',
    });
    expect(reopened.json()).toMatchObject({ state: 'open', closedOn: null, closingReason: null });
    const list = (
      await call(app, tech.session, 'GET', `/api/case-files/${file.id}/interventions`)
    ).json();
    expect(list.items.map((i: { event: string }) => i.event)).toEqual([
      'reopened',
      'closed',
      'opened',
    ]);
    expect(list.items[1]).toMatchObject({ notes: 'Moved to another town.', can: { edit: false } });
    const automatic = list.items[0].id;
    const edit = await call(
      app,
      tech.session,
      'PATCH',
      `/api/case-files/${file.id}/interventions/${automatic}`,
      { notes: 'x' },
    );
    expect(edit.statusCode).toBe(409);
  });

  it('refuses an intervention for a member living in another municipality, naming both', async () => {
    const { app, db, entity, actor } = await setUp();
    const tech = await actor(['tech_ssb']);
    const file = await createTestCaseFile(db, entity, { referentId: tech.id });
    const elsewhere = await createTestPerson(db, entity, {
      givenName: 'Pau',
      firstSurname: 'Serra',
      municipalityId: entity.municipalities.south,
    });
    const added = await call(app, tech.session, 'POST', `/api/case-files/${file.id}/members`, {
      personId: elsewhere,
      role: 'child',
    });
    expect(added.statusCode, added.body).toBe(200);
    expect(added.json().members.map((m: { role: string }) => m.role)).toEqual(['holder', 'child']);
    const types = await interventionTypes(app, tech.session);
    const body = {
      typeId: types[0]!.id,
      occurredOn: new Date().toISOString().slice(0, 10),
      personIds: [file.holderId, elsewhere],
      notes: 'Kept when refused',
    };
    for (const [language, words] of [
      ['en', /Pau Serra lives in South One and this case file belongs to North One/],
      ['ca', /Pau Serra viu a South One i aquest expedient és de North One/],
      ['es', /Pau Serra vive en South One y este expediente es de North One/],
      ['it', /Pau Serra vive a South One e questo fascicolo è di North One/],
    ] as const) {
      const res = await call(
        app,
        tech.session,
        'POST',
        `/api/case-files/${file.id}/interventions`,
        body,
        language,
      );
      expect(res.statusCode).toBe(400);
      expect(res.json().error.code).toBe('case_files.municipality_mismatch');
      expect(res.json().error.message).toMatch(words);
      expect(res.json().error.details[0].field).toBe('personIds');
    }
    // Someone present must be a member.
    const stranger = await createTestPerson(db, entity);
    const notMember = await call(
      app,
      tech.session,
      'POST',
      `/api/case-files/${file.id}/interventions`,
      {
        ...body,
        personIds: [stranger],
      },
    );
    expect(notMember.json().error.code).toBe('case_files.not_a_member');
    const ok = await call(app, tech.session, 'POST', `/api/case-files/${file.id}/interventions`, {
      ...body,
      personIds: [file.holderId],
    });
    expect(ok.statusCode, ok.body).toBe(201);
  });

  it("lists content reads in the data subject's access report of every member", async () => {
    const { app, db, entity, actor } = await setUp();
    const tech = await actor(['tech_ssb']);
    const administrator = await actor(['administrator']);
    const child = await createTestPerson(db, entity);
    const file = await createTestCaseFile(db, entity, {
      referentId: tech.id,
      interviewBy: tech.id,
      members: [{ personId: child, role: 'child' }],
    });
    await call(app, tech.session, 'GET', `/api/case-files/${file.id}/interventions`);
    await call(
      app,
      tech.session,
      'GET',
      `/api/case-files/${file.id}/interventions/${file.interventionId}`,
    );
    for (const person of [file.holderId, child]) {
      const report = await call(
        app,
        administrator.session,
        'GET',
        `/api/audit/persons/${person}/access-report`,
      );
      expect(report.statusCode, report.body).toBe(200);
      const reads = report
        .json()
        .entries.filter(
          (e: { action: string; actor: { id: string } | null }) =>
            e.action === 'case_file.read_content' && e.actor?.id === tech.id,
        );
      expect(reads).toHaveLength(2);
    }
  });

  it("keeps members and the team's rules: holder unique, unlink by a coordinator, never the holder nor the last member", async () => {
    const { app, db, entity, actor } = await setUp();
    const tech = await actor(['tech_ssb']);
    const coordinator = await actor(['coordinator'], { coordinates: [entity.teams.north] });
    const file = await createTestCaseFile(db, entity, { referentId: tech.id });
    const partner = await createTestPerson(db, entity);
    const asHolder = await call(app, tech.session, 'POST', `/api/case-files/${file.id}/members`, {
      personId: partner,
      role: 'holder',
    });
    expect(asHolder.statusCode).toBe(409);
    expect(asHolder.json().error.code).toBe('case_files.holder_taken');
    await call(app, tech.session, 'POST', `/api/case-files/${file.id}/members`, {
      personId: partner,
      role: 'partner',
    });
    // The holder keeps the role until another member takes it; then they swap.
    const demoted = await call(
      app,
      tech.session,
      'PATCH',
      `/api/case-files/${file.id}/members/${file.holderId}`,
      { role: 'other' },
    );
    expect(demoted.statusCode).toBe(409);
    expect(demoted.json().error.code).toBe('case_files.holder_keep');
    const swapped = await call(
      app,
      tech.session,
      'PATCH',
      `/api/case-files/${file.id}/members/${partner}`,
      { role: 'holder' },
    );
    expect(swapped.statusCode, swapped.body).toBe(200);
    const roles = Object.fromEntries(
      (swapped.json().members as { person: { id: string }; role: string }[]).map((m) => [
        m.person.id,
        m.role,
      ]),
    );
    expect(roles).toEqual({ [partner]: 'holder', [file.holderId]: 'partner' });
    await call(app, tech.session, 'PATCH', `/api/case-files/${file.id}/members/${file.holderId}`, {
      role: 'holder',
    });
    const twice = await call(app, tech.session, 'POST', `/api/case-files/${file.id}/members`, {
      personId: partner,
      role: 'other',
    });
    expect(twice.json().error.code).toBe('case_files.already_member');
    const byTech = await call(
      app,
      tech.session,
      'DELETE',
      `/api/case-files/${file.id}/members/${partner}`,
    );
    expect(byTech.statusCode).toBe(403);
    const holder = await call(
      app,
      coordinator.session,
      'DELETE',
      `/api/case-files/${file.id}/members/${file.holderId}`,
    );
    expect(holder.statusCode).toBe(409);
    expect(holder.json().error.code).toBe('case_files.holder_unlink');
    const byCoordinator = await call(
      app,
      coordinator.session,
      'DELETE',
      `/api/case-files/${file.id}/members/${partner}`,
    );
    expect(byCoordinator.statusCode, byCoordinator.body).toBe(200);
    const last = await call(
      app,
      coordinator.session,
      'DELETE',
      `/api/case-files/${file.id}/members/${file.holderId}`,
    );
    expect(last.statusCode).toBe(409);
    expect(last.json().error.code).toBe('case_files.last_member');
  });

  it('lets a coordinator hand a case file to another team and tells them what they handed over', async () => {
    const { app, db, entity, actor } = await setUp();
    const coordinator = await actor(['coordinator'], { coordinates: [entity.teams.north] });
    const tech = await actor(['tech_ssb']);
    const file = await createTestCaseFile(db, entity);
    const byTech = await call(app, tech.session, 'PATCH', `/api/case-files/${file.id}`, {
      referentId: tech.id,
    });
    expect(byTech.statusCode).toBe(404);
    const referent = await call(app, coordinator.session, 'PATCH', `/api/case-files/${file.id}`, {
      referentId: tech.id,
    });
    expect(referent.json()).toMatchObject({ referent: { id: tech.id }, version: 2 });
    const stale = await call(app, coordinator.session, 'PATCH', `/api/case-files/${file.id}`, {
      assignedIds: [],
      version: 1,
    });
    expect(stale.statusCode).toBe(409);
    const moved = await call(app, coordinator.session, 'PATCH', `/api/case-files/${file.id}`, {
      teamId: entity.teams.south,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ team: { id: entity.teams.south }, can: { edit: false } });
    expect(
      (await call(app, coordinator.session, 'GET', `/api/case-files/${file.id}`)).statusCode,
    ).toBe(404);
    // The referent keeps it.
    expect((await call(app, tech.session, 'GET', `/api/case-files/${file.id}`)).statusCode).toBe(
      200,
    );
  });

  it('finds case files by number with or without the year, and refuses what is not a number', async () => {
    const { app, db, entity, actor } = await setUp();
    const tech = await actor(['tech_ssb']);
    const file = await createTestCaseFile(db, entity, { referentId: tech.id });
    const [year, seq] = file.number.split('/');
    for (const typed of [String(Number(seq)), seq!, `${year}/${Number(seq)}`, file.number]) {
      const res = await call(
        app,
        tech.session,
        'GET',
        `/api/case-files?number=${encodeURIComponent(typed)}`,
      );
      expect(
        res.json().items.map((f: { id: string }) => f.id),
        typed,
      ).toEqual([file.id]);
    }
    const bad = await call(app, tech.session, 'GET', '/api/case-files?number=abc', undefined, 'es');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toMatch(/número de expediente/);
  });

  it("names the catalogues in the user's language", async () => {
    const { app, entity, actor } = await setUp();
    void entity;
    const tech = await actor(['tech_ssb']);
    for (const [language, label] of [
      ['ca', 'Visita domiciliària'],
      ['es', 'Visita domiciliaria'],
      ['it', 'Visita domiciliare'],
      ['en', 'Home visit'],
    ] as const) {
      const res = await call(
        app,
        tech.session,
        'GET',
        '/api/catalogues/intervention_type',
        undefined,
        language,
      );
      const item = res.json().items.find((i: { code: string }) => i.code === 'home_visit');
      expect(item.label).toBe(label);
      expect(item.labels).toMatchObject({ ca: 'Visita domiciliària', it: 'Visita domiciliare' });
    }
  });

  it('pages a long list with a stable cursor and a total', async () => {
    const { app, db, entity, actor } = await setUp();
    const tech = await actor(['tech_ssb']);
    for (let i = 0; i < 5; i++) await createTestCaseFile(db, entity, { referentId: tech.id });
    const first = (
      await call(app, tech.session, 'GET', `/api/case-files?professionalId=${tech.id}&limit=2`)
    ).json();
    expect(first).toMatchObject({ total: 5 });
    const second = (
      await call(
        app,
        tech.session,
        'GET',
        `/api/case-files?professionalId=${tech.id}&limit=2&cursor=${first.nextCursor}`,
      )
    ).json();
    const third = (
      await call(
        app,
        tech.session,
        'GET',
        `/api/case-files?professionalId=${tech.id}&limit=2&cursor=${second.nextCursor}`,
      )
    ).json();
    const seqs = [...first.items, ...second.items, ...third.items].map(
      (f: { seq: number }) => f.seq,
    );
    expect(seqs).toEqual([...seqs].sort((a, b) => b - a));
    expect(new Set(seqs).size).toBe(5);
    expect(third.nextCursor).toBeNull();
    const bad = await call(app, tech.session, 'GET', '/api/case-files?cursor=nonsense');
    expect(bad.statusCode).toBe(400);
  });

  it("refuses to delete a member of case files: names those the coordinator sees, says only 'support' when one is out of their sight", async () => {
    const { app, db, entity, actor } = await setUp();
    const coordinator = await actor(['coordinator'], { coordinates: [entity.teams.north] });
    const seen = await createTestCaseFile(db, entity);
    const res = await call(app, coordinator.session, 'DELETE', `/api/persons/${seen.holderId}`);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe('persons.in_case_files');
    expect(res.json().error.message).toContain(seen.number);
    // Also in a SIAD file of the south team: nothing about it but that support must do it.
    const hidden = await createTestCaseFile(db, entity, {
      scope: 'siad',
      teamId: entity.teams.south,
      municipalityId: entity.municipalities.south,
      holderId: seen.holderId,
    });
    const refused = await call(app, coordinator.session, 'DELETE', `/api/persons/${seen.holderId}`);
    expect(refused.json().error.code).toBe('persons.held_elsewhere');
    expect(refused.body).not.toContain(hidden.number);
    expect(refused.body).not.toContain(seen.number);
  });

  it("opens a member's full record to those who may read their case file's content, and to no one else", async () => {
    const { app, db, entity, actor } = await setUp();
    const assigned = await actor(['tech_ssb']);
    const other = await actor(['tech_ssb']);
    const techAdmin = await actor(['tech_admin']);
    const siad = await actor(['tech_siad']);
    const file = await createTestCaseFile(db, entity, { assignedIds: [assigned.id] });
    const siadFile = await createTestCaseFile(db, entity, { scope: 'siad', referentId: siad.id });
    const history = (who: { session: Session }, person: string) =>
      call(app, who.session, 'GET', `/api/persons/${person}/history`);
    expect((await history(assigned, file.holderId)).statusCode).toBe(200);
    expect((await history(other, file.holderId)).statusCode).toBe(404);
    const view = await call(app, assigned.session, 'GET', `/api/persons/${file.holderId}/view`);
    expect(view.json()).toMatchObject({ can: { viewFullRecord: true } });
    expect(view.json().history).not.toBeNull();
    expect((await history(siad, siadFile.holderId)).statusCode).toBe(200);
    // The technical administrator's entity-wide door is the person's, as before.
    expect((await history(techAdmin, siadFile.holderId)).statusCode).toBe(200);
    expect(
      (await call(app, techAdmin.session, 'GET', `/api/persons/${siadFile.holderId}/view`)).json()
        .caseFiles,
    ).toEqual([]);
  });
});
