import { PassThrough } from 'node:stream';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_CHUNK_BYTES, CSRF_HEADER } from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import * as items from '../case-files/content/items-repository';
import { startOutboxWorker } from '../../platform/messaging/worker';
import { minimalPdf, sha256 } from '../../testing/attachment-files';
import { createTestAttachment } from '../../testing/attachments-factories';
import { attachmentsWorld } from '../../testing/attachments-world';
import { createTestCaseFile } from '../../testing/case-files-factories';
import { NEEDS_POSTGRES, onPostgres } from '../../testing/database';
import { capturedLog, eventually, messagingConfig } from '../../testing/messaging';
import { createTestPerson } from '../../testing/persons-factories';
import {
  ABANDONED_CHECK_EVERY_MS,
  abandonedUploadsChore,
  removeAbandonedUploads,
} from './abandoned';

/**
 * An attachment's life beyond its upload: abandoned uploads cleaned up by the worker, items that
 * take their attachments along when transferred and delete them when deleted, person records
 * deleted with theirs, and nobody kept waiting while a tablet uploads slowly.
 */

async function setUp() {
  const w = await attachmentsWorld({ today: '2026-03-10' });
  const { tech, partner } = w;
  const coordinator = await w.actor(['coordinator'], { coordinates: [w.entity.teams.north] });
  const from = await createTestCaseFile(w.db, w.entity, {
    referentId: tech.id,
    members: [{ personId: partner, role: 'partner' }],
  });
  const to = await createTestCaseFile(w.db, w.entity, {
    referentId: tech.id,
    members: [{ personId: partner, role: 'other' }],
  });
  return { ...w, tech, coordinator, partner, from, to };
}

describe('abandoned uploads', () => {
  it("are removed by the worker's periodic pass an hour after their last chunk", async () => {
    const w = await setUp();
    /**
     * The upload's last activity `minutes` ago by the database's clock (which writes it, and
     * which the clean-up reads): the row aged as the table's owner, nobody's clock moved.
     */
    const idleFor = (id: string, minutes: number) =>
      w.db.asOwner((tx) =>
        tx.execute(sql`UPDATE attachments
          SET last_activity_at = now() - make_interval(mins => ${minutes})
          WHERE id = ${id}`),
      );
    const owner = { type: 'case_file' as const, caseFileId: w.from.id };
    const start = () =>
      w.started(w.tech.session, owner, minimalPdf(), { size: ATTACHMENT_CHUNK_BYTES + 10 });
    const first = Buffer.alloc(ATTACHMENT_CHUNK_BYTES);
    minimalPdf().copy(first);
    const idle = await start();
    expect((await w.putChunk(w.tech.session, idle, 0, first)).statusCode).toBe(200);
    const busy = await start();
    const done = await w.upload(w.tech.session, owner, minimalPdf());
    for (const id of [idle, busy, done.id]) await idleFor(id, 61);
    // A chunk revives an upload: its activity is now again.
    expect((await w.putChunk(w.tech.session, busy, 0, first)).statusCode).toBe(200);
    expect(await w.stored()).toEqual({ attachments: 3, chunks: 3 });

    // The worker of this entity only (other tests' uploads are none of this test's business).
    const config = messagingConfig({ OUTBOX_ENTITIES: w.entity.id, OUTBOX_POLL_MS: '20' });
    const worker = startOutboxWorker({
      database: w.db,
      config,
      log: capturedLog().log,
      clock: w.clock,
      chores: [abandonedUploadsChore(w.db, config)],
    });
    try {
      await eventually(async () => (await w.stored()).attachments === 2, 10_000, 20);
      expect(await w.stored()).toEqual({ attachments: 2, chunks: 2 });
      expect((await w.putChunk(w.tech.session, idle, 1, Buffer.alloc(10))).statusCode).toBe(404);
      // Short of an hour it stays; an hour after its last chunk, it goes too.
      // (The worker's clock moves only to make its next pass due.)
      await idleFor(busy, 59);
      w.clock.advance(ABANDONED_CHECK_EVERY_MS);
      await worker.runChores();
      expect(await w.stored()).toEqual({ attachments: 2, chunks: 2 });
      await idleFor(busy, 61);
      w.clock.advance(ABANDONED_CHECK_EVERY_MS);
      await worker.runChores();
      // The finished one stays, however old.
      expect(await w.stored()).toEqual({ attachments: 1, chunks: 1 });
    } finally {
      await worker.stop();
    }
    const left = await w.call(w.tech.session, 'GET', `/api/attachments/${done.id}/content`);
    expect(left.statusCode).toBe(200);
    expect(await removeAbandonedUploads(w.db, [w.entity.id])).toBe(0);
  });
});

