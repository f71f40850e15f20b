import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import type { Attachment, AttachmentOwner } from '@caliu/common';
import { minimalPdf } from '../../testing/attachment-files';
import { createTestAttachment } from '../../testing/attachments-factories';
import { attachmentsWorld } from '../../testing/attachments-world';
import { createTestCaseFile } from '../../testing/case-files-factories';
import type { Session } from '../../testing/app';

/**
 * Access follows the record (decision 0007): on a person, identity documents to whoever keeps
 * basic data (not the operator) and the rest to whoever sees the content of a case file holding
 * them (attaching: an open one); the list says which; on a case file or an item, the case
 * file's content scope, SIAD's for their circle alone; out of sight is the record's own "not
 * found". Deleting: the uploader within a day, or a coordinator of the record's team.
 */

async function setUp() {
  const w = await attachmentsWorld();
  const { db, entity, actor, tech } = w;
  const file = await createTestCaseFile(db, entity, { referentId: tech.id, interviewBy: tech.id });
  const person = file.holderId;
  const siadTech = await actor(['tech_siad']);
  const siad = await createTestCaseFile(db, entity, { scope: 'siad', referentId: siadTech.id });
  const on = async (owner: AttachmentOwner, category: string) =>
    createTestAttachment(db, entity, { owner, category, uploadedBy: tech.id });
  const docs = {
    identity: await on({ type: 'person', personId: person }, 'identity'),
    health: await on({ type: 'person', personId: person }, 'health'),
    caseFile: await on({ type: 'case_file', caseFileId: file.id }, 'legal'),
    item: await on(
      { type: 'item', caseFileId: file.id, itemKind: 'intervention', itemId: file.interventionId! },
      'consent',
    ),
    siad: await createTestAttachment(db, entity, {
      owner: { type: 'case_file', caseFileId: siad.id },
      category: 'legal',
      uploadedBy: siadTech.id,
    }),
  };
  const lists = {
    person: `ownerType=person&ownerId=${person}`,
    caseFile: `ownerType=case_file&ownerId=${file.id}&includeItems=true`,
    siad: `ownerType=case_file&ownerId=${siad.id}`,
  };
  return { ...w, tech, file, person, siad, siadTech, docs, lists };
}

type World = Awaited<ReturnType<typeof setUp>>;

/** What a session sees: each list (ids, or the refusal's status) and each download's status. */
async function sight(w: World, session: Session) {
  const lists = {
    person: await w.listed(session, w.lists.person),
    caseFile: await w.listed(session, w.lists.caseFile),
    siad: await w.listed(session, w.lists.siad),
  };
  const downloads: Record<string, number> = {};
  for (const [name, id] of Object.entries(w.docs)) {
    downloads[name] = (await w.call(session, 'GET', `/api/attachments/${id}/content`)).statusCode;
  }
  return { lists, downloads };
}

const sorted = (ids: string[]) => [...ids].sort();

