import { type SQL, sql } from 'drizzle-orm';
import {
  formatCaseFileNumber,
  OPERATION_LINE_ITEMS,
  grantsForRoles,
  type Language,
  type OperationLine,
  type Role,
  type TicketFieldsOf,
} from '@caliu/common';
import { rowsOf, type Tx, uuidArray } from '../db/connect';
import { type AuditActor, type AuditEntry, auditPerRecordCtes } from '../platform/audit';
import { conflict } from '../platform/errors';
import type { RequestContext } from '../platform/context';
import { enqueue } from '../platform/messaging/outbox';
import { caseFileScope } from '../modules/case-files/access';
import { lockAgendas } from '../modules/agenda/repository';
import { REFERENT_ROLES } from '../modules/persons/repository';
import {
  type Blocker,
  line,
  type Operation,
  type Plan,
  type PlanContext,
} from '../modules/support/operations/plan';
import { appointmentWithin, moveAppointmentsIn } from './move-appointments';

/**
 * A mass transfer from a "mass transfer" ticket (issue 20, decision 0010): every case file of the
 * source professional (open and closed, or open only, as the ticket says) gets the receiving
 * professional as referent, and the receiver takes the source's place where the source was
 * assigned; the person records they are referent of (active and deceased) only
 * when the ticket says so; their upcoming appointments only when it asks (moveAppointmentsIn, the
 * agenda's own command). Refused before anything moves when the receiving professional is
 * inactive, may be no referent, or would not see a case file they receive — the case files' own
 * scope predicate evaluated over each file as it would be after the transfer (a SIAD case file
 * needs a SIAD technician or a coordinator of its team; a technician receives only the scopes
 * their roles work). Set-based: one UPDATE per kind of record, and their audit rows written by one
 * INSERT … SELECT each, in the same transaction (issue 21 times it).
 *
 * A coordinator's caseload transfer (issue 21, decision 0011) is the same plan restricted to the
 * coordinator's teams (`within`): case files and persons of those teams, and the appointments
 * within them (appointmentWithin: linked to a case file of those teams, or, linked to none, with
 * a person of those teams); what lies outside stays with the source and is answered as counts
 * (`outside`). Its audit rows name the transfer (`details.transferId`), not a ticket.
 */

export type MassTransferFields = Omit<TicketFieldsOf<'mass_transfer'>, 'note'>;

/** What a transfer's audit rows and email name: the ticket it runs from, or the transfer. */
export type TransferLink = { ticketId: string } | { transferId: string };

export type TransferPlan = Omit<Plan, 'apply'> & {
  /** What stays with the source outside `within`, as count lines (none without `within`). */
  outside: OperationLine[];
  /**
   * Every case file that would move (as referent or assigned), as a query answering their `id`:
   * its approver must see each.
   */
  caseFiles: SQL;
  apply: (actor: AuditActor, link: TransferLink) => Promise<OperationLine[]>;
};

type Professional = { id: string; name: string; active: boolean; roles: Role[] };

/**
 * The receiver is told in one message, not one per record (a caseload can be thousands): counts
 * only, never a person or a number; in the outbox, so it goes exactly when the transfer commits.
 */
async function tellReceiver(
  tx: Tx,
  entityId: string,
  agent: RequestContext,
  to: string,
  linkId: string,
  counts: { caseFiles: number; persons: number },
) {
  if (counts.caseFiles === 0 && counts.persons === 0) return;
  const [receiver] = await rowsOf<{ email: string; given_name: string; language: Language | null }>(
    tx,
    sql`SELECT email, given_name, language FROM professionals
      WHERE entity_id = ${entityId} AND id = ${to}`,
  );
  if (!receiver) return;
  await enqueue(tx, {
    entityId,
    channel: 'email',
    template: 'assignment',
    to: receiver.email,
    language: receiver.language,
    data: {
      givenName: receiver.given_name,
      assignedBy: `${agent.auth.givenName} ${agent.auth.surnames}`.trim(),
      recordType: 'caseload',
      role: 'referent',
      ...counts,
    },
    idempotencyKey: `caseload:${linkId}:${to}`,
  });
}