describe('attachments go with their record', () => {
  it('move with a transferred item (a resource with its grant) and go with a deleted one, audited', async () => {
    const w = await setUp();
    const base = `/api/case-files/${w.from.id}`;
    const types = await w.call(w.tech.session, 'GET', '/api/catalogues/resource');
    const telecare = (types.json().items as { id: string; code: string }[]).find(
      (t) => t.code === 'telecare',
    )!.id;
    const resource = await w.call(w.tech.session, 'POST', `${base}/resources`, {
      typeId: telecare,
      personId: w.partner,
      state: 'granted',
      startsOn: '2026-03-10',
    });
    expect(resource.statusCode, resource.body).toBe(201);
    const resourceId = resource.json().id as string;
    const interventions = await w.call(w.tech.session, 'GET', `${base}/interventions`);
    const grant = (interventions.json().items as { id: string; event: string | null }[]).find(
      (i) => i.event === 'resource_granted',
    )!;
    const onResource = await w.upload(
      w.tech.session,
      { type: 'item', caseFileId: w.from.id, itemKind: 'resource', itemId: resourceId },
      minimalPdf('Resolution'),
      { category: 'legal' },
    );
    const onGrant = await w.upload(
      w.tech.session,
      { type: 'item', caseFileId: w.from.id, itemKind: 'intervention', itemId: grant.id },
      minimalPdf('Signed'),
      { category: 'consent' },
    );
    const onFile = await w.upload(
      w.tech.session,
      { type: 'case_file', caseFileId: w.from.id },
      minimalPdf('Stays'),
    );

    const url = `${base}/resources/${resourceId}/transfer`;
    const preview = await w.call(w.coordinator.session, 'POST', url, {
      target: w.to.number,
      preview: true,
    });
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ done: false, carried: 1, attachments: 2 });
    const moved = await w.call(w.coordinator.session, 'POST', url, { target: w.to.number });
    expect(moved.json()).toMatchObject({ done: true, carried: 1, attachments: 2 });
    const list = (caseFileId: string) =>
      w.listed(w.tech.session, `ownerType=case_file&ownerId=${caseFileId}&includeItems=true`);
    expect(await list(w.from.id)).toEqual([onFile.id]);
    expect(((await list(w.to.id)) as string[]).sort()).toEqual([onResource.id, onGrant.id].sort());
    const item = await w.listed(
      w.tech.session,
      `ownerType=item&ownerId=${w.to.id}&itemKind=resource&itemId=${resourceId}`,
    );
    expect(item).toEqual([onResource.id]);
    const [transfer] = await w.audits('resource.transfer');
    expect(transfer!.details).toMatchObject({ attachments: 2 });

    const deleted = await w.call(
      w.coordinator.session,
      'DELETE',
      `/api/case-files/${w.to.id}/resources/${resourceId}`,
    );
    expect(deleted.statusCode, deleted.body).toBe(200);
    expect(deleted.json()).toMatchObject({ carried: 1, attachments: 2 });
    expect(await list(w.to.id)).toEqual([]);
    const trace = await w.audits('attachment.delete');
    expect(trace.map((t) => t.record_id).sort()).toEqual([onResource.id, onGrant.id].sort());
    expect(trace.every((t) => t.details.reason === 'item_deleted')).toBe(true);
    expect(trace.every((t) => t.subjects.join() === w.partner)).toBe(true);
    expect(await w.stored()).toEqual({ attachments: 1, chunks: 1 });
  });

  it('go with a deleted person record, audited', async () => {
    const w = await setUp();
    const person = await createTestPerson(w.db, w.entity, { referentId: w.tech.id });
    const id = await createTestAttachment(w.db, w.entity, {
      owner: { type: 'person', personId: person },
      category: 'identity',
      uploadedBy: w.tech.id,
    });
    const res = await w.call(w.coordinator.session, 'DELETE', `/api/persons/${person}`);
    expect(res.statusCode, res.body).toBe(204);
    const [trace] = await w.audits('attachment.delete');
    expect(trace).toMatchObject({ record_id: id, details: { reason: 'person_deleted' } });
    expect(trace!.subjects).toEqual([person]);
    expect(await w.stored()).toEqual({ attachments: 0, chunks: 0 });
  });
});