describe('who sees attachments', () => {
  it('follows the record, role by role, SIAD included', async () => {
    const w = await setUp();
    const { docs } = w;
    const everything = { person: sorted([docs.identity, docs.health]) };
    const see = async (session: Session) => {
      const s = await sight(w, session);
      const order = (v: string[] | number) => (Array.isArray(v) ? sorted(v) : v);
      return {
        lists: {
          person: order(s.lists.person),
          caseFile: order(s.lists.caseFile),
          siad: order(s.lists.siad),
        },
        downloads: s.downloads,
      };
    };
    const ok = 200;
    // The file's technician: the person's whole record, the file and its items; not SIAD.
    expect(await see(w.tech.session)).toEqual({
      lists: { ...everything, caseFile: sorted([docs.caseFile, docs.item]), siad: 404 },
      downloads: { identity: ok, health: ok, caseFile: ok, item: ok, siad: 404 },
    });
    // The coordinator of the team: all of it, SIAD too.
    const coordinator = await w.actor(['coordinator'], { coordinates: [w.entity.teams.north] });
    expect(await see(coordinator.session)).toEqual({
      lists: { ...everything, caseFile: sorted([docs.caseFile, docs.item]), siad: [docs.siad] },
      downloads: { identity: ok, health: ok, caseFile: ok, item: ok, siad: ok },
    });
    // The SIAD technician: their file; of the person (not in a file of theirs) identity only.
    expect(await see(w.siadTech.session)).toEqual({
      lists: { person: [docs.identity], caseFile: 404, siad: [docs.siad] },
      downloads: { identity: ok, health: 404, caseFile: 404, item: 404, siad: ok },
    });
    // Basic data only: a colleague outside the file, the auxiliary, another team's coordinator;
    // the technical administrator sees the file's header, not its content.
    const outsider = await w.actor(['tech_ssb']);
    const aux = await w.actor(['aux_admin']);
    const operator = await w.actor(['operator']);
    const south = await w.actor(['coordinator'], { coordinates: [w.entity.teams.south] });
    const techAdmin = await w.actor(['tech_admin']);
    const basicOnly = { identity: ok, health: 404, caseFile: 404, item: 404, siad: 404 };
    for (const session of [outsider.session, aux.session, south.session]) {
      expect(await see(session)).toEqual({
        lists: { person: [docs.identity], caseFile: 404, siad: 404 },
        downloads: basicOnly,
      });
    }
    expect(await see(techAdmin.session)).toEqual({
      lists: { person: [docs.identity], caseFile: 403, siad: 404 },
      downloads: basicOnly,
    });
    // The operator sees basic data to link help requests, not identity papers: nothing here.
    expect(await see(operator.session)).toEqual({
      lists: { person: [], caseFile: 404, siad: 404 },
      downloads: { identity: 404, health: 404, caseFile: 404, item: 404, siad: 404 },
    });
  });

  it("tells each viewer what they may see and attach on a person, by the creation's rule", async () => {
    const w = await setUp();
    const can = async (session: Session, query: string) => {
      const res = await w.call(session, 'GET', `/api/attachments?${query}`);
      expect(res.statusCode, res.body).toBe(200);
      return (res.json() as { can: Record<string, boolean> }).can;
    };
    const all = { viewIdentity: true, viewOther: true, attachIdentity: true, attachOther: true };
    const identity = {
      viewIdentity: true,
      viewOther: false,
      attachIdentity: true,
      attachOther: false,
    };
    const none = {
      viewIdentity: false,
      viewOther: false,
      attachIdentity: false,
      attachOther: false,
    };
    expect(await can(w.tech.session, w.lists.person)).toEqual(all);
    expect(await can(w.tech.session, w.lists.caseFile)).toEqual(all);
    const item = `ownerType=item&ownerId=${w.file.id}&itemKind=intervention&itemId=${w.file.interventionId}`;
    expect(await can(w.tech.session, item)).toEqual(all);
    const aux = await w.actor(['aux_admin']);
    expect(await can(aux.session, w.lists.person)).toEqual(identity);
    const operator = await w.actor(['operator']);
    expect(await can(operator.session, w.lists.person)).toEqual(none);
    // What `can` says is what the creation does.
    const owner = { type: 'person' as const, personId: w.person };
    expect(
      (await w.start(aux.session, owner, minimalPdf(), { category: 'health' })).statusCode,
    ).toBe(403);
    expect(
      (await w.start(aux.session, owner, minimalPdf(), { category: 'identity' })).statusCode,
    ).toBe(201);

    // Closed, the case file still shows the person's documents, but no longer takes any.
    await w.db.asOwner((tx) =>
      tx.execute(sql`UPDATE case_files SET state = 'closed', closed_on = opened_on,
        closing_reason_id = (SELECT c.id FROM catalogue_items c
          WHERE c.entity_id = case_files.entity_id AND c.catalogue = 'closing_reason' LIMIT 1)
        WHERE id = ${w.file.id}`),
    );
    expect(await can(w.tech.session, w.lists.person)).toEqual({ ...all, attachOther: false });
    expect(await w.listed(w.tech.session, w.lists.person)).toHaveLength(2);
    const health = await w.start(w.tech.session, owner, minimalPdf(), { category: 'health' });
    expect(health.statusCode).toBe(403);
    expect(health.json().error.code).toBe('attachments.person_full_record');
    expect(await can(w.tech.session, w.lists.caseFile)).toEqual({
      ...all,
      attachIdentity: false,
      attachOther: false,
    });
  });

  it('answers a colleague outside the case file exactly as for an attachment that does not exist', async () => {
    const w = await setUp();
    const outsider = await w.actor(['tech_ssb']);
    const missing = crypto.randomUUID();
    for (const [method, path] of [
      ['GET', '/content'],
      ['DELETE', ''],
    ] as const) {
      const hidden = await w.call(
        outsider.session,
        method,
        `/api/attachments/${w.docs.caseFile}${path}`,
      );
      const none = await w.call(outsider.session, method, `/api/attachments/${missing}${path}`);
      expect([hidden.statusCode, hidden.json()]).toEqual([none.statusCode, none.json()]);
      expect(hidden.statusCode).toBe(404);
    }
    const list = await w.call(outsider.session, 'GET', `/api/attachments?${w.lists.caseFile}`);
    const noFile = await w.call(
      outsider.session,
      'GET',
      `/api/attachments?ownerType=case_file&ownerId=${missing}`,
    );
    expect([list.statusCode, list.json()]).toEqual([404, noFile.json()]);
    // Nor can they attach there.
    const attach = await w.start(
      outsider.session,
      { type: 'case_file', caseFileId: w.file.id },
      minimalPdf(),
    );
    expect(attach.statusCode).toBe(404);
  });

  it('lets whoever edits basic data attach identity documents to a person, the rest only to the full record', async () => {
    const w = await setUp();
    const aux = await w.actor(['aux_admin']);
    const owner = { type: 'person' as const, personId: w.person };
    const identity = await w.upload(aux.session, owner, minimalPdf(), { category: 'identity' });
    expect(identity.category.code).toBe('identity');
    const health = await w.start(aux.session, owner, minimalPdf(), { category: 'health' });
    expect(health.statusCode).toBe(403);
    expect(health.json().error.code).toBe('attachments.person_full_record');
    // The file's technician may.
    expect((await w.upload(w.tech.session, owner, minimalPdf())).category.code).toBe('health');
    // SIAD: a SIAD file's technician attaches to it; nobody else learns it exists.
    const siadOwner = { type: 'case_file' as const, caseFileId: w.siad.id };
    await w.upload(w.siadTech.session, siadOwner, minimalPdf(), { category: 'legal' });
    const blocked = await w.start(w.tech.session, siadOwner, minimalPdf());
    expect(blocked.statusCode).toBe(404);
  });
});

