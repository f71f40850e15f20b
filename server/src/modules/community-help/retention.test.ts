import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { HelpRequest, HelpRequestPage } from '@caliu/common';
import { rowsOf } from '../../db/connect';
import { buildTestApp, login, manualClock } from '../../testing/app';
import { createTestSubmission } from '../../testing/community-help-factories';
import { testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { createTestPerson } from '../../testing/persons-factories';
import { eraseDeletedHelpRequests } from './retention';

/**
 * The retention job (issue 22 item 5): a deleted help request's personal data is erased
 * HELP_REQUEST_RETENTION_DAYS after its deletion, by the app's clock — not before, and never a
 * request that was not deleted; the rest stays, and the erasure is audited.
 */

const DAY = 86_400_000;

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
    await createTestSubmission(db, config, entity, { now: clock.now() });
    await createTestSubmission(db, config, entity, {
      now: clock.now(),
      form: { name: 'Kept Person', email: 'kept@x.example' },
    });
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
      delete_reason: 'Sent as a joke',
      help_type: 'shopping',
      status: 'deleted',
    });
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
      suggestions: [],
    } satisfies Partial<HelpRequest>);
  });
});
