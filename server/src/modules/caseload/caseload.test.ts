import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { Role } from '@caliu/common';
import { rowsOf } from '../../db/connect';
import { buildTestApp, login, manualClock, type Session } from '../../testing/app';
import { createTestCaseFile } from '../../testing/case-files-factories';
import { testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { createTestPerson } from '../../testing/persons-factories';

/**
 * A team's caseload and the covers of absent professionals: the counts a coordinator sees, and
 * temporary access that starts and ends by itself (a controllable clock), never opening a SIAD
 * case file to anyone but a SIAD technician.
 */

const DAY = 86_400_000;

async function setUp() {
  const clock = manualClock(new Date('2026-03-10T10:00:00Z'));
  const { app } = await buildTestApp({ clock });
  const db = await testDatabase();
  const entity = await createTestEntity(db);
  const member = async (roles: Role[], team = entity.teams.north) =>
    createTestProfessional(db, entity, { roles, teams: [team] });
  const coordinator = await createTestProfessional(db, entity, {
    roles: ['coordinator'],
    coordinates: [entity.teams.north],
  });
  const absent = await member(['tech_ssb', 'tech_siad']);
  const colleague = await member(['tech_ssb']);
  const sessionOf = (username: string) => login(app, entity.code, username);
  const call = async (
    who: { username: string },
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object,
    language = 'en',
  ) => {
    // A fresh session each time: the clock moves by days between calls.
    const session: Session = await sessionOf(who.username);
    return app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: session.headers(language),
    });
  };
  return { app, db, clock, entity, coordinator, absent, colleague, member, call };
}

const cover = (absentId: string, coverId: string, startsOn: string, endsOn: string) => ({
  absentId,
  coverId,
  reason: 'sick_leave',
  startsOn,
  endsOn,
});

describe("a team's caseload", () => {
  it("counts each member's case files and persons in the team", async () => {
    const { db, entity, coordinator, absent, colleague, call } = await setUp();
    await createTestCaseFile(db, entity, { referentId: absent.id });
    await createTestCaseFile(db, entity, { referentId: absent.id, closed: true });
    await createTestCaseFile(db, entity, { referentId: colleague.id, assignedIds: [absent.id] });
    // Another team's case file does not count in north.
    await createTestCaseFile(db, entity, {
      referentId: absent.id,
      teamId: entity.teams.south,
      municipalityId: entity.municipalities.south,
    });
    await createTestPerson(db, entity, { referentId: absent.id });
    const res = await call(coordinator, 'GET', `/api/caseload/teams/${entity.teams.north}`);
    expect(res.statusCode, res.body).toBe(200);
    const rows = res.json().rows as {
      professional: { id: string };
      openCaseFiles: number;
      closedCaseFiles: number;
      persons: number;
    }[];
    expect(rows.find((r) => r.professional.id === absent.id)).toMatchObject({
      openCaseFiles: 2,
      closedCaseFiles: 1,
      persons: 1,
    });
    expect(rows.find((r) => r.professional.id === colleague.id)).toMatchObject({
      openCaseFiles: 1,
      closedCaseFiles: 0,
    });
    // Only for the coordinators of the team.
    expect(
      (await call(colleague, 'GET', `/api/caseload/teams/${entity.teams.north}`)).statusCode,
    ).toBe(403);
    expect(
      (await call(coordinator, 'GET', `/api/caseload/teams/${entity.teams.south}`)).statusCode,
    ).toBe(404);
  });
});