describe('deleting attachments', () => {
  it('is for the uploader within a day, then for a coordinator of the team; the audit keeps the trace', async () => {
    const w = await setUp();
    const coordinator = await w.actor(['coordinator'], { coordinates: [w.entity.teams.north] });
    // Another technician of the file sees its attachments but may not delete theirs.
    const assigned = await w.actor(['tech_ssb']);
    const file = await createTestCaseFile(w.db, w.entity, {
      referentId: w.tech.id,
      assignedIds: [assigned.id],
    });
    const owner = { type: 'case_file' as const, caseFileId: file.id };
    const first = await w.upload(w.tech.session, owner, minimalPdf('First'));
    const second = await w.upload(w.tech.session, owner, minimalPdf('Second'));
    expect(first.can.delete).toBe(true);
    const theirs = await w.call(
      assigned.session,
      'GET',
      `/api/attachments?ownerType=case_file&ownerId=${file.id}`,
    );
    expect((theirs.json() as { items: Attachment[] }).items.map((a) => a.can.delete)).toEqual([
      false,
      false,
    ]);
    const refused = await w.call(assigned.session, 'DELETE', `/api/attachments/${first.id}`);
    expect(refused.statusCode).toBe(403);

    expect(
      (await w.call(w.tech.session, 'DELETE', `/api/attachments/${first.id}`)).statusCode,
    ).toBe(204);
    w.clock.advance(24 * 3600_000 + 1000);
    // A day later: new sessions (the old ones expired).
    w.tech.session = await w.signIn(w.tech);
    coordinator.session = await w.signIn(coordinator);
    const late = await w.call(w.tech.session, 'DELETE', `/api/attachments/${second.id}`);
    expect(late.statusCode).toBe(403);
    expect(late.json().error.code).toBe('attachments.delete_not_allowed');
    expect(
      (await w.call(coordinator.session, 'DELETE', `/api/attachments/${second.id}`)).statusCode,
    ).toBe(204);

    const trace = await w.audits('attachment.delete');
    expect(trace.map((t) => [t.record_id, t.actor_id])).toEqual([
      [first.id, w.tech.id],
      [second.id, coordinator.id],
    ]);
    expect(trace[1]!.details).toMatchObject({
      title: second.title,
      sha256: second.sha256,
      size: second.size,
      mediaType: 'application/pdf',
      reason: 'deleted',
    });
    expect(trace[1]!.subjects).toEqual([file.holderId]);
    expect(
      (await w.call(coordinator.session, 'GET', `/api/attachments/${second.id}/content`))
        .statusCode,
    ).toBe(404);
    const { chunks } = await w.stored();
    // Only the setUp's attachments keep chunks.
    expect(chunks).toBe(5);
  });
});

describe('the audit of attachments', () => {
  it("records every download for the persons concerned, and the person's access report shows it", async () => {
    const w = await setUp();
    const coordinator = await w.actor(['coordinator'], { coordinates: [w.entity.teams.north] });
    for (const id of [w.docs.identity, w.docs.caseFile, w.docs.item]) {
      const res = await w.call(coordinator.session, 'GET', `/api/attachments/${id}/content`);
      expect(res.statusCode).toBe(200);
    }
    const downloads = await w.audits('attachment.download');
    expect(downloads.map((d) => [d.record_id, d.actor_id, d.subjects])).toEqual([
      [w.docs.identity, coordinator.id, [w.person]],
      [w.docs.caseFile, coordinator.id, [w.person]],
      [w.docs.item, coordinator.id, [w.person]],
    ]);
    const admin = await w.actor(['administrator']);
    const report = await w.call(
      admin.session,
      'GET',
      `/api/audit/persons/${w.person}/access-report`,
    );
    expect(report.statusCode, report.body).toBe(200);
    const entries = (
      report.json() as { entries: { action: string; actor: { id: string } | null }[] }
    ).entries;
    expect(
      entries.filter((e) => e.action === 'attachment.download').map((e) => e.actor?.id),
    ).toEqual([coordinator.id, coordinator.id, coordinator.id]);
  });
});
