import { randomBytes } from 'node:crypto';
import { and, desc, eq, sql } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import { generate } from 'otplib';
import { checkLetterFor, type Role } from '@caliu/common';
import { rowsOf, type Database, type Tx } from '../db/connect';
import { outboxMessages } from '../db/schema';
import type { Clock } from '../platform/context';
import { mintSecretLink } from '../platform/messaging/secret-links';
import { sha256 } from '../platform/secrets';
import type { Session } from './app';
import { createTestProfessional, type TestEntity } from './factories';

const unique = () => randomBytes(4).toString('hex');

/** A DNI with the right check letter. */
export function randomDni(): string {
  const digits = String(randomBytes(4).readUInt32BE() % 100_000_000).padStart(8, '0');
  return `${digits}${checkLetterFor(digits)}`;
}

/** A valid body for POST /api/professionals on the test entity's domain. */
export function professionalBody(entity: TestEntity, overrides: Record<string, unknown> = {}) {
  const local = `pro.${unique()}`;
  return {
    givenName: 'Marta',
    surnames: 'Puig Serra',
    documentType: 'dni',
    documentNumber: randomDni(),
    email: `${local}@${entity.domain}`,
    roles: ['tech_ssb'] as Role[],
    teams: [{ teamId: entity.teams.north, isCoordinator: false }],
    ...overrides,
  };
}

export function createAdmin(database: Database, entity: TestEntity) {
  return createTestProfessional(database, entity, { roles: ['administrator'] });
}

/**
 * The token the outbox worker would put in the newest message carrying a `purpose` link for this
 * professional (it mints it when it sends, as here).
 */
export async function linkTokenFor(
  database: Database,
  entityId: string,
  purpose: 'activation' | 'password_reset',
  professionalId: string,
  now = new Date(),
): Promise<string> {
  return database.tenant(entityId, async (tx) => {
    const [message] = await tx
      .select()
      .from(outboxMessages)
      .where(
        and(
          eq(outboxMessages.secretPurpose, purpose),
          eq(outboxMessages.secretSubjectId, professionalId),
        ),
      )
      .orderBy(desc(outboxMessages.createdAt))
      .limit(1);
    if (!message) throw new Error(`no ${purpose} message for ${professionalId}`);
    return mintSecretLink(tx, {
      entityId,
      purpose,
      subjectId: professionalId,
      ttlHours: message.secretTtlHours ?? 1,
      now,
      outboxMessageId: message.id,
    });
  });
}

/** A current TOTP code for the secret, at the clock's time. */
export function totpCode(
  secret: string,
  clock: Clock = { now: () => new Date() },
  offsetSteps = 0,
) {
  return generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) + offsetSteps * 30 });
}

/** Enrols and confirms a second factor for the signed-in session; answers its secret and codes. */
export async function enrolSecondFactor(app: FastifyInstance, session: Session, clock?: Clock) {
  const started = await app.inject({
    method: 'POST',
    url: '/api/me/second-factor/enrolment',
    headers: session.headers(),
  });
  if (started.statusCode !== 200) throw new Error(`enrolment: ${started.body}`);
  const { secret, recoveryCodes } = started.json() as { secret: string; recoveryCodes: string[] };
  const confirmed = await app.inject({
    method: 'POST',
    url: '/api/me/second-factor/confirm',
    headers: session.headers(),
    payload: { code: await totpCode(secret, clock) },
  });
  if (confirmed.statusCode !== 204) throw new Error(`confirm: ${confirmed.body}`);
  return { secret, recoveryCodes };
}

/**
 * Factories that insert one row referencing the professional through each foreign key to
 * `professionals`, keyed "table.column" (see commands/referent-registry.ts). A later
 * issue that adds such a key adds its factory here.
 */
export const REFERENCE_FACTORIES: Record<
  string,
  (tx: Tx, entity: TestEntity, professionalId: string) => Promise<void>