/**
 * The digest of a set of ids (the rows of the query it is selected from): the SHA-256 of their
 * text, sorted. The plan's ids stay in the database: the fingerprint hashes their digest, and the
 * run compares the digest of the rows it changed with the plan's (a 100,000-id list sent to the
 * application and back cost the transfer a second).
 */
const digestOf = (id: SQL) =>
  sql`encode(sha256(convert_to(coalesce(string_agg(${id}::text, ',' ORDER BY ${id}), ''), 'UTF8')), 'hex')`;

/** The first `limit` case file numbers of `rows` (a query's rows with year and seq), in order. */
const numbersOf = (rows: SQL, limit: number) =>
  sql`(SELECT coalesce(json_agg(json_build_array(n.year, n.seq) ORDER BY n.year, n.seq), '[]')
    FROM (SELECT r.year, r.seq FROM ${rows} ORDER BY r.year, r.seq LIMIT ${limit}) n)`;

/** The members of the entity's case files, to join with the audit rows: their subjects. */
const membersOf = (entityId: string) =>
  sql`SELECT m.case_file_id AS record_id, m.person_id FROM case_file_members m
    WHERE m.entity_id = ${entityId}`;

/** A set of records the plan counted (and hashed), or that the run changed. */
type Counted = { n: number; digest: string };

/** The ticket's operation: the plan of the whole caseload, its audit naming the ticket. */
export const massTransfer: Operation<'mass_transfer'> = {
  kind: 'mass_transfer',
  async plan(ctx, fields) {
    const plan = await planMassTransfer(ctx, fields);
    return { ...plan, apply: (actor, ticketId) => plan.apply(actor, { ticketId }) };
  },
};

