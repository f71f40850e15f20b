import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../db/connect';
import type { Session } from '../testing/app';
import { createTestCaseFile, createTestEntry } from '../testing/case-files-factories';
import { contentWorld } from '../testing/content-world';
import { createTestPerson } from '../testing/persons-factories';

/**
 * The coordinator's tools on content (commands/transfer-content.ts, delete-content.ts) and on
 * person records (reactivating one recorded as deceased by mistake): each rule and each refusal.
 */

const TODAY = '2026-03-10';

async function setUp() {
  const world = await contentWorld(TODAY);
  const { db, entity, actor, tech, partner } = world;
  const coordinator = await actor(['coordinator'], { coordinates: [entity.teams.north] });
  const from = await createTestCaseFile(db, entity, {
    referentId: tech.id,
    members: [{ personId: partner, role: 'partner' }],
  });
  // The target holds the partner too (the municipality rule is met).
  const to = await createTestCaseFile(db, entity, {
    referentId: tech.id,
    members: [{ personId: partner, role: 'other' }],
  });
  const audits = (action: string) =>
    db.asOwner((tx) =>
      rowsOf<{ record_id: string; details: Record<string, unknown>; actor_id: string }>(
        tx,
        sql`SELECT record_id, details, actor_id FROM audit_log
          WHERE entity_id = ${entity.id} AND action = ${action} ORDER BY id`,
      ),
    );
  return { ...world, coordinator, from, to, audits };
}

const base = (id: string) => `/api/case-files/${id}`;

