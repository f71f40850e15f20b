import { type SQL, sql } from 'drizzle-orm';
import {
  formatCaseFileNumber,
  grantsForRoles,
  type Language,
  type OperationLine,
  type Role,
  type TicketFieldsOf,
} from '@caliu/common';
import { rowsOf, type Tx, uuidArray } from '../db/connect';
import { type AuditActor, writeAuditPerRecord } from '../platform/audit';
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
  /** Every case file that would move (as referent or assigned): its approver must see each. */
  caseFileIds: string[];
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
 * A list of ids as a relation `f (id)`, to join: with `= ANY(…)` of 100,000 ids the planner
 * estimates each element (0.15–0.4 s of planning per statement); `unnest` it counts once.
 */
const idsOf = (ids: readonly string[]) => sql`unnest(${uuidArray(ids)}) AS f (id)`;

/** The members of case files `ids`: the persons their audit rows concern. */
const membersOf = (entityId: string, ids: readonly string[]) =>
  sql`SELECT m.case_file_id AS record_id, m.person_id
    FROM ${idsOf(ids)} JOIN case_file_members m ON m.entity_id = ${entityId} AND m.case_file_id = f.id`;

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
  // The source's case files: those they are referent of, and those they are assigned to (both
  // are "their own"). Each as it would be after the transfer — the receiver in the source's
  // place, as referent (for the own-scope predicate, being assigned is the same) — under the
  // case files' own predicate: what the receiver would not see blocks the whole transfer.
  // FOR NO KEY UPDATE: what the changes need, and no more — recording content on them (a key
  // share) goes on meanwhile.
  const files = await rowsOf<{
    id: string;
    year: number;
    seq: number;
    siad: boolean;
    as_referent: boolean;
    seen: boolean;
  }>(
    tx,
    sql`SELECT cf.id, cf.year, cf.seq, cf.scope = 'siad' AS siad, cf.as_referent,
          ${viewer ? sql`coalesce(${caseFileScope(viewer, 'case_files.view')}, FALSE)` : sql`FALSE`}
            AS seen
        FROM (SELECT c.id, c.entity_id, c.year, c.seq, c.scope, c.team_id, c.state,
            c.referent_id = ${from} AS as_referent, ${to}::uuid AS referent_id
          FROM case_files c
          WHERE c.entity_id = ${entityId} ${state} ${inTeams(sql`c.team_id`)}
            AND (c.referent_id = ${from} OR EXISTS (SELECT 1 FROM case_file_professionals a
              WHERE a.entity_id = c.entity_id AND a.case_file_id = c.id
                AND a.professional_id = ${from}))
          ORDER BY c.id ${lock ? sql`FOR NO KEY UPDATE OF c` : sql``}) cf
        ORDER BY cf.year, cf.seq`,
  );
  // Counts only, and numbers of no SIAD case file: the preview, the result on the ticket and
  // the requester's email never say which SIAD case files someone holds.
  const unseen = files.filter((f) => !f.seen);
  if (target && unseen.length > 0) {
    const numbers = unseen
      .filter((f) => !f.siad)
      .slice(0, 10)
      .map((f) => formatCaseFileNumber(f.year, f.seq));
    block(
      'target_cannot_see',
      { name: target.name, count: unseen.length, numbers },
      numbers.length > 0 ? 'target_cannot_see' : 'target_cannot_see_count',
    );
  }
  const persons = fields.persons
    ? await rowsOf<{ id: string }>(
        tx,
        sql`SELECT id FROM persons WHERE entity_id = ${entityId} AND referent_id = ${from}
            ${inTeams(sql`team_id`)}
            ORDER BY id ${lock ? sql`FOR NO KEY UPDATE` : sql``}`,
      )
    : [];
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
  const referentOf = files.filter((f) => f.as_referent);
  const fileIds = referentOf.map((f) => f.id);
  // Assigned (whether or not also referent): the receiver takes the source's place.
  const assigned = await rowsOf<{ id: string }>(
    tx,
    sql`SELECT a.case_file_id AS id FROM case_file_professionals a
        WHERE a.entity_id = ${entityId} AND a.professional_id = ${from}
          AND a.case_file_id IN (SELECT f.id FROM ${idsOf(files.map((f) => f.id))})
        ORDER BY a.case_file_id`,
  );
  const assignedIds = assigned.map((a) => a.id);
  const personIds = persons.map((p) => p.id);
  const lines = [
    line(
      'case_files_moved',
      referentOf.length,
      referentOf.filter((f) => !f.siad).map((f) => formatCaseFileNumber(f.year, f.seq)),
    ),
    ...(assignedIds.length > 0 ? [line('assignments_moved', assignedIds.length)] : []),
    ...(fields.persons ? [line('persons_moved', persons.length)] : []),
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
    caseFileIds: files.map((f) => f.id),
    ids: [...fileIds, ...assignedIds.map((id) => `assigned:${id}`), ...personIds],
    async apply(actor, link) {
      const ticketId = 'ticketId' in link ? link.ticketId : undefined;
      const linkId = 'ticketId' in link ? link.ticketId : link.transferId;
      const details = { from, to, ...('transferId' in link ? link : {}) };
      await tx.execute(sql`UPDATE case_files c
          SET referent_id = ${to}, version = c.version + 1, updated_at = now()
          FROM ${idsOf(fileIds)}
          WHERE c.entity_id = ${entityId} AND c.id = f.id`);
      await writeAuditPerRecord(
        tx,
        actor,
        { action: 'case_file.transfer', recordType: 'case_file', ticketId, details },
        fileIds,
        membersOf(entityId, fileIds),
      );
      if (assignedIds.length > 0) {
        await tx.execute(sql`INSERT INTO case_file_professionals
              (entity_id, case_file_id, professional_id)
            SELECT ${entityId}, id, ${to} FROM unnest(${uuidArray(assignedIds)}) AS r (id)
            ON CONFLICT DO NOTHING`);
        await tx.execute(sql`DELETE FROM case_file_professionals
            WHERE entity_id = ${entityId} AND professional_id = ${from}
              AND case_file_id = ANY(${uuidArray(assignedIds)})`);
        await writeAuditPerRecord(
          tx,
          actor,
          {
            action: 'case_file.transfer',
            recordType: 'case_file',
            ticketId,
            details: { ...details, role: 'assigned' },
          },
          assignedIds,
          membersOf(entityId, assignedIds),
        );
      }
      if (personIds.length > 0) {
        await tx.execute(sql`UPDATE persons p
            SET referent_id = ${to}, version = p.version + 1, updated_at = now()
            FROM ${idsOf(personIds)}
            WHERE p.entity_id = ${entityId} AND p.id = f.id`);
        await writeAuditPerRecord(
          tx,
          actor,
          { action: 'person.transfer', recordType: 'person', ticketId, details },
          personIds,
          sql`SELECT r.id AS record_id, r.id AS person_id
              FROM unnest(${uuidArray(personIds)}) AS r (id)`,
        );
      }
      await tellReceiver(tx, entityId, inEntity, to, linkId, {
        caseFiles: fileIds.length + assignedIds.length,
        persons: personIds.length,
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