describe('covering an absent colleague', () => {
  it('opens their case files of the team from the first day to the last, by itself, and audits it', async () => {
    const { db, clock, entity, coordinator, absent, colleague, call } = await setUp();
    const file = await createTestCaseFile(db, entity, { referentId: absent.id });
    const southFile = await createTestCaseFile(db, entity, {
      referentId: absent.id,
      teamId: entity.teams.south,
      municipalityId: entity.municipalities.south,
    });
    const created = await call(
      coordinator,
      'POST',
      `/api/caseload/teams/${entity.teams.north}/covers`,
      cover(absent.id, colleague.id, '2026-03-11', '2026-03-13'),
    );
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      absent: { id: absent.id },
      cover: { id: colleague.id },
      state: 'upcoming',
      grantedBy: { id: coordinator.id },
    });

    const opens = async (id: string) =>
      (await call(colleague, 'GET', `/api/case-files/${id}`)).statusCode;
    expect(await opens(file.id), 'not before its first day').toBe(404);
    clock.advance(DAY); // 2026-03-11
    expect(await opens(file.id), 'from its first day').toBe(200);
    const content = await call(colleague, 'GET', `/api/case-files/${file.id}/interventions`);
    expect(content.statusCode, 'the content too').toBe(200);
    expect(await opens(southFile.id), "never another team's").toBe(404);
    const mine = await call(colleague, 'GET', '/api/caseload/covers/mine');
    expect(mine.json()).toMatchObject({ covering: [{ absent: { id: absent.id }, state: 'live' }] });
    const theirs = await call(absent, 'GET', '/api/caseload/covers/mine');
    expect(theirs.json()).toMatchObject({ coveredBy: [{ cover: { id: colleague.id } }] });

    clock.advance(2 * DAY); // 2026-03-13, the last day
    expect(await opens(file.id)).toBe(200);
    clock.advance(DAY); // 2026-03-14
    expect(await opens(file.id), 'not after its last day').toBe(404);
    const audit = await db.asOwner((tx) =>
      rowsOf<{ action: string }>(
        tx,
        sql`SELECT action FROM audit_log WHERE entity_id = ${entity.id}
          AND action LIKE 'caseload_cover.%'`,
      ),
    );
    expect(audit.map((a) => a.action)).toEqual(['caseload_cover.create']);
  });

  it('opens case files of any scope but never a SIAD one to anyone but a SIAD technician', async () => {
    const { db, entity, coordinator, absent, colleague, member, call } = await setUp();
    const siad = await createTestCaseFile(db, entity, { referentId: absent.id, scope: 'siad' });
    const res = await call(
      coordinator,
      'POST',
      `/api/caseload/teams/${entity.teams.north}/covers`,
      cover(absent.id, colleague.id, '2026-03-10', '2026-03-20'),
    );
    expect(res.json()).toMatchObject({ state: 'live', siadKept: 1 });
    expect((await call(colleague, 'GET', `/api/case-files/${siad.id}`)).statusCode).toBe(404);
    // Any other scope opens: the absent colleague's work goes on.
    const sad = await createTestCaseFile(db, entity, { referentId: absent.id, scope: 'sad' });
    expect((await call(colleague, 'GET', `/api/case-files/${sad.id}`)).statusCode).toBe(200);
    const siadColleague = await member(['tech_siad']);
    const bySiad = await call(
      coordinator,
      'POST',
      `/api/caseload/teams/${entity.teams.north}/covers`,
      cover(absent.id, siadColleague.id, '2026-03-10', '2026-03-20'),
    );
    expect(bySiad.json()).toMatchObject({ siadKept: 0 });
    expect((await call(siadColleague, 'GET', `/api/case-files/${siad.id}`)).statusCode).toBe(200);
  });

  it('ends at once when a coordinator ends it early', async () => {
    const { db, entity, coordinator, absent, colleague, call } = await setUp();
    const file = await createTestCaseFile(db, entity, { referentId: absent.id });
    const created = await call(
      coordinator,
      'POST',
      `/api/caseload/teams/${entity.teams.north}/covers`,
      cover(absent.id, colleague.id, '2026-03-10', '2026-03-31'),
    );
    const url = `/api/caseload/teams/${entity.teams.north}/covers/${created.json().id}/end`;
    expect((await call(colleague, 'GET', `/api/case-files/${file.id}`)).statusCode).toBe(200);
    const ended = await call(coordinator, 'POST', url);
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json().state).toBe('revoked');
    expect((await call(colleague, 'GET', `/api/case-files/${file.id}`)).statusCode).toBe(404);
    const again = await call(coordinator, 'POST', url, undefined, 'ca');
    expect(again.statusCode).toBe(409);
    expect(again.json().error.message).toContain('acabat');
  });

  it('refuses a cover outside the rules, naming the field', async () => {
    const { db, entity, coordinator, absent, colleague, member, call } = await setUp();
    const url = `/api/caseload/teams/${entity.teams.north}/covers`;
    const refusal = async (body: object, who = coordinator) => {
      const res = await call(who, 'POST', url, body);
      return {
        status: res.statusCode,
        ...(res.json().error as { code: string; details?: { field: string }[] }),
      };
    };
    const southTech = await member(['tech_ssb'], entity.teams.south);
    const assistant = await member(['aux_admin']);
    const gone = await createTestProfessional(db, entity, {
      roles: ['tech_ssb'],
      teams: [entity.teams.north],
      active: false,
    });
    const cases: [object, string, string][] = [
      [cover(absent.id, absent.id, '2026-03-10', '2026-03-12'), 'caseload.cover_self', 'coverId'],
      [
        cover(absent.id, colleague.id, '2026-03-12', '2026-03-11'),
        'caseload.ends_before_start',
        'endsOn',
      ],
      [
        cover(absent.id, colleague.id, '2026-03-01', '2026-03-09'),
        'caseload.period_over',
        'endsOn',
      ],
      [
        cover(absent.id, colleague.id, '2026-03-10', '2027-03-11'),
        'caseload.period_too_long',
        'endsOn',
      ],
      [
        cover(absent.id, southTech.id, '2026-03-10', '2026-03-12'),
        'caseload.not_team_member',
        'coverId',
      ],
      [
        cover(southTech.id, colleague.id, '2026-03-10', '2026-03-12'),
        'caseload.not_team_member',
        'absentId',
      ],
      [
        cover(absent.id, assistant.id, '2026-03-10', '2026-03-12'),
        'caseload.cover_role',
        'coverId',
      ],
      [cover(absent.id, gone.id, '2026-03-10', '2026-03-12'), 'caseload.cover_inactive', 'coverId'],
    ];
    for (const [body, code, field] of cases) {
      expect(await refusal(body), code).toMatchObject({ status: 400, code, details: [{ field }] });
    }
    expect(
      (await refusal({ ...cover(absent.id, colleague.id, 'soon', '2026-03-12') })).status,
    ).toBe(400);
    expect(
      (await refusal(cover(absent.id, colleague.id, '2026-03-10', '2026-03-12'), colleague)).status,
    ).toBe(403);
    const southCoordinator = await createTestProfessional(db, entity, {
      roles: ['coordinator'],
      coordinates: [entity.teams.south],
    });
    expect(
      (await refusal(cover(absent.id, colleague.id, '2026-03-10', '2026-03-12'), southCoordinator))
        .status,
    ).toBe(404);
  });
});

