import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { CoordinatorRequest, Diagnosis, Role } from '@caliu/common';
import { rowsOf } from '../../../db/connect';
import { buildTestApp, login, manualClock } from '../../../testing/app';
import { createTestCaseFile } from '../../../testing/case-files-factories';
import { testDatabase } from '../../../testing/database';
import { createTestEntity, createTestProfessional } from '../../../testing/factories';
import { drain, messagingConfig } from '../../../testing/messaging';
import { createTestPerson } from '../../../testing/persons-factories';
import { startSmtpPeer, type SmtpPeer } from '../../../testing/smtp-peer-process';

/**
 * Coordinator requests and the self-diagnosis (issue 19): who a request reaches (the records'
 * teams' coordinators, else the requester's), the records checked as the requester sees them,
 * the emails to the coordinators and back to the requester (received by a real SMTP server),
 * closing by a recipient only, and every reason the diagnosis finds.
 */

let peer: SmtpPeer;
beforeAll(async () => {
  peer = await startSmtpPeer();
  // The database's first start (PGlite: migrations) belongs to no test.
  await testDatabase();
}, 180_000);
afterAll(async () => {
  await peer.stop();
});

type Method = 'GET' | 'POST';

async function setUp() {
  const clock = manualClock(new Date('2026-03-02T08:00:00Z'));
  const { app } = await buildTestApp({ clock });
  const db = await testDatabase();
  const entity = await createTestEntity(db, { defaultLanguage: 'ca' });
  const make = (roles: Role[], options: { teams?: string[]; coordinates?: string[] } = {}) =>
    createTestProfessional(db, entity, { roles, ...options });
  const tech = await make(['tech_ssb'], { teams: [entity.teams.north] });
  const northCoordinator = await make(['coordinator'], { coordinates: [entity.teams.north] });
  const southCoordinator = await make(['coordinator'], { coordinates: [entity.teams.south] });
  const admin = await make(['administrator']);
  await db.tenant(entity.id, (tx) =>
    tx.execute(sql`UPDATE professionals SET language = 'es' WHERE id = ${southCoordinator.id}`),
  );
  const sessions = new Map<string, Awaited<ReturnType<typeof login>>>();
  const call = async (who: { username: string }, method: Method, url: string, payload?: object) => {
    let session = sessions.get(who.username);
    if (!session) {
      session = await login(app, entity.code, who.username);
      sessions.set(who.username, session);
    }
    return app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: session.headers('en'),
    });
  };
  const config = messagingConfig({ SMTP_URL: peer.url });
  const deliver = async () => {
    const before = peer.received.length;
    const counts = await drain({ database: db, config, clock }, [entity.id]);
    if (counts.sent > 0) await peer.waitFor(before + counts.sent, 10_000);
    return peer.received.slice(before);
  };
  return {
    app,
    db,
    clock,
    entity,
    tech,
    northCoordinator,
    southCoordinator,
    admin,
    call,
    deliver,
  };
}