> = {
  'team_memberships.professional_id': async (tx, entity, id) => {
    await tx.execute(sql`INSERT INTO team_memberships (entity_id, team_id, professional_id)
      VALUES (${entity.id}, ${entity.teams.south}, ${id}) ON CONFLICT DO NOTHING`);
  },
  'sessions.professional_id': async (tx, entity, id) => {
    await tx.execute(sql`INSERT INTO sessions
      (entity_id, professional_id, token_hash, idle_expires_at, absolute_expires_at)
      VALUES (${entity.id}, ${id}, ${sha256(unique())}, now() + interval '1 hour',
              now() + interval '2 hours')`);
  },
  'support_tickets.requester_id': async (tx, entity, id) => {
    await tx.execute(sql`INSERT INTO support_tickets (entity_id, number, kind, requester_id, subject)
      VALUES (${entity.id}, ${`T-${unique()}`}, 'other', ${id}, 'A question')`);
  },
  'coordinator_requests.requester_id': async (tx, entity, id) => {
    await tx.execute(sql`INSERT INTO coordinator_requests (entity_id, kind, requester_id,
        person_ids, created_at)
      VALUES (${entity.id}, 'delete_persons', ${id}, '{}', now())`);
  },
  'coordinator_requests.closed_by': async (tx, entity, id) => {
    await tx.execute(sql`INSERT INTO coordinator_requests (entity_id, kind, status, requester_id,
        closed_by, created_at, closed_at)
      VALUES (${entity.id}, 'delete_persons', 'done', ${id}, ${id}, now(), now())`);
  },
  'coordinator_request_recipients.coordinator_id': async (tx, entity, id) => {
    await tx.execute(sql`WITH r AS (INSERT INTO coordinator_requests (entity_id, kind,
        requester_id, created_at)
      VALUES (${entity.id}, 'delete_persons', ${id}, now()) RETURNING id)
      INSERT INTO coordinator_request_recipients (entity_id, request_id, coordinator_id)
      SELECT ${entity.id}, r.id, ${id} FROM r`);
  },
  'second_factors.professional_id': async (tx, entity, id) => {
    await tx.execute(sql`INSERT INTO second_factors (entity_id, professional_id, secret_ciphertext)
      VALUES (${entity.id}, ${id}, ${randomBytes(40)})`);
  },
  'second_factor_recovery_codes.professional_id': async (tx, entity, id) => {
    await tx.execute(sql`INSERT INTO second_factor_recovery_codes
      (entity_id, professional_id, code_hash) VALUES (${entity.id}, ${id}, ${sha256(unique())})`);
  },
  'login_challenges.professional_id': async (tx, entity, id) => {
    await tx.execute(sql`INSERT INTO login_challenges
      (entity_id, professional_id, token_hash, expires_at)
      VALUES (${entity.id}, ${id}, ${sha256(unique())}, now() + interval '5 minutes')`);
  },
  'persons.referent_id': async (tx, entity, id) => {
    await tx.execute(sql`INSERT INTO persons
      (entity_id, given_name, first_surname, municipality_id, referent_id)
      VALUES (${entity.id}, 'Joan', 'Garcia', ${entity.municipalities.north1}, ${id})`);
  },
  'case_files.referent_id': async (tx, entity, id) => {
    await caseFileWith(tx, entity, id);
  },
  'case_file_professionals.professional_id': async (tx, entity, id) => {
    const caseFile = await caseFileWith(tx, entity, null);
    await tx.execute(sql`INSERT INTO case_file_professionals (entity_id, case_file_id, professional_id)
      VALUES (${entity.id}, ${caseFile}, ${id})`);
  },
  'interventions.author_id': async (tx, entity, id) => {
    const caseFile = await caseFileWith(tx, entity, null);
    await tx.execute(sql`INSERT INTO interventions (entity_id, case_file_id, event, occurred_on, author_id)
      VALUES (${entity.id}, ${caseFile}, 'opened', current_date, ${id})`);
  },
  'intervention_professionals.professional_id': async (tx, entity, id) => {
    const caseFile = await caseFileWith(tx, entity, null);
    const [row] = await rowsOf<{ id: string }>(
      tx,
      sql`INSERT INTO interventions (entity_id, case_file_id, event, occurred_on)
        VALUES (${entity.id}, ${caseFile}, 'opened', current_date) RETURNING id`,
    );
    await tx.execute(sql`INSERT INTO intervention_professionals (entity_id, intervention_id, professional_id)
      VALUES (${entity.id}, ${row!.id}, ${id})`);
  },
  ...Object.fromEntries(
    (['professional_id', 'assigned_by'] as const).map((column) => [
      `assignment_notices.${column}`,
      async (tx: Tx, entity: TestEntity, id: string) => {
        const to = column === 'professional_id' ? id : await bareProfessional(tx, entity);
        await tx.execute(sql`INSERT INTO assignment_notices (entity_id, professional_id,
            record_type, record_id, role, assigned_by)
          VALUES (${entity.id}, ${to}, 'person', gen_random_uuid(), 'referent',
            ${column === 'assigned_by' ? id : null})`);
      },
    ]),
  ),
  ...Object.fromEntries(
    (['absent_id', 'cover_id', 'granted_by', 'revoked_by'] as const).map((column) => [
      `caseload_covers.${column}`,
      async (tx: Tx, entity: TestEntity, id: string) => {
        const other = await bareProfessional(tx, entity);
        const [absent, cover] = column === 'cover_id' ? [other, id] : [id, other];
        await tx.execute(sql`INSERT INTO caseload_covers (entity_id, team_id, absent_id, cover_id,
            reason, starts_on, ends_on, granted_by, revoked_by, revoked_at)
          VALUES (${entity.id}, ${entity.teams.north}, ${absent}, ${cover}, 'holidays',
            current_date, current_date, ${column === 'granted_by' ? id : null},
            ${column === 'revoked_by' ? id : null}, ${column === 'revoked_by' ? sql`now()` : null})`);
      },
    ]),
  ),
  // A coordinator's caseload transfer (migration 0026), cancelled: every column names someone.
  ...Object.fromEntries(
    (['requested_by', 'from_professional_id', 'to_professional_id', 'decided_by'] as const).map(
      (column) => [
        `caseload_transfers.${column}`,
        async (tx: Tx, entity: TestEntity, id: string) => {
          const [a, b, c] = [
            await bareProfessional(tx, entity),
            await bareProfessional(tx, entity),
            await bareProfessional(tx, entity),
          ];
          const who = {
            requested_by: column === 'requested_by' ? id : a,
            from_professional_id: column === 'from_professional_id' ? id : b,
            to_professional_id: column === 'to_professional_id' ? id : c,
            decided_by: column === 'decided_by' ? id : a,
          };
          await tx.execute(sql`INSERT INTO caseload_transfers (entity_id, requested_by,
              from_professional_id, to_professional_id, options, reason, team_ids, status,
              requested_lines, requested_fingerprint, requested_at, expires_at, decided_by,
              decided_at)
            VALUES (${entity.id}, ${who.requested_by}, ${who.from_professional_id},
              ${who.to_professional_id},
              '{"caseFiles":"open_and_closed","persons":false,"agenda":false}'::jsonb,
              'Leaving', ARRAY[${entity.teams.north}]::uuid[], 'cancelled', '[]'::jsonb,
              ${'0'.repeat(64)}, now() - interval '1 hour', now() + interval '1 day',
              ${who.decided_by}, now())`);
        },
      ],
    ),
  ),
  // The agenda (migration 0017): a booked appointment to come blocks; a past one is history.
  'appointments.professional_id': async (tx, entity, id) => {
    await tx.execute(sql`INSERT INTO appointments (entity_id, professional_id, starts_at, ends_at,
        place) VALUES (${entity.id}, ${id}, now() + interval '1 day',
        now() + interval '1 day 1 hour', 'office')`);
  },
  ...Object.fromEntries(
    (['booked_by', 'cancelled_by'] as const).map((column) => [
      `appointments.${column}`,
      async (tx: Tx, entity: TestEntity, id: string) => {
        await tx.execute(sql`INSERT INTO appointments (entity_id, professional_id, starts_at,
            ends_at, place, ${sql.identifier(column)})
          VALUES (${entity.id}, ${id}, now() - interval '2 days',
            now() - interval '2 days' + interval '1 hour', 'office', ${id})`);
      },
    ]),
  ),
  'time_reservations.created_by': async (tx, entity, id) => {
    await tx.execute(sql`INSERT INTO time_reservations (entity_id, title, starts_at, ends_at,
        created_by) VALUES (${entity.id}, 'Training', now() + interval '1 day',
        now() + interval '1 day 1 hour', ${id})`);
  },
  'time_reservation_professionals.professional_id': async (tx, entity, id) => {
    await tx.execute(sql`WITH r AS (INSERT INTO time_reservations (entity_id, title, starts_at,
          ends_at) VALUES (${entity.id}, 'Team meeting', now() + interval '1 day',
          now() + interval '1 day 1 hour') RETURNING id, starts_at, ends_at)
      INSERT INTO time_reservation_professionals (entity_id, reservation_id, professional_id,
        starts_at, ends_at) SELECT ${entity.id}, r.id, ${id}, r.starts_at, r.ends_at FROM r`);
  },
  'sector_working_hours.updated_by': async (tx, entity, id) => {
    await tx.execute(sql`INSERT INTO sector_working_hours (entity_id, sector_id, weekday,
        start_time, end_time, updated_by)
      VALUES (${entity.id}, ${entity.sectors.north}, 1, '08:00', '15:00', ${id})`);
  },
  'public_holidays.created_by': async (tx, entity, id) => {
    await tx.execute(sql`INSERT INTO public_holidays (entity_id, date, name, level, created_by)
      VALUES (${entity.id}, current_date + (random() * 3000)::int, 'Festa', 'national', ${id})
      ON CONFLICT DO NOTHING`);
  },
  'calendar_feeds.professional_id': async (tx, entity, id) => {
    await tx.execute(sql`INSERT INTO calendar_feeds (entity_id, professional_id)
      VALUES (${entity.id}, ${id})`);
  },
  'attachments.uploaded_by': async (tx, entity, id) => {
    const caseFile = await caseFileWith(tx, entity, null);
    await tx.execute(sql`INSERT INTO attachments (entity_id, case_file_id, title, category_id,
        document_date, file_name, size, uploaded_by, created_at, last_activity_at)
      VALUES (${entity.id}, ${caseFile}, 'Informe', (SELECT c.id FROM catalogue_items c
          WHERE c.entity_id = ${entity.id} AND c.catalogue = 'document_category' LIMIT 1),
        current_date, 'informe.pdf', 100, ${id}, now(), now())`);
  },
  'help_request_submissions.entered_by': async (tx, entity, id) => {
    await tx.execute(sql`INSERT INTO help_request_submissions (entity_id, reference,
        status_token_hash, fields, language, entered_by, submitted_at)
      VALUES (${entity.id}, ${helpReferenceForTest()}, ${randomBytes(32)}, '{}'::jsonb, 'ca',
        ${id}, now())`);
  },
  'help_requests.entered_by': async (tx, entity, id) => {
    await helpRequestBy(tx, entity, { entered_by: id, imported_by: id });
  },
  'help_requests.imported_by': async (tx, entity, id) => {
    await helpRequestBy(tx, entity, { imported_by: id });
  },
  'help_requests.deleted_by': async (tx, entity, id) => {
    await helpRequestBy(tx, entity, { imported_by: id, deleted_by: id });
  },
  ...Object.fromEntries(
    (['demands', 'problems', 'resources', 'procedures', 'intervention_plans'] as const).map(
      (table) => [
        `${table}.author_id`,
        async (tx: Tx, entity: TestEntity, id: string) => {
          const caseFile = await caseFileWith(tx, entity, null);
          await contentBy(tx, entity, caseFile, table, id);
        },
      ],
    ),
  ),
};