describe('telling a professional what was assigned to them', () => {
  it('notices and emails a new referent or assigned professional, never the one who did it', async () => {
    const { db, entity, coordinator, absent, colleague, member, call } = await setUp();
    const file = await createTestCaseFile(db, entity, { referentId: absent.id });
    // The coordinator hands the file to the colleague and assigns themself too.
    const changed = await call(coordinator, 'PATCH', `/api/case-files/${file.id}`, {
      referentId: colleague.id,
      assignedIds: [coordinator.id, absent.id],
    });
    expect(changed.statusCode, changed.body).toBe(200);
    const person = await createTestPerson(db, entity, { firstSurname: 'Unrepeatable' });
    const personChanged = await call(coordinator, 'PATCH', `/api/persons/${person}`, {
      referentId: colleague.id,
    });
    expect(personChanged.statusCode, personChanged.body).toBe(200);

    const notices = await call(colleague, 'GET', '/api/caseload/notices/mine');
    expect(notices.statusCode, notices.body).toBe(200);
    const items = notices.json().items as {
      id: string;
      recordType: string;
      record: { id: string; label: string | null };
      role: string;
      assignedBy: { id: string } | null;
    }[];
    expect(items.map((n) => [n.recordType, n.record.id, n.role])).toEqual([
      ['person', person, 'referent'],
      ['case_file', file.id, 'referent'],
    ]);
    expect(items[1]).toMatchObject({
      record: { label: file.number },
      assignedBy: { id: coordinator.id },
    });
    // The former referent, kept among the assigned, was on the file already: not told; the
    // coordinator named themself: not told either.
    expect((await call(absent, 'GET', '/api/caseload/notices/mine')).json().items).toEqual([]);
    expect((await call(coordinator, 'GET', '/api/caseload/notices/mine')).json().items).toEqual([]);
    // A newcomer assigned to the file is told.
    const newcomer = await member(['tech_ssb']);
    await call(coordinator, 'PATCH', `/api/case-files/${file.id}`, {
      assignedIds: [coordinator.id, absent.id, newcomer.id],
    });
    expect((await call(newcomer, 'GET', '/api/caseload/notices/mine')).json().items).toMatchObject([
      { role: 'assigned', record: { id: file.id } },
    ]);

    // One email each, naming the case file's number and no person.
    const outbox = await db.asOwner((tx) =>
      rowsOf<{ recipient: string; data: Record<string, unknown> }>(
        tx,
        sql`SELECT recipient, data FROM outbox_messages
          WHERE entity_id = ${entity.id} AND template = 'assignment' ORDER BY created_at`,
      ),
    );
    expect(outbox.map((m) => m.recipient).sort()).toEqual(
      [colleague.email, colleague.email, newcomer.email].sort(),
    );
    expect(outbox.find((m) => m.data.number === file.number)).toBeTruthy();
    expect(JSON.stringify(outbox)).not.toContain('Unrepeatable');
    expect(JSON.stringify(outbox)).not.toContain(person);

    // Seen: it leaves the list; another's notice is not found.
    expect(
      (await call(absent, 'POST', `/api/caseload/notices/${items[0]!.id}/seen`)).statusCode,
    ).toBe(404);
    expect(
      (await call(colleague, 'POST', `/api/caseload/notices/${items[0]!.id}/seen`)).statusCode,
    ).toBe(204);
    expect((await call(colleague, 'GET', '/api/caseload/notices/mine')).json().items).toHaveLength(
      1,
    );
  });

  it('tells no one of a case file they may not open, and not a former referent now assigned', async () => {
    const { db, entity, coordinator, absent, colleague, call } = await setUp();
    // A SIAD file handed to an SSB technician (the colleague): no notice, no email.
    const siad = await createTestCaseFile(db, entity, { referentId: absent.id, scope: 'siad' });
    const handed = await call(coordinator, 'PATCH', `/api/case-files/${siad.id}`, {
      assignedIds: [colleague.id],
    });
    expect(handed.statusCode, handed.body).toBe(200);
    expect((await call(colleague, 'GET', '/api/caseload/notices/mine')).json().items).toEqual([]);
    // The referent handed on and kept among the assigned is not told "assigned to you".
    const file = await createTestCaseFile(db, entity, { referentId: absent.id });
    await call(coordinator, 'PATCH', `/api/case-files/${file.id}`, {
      referentId: colleague.id,
      assignedIds: [absent.id],
    });
    expect((await call(absent, 'GET', '/api/caseload/notices/mine')).json().items).toEqual([]);
  });
});