describe('who a request reaches', () => {
  it("names the coordinators of the records' teams, else those of the requester's teams", async () => {
    const w = await setUp();
    // A case file of the South team (the tech is its referent, so sees it).
    const south = await createTestCaseFile(w.db, w.entity, {
      teamId: w.entity.teams.south,
      municipalityId: w.entity.municipalities.south,
      referentId: w.tech.id,
    });
    const byFile = await w.call(w.tech, 'GET', `/api/support/coordinators?caseFileId=${south.id}`);
    expect(byFile.statusCode, byFile.body).toBe(200);
    expect(byFile.json().items.map((c: { id: string }) => c.id)).toEqual([w.southCoordinator.id]);

    const southPerson = await createTestPerson(w.db, w.entity, { teamId: w.entity.teams.south });
    const byPerson = await w.call(
      w.tech,
      'GET',
      `/api/support/coordinators?personIds=${southPerson}`,
    );
    expect(byPerson.json().items.map((c: { id: string }) => c.id)).toEqual([w.southCoordinator.id]);

    // No records, or records without a team: the requester's own team (North).
    const own = await w.call(w.tech, 'GET', '/api/support/coordinators');
    expect(own.json().items).toEqual([
      { id: w.northCoordinator.id, name: `Test Professional ${w.northCoordinator.username}` },
    ]);
    const teamless = await createTestPerson(w.db, w.entity, { teamId: null });
    const byTeamless = await w.call(
      w.tech,
      'GET',
      `/api/support/coordinators?personIds=${teamless}`,
    );
    expect(byTeamless.json().items.map((c: { id: string }) => c.id)).toEqual([
      w.northCoordinator.id,
    ]);

    // Records of a team whose coordinator has gone: nobody, never the requester's own
    // coordinator (who could neither read nor act on them).
    await w.db.tenant(w.entity.id, (tx) =>
      tx.execute(sql`UPDATE professionals SET active = false WHERE id = ${w.southCoordinator.id}`),
    );
    const orphan = await w.call(w.tech, 'GET', `/api/support/coordinators?caseFileId=${south.id}`);
    expect(orphan.json().items).toEqual([]);

    // An inactive coordinator reaches no one; a professional of no team with nothing: empty.
    await w.db.tenant(w.entity.id, (tx) =>
      tx.execute(sql`UPDATE professionals SET active = false WHERE id = ${w.northCoordinator.id}`),
    );
    const none = await w.call(w.tech, 'GET', '/api/support/coordinators');
    expect(none.json().items).toEqual([]);

    const bad = await w.call(w.tech, 'GET', '/api/support/coordinators?personIds=x,y');
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.details[0].field).toBe('personIds');
  });
});