/** Another professional of the entity, straight into the table (the other side of a cover). */
async function bareProfessional(tx: Tx, entity: TestEntity): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`INSERT INTO professionals (entity_id, username, given_name, surnames, email, roles)
      VALUES (${entity.id}, ${`cover-${unique()}`}, 'Other', 'Colleague',
        ${`cover-${unique()}@example.org`}, '{tech_ssb}') RETURNING id`,
  );
  return row!.id;
}

/** A row of a case file's content written by this professional (for the registry's walk). */
async function contentBy(
  tx: Tx,
  entity: TestEntity,
  caseFile: string,
  table: string,
  author: string,
) {
  if (table === 'intervention_plans') {
    await tx.execute(sql`INSERT INTO intervention_plans (entity_id, case_file_id, started_on, objectives, author_id)
      VALUES (${entity.id}, ${caseFile}, current_date, 'Objectives', ${author})`);
    return;
  }
  const [person] = await rowsOf<{ id: string }>(
    tx,
    sql`INSERT INTO persons (entity_id, given_name, first_surname, municipality_id)
      VALUES (${entity.id}, 'Joan', 'Garcia', ${entity.municipalities.north1}) RETURNING id`,
  );
  const [type] = await rowsOf<{ id: string }>(
    tx,
    sql`SELECT id FROM catalogue_items WHERE entity_id = ${entity.id}
      AND catalogue = ${{ demands: 'demand', problems: 'problem', resources: 'resource', procedures: 'procedure' }[table]!} LIMIT 1`,
  );
  const [columns, values] = {
    demands: [sql`requested_on`, sql`current_date`],
    problems: [sql`started_on`, sql`current_date`],
    resources: [sql`recorded_on`, sql`current_date`],
    procedures: [sql`recorded_on, administration`, sql`current_date, 'Generalitat'`],
  }[table]!;
  await tx.execute(sql`INSERT INTO ${sql.raw(table)}
      (${columns}, entity_id, case_file_id, person_id, type_id, author_id)
    VALUES (${values}, ${entity.id}, ${caseFile}, ${person!.id}, ${type!.id}, ${author})`);
}