describe("a coordinator's tools on content", () => {
  it('previews, then transfers an intervention to another case file of the team, audited', async () => {
    const { tech, coordinator, partner, from, to, call, types, audits } = await setUp();
    const created = await call(tech.session, 'POST', `${base(from.id)}/interventions`, {
      typeId: (await types('intervention_type')).home_visit,
      occurredOn: TODAY,
      personIds: [partner],
      notes: 'Visited the flat',
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    const url = `${base(from.id)}/interventions/${id}/transfer`;

    const preview = await call(coordinator.session, 'POST', url, {
      target: to.number,
      preview: true,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      done: false,
      item: {
        kind: 'intervention',
        id,
        type: 'Home visit',
        date: TODAY,
        persons: [{ id: partner, name: 'Joan Ferrer' }],
      },
      from: { id: from.id, number: from.number },
      to: { id: to.id, number: to.number },
      carried: 0,
    });
    // A preview changes nothing.
    const still = await call(coordinator.session, 'GET', `${base(from.id)}/interventions/${id}`);
    expect(still.statusCode).toBe(200);
    expect(await audits('intervention.transfer')).toHaveLength(0);

    // The number may be typed without its zeros.
    const [year, seq] = to.number.split('/');
    const done = await call(coordinator.session, 'POST', url, {
      target: `${year}/${Number(seq)}`,
    });
    expect(done.statusCode, done.body).toBe(200);
    expect(done.json()).toMatchObject({ done: true, to: { id: to.id } });
    const gone = await call(coordinator.session, 'GET', `${base(from.id)}/interventions/${id}`);
    expect(gone.statusCode).toBe(404);
    const moved = await call(tech.session, 'GET', `${base(to.id)}/interventions/${id}`);
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({
      caseFileId: to.id,
      notes: 'Visited the flat',
      persons: [{ id: partner }],
    });
    const [audit] = await audits('intervention.transfer');
    expect(audit).toMatchObject({
      record_id: id,
      actor_id: coordinator.id,
      details: { from: from.id, to: to.id, carried: 0 },
    });
  });

  it('moves a granted resource with the intervention that records its grant, and refuses to move that one alone', async () => {
    const { tech, coordinator, from, to, call, types, audits } = await setUp();
    const resource = await call(tech.session, 'POST', `${base(from.id)}/resources`, {
      typeId: (await types('resource')).telecare,
      personId: from.holderId,
      state: 'granted',
      startsOn: TODAY,
    });
    expect(resource.statusCode, resource.body).toBe(201);
    const id = resource.json().id as string;
    const list = await call(tech.session, 'GET', `${base(from.id)}/interventions`);
    const grant = (list.json().items as { id: string; event: string | null }[]).find(
      (i) => i.event === 'resource_granted',
    )!;
    const alone = await call(
      coordinator.session,
      'POST',
      `${base(from.id)}/interventions/${grant.id}/transfer`,
      { target: to.number },
    );
    expect(alone.statusCode).toBe(409);
    expect(alone.json().error.code).toBe('case_files.automatic_entry');

    // The holder of `from` is not a member of `to` yet.
    const notMember = await call(
      coordinator.session,
      'POST',
      `${base(from.id)}/resources/${id}/transfer`,
      { target: to.number, preview: true },
    );
    expect(notMember.statusCode).toBe(409);
    expect(notMember.json().error).toMatchObject({
      code: 'case_files.transfer_not_members',
      details: [{ field: 'target' }],
    });
    expect(notMember.json().error.message).toContain(to.number);
    await call(coordinator.session, 'POST', `${base(to.id)}/members`, {
      personId: from.holderId,
      role: 'other',
    });
    const moved = await call(
      coordinator.session,
      'POST',
      `${base(from.id)}/resources/${id}/transfer`,
      { target: to.number },
    );
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json()).toMatchObject({ done: true, carried: 1 });
    const after = await call(tech.session, 'GET', `${base(to.id)}/interventions`);
    expect(
      (after.json().items as { id: string }[]).some((i) => i.id === grant.id),
      'the grant record went with its resource',
    ).toBe(true);
    expect((await audits('resource.transfer'))[0]?.details).toMatchObject({ carried: 1 });
  });

  it('refuses a transfer outside the rules, with the field and a clear message', async () => {
    const { db, entity, actor, tech, coordinator, partner, from, to, call, types } = await setUp();
    const created = await call(tech.session, 'POST', `${base(from.id)}/demands`, {
      typeId: (await types('demand')).housing,
      personId: partner,
      requestedOn: TODAY,
    });
    expect(created.statusCode, created.body).toBe(201);
    const url = `${base(from.id)}/demands/${created.json().id}/transfer`;
    const refusal = async (session: Session, target: string, language = 'en') => {
      const res = await call(session, 'POST', url, { target, preview: true }, language);
      return { status: res.statusCode, ...(res.json().error as { code: string; message: string }) };
    };

    // Only coordinators of the file's team.
    expect((await refusal(tech.session, to.number)).status).toBe(403);
    const southCoordinator = await actor(['coordinator'], { coordinates: [entity.teams.south] });
    expect((await refusal(southCoordinator.session, to.number)).status).toBe(404);

    // A number that is no number, without its year, the same file, one out of sight.
    expect(await refusal(coordinator.session, 'next one')).toMatchObject({
      status: 400,
      code: 'case_files.transfer_target_number',
    });
    expect((await refusal(coordinator.session, '34')).code).toBe(
      'case_files.transfer_target_number',
    );
    expect((await refusal(coordinator.session, from.number)).code).toBe(
      'case_files.transfer_same_file',
    );
    const south = await createTestCaseFile(db, entity, {
      municipalityId: entity.municipalities.south,
      teamId: entity.teams.south,
    });
    expect(await refusal(coordinator.session, south.number)).toMatchObject({
      status: 404,
      code: 'case_files.transfer_target_not_found',
    });
    expect((await refusal(coordinator.session, '1999/000001')).status).toBe(404);

    // A closed target, in Catalan.
    const closed = await createTestCaseFile(db, entity, {
      closed: true,
      members: [{ personId: partner, role: 'other' }],
    });
    const closedRefusal = await refusal(coordinator.session, closed.number, 'ca');
    expect(closedRefusal).toMatchObject({ status: 409, code: 'case_files.transfer_target_closed' });
    expect(closedRefusal.message).toContain(closed.number);
    expect(closedRefusal.message).toContain('tancat');

    // The SIAD wall: nothing crosses it either way.
    const siad = await createTestCaseFile(db, entity, {
      scope: 'siad',
      members: [{ personId: partner, role: 'other' }],
    });
    expect(await refusal(coordinator.session, siad.number)).toMatchObject({
      status: 409,
      code: 'case_files.transfer_siad',
    });

    // ...and from a SIAD file into another.
    const siadFrom = await createTestCaseFile(db, entity, { scope: 'siad' });
    const siadDemand = await createTestEntry(db, entity, siadFrom.id, 'demand', {
      personId: siadFrom.holderId,
      authorId: null,
    });
    const out = await call(
      coordinator.session,
      'POST',
      `${base(siadFrom.id)}/demands/${siadDemand}/transfer`,
      { target: to.number, preview: true },
    );
    expect(out.json().error?.code ?? out.statusCode).toBe('case_files.transfer_siad');

    // Ids in capitals name the same file: still "the same file", never a move onto itself.
    const shouted = await call(
      coordinator.session,
      'POST',
      `${base(from.id.toUpperCase())}/demands/${created.json().id.toUpperCase()}/transfer`,
      { target: from.number },
    );
    expect(shouted.json().error.code).toBe('case_files.transfer_same_file');

    // The municipality rule on the target: a member living elsewhere.
    const elsewhere = await createTestCaseFile(db, entity, {
      municipalityId: entity.municipalities.north2,
      members: [{ personId: partner, role: 'other' }],
    });
    const mismatch = await refusal(coordinator.session, elsewhere.number);
    expect(mismatch).toMatchObject({ status: 409, code: 'case_files.municipality_mismatch' });
    expect(mismatch.message).toContain('Joan Ferrer');

    // Bad bodies are 400s, never 500s.
    for (const body of [
      {},
      { target: '' },
      { target: 12 },
      { target: to.number, preview: 'yes' },
    ]) {
      const res = await call(coordinator.session, 'POST', url, body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
    }
    // Nothing moved.
    const demands = await call(tech.session, 'GET', `${base(from.id)}/demands`);
    expect(demands.json().items).toHaveLength(1);
  });

  it("checks the persons of a resource's grant record too, whoever the resource names now", async () => {
    const { tech, coordinator, partner, from, to, call, types } = await setUp();
    const resource = await call(tech.session, 'POST', `${base(from.id)}/resources`, {
      typeId: (await types('resource')).telecare,
      personId: from.holderId,
      state: 'granted',
      startsOn: TODAY,
    });
    const id = resource.json().id as string;
    // Now the partner's (a member of the target); the grant record still names the holder.
    const moved = await call(tech.session, 'PATCH', `${base(from.id)}/resources/${id}`, {
      personId: partner,
    });
    expect(moved.statusCode, moved.body).toBe(200);
    const refused = await call(
      coordinator.session,
      'POST',
      `${base(from.id)}/resources/${id}/transfer`,
      { target: to.number, preview: true },
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('case_files.transfer_not_members');
  });

  it('deletes an entry, with what goes with it, audited without its text', async () => {
    const { tech, coordinator, from, call, types, audits } = await setUp();
    const demand = await call(tech.session, 'POST', `${base(from.id)}/demands`, {
      typeId: (await types('demand')).housing,
      personId: from.holderId,
      requestedOn: TODAY,
      description: 'A private matter',
    });
    const demandId = demand.json().id as string;
    const byTech = await call(tech.session, 'DELETE', `${base(from.id)}/demands/${demandId}`);
    expect(byTech.statusCode).toBe(403);
    const deleted = await call(
      coordinator.session,
      'DELETE',
      `${base(from.id)}/demands/${demandId}`,
    );
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toMatchObject({
      item: { kind: 'demand', id: demandId, type: 'Housing', persons: [{ id: from.holderId }] },
      carried: 0,
    });
    const again = await call(coordinator.session, 'DELETE', `${base(from.id)}/demands/${demandId}`);
    expect(again.statusCode).toBe(404);
    const [audit] = await audits('demand.delete');
    expect(audit).toMatchObject({ record_id: demandId, details: { caseFileId: from.id } });
    expect(JSON.stringify(audit!.details)).not.toContain('private');

    const resource = await call(tech.session, 'POST', `${base(from.id)}/resources`, {
      typeId: (await types('resource')).telecare,
      personId: from.holderId,
      state: 'granted',
      startsOn: TODAY,
    });
    const resourceId = resource.json().id as string;
    const gone = await call(
      coordinator.session,
      'DELETE',
      `${base(from.id)}/resources/${resourceId}`,
    );
    expect(gone.json()).toMatchObject({ carried: 1 });
    const [resourceAudit] = await audits('resource.delete');
    expect((resourceAudit!.details.carriedIds as string[]).length).toBe(1);
    const interventions = await call(tech.session, 'GET', `${base(from.id)}/interventions`);
    expect(
      (interventions.json().items as { event: string | null }[]).filter(
        (i) => i.event === 'resource_granted',
      ),
    ).toHaveLength(0);
  });

  it('offers the tools only to the coordinators of the file', async () => {
    const { tech, coordinator, from, call } = await setUp();
    const asTech = await call(tech.session, 'GET', base(from.id));
    expect(asTech.json().can.moveContent).toBe(false);
    const asCoordinator = await call(coordinator.session, 'GET', base(from.id));
    expect(asCoordinator.json().can.moveContent).toBe(true);
  });
});

describe('reactivating a person recorded as deceased by mistake', () => {
  it("is a coordinator's tool for the person's team: status back, history and audit, consents still withdrawn", async () => {
    const { db, entity, actor, tech, coordinator, call, audits } = await setUp();
    const person = await createTestPerson(db, entity, {
      mobilePhone: '+34612345678',
      email: 'persona@example.org',
      consentSms: true,
      consentEmail: true,
    });
    const died = await call(tech.session, 'POST', `/api/persons/${person}/deceased`, {
      deceasedOn: '2026-03-01',
    });
    expect(died.statusCode, died.body).toBe(200);
    expect(died.json().can.reactivate).toBe(false);

    expect((await call(tech.session, 'POST', `/api/persons/${person}/reactivate`)).statusCode).toBe(
      403,
    );
    const southCoordinator = await actor(['coordinator'], { coordinates: [entity.teams.south] });
    expect(
      (await call(southCoordinator.session, 'POST', `/api/persons/${person}/reactivate`))
        .statusCode,
    ).toBe(404);

    const seen = await call(coordinator.session, 'GET', `/api/persons/${person}`);
    expect(seen.json().can.reactivate).toBe(true);
    const res = await call(coordinator.session, 'POST', `/api/persons/${person}/reactivate`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      status: 'active',
      deceasedOn: null,
      consentSms: false,
      consentEmail: false,
      can: { reactivate: false },
    });
    const again = await call(
      coordinator.session,
      'POST',
      `/api/persons/${person}/reactivate`,
      {},
      'es',
    );
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toMatchObject({ code: 'persons.not_deceased' });
    expect(again.json().error.message).toContain('éxitus');

    const history = await call(coordinator.session, 'GET', `/api/persons/${person}/history`);
    expect(
      (history.json().items as { field: string; detail: string | null }[])
        .filter((h) => h.field === 'status')
        .map((h) => h.detail),
    ).toEqual([null, '2026-03-01']);
    expect(await audits('person.reactivate')).toMatchObject([
      { record_id: person, actor_id: coordinator.id },
    ]);
  });
});