describe('a creation racing the deletion of its record', () => {
  /** The backend of a transaction, to see who waits for it. */
  const backendOf = async (tx: Tx) => {
    const [row] = await rowsOf<{ pid: number }>(tx, sql`SELECT pg_backend_pid() AS pid`);
    return row!.pid;
  };
  /** Whether a query waits for that backend's locks (seen as the owner: the app's role sees none). */
  const waitedFor = (w: Awaited<ReturnType<typeof setUp>>, pid: number) => async () => {
    const [row] = await w.db.asOwner((tx) =>
      rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM pg_stat_activity
          WHERE ${pid}::int = ANY (pg_blocking_pids(pid))`,
      ),
    );
    return row!.n > 0;
  };

  it.skipIf(!onPostgres())(
    `waits for the item's deletion, then finds it gone (${NEEDS_POSTGRES})`,
    async () => {
      const w = await setUp();
      const file = await createTestCaseFile(w.db, w.entity, {
        referentId: w.tech.id,
        interviewBy: w.tech.id,
      });
      const itemId = file.interventionId!;
      const owner = {
        type: 'item' as const,
        caseFileId: file.id,
        itemKind: 'intervention' as const,
        itemId,
      };
      let pending: ReturnType<typeof w.start> | undefined;
      await w.db.tenant(w.entity.id, async (tx) => {
        // A coordinator deleting the item (delete-content.ts), not yet committed: the case file
        // and the item locked, the item gone.
        await tx.execute(sql`SELECT id FROM case_files WHERE id = ${file.id} FOR UPDATE`);
        expect(await items.lockItem(tx, w.entity.id, 'intervention', file.id, itemId)).toBeTruthy();
        await items.deleteItem(tx, w.entity.id, 'intervention', itemId);
        // Sent now (an injected request goes out when awaited), answered once the deletion commits.
        pending = Promise.resolve(w.start(w.tech.session, owner, minimalPdf()));
        await eventually(waitedFor(w, await backendOf(tx)), 10_000);
      });
      const answer = await pending!;
      expect(answer.statusCode, answer.body).toBe(404);
      expect(await w.stored()).toEqual({ attachments: 0, chunks: 0 });
    },
  );

  it.skipIf(!onPostgres())(
    `waits for the person's deletion, then finds them gone (${NEEDS_POSTGRES})`,
    async () => {
      const w = await setUp();
      const person = await createTestPerson(w.db, w.entity, { referentId: w.tech.id });
      const owner = { type: 'person' as const, personId: person };
      let pending: ReturnType<typeof w.start> | undefined;
      await w.db.tenant(w.entity.id, async (tx) => {
        // A coordinator deleting the person (delete-person.ts), not yet committed.
        await tx.execute(sql`SELECT id FROM persons WHERE id = ${person} FOR UPDATE`);
        await tx.execute(sql`DELETE FROM persons WHERE id = ${person}`);
        pending = Promise.resolve(
          w.start(w.tech.session, owner, minimalPdf(), { category: 'identity' }),
        );
        await eventually(waitedFor(w, await backendOf(tx)), 10_000);
      });
      const answer = await pending!;
      expect(answer.statusCode, answer.body).toBe(404);
      expect(await w.stored()).toEqual({ attachments: 0, chunks: 0 });
    },
  );
});

describe('a slow upload', () => {
  it('keeps nobody waiting: no transaction is open while a chunk is on its way', async () => {
    const w = await setUp();
    const content = Buffer.alloc(2 * ATTACHMENT_CHUNK_BYTES + 100);
    minimalPdf().copy(content);
    const id = await w.started(
      w.tech.session,
      { type: 'case_file', caseFileId: w.from.id },
      content,
    );
    // Every transaction the app opens is counted while it is open (the app and this test share
    // the worker's database object): a chunk's transaction held open across the read of its body
    // would show here, on PostgreSQL as on PGlite, whether or not it blocked anyone.
    const tenant = w.db.tenant.bind(w.db);
    let open = 0;
    w.db.tenant = (entityId, fn) =>
      tenant(entityId, async (tx) => {
        open++;
        try {
          return await fn(tx);
        } finally {
          open--;
        }
      });
    /** The other user's request: it must be answered while the upload is held mid-chunk. */
    const otherWork = async () => {
      const answered = w.call(w.coordinator.session, 'GET', `/api/case-files/${w.from.id}`);
      const deadline = new Promise<never>((_, reject) =>
        setTimeout(() => reject(new Error('the other user was kept waiting')), 5000).unref(),
      );
      const res = await Promise.race([answered, deadline]);
      expect(res.statusCode).toBe(200);
    };
    try {
      for (let index = 0; index < 3; index++) {
        const chunk = content.subarray(
          index * ATTACHMENT_CHUNK_BYTES,
          (index + 1) * ATTACHMENT_CHUNK_BYTES,
        );
        // The tablet sends half a chunk, then stalls: the request is in flight, its body unread.
        const body = new PassThrough();
        let answered = false;
        const sending = w.app
          .inject({
            method: 'PUT',
            url: `/api/attachments/${id}/chunks/${index}`,
            payload: body,
            headers: {
              cookie: w.tech.session.cookie,
              [CSRF_HEADER]: w.tech.session.csrf,
              'content-type': 'application/octet-stream',
              'content-length': String(chunk.length),
            },
          })
          .finally(() => {
            answered = true;
          });
        body.write(chunk.subarray(0, chunk.length >> 1));
        await otherWork();
        // The other user was answered while the chunk is still incomplete, and nothing holds a
        // transaction open for it meanwhile.
        expect(answered).toBe(false);
        expect(open).toBe(0);
        body.end(chunk.subarray(chunk.length >> 1));
        expect((await sending).statusCode).toBe(200);
        expect(open).toBe(0);
        // And between two chunks.
        await otherWork();
      }
    } finally {
      w.db.tenant = tenant;
    }
    const done = await w.call(w.tech.session, 'POST', `/api/attachments/${id}/complete`, {
      sha256: sha256(content),
    });
    expect(done.statusCode, done.body).toBe(200);
  });
});