/** The plan of a mass transfer, of the whole caseload or `within` teams (see above). */
export async function planMassTransfer(
  { deps, tx, entityId, t, lock, inEntity }: PlanContext,
  fields: MassTransferFields,
  within?: { teamIds: readonly string[] },
): Promise<TransferPlan> {
  const from = fields.fromProfessionalId;
  const to = fields.toProfessionalId;
  const blockers: Blocker[] = [];
  const block = (code: string, params: Record<string, unknown>, key = code) => {
    // Lists read as lists in the message ("2026/000001, 2026/000002").
    const words = Object.fromEntries(
      Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v.join(', ') : v]),
    );
    blockers.push({ code, params, message: t(`support.operations.${key}`, words) });
  };
  // Both professionals locked against a deactivation or a change of roles meanwhile.
  const people = await rowsOf<Professional>(
    tx,
    sql`SELECT id, given_name || ' ' || surnames AS name, active, roles FROM professionals
        WHERE entity_id = ${entityId} AND id IN (${from}, ${to})
        ORDER BY id ${lock ? sql`FOR SHARE` : sql``}`,
  );
  const source = people.find((p) => p.id === from);
  const target = people.find((p) => p.id === to);
  if (!source) block('professional_missing', { which: 'from' });
  if (!target) block('professional_missing', { which: 'to' });
  if (target && !target.active) block('target_inactive', { name: target.name });
  if (target && !target.roles.some((r) => (REFERENT_ROLES as readonly string[]).includes(r))) {
    block('target_not_referent', { name: target.name });
  }
  const viewer = target && {
    professionalId: to,
    roles: target.roles,
    grants: grantsForRoles(target.roles),
  };
  // The agendas first, when they move: a booking takes its agenda's lock before its insert
  // touches the case file and the persons, so this order cannot deadlock with one.
  if (lock && fields.agenda && source && target) await lockAgendas(tx, [from, to]);
  const state = fields.caseFiles === 'open_only' ? sql`AND c.state = 'open'` : sql``;
  const teams = within ? uuidArray(within.teamIds) : null;
  const inTeams = (column: SQL) => (teams ? sql`AND ${column} = ANY(${teams})` : sql``);
  /** The case files the transfer concerns, `c` (their referent or assignments may move). */
  const filesWhere = sql`c.entity_id = ${entityId} ${state} ${inTeams(sql`c.team_id`)}`;
  const ofSource = sql`(c.referent_id = ${from} OR EXISTS (SELECT 1 FROM case_file_professionals a
    WHERE a.entity_id = c.entity_id AND a.case_file_id = c.id AND a.professional_id = ${from}))`;
  // The source's case files: those they are referent of, and those they are assigned to (both
  // are "their own"). Each as it would be after the transfer — the receiver in the source's
  // place, as referent (for the own-scope predicate, being assigned is the same) — under the
  // case files' own predicate: what the receiver would not see blocks the whole transfer.
  // FOR NO KEY UPDATE: what the changes need, and no more — recording content on them (a key
  // share) goes on meanwhile. One row comes back: counts, the numbers shown, the ids' digests.
  const [summary] = await rowsOf<{
    moved: number;
    moved_digest: string;
    moved_numbers: [number, number][];
    unseen: number;
    unseen_numbers: [number, number][];
    assigned: number;
    assigned_digest: string;
  }>(
    tx,
    sql`WITH files AS MATERIALIZED (
          SELECT c.id, c.entity_id, c.year, c.seq, c.scope, c.team_id, c.state,
            c.referent_id = ${from} AS as_referent, ${to}::uuid AS referent_id
          FROM case_files c
          WHERE ${filesWhere} AND ${ofSource}
          ORDER BY c.id ${lock ? sql`FOR NO KEY UPDATE OF c` : sql``}),
        judged AS MATERIALIZED (
          SELECT cf.id, cf.year, cf.seq, cf.scope = 'siad' AS siad, cf.as_referent,
            ${viewer ? sql`coalesce(${caseFileScope(viewer, 'case_files.view')}, FALSE)` : sql`FALSE`}
              AS seen
          FROM files cf),
        assigned AS MATERIALIZED (
          SELECT a.case_file_id AS id FROM case_file_professionals a
          WHERE a.entity_id = ${entityId} AND a.professional_id = ${from}
            AND a.case_file_id IN (SELECT f.id FROM files f))
      SELECT
        (SELECT count(*) FROM judged WHERE as_referent)::int AS moved,
        (SELECT ${digestOf(sql`id`)} FROM judged WHERE as_referent) AS moved_digest,
        ${numbersOf(sql`judged r WHERE r.as_referent AND NOT r.siad`, OPERATION_LINE_ITEMS)}
          AS moved_numbers,
        (SELECT count(*) FROM judged WHERE NOT seen)::int AS unseen,
        ${numbersOf(sql`judged r WHERE NOT r.seen AND NOT r.siad`, 10)} AS unseen_numbers,
        (SELECT count(*) FROM assigned)::int AS assigned,
        (SELECT ${digestOf(sql`id`)} FROM assigned) AS assigned_digest`,
  );
  const numbers = (rows: [number, number][]) =>
    rows.map(([year, seq]) => formatCaseFileNumber(year, seq));
  // Counts only, and numbers of no SIAD case file: the preview, the result on the ticket and
  // the requester's email never say which SIAD case files someone holds.
  if (target && summary!.unseen > 0) {
    const unseenNumbers = numbers(summary!.unseen_numbers);
    block(
      'target_cannot_see',
      { name: target.name, count: summary!.unseen, numbers: unseenNumbers },
      unseenNumbers.length > 0 ? 'target_cannot_see' : 'target_cannot_see_count',
    );
  }
  const personsWhere = sql`p.entity_id = ${entityId} AND p.referent_id = ${from}
    ${inTeams(sql`p.team_id`)}`;
  const [persons] = fields.persons
    ? await rowsOf<Counted>(
        tx,
        sql`WITH p AS MATERIALIZED (SELECT p.id FROM persons p WHERE ${personsWhere}
            ORDER BY p.id ${lock ? sql`FOR NO KEY UPDATE` : sql``})
          SELECT count(*)::int AS n, ${digestOf(sql`id`)} AS digest FROM p`,
      )
    : [{ n: 0, digest: '' }];
  // The agenda's own command says what would move (and what not: a clash, the SIAD circle).
  const agenda =
    fields.agenda && source && target?.active
      ? await moveAppointmentsIn(tx, deps, inEntity, {
          fromProfessionalId: from,
          toProfessionalId: to,
          onConflict: 'report',
          preview: true,
          ...(within ? { within } : {}),
        })
      : null;
  const files: Counted = { n: summary!.moved, digest: summary!.moved_digest };
  // Assigned (whether or not also referent): the receiver takes the source's place.
  const assigned: Counted = { n: summary!.assigned, digest: summary!.assigned_digest };
  const lines = [
    line('case_files_moved', files.n, numbers(summary!.moved_numbers)),
    ...(assigned.n > 0 ? [line('assignments_moved', assigned.n)] : []),
    ...(fields.persons ? [line('persons_moved', persons!.n)] : []),
    ...(agenda ? [line('appointments_moved', agenda.moved)] : []),
    ...(agenda && agenda.unmoved.length > 0
      ? [line('appointments_unmoved', agenda.unmoved.length)]
      : []),
  ];
  const outside = within
    ? await outsideOf(tx, entityId, from, within.teamIds, fields, state, deps)
    : [];
  return {
    blockers,
    lines,
    outside,
    caseFiles: sql`SELECT c.id FROM case_files c WHERE ${filesWhere} AND ${ofSource}`,
    ids: [],
    idsDigest: [
      files.digest,
      ...(assigned.n > 0 ? [`assigned:${assigned.digest}`] : []),
      ...(fields.persons ? [`persons:${persons!.digest}`] : []),
    ].join(' '),
    async apply(actor, link) {
      const ticketId = 'ticketId' in link ? link.ticketId : undefined;
      const linkId = 'ticketId' in link ? link.ticketId : link.transferId;
      const details = { from, to, ...('transferId' in link ? link : {}) };
      // Each change and its audit rows are one statement (the ids never leave the database),
      // the rows chosen again by the plan's predicate: the plan's locks hold them, and the run
      // goes on only if it changed the very records the plan counted (their digest), else
      // nothing of it commits.
      const same = (what: Counted, planned: Counted) => {
        if (what.n !== planned.n || what.digest !== planned.digest) {
          throw conflict(
            'ticketId' in link ? 'support.operations.changed' : 'caseload.transfer_changed',
          );
        }
      };
      // The sorts and hashes of 100,000 ids in memory rather than on disk (the default 4 MB).
      await tx.execute(sql`SELECT set_config('work_mem', '64MB', true)`);
      const audited = (
        name: string,
        changed: SQL,
        entry: Omit<AuditEntry, 'recordId' | 'subjects'>,
        subjects: SQL,
        alongside?: SQL,
      ) =>
        rowsOf<Counted>(
          tx,
          sql`WITH changed AS (${changed}), ${alongside ? sql`${alongside},` : sql``}
            ${auditPerRecordCtes(name, actor, entry, sql`SELECT id AS record_id FROM changed`, subjects)}
            SELECT count(*)::int AS n, ${digestOf(sql`id`)} AS digest FROM changed`,
        ).then(([row]) => row!);
      if (files.n > 0) {
        same(
          await audited(
            'moved',
            sql`UPDATE case_files c
              SET referent_id = ${to}, version = c.version + 1, updated_at = now()
              WHERE ${filesWhere} AND c.referent_id = ${from}
              RETURNING c.id`,
            { action: 'case_file.transfer', recordType: 'case_file', ticketId, details },
            membersOf(entityId),
          ),
          files,
        );
      }
      if (assigned.n > 0) {
        same(
          await audited(
            'reassigned',
            sql`DELETE FROM case_file_professionals a
              WHERE a.entity_id = ${entityId} AND a.professional_id = ${from}
                AND a.case_file_id IN (SELECT c.id FROM case_files c WHERE ${filesWhere})
              RETURNING a.case_file_id AS id`,
            {
              action: 'case_file.transfer',
              recordType: 'case_file',
              ticketId,
              details: { ...details, role: 'assigned' },
            },
            membersOf(entityId),
            sql`added AS (INSERT INTO case_file_professionals
                (entity_id, case_file_id, professional_id)
              SELECT ${entityId}, g.id, ${to} FROM changed g
              ON CONFLICT DO NOTHING
              RETURNING 1)`,
          ),
          assigned,
        );
      }
      if (persons!.n > 0) {
        same(
          await audited(
            'moved_persons',
            sql`UPDATE persons p SET referent_id = ${to}, version = p.version + 1, updated_at = now()
              WHERE ${personsWhere}
              RETURNING p.id`,
            { action: 'person.transfer', recordType: 'person', ticketId, details },
            sql`SELECT g.id AS record_id, g.id AS person_id FROM changed g`,
          ),
          persons!,
        );
      }
      await tellReceiver(tx, entityId, inEntity, to, linkId, {
        caseFiles: files.n + assigned.n,
        persons: persons!.n,
      });
      if (!agenda) return lines;
      // What did move (an appointment may have begun since the plan was read): the result says
      // that, not the plan.
      const moved = await moveAppointmentsIn(tx, deps, inEntity, {
        fromProfessionalId: from,
        toProfessionalId: to,
        onConflict: 'report',
        preview: false,
        actor,
        ...(ticketId ? { ticketId } : { transferId: linkId }),
        ...(within ? { within } : {}),
      });
      return [
        ...lines.filter((l) => !l.key.startsWith('appointments_')),
        line('appointments_moved', moved.moved),
        ...(moved.unmoved.length > 0 ? [line('appointments_unmoved', moved.unmoved.length)] : []),
      ];
    },
  };
}