describe('the limits of a cover', () => {
  it('gives no say over who holds the files, refuses a second cover of the same days, and ends when the colleague leaves the team', async () => {
    const { db, entity, coordinator, absent, colleague, call } = await setUp();
    const file = await createTestCaseFile(db, entity, { referentId: absent.id });
    const url = `/api/caseload/teams/${entity.teams.north}/covers`;
    const first = await call(
      coordinator,
      'POST',
      url,
      cover(absent.id, colleague.id, '2026-03-10', '2026-03-20'),
    );
    expect(first.statusCode, first.body).toBe(201);
    const again = await call(
      coordinator,
      'POST',
      url,
      cover(absent.id, colleague.id, '2026-03-15', '2026-03-25'),
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().error.code).toBe('caseload.cover_overlaps');

    // The colleague works on the file but cannot make themself one of its professionals.
    const keep = await call(colleague, 'PATCH', `/api/case-files/${file.id}`, {
      assignedIds: [colleague.id],
    });
    expect(keep.statusCode).toBe(403);
    expect(keep.json().error.code).toBe('case_files.cover_no_reassign');
    // What they see of their own covers says nothing of SIAD files.
    const mine = await call(colleague, 'GET', '/api/caseload/covers/mine');
    expect(mine.json().covering[0].siadKept).toBe(0);

    // Out of the team, out of the cover.
    await db.asOwner((tx) =>
      tx.execute(sql`DELETE FROM team_memberships WHERE team_id = ${entity.teams.north}
        AND professional_id = ${colleague.id}`),
    );
    expect((await call(colleague, 'GET', `/api/case-files/${file.id}`)).statusCode).toBe(404);
  });
});