describe('coordinator requests', () => {
  it('stores, emails each coordinator in their language, lists on the home page, closes and emails back', async () => {
    const w = await setUp();
    const file = await createTestCaseFile(w.db, w.entity, {
      teamId: w.entity.teams.south,
      municipalityId: w.entity.municipalities.south,
      referentId: w.tech.id,
      interviewBy: w.tech.id,
    });
    const created = await w.call(w.tech, 'POST', '/api/support/coordinator-requests', {
      kind: 'delete_content',
      caseFileId: file.id,
      items: [{ kind: 'intervention', id: file.interventionId }],
      note: 'Recorded twice by mistake',
    });
    expect(created.statusCode, created.body).toBe(201);
    const request = created.json() as CoordinatorRequest;
    expect(request).toMatchObject({
      kind: 'delete_content',
      status: 'open',
      requester: { id: w.tech.id },
      coordinators: [{ id: w.southCoordinator.id }],
      caseFile: { id: file.id, number: file.number },
      note: 'Recorded twice by mistake',
      can: { close: false },
    });
    expect(request.items[0]!.label).toMatch(/\d{4}-\d{2}-\d{2}/);

    const audit = await w.db.tenant(w.entity.id, (tx) =>
      rowsOf<{ action: string }>(
        tx,
        sql`SELECT action FROM audit_log WHERE entity_id = ${w.entity.id}
          AND record_id = ${request.id}`,
      ),
    );
    expect(audit.map((a) => a.action)).toContain('coordinator_request.create');

    // The email reaches the South coordinator, in Spanish, naming no person nor the note.
    const mails = await w.deliver();
    const toCoordinator = mails.filter((m) => m.envelope.to.includes(w.southCoordinator.email));
    expect(toCoordinator).toHaveLength(1);
    expect(toCoordinator[0]!.subject).toBe(
      `Test Professional ${w.tech.username} le hace una petición en Caliu`,
    );
    expect(toCoordinator[0]!.text).toContain(file.number);
    expect(toCoordinator[0]!.text).not.toContain('Recorded twice');
    expect(mails.filter((m) => m.envelope.to.includes(w.northCoordinator.email))).toEqual([]);

    // The coordinator's home list; the requester's own list.
    const home = await w.call(
      w.southCoordinator,
      'GET',
      '/api/support/coordinator-requests?role=coordinator',
    );
    expect(home.statusCode, home.body).toBe(200);
    expect(home.json().items.map((r: CoordinatorRequest) => [r.id, r.can.close])).toEqual([
      [request.id, true],
    ]);
    const other = await w.call(
      w.northCoordinator,
      'GET',
      '/api/support/coordinator-requests?role=coordinator',
    );
    expect(other.json().items).toEqual([]);
    const mine = await w.call(w.tech, 'GET', '/api/support/coordinator-requests?role=requester');
    expect(mine.json().items.map((r: CoordinatorRequest) => r.id)).toEqual([request.id]);
    const techAsCoordinator = await w.call(
      w.tech,
      'GET',
      '/api/support/coordinator-requests?role=coordinator',
    );
    expect(techAsCoordinator.statusCode).toBe(403);

    // Read by its requester and its coordinator; nobody else.
    expect(
      (await w.call(w.tech, 'GET', `/api/support/coordinator-requests/${request.id}`)).statusCode,
    ).toBe(200);
    expect(
      (await w.call(w.northCoordinator, 'GET', `/api/support/coordinator-requests/${request.id}`))
        .statusCode,
    ).toBe(404);

    // Only a recipient closes; declining needs a reason.
    const byOther = await w.call(
      w.northCoordinator,
      'POST',
      `/api/support/coordinator-requests/${request.id}/close`,
      { outcome: 'done' },
    );
    expect(byOther.statusCode).toBe(404);
    const byRequester = await w.call(
      w.tech,
      'POST',
      `/api/support/coordinator-requests/${request.id}/close`,
      { outcome: 'done' },
    );
    expect(byRequester.statusCode).toBe(403);
    const noReason = await w.call(
      w.southCoordinator,
      'POST',
      `/api/support/coordinator-requests/${request.id}/close`,
      { outcome: 'declined' },
    );
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().error.details[0].field).toBe('reason');
    const declined = await w.call(
      w.southCoordinator,
      'POST',
      `/api/support/coordinator-requests/${request.id}/close`,
      { outcome: 'declined', reason: 'It is the only record of that interview' },
    );
    expect(declined.statusCode, declined.body).toBe(200);
    expect(declined.json()).toMatchObject({
      status: 'declined',
      closedBy: { id: w.southCoordinator.id },
      closedReason: 'It is the only record of that interview',
      can: { close: false },
    });
    const again = await w.call(
      w.southCoordinator,
      'POST',
      `/api/support/coordinator-requests/${request.id}/close`,
      { outcome: 'done' },
    );
    expect(again.statusCode).toBe(409);

    // The requester is told (the entity's language: Catalan), and the home list is empty.
    const back = (await w.deliver()).filter((m) => m.envelope.to.includes(w.tech.email));
    expect(back).toHaveLength(1);
    expect(back[0]!.subject).toBe("La vostra petició als coordinadors s'ha declinat");
    const after = await w.call(
      w.southCoordinator,
      'GET',
      '/api/support/coordinator-requests?role=coordinator',
    );
    expect(after.json().items).toEqual([]);
    const all = await w.call(
      w.southCoordinator,
      'GET',
      '/api/support/coordinator-requests?role=coordinator&status=all',
    );
    expect(all.json().items).toHaveLength(1);
  });

  it("reaches the team's other coordinators once every recipient is deactivated", async () => {
    const w = await setUp();
    const person = await createTestPerson(w.db, w.entity, { teamId: w.entity.teams.north });
    const created = await w.call(w.tech, 'POST', '/api/support/coordinator-requests', {
      kind: 'delete_persons',
      personIds: [person],
      note: '',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    // A coordinator who joins north afterwards does not see it while its recipient is active…
    const newcomer = await createTestProfessional(w.db, w.entity, {
      roles: ['coordinator'],
      coordinates: [w.entity.teams.north],
    });
    const list = async () =>
      (await w.call(newcomer, 'GET', '/api/support/coordinator-requests?role=coordinator')).json()
        .items as CoordinatorRequest[];
    expect(await list()).toEqual([]);
    // …and does once it is deactivated, and may close it.
    await w.db.tenant(w.entity.id, (tx) =>
      tx.execute(sql`UPDATE professionals SET active = false WHERE id = ${w.northCoordinator.id}`),
    );
    expect((await list()).map((r) => [r.id, r.can.close])).toEqual([[id, true]]);
    const closed = await w.call(newcomer, 'POST', `/api/support/coordinator-requests/${id}/close`, {
      outcome: 'done',
    });
    expect(closed.statusCode, closed.body).toBe(200);
    // The South coordinator, of neither team, never does.
    const south = await w.call(
      w.southCoordinator,
      'GET',
      `/api/support/coordinator-requests/${id}`,
    );
    expect(south.statusCode).toBe(404);
  });

  it('reads records deleted since as deleted', async () => {
    const w = await setUp();
    const person = await createTestPerson(w.db, w.entity, { teamId: w.entity.teams.north });
    const created = await w.call(w.tech, 'POST', '/api/support/coordinator-requests', {
      kind: 'delete_persons',
      personIds: [person],
      note: '',
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().coordinators.map((c: { id: string }) => c.id)).toEqual([
      w.northCoordinator.id,
    ]);
    await w.db.tenant(w.entity.id, async (tx) => {
      await tx.execute(sql`DELETE FROM person_history WHERE entity_id = ${w.entity.id}
        AND person_id = ${person}`);
      await tx.execute(
        sql`DELETE FROM persons WHERE entity_id = ${w.entity.id} AND id = ${person}`,
      );
    });
    const read = await w.call(
      w.northCoordinator,
      'GET',
      `/api/support/coordinator-requests/${created.json().id}`,
    );
    expect(read.statusCode, read.body).toBe(200);
    expect(read.json().persons).toEqual([{ id: person, name: 'Deleted person record' }]);
  });

  it('refuses records the requester cannot see, items of another case file, and no coordinator', async () => {
    const w = await setUp();
    const elsewhere = await createTestEntity(w.db);
    const foreign = await createTestPerson(w.db, elsewhere);
    const refused = await w.call(w.tech, 'POST', '/api/support/coordinator-requests', {
      kind: 'delete_persons',
      personIds: [foreign],
      note: '',
    });
    expect(refused.statusCode).toBe(404);
    expect(refused.json().error.details).toEqual([
      { field: 'personIds.0', message: 'Not found, or you do not have access to it.' },
    ]);
    // The administrator does not see person records at all.
    const mine = await createTestPerson(w.db, w.entity);
    const byAdmin = await w.call(w.admin, 'POST', '/api/support/coordinator-requests', {
      kind: 'delete_persons',
      personIds: [mine],
      note: '',
    });
    expect(byAdmin.statusCode).toBe(404);
    expect(byAdmin.json().error.details[0].field).toBe('personIds.0');

    // A case file the tech does not work; an item of another case file; a wrong target.
    const notMine = await createTestCaseFile(w.db, w.entity, {
      interviewBy: w.northCoordinator.id,
    });
    const theirs = await createTestCaseFile(w.db, w.entity, {
      referentId: w.tech.id,
      interviewBy: w.tech.id,
    });
    const hidden = await w.call(w.tech, 'POST', '/api/support/coordinator-requests', {
      kind: 'transfer_content',
      caseFileId: notMine.id,
      items: [{ kind: 'intervention', id: notMine.interventionId }],
      targetNumber: theirs.number,
      note: '',
    });
    expect(hidden.statusCode).toBe(404);
    expect(hidden.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'caseFileId',
    ]);
    const wrongItem = await w.call(w.tech, 'POST', '/api/support/coordinator-requests', {
      kind: 'transfer_content',
      caseFileId: theirs.id,
      items: [{ kind: 'intervention', id: notMine.interventionId }],
      targetNumber: '2020/999',
      note: '',
    });
    expect(wrongItem.statusCode).toBe(404);
    expect(wrongItem.json().error.details.map((d: { field: string }) => d.field)).toEqual([
      'items.0',
      'targetNumber',
    ]);
    // Unlinking someone who is not a member.
    const outsider = await createTestPerson(w.db, w.entity);
    const unlink = await w.call(w.tech, 'POST', '/api/support/coordinator-requests', {
      kind: 'unlink_persons',
      caseFileId: theirs.id,
      personIds: [outsider],
      note: '',
    });
    expect(unlink.statusCode).toBe(400);
    expect(unlink.json().error.details).toEqual([
      { field: 'personIds.0', message: 'This person is not a member of the case file.' },
    ]);

    // Nobody to hand it to: a 409 that says so.
    await w.db.tenant(w.entity.id, (tx) =>
      tx.execute(sql`UPDATE team_memberships SET is_coordinator = false
        WHERE entity_id = ${w.entity.id}`),
    );
    const nobody = await w.call(w.tech, 'POST', '/api/support/coordinator-requests', {
      kind: 'delete_persons',
      personIds: [mine],
      note: '',
    });
    expect(nobody.statusCode).toBe(409);
    expect(nobody.json().error.code).toBe('coordinator_requests.no_coordinator');
  });
});

describe('the self-diagnosis', () => {
  const diagnose = async (
    w: Awaited<ReturnType<typeof setUp>>,
    who: { username: string },
    body: { personId: string; caseFileId: string },
  ) => {
    const res = await w.call(who, 'POST', '/api/support/diagnose/content', {
      ...body,
      kind: 'intervention',
    });
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as Diagnosis;
  };

  it('answers ok when nothing stands in the way, and audits the read', async () => {
    const w = await setUp();
    const file = await createTestCaseFile(w.db, w.entity, { referentId: w.tech.id });
    const answer = await diagnose(w, w.tech, { personId: file.holderId, caseFileId: file.id });
    expect(answer).toEqual({ ok: true, reasons: [] });
    const audit = await w.db.tenant(w.entity.id, (tx) =>
      rowsOf<{ action: string }>(
        tx,
        sql`SELECT action FROM audit_log WHERE entity_id = ${w.entity.id}
          AND action = 'support.diagnose_content'`,
      ),
    );
    expect(audit).toHaveLength(1);
  });

  it('finds every reason, with the names the explanation needs', async () => {
    const w = await setUp();
    // Lives in South One, not a member; the case file (North One) is closed; deceased.
    const person = await createTestPerson(w.db, w.entity, {
      givenName: 'Rita',
      firstSurname: 'Soler',
      municipalityId: w.entity.municipalities.south,
      status: 'deceased',
      deceasedOn: '2026-01-01',
    });
    const file = await createTestCaseFile(w.db, w.entity, { referentId: w.tech.id, closed: true });
    const answer = await diagnose(w, w.tech, { personId: person, caseFileId: file.id });
    expect(answer.ok).toBe(false);
    expect(answer.reasons.map((r) => r.code)).toEqual([
      'not_member',
      'municipality_mismatch',
      'case_file_closed',
      'person_deceased',
    ]);
    expect(answer.reasons[1]!.params).toMatchObject({
      person: 'Rita Soler',
      personMunicipality: 'South One',
      caseFileMunicipality: 'North One',
      number: file.number,
    });

    // A member living elsewhere (moved after joining): only the municipality rule.
    const moved = await createTestCaseFile(w.db, w.entity, { referentId: w.tech.id });
    await w.db.tenant(w.entity.id, (tx) =>
      tx.execute(sql`UPDATE persons SET municipality_id = ${w.entity.municipalities.south}
        WHERE id = ${moved.holderId}`),
    );
    const mismatch = await diagnose(w, w.tech, { personId: moved.holderId, caseFileId: moved.id });
    expect(mismatch.reasons.map((r) => r.code)).toEqual(['municipality_mismatch']);
  });

  it('says out of scope when the case file is seen but not the requester’s to write', async () => {
    const w = await setUp();
    const file = await createTestCaseFile(w.db, w.entity, { referentId: w.tech.id });
    // The technical administrator sees every case file's header, writes no content.
    const techAdmin = await createTestProfessional(w.db, w.entity, { roles: ['tech_admin'] });
    const answer = await diagnose(w, techAdmin, { personId: file.holderId, caseFileId: file.id });
    expect(answer).toEqual({
      ok: false,
      reasons: [{ code: 'out_of_scope', params: expect.objectContaining({ number: file.number }) }],
    });
    // The South coordinator does not see a North case file at all: not found.
    const res = await w.call(w.southCoordinator, 'POST', '/api/support/diagnose/content', {
      personId: file.holderId,
      caseFileId: file.id,
      kind: 'demand',
    });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.details[0].field).toBe('caseFileId');
  });
});