/**
 * What a transfer within teams leaves with the source: their case files (as referent or
 * assigned), person records and upcoming appointments outside the teams — counts only.
 */
async function outsideOf(
  tx: Tx,
  entityId: string,
  from: string,
  teamIds: readonly string[],
  fields: MassTransferFields,
  state: SQL,
  deps: PlanContext['deps'],
): Promise<OperationLine[]> {
  const teams = uuidArray(teamIds);
  const [counts] = await rowsOf<{ case_files: number; persons: number; appointments: number }>(
    tx,
    sql`SELECT
        (SELECT count(*) FROM case_files c
          WHERE c.entity_id = ${entityId} ${state}
            AND (c.team_id IS NULL OR c.team_id <> ALL(${teams}))
            AND (c.referent_id = ${from} OR EXISTS (SELECT 1 FROM case_file_professionals p
              WHERE p.entity_id = c.entity_id AND p.case_file_id = c.id
                AND p.professional_id = ${from})))::int AS case_files,
        (SELECT count(*) FROM persons p WHERE p.entity_id = ${entityId} AND p.referent_id = ${from}
          AND (p.team_id IS NULL OR p.team_id <> ALL(${teams})))::int AS persons,
        (SELECT count(*) FROM appointments a WHERE a.entity_id = ${entityId}
          AND a.professional_id = ${from} AND a.state = 'booked'
          AND a.starts_at > ${deps.clock.now()}
          AND NOT ${appointmentWithin(teamIds)})::int AS appointments`,
  );
  return [
    ...(counts!.case_files > 0 ? [line('case_files_outside', counts!.case_files)] : []),
    ...(fields.persons && counts!.persons > 0 ? [line('persons_outside', counts!.persons)] : []),
    ...(fields.agenda && counts!.appointments > 0
      ? [line('appointments_outside', counts!.appointments)]
      : []),
  ];
}