/** A bare case file (numbered far from any test's) with this referent, or none. */
async function caseFileWith(tx: Tx, entity: TestEntity, referentId: string | null) {
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`INSERT INTO case_files (entity_id, year, seq, scope, municipality_id, team_id, referent_id, opened_on)
      VALUES (${entity.id}, 1999, ${1 + Math.floor(Math.random() * 1_000_000)}, 'ssb',
        ${entity.municipalities.north1}, ${entity.teams.north}, ${referentId}, current_date)
      RETURNING id`,
  );
  return row!.id;
}

/** A help request's reference no test numbers (year 1999). */
const helpReferenceForTest = () =>
  `A-1999-${String(Math.floor(Math.random() * 1_000_000)).padStart(6, '0')}`;

/** A bare imported help request naming a professional (and deleted, when `deleted_by`). */
async function helpRequestBy(
  tx: Tx,
  entity: TestEntity,
  who: { imported_by: string; entered_by?: string; deleted_by?: string },
) {
  const deleted = who.deleted_by ?? null;
  await tx.execute(sql`INSERT INTO help_requests (entity_id, reference, status, name, phone,
      address, municipality_id, help_type, urgency, description, language, consent_at,
      entered_by, submitted_at, imported_at, imported_by, updated_at, deleted_at, deleted_by,
      delete_reason)
    VALUES (${entity.id}, ${helpReferenceForTest()}, ${deleted ? 'deleted' : 'imported'},
      'Joan Garcia', '600000000', 'Carrer Major 1', ${entity.municipalities.north1}, 'shopping',
      'low', 'Shopping', 'ca', now(), ${who.entered_by ?? null}, now(), now(), ${who.imported_by},
      now(), ${deleted ? sql`now()` : null}, ${deleted}, ${deleted ? 'Test' : null})`);
}
