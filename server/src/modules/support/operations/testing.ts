import { expect } from 'vitest';
import { type SQL, sql } from 'drizzle-orm';
import type { OperationPreview, TicketCreate, TicketKind } from '@caliu/common';
import { type Database, rowsOf } from '../../../db/connect';
import { buildTestApp, login, type Session } from '../../../testing/app';
import { testDatabase } from '../../../testing/database';
import {
  createTestEntity,
  createTestProfessional,
  type TestEntity,
  type TestProfessional,
} from '../../../testing/factories';
import { insertTicket } from '../repository';

/**
 * What the tests of the operations run from tickets share (issue 20): an entity with a SIAD and
 * SSB technician, an SSB colleague and their coordinator (the tickets' requester), a support
 * agent of a provider signed in, and the helpers that write a ticket straight in, preview it, run
 * it and count rows. Call it in a `beforeAll`.
 */
export async function operationsFixture() {
  const { app } = await buildTestApp();
  const db: Database = await testDatabase();
  const entity: TestEntity = await createTestEntity(db);
  const provider: TestEntity = await createTestEntity(db, { kind: 'provider' });
  const tech: TestProfessional = await createTestProfessional(db, entity, {
    roles: ['tech_ssb', 'tech_siad'],
    teams: [entity.teams.north],
  });
  const colleague = await createTestProfessional(db, entity, {
    roles: ['tech_ssb'],
    teams: [entity.teams.north],
  });
  const coordinator = await createTestProfessional(db, entity, {
    roles: ['coordinator'],
    coordinates: [entity.teams.north],
  });
  const agent = await createTestProfessional(db, provider, { roles: ['support_agent'] });
  const agentSession: Session = await login(app, provider.code, agent.username);
  const techSession: Session = await login(app, entity.code, tech.username);

  /** A ticket of `kind` by the coordinator, written straight in; answers its API base. */
  async function ticketOf<K extends TicketKind>(
    kind: K,
    fields: Extract<TicketCreate, { kind: K }>['fields'],
  ) {
    const { id } = await db.tenant(entity.id, (tx) =>
      insertTicket(tx, {
        entityId: entity.id,
        kind,
        fields,
        subject: kind,
        requesterId: coordinator.id,
        now: new Date(),
      }),
    );
    return `/api/support/entities/${entity.id}/tickets/${id}`;
  }

  const post = (s: Session, url: string, payload: unknown = {}) =>
    app.inject({ method: 'POST', url, payload: payload as object, headers: s.headers('en') });

  /** The agent's preview of a ticket's operation (expected to answer 200). */
  async function preview(base: string): Promise<OperationPreview> {
    const r = await post(agentSession, `${base}/operation/preview`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json() as OperationPreview;
  }

  /** The agent's run of a ticket's operation, with what it was shown (the raw response). */
  const run = (base: string, body: { fingerprint: string } & Record<string, unknown>) =>
    post(agentSession, `${base}/operation/run`, body);

  /** The entity's rows of `table` where `where`. */
  async function count(table: string, where: SQL = sql`true`) {
    const [row] = await db.tenant(entity.id, (tx) =>
      rowsOf<{ n: number }>(
        tx,
        sql`SELECT count(*)::int AS n FROM ${sql.identifier(table)}
          WHERE entity_id = ${entity.id} AND ${where}`,
      ),
    );
    return row!.n;
  }

  /** The audit rows of `action` a ticket's run wrote, with how many persons each is tagged with. */
  const auditOf = (ticketUrl: string, action: string) =>
    db.tenant(entity.id, (tx) =>
      rowsOf<{ record_id: string; subjects: number; actor_entity_id: string | null }>(
        tx,
        sql`SELECT a.record_id, a.actor_entity_id,
            (SELECT count(*) FROM audit_subjects s WHERE s.entity_id = a.entity_id
              AND s.audit_id = a.id)::int AS subjects
          FROM audit_log a
          WHERE a.entity_id = ${entity.id} AND a.action = ${action}
            AND a.ticket_id = ${ticketUrl.split('/').pop()}`,
      ),
    );

  return {
    app,
    db,
    entity,
    provider,
    tech,
    colleague,
    coordinator,
    agent,
    agentSession,
    techSession,
    ticketOf,
    post,
    preview,
    run,
    count,
    auditOf,
  };
}

export type OperationsFixture = Awaited<ReturnType<typeof operationsFixture>>;
