import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { HelpRequest, HelpRequestPage } from '@caliu/common';
import { rowsOf } from '../../db/connect';
import { buildTestApp, login, manualClock } from '../../testing/app';
import { createTestSubmission } from '../../testing/community-help-factories';
import { testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { drain, mailboxOf, outboxOf } from '../../testing/messaging';
import { createTestPerson } from '../../testing/persons-factories';
import { eraseDeletedHelpRequests } from './retention';

/**
 * The retention job (issue 22 item 5): a deleted help request's personal data is erased
 * HELP_REQUEST_RETENTION_DAYS after its deletion, by the app's clock — not before, and never a
 * request that was not deleted; the rest stays, and the erasure is audited. The erasure is
 * complete: the deletion's reason, and the citizen's acknowledgement email's address and data in
 * the outbox and the mailbox, go too. A completed request is erased the period after its
 * completion; a submission never imported is deleted the period after it came.
 */

const DAY = 86_400_000;

type Ack = { recipient: string; data: unknown; status: string; lastError: string | null };

/** The citizen's acknowledgement of a submission, in the outbox and (once sent) the mailbox. */
async function ackOf(db: Awaited<ReturnType<typeof testDatabase>>, entityId: string, id: string) {
  const message = (await outboxOf(db, entityId)).find(
    (m) => m.idempotencyKey === `help_request_received:${id}`,
  );
  const mailbox = (await mailboxOf(db, entityId)).filter((m) => m.outboxMessageId === message?.id);
  return {
    outbox: message
      ? ({
          recipient: message.recipient,
          data: message.data,
          status: message.status,
          lastError: message.lastError,
        } as Ack)
      : undefined,
    mailbox: mailbox.map((m) => m.recipient),
  };
}

describe('the retention of deleted help requests', () => {
  it('erases the personal data of requests deleted more than the period ago, and only theirs', async () => {
    const clock = manualClock(new Date('2026-06-01T08:00:00Z'));
    const { app, config: base } = await buildTestApp({
      clock,
      env: { HELP_REQUEST_RETENTION_DAYS: '30' },
    });
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const config = { ...base, outbox: { ...base.outbox, entities: [entity.id] } };
    const operator = await createTestProfessional(db, entity, { roles: ['operator'] });
    const bogusSubmission = await createTestSubmission(db, config, entity, {
      now: clock.now(),
      form: { email: 'maria.garcia@private.example' },
    });
    const keptSubmission = await createTestSubmission(db, config, entity, {
      now: clock.now(),
      form: { name: 'Kept Person', email: 'kept@x.example' },
    });
    // The acknowledgements go (delivered, or kept as the mailbox's metadata without a server).
    await drain({ database: db, config }, [entity.id]);
    expect((await ackOf(db, entity.id, bogusSubmission.id)).mailbox).toEqual([
      'maria.garcia@private.example',
    ]);
    const session = await login(app, entity.code, operator.username);
    const call = (method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) =>
      app.inject({ method, url, ...(payload ? { payload } : {}), headers: session.headers('en') });
    await call('POST', '/api/help-requests/import');
    const items = ((await call('GET', '/api/help-requests')).json() as HelpRequestPage).items;
    const bogus = items.find((i) => i.name === 'Maria Garcia Puig')!;
    const kept = items.find((i) => i.name === 'Kept Person')!;
    // Linked to a person record before it was found bogus: the link goes with the erasure.
    const person = await createTestPerson(db, entity, {});
    const linked = await call('PUT', `/api/help-requests/${bogus.id}/person`, { personId: person });
    expect(linked.statusCode, linked.body).toBe(200);
    const deleted = await call('POST', `/api/help-requests/${bogus.id}/delete`, {
      reason: 'Sent as a joke',
    });
    expect(deleted.statusCode, deleted.body).toBe(200);

    clock.advance(30 * DAY - 60_000);
    expect(await eraseDeletedHelpRequests(db, config, clock.now())).toBe(0);
    clock.advance(2 * 60_000);
    expect(await eraseDeletedHelpRequests(db, config, clock.now())).toBe(1);
    expect(await eraseDeletedHelpRequests(db, config, clock.now())).toBe(0);

    const rows = await db.tenant(entity.id, (tx) =>
      rowsOf<Record<string, unknown>>(
        tx,
        sql`SELECT id, name, phone, email, address, description, erased_at, delete_reason,
            person_id, help_type, status
          FROM help_requests WHERE entity_id = ${entity.id}`,
      ),
    );
    const erased = rows.find((r) => r.id === bogus.id)!;
    expect(erased).toMatchObject({
      name: null,
      phone: null,
      email: null,
      address: null,
      description: null,
      person_id: null,
      // Free text: it may name someone.
      delete_reason: null,
      help_type: 'shopping',
      status: 'deleted',
    });
    // The acknowledgement keeps no address nor data; the kept request's is untouched.
    const bogusAck = await ackOf(db, entity.id, bogusSubmission.id);
    expect(bogusAck.outbox).toMatchObject({ recipient: '', data: {} });
    expect(JSON.stringify(bogusAck)).not.toContain('private.example');
    expect(bogusAck.mailbox).toEqual(['']);
    const keptAck = await ackOf(db, entity.id, keptSubmission.id);
    expect(keptAck.outbox).toMatchObject({ recipient: 'kept@x.example' });
    expect(keptAck.mailbox).toEqual(['kept@x.example']);
    expect(new Date(erased.erased_at as string).toISOString()).toBe(clock.now().toISOString());
    expect(rows.find((r) => r.id === kept.id)).toMatchObject({
      name: 'Kept Person',
      erased_at: null,
    });
    const [audit] = await db.tenant(entity.id, (tx) =>
      rowsOf<{ record_id: string; actor_id: string | null }>(
        tx,
        sql`SELECT record_id, actor_id FROM audit_log
          WHERE entity_id = ${entity.id} AND action = 'help_request.erase'`,
      ),
    );
    expect(audit).toEqual({ record_id: bogus.id, actor_id: null });
    // The person it was linked to is the erasure's subject: their access report shows it.
    const subjects = await db.tenant(entity.id, (tx) =>
      rowsOf<{ person_id: string }>(
        tx,
        sql`SELECT s.person_id FROM audit_subjects s
          JOIN audit_log a ON a.entity_id = s.entity_id AND a.id = s.audit_id
          WHERE a.entity_id = ${entity.id} AND a.action = 'help_request.erase'`,
      ),
    );
    expect(subjects).toEqual([{ person_id: person }]);
    // Its status link no longer answers; the kept request's still does.
    const status = (token: string) =>
      app.inject({ method: 'GET', url: `/help/${entity.code}/status/${token}` });
    expect((await status(bogusSubmission.statusToken)).statusCode).toBe(404);
    expect((await status(keptSubmission.statusToken)).statusCode).toBe(200);

    // Its page still opens, without the data (a fresh session: the clock moved a month).
    const later = await login(app, entity.code, operator.username);
    const page = await app.inject({
      method: 'GET',
      url: `/api/help-requests/${bogus.id}`,
      headers: later.headers('en'),
    });
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({
      name: null,
      phone: null,
      address: null,
      deleteReason: null,
      suggestions: [],
    } satisfies Partial<HelpRequest>);
  });

  it('deletes submissions never imported the period after they came, and only those', async () => {
    const clock = manualClock(new Date('2026-07-01T08:00:00Z'));
    const { app, config: base } = await buildTestApp({
      clock,
      env: { HELP_REQUEST_RETENTION_DAYS: '30' },
    });
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const config = { ...base, outbox: { ...base.outbox, entities: [entity.id] } };
    const operator = await createTestProfessional(db, entity, { roles: ['operator'] });
    const session = await login(app, entity.code, operator.username);
    // One imported at once (it stays: its status link follows the request), one left waiting.
    const imported = await createTestSubmission(db, config, entity, { now: clock.now() });
    const imports = await app.inject({
      method: 'POST',
      url: '/api/help-requests/import',
      headers: session.headers('en'),
    });
    expect(imports.json()).toMatchObject({ imported: 1 });
    const waiting = await createTestSubmission(db, config, entity, {
      now: clock.now(),
      form: { name: 'Nobody Imported', email: 'waiting@private.example' },
    });
    clock.advance(10 * DAY);
    const later = await createTestSubmission(db, config, entity, {
      now: clock.now(),
      form: { name: 'Came Later', email: 'later@x.example' },
    });
    await drain({ database: db, config }, [entity.id]);
    const submissions = () =>
      db.tenant(entity.id, (tx) =>
        rowsOf<{ id: string }>(
          tx,
          sql`SELECT id FROM help_request_submissions WHERE entity_id = ${entity.id} ORDER BY id`,
        ),
      );

    clock.advance(20 * DAY - 60_000); // 30 days less a minute after the first two came
    expect(await eraseDeletedHelpRequests(db, config, clock.now())).toBe(0);
    expect((await submissions()).map((r) => r.id)).toEqual(
      [imported.id, waiting.id, later.id].sort(),
    );
    clock.advance(2 * 60_000);
    expect(await eraseDeletedHelpRequests(db, config, clock.now())).toBe(1);
    expect(await eraseDeletedHelpRequests(db, config, clock.now())).toBe(0);
    expect((await submissions()).map((r) => r.id)).toEqual([imported.id, later.id].sort());

    const gone = await ackOf(db, entity.id, waiting.id);
    expect(gone.outbox).toMatchObject({ recipient: '', data: {} });
    expect(JSON.stringify(gone)).not.toContain('private.example');
    expect(gone.mailbox).toEqual(['']);
    expect((await ackOf(db, entity.id, later.id)).outbox).toMatchObject({
      recipient: 'later@x.example',
    });
    const audits = await db.tenant(entity.id, (tx) =>
      rowsOf<{ record_id: string; record_type: string; actor_id: string | null }>(
        tx,
        sql`SELECT record_id, record_type, actor_id FROM audit_log
          WHERE entity_id = ${entity.id} AND action = 'help_request.erase'`,
      ),
    );
    expect(audits).toEqual([
      { record_id: waiting.id, record_type: 'help_request_submission', actor_id: null },
    ]);
    // Its status link no longer answers; the imported one's still does.
    const status = (token: string) =>
      app.inject({ method: 'GET', url: `/help/${entity.code}/status/${token}` });
    expect((await status(waiting.statusToken)).statusCode).toBe(404);
    expect((await status(imported.statusToken)).statusCode).toBe(200);

    // The later one, its own period after it came.
    clock.advance(10 * DAY);
    expect(await eraseDeletedHelpRequests(db, config, clock.now())).toBe(1);
    expect((await submissions()).map((r) => r.id)).toEqual([imported.id]);
  });

  it('erases a completed request the period after its completion', async () => {
    const clock = manualClock(new Date('2026-08-01T08:00:00Z'));
    const { app, config: base } = await buildTestApp({
      clock,
      env: { HELP_REQUEST_RETENTION_DAYS: '30' },
    });
    const db = await testDatabase();
    const entity = await createTestEntity(db);
    const config = { ...base, outbox: { ...base.outbox, entities: [entity.id] } };
    const operator = await createTestProfessional(db, entity, { roles: ['operator'] });
    const session = await login(app, entity.code, operator.username);
    await createTestSubmission(db, config, entity, { now: clock.now() });
    await createTestSubmission(db, config, entity, {
      now: clock.now(),
      form: { name: 'Still Open' },
    });
    await app.inject({
      method: 'POST',
      url: '/api/help-requests/import',
      headers: session.headers('en'),
    });
    const rows = () =>
      db.tenant(entity.id, (tx) =>
        rowsOf<{ name: string | null; erased_at: Date | string | null; status: string }>(
          tx,
          sql`SELECT name, erased_at, status FROM help_requests
            WHERE entity_id = ${entity.id} ORDER BY reference`,
        ),
      );
    // Part 2 (issue 23) completes requests; here, as it will: the status and when.
    clock.advance(5 * DAY);
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`UPDATE help_requests SET status = 'completed', completed_at = ${clock.now()}
        WHERE entity_id = ${entity.id} AND name = 'Maria Garcia Puig'`),
    );
    clock.advance(30 * DAY - 60_000);
    expect(await eraseDeletedHelpRequests(db, config, clock.now())).toBe(0);
    clock.advance(2 * 60_000);
    expect(await eraseDeletedHelpRequests(db, config, clock.now())).toBe(1);
    const [completed, open] = await rows();
    expect(completed).toMatchObject({ name: null, status: 'completed' });
    expect(completed!.erased_at).not.toBeNull();
    expect(open).toMatchObject({ name: 'Still Open', erased_at: null, status: 'imported' });
  });
});
