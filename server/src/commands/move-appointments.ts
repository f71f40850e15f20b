import { grantsForRoles, type Role } from '@caliu/common';
import { type SQL, sql } from 'drizzle-orm';
import { rowsOf, type Tx, uuidArray } from '../db/connect';
import { type AuditActor, writeAudit } from '../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../platform/context';
import { AppError, notFound } from '../platform/errors';
import { appointmentMoved } from '../modules/agenda/messages';
import { lockAgendas, siadHidden } from '../modules/agenda/repository';
import { localOf } from '../modules/agenda/time';

export type MoveAppointmentsProps = {
  fromProfessionalId: string;
  toProfessionalId: string;
  /**
   * `refuse`: any appointment that cannot move stops the whole move (nothing changes);
   * `report`: the others move and those are listed, left with their professional.
   */
  onConflict: 'refuse' | 'report';
  /** Check everything and answer what would happen, changing nothing. */
  preview: boolean;
  /** Who the audit names, when not the request's professional (a support agent's operation). */
  actor?: AuditActor;
  /** The support ticket whose operation moves them (its audit row names it). */
  ticketId?: string;
  /** The coordinator's caseload transfer that moves them (its audit row names it, issue 21). */
  transferId?: string;
  /** Only the appointments within these teams (appointmentWithin): a coordinator's transfer. */
  within?: { teamIds: readonly string[] };
};

/**
 * An appointment `a` is within teams when it is linked to a case file of those teams, or, linked
 * to none, when one of its persons is of those teams: the agenda has no team of its own, so the
 * appointment goes with the records it is about.
 */
export function appointmentWithin(teamIds: readonly string[]): SQL {
  return sql`(CASE WHEN a.case_file_id IS NOT NULL
    THEN EXISTS (SELECT 1 FROM case_files wc WHERE wc.entity_id = a.entity_id
      AND wc.id = a.case_file_id AND wc.team_id = ANY(${uuidArray(teamIds)}))
    ELSE EXISTS (SELECT 1 FROM appointment_persons wap
      JOIN persons wp ON wp.entity_id = wap.entity_id AND wp.id = wap.person_id
      WHERE wap.entity_id = a.entity_id AND wap.appointment_id = a.id
        AND wp.team_id = ANY(${uuidArray(teamIds)})) END)`;
}

export type UnmovedAppointment = {
  id: string;
  /** Wall times in the entity's zone. */
  startsAt: string;
  endsAt: string;
  /**
   * `conflict`: the other professional has an appointment or reservation then; `siad`: it concerns
   * a SIAD case file whose circle the other professional is not in (it would become readable).
   */
  reason: 'conflict' | 'siad';
};

export type MoveAppointmentsResult = {
  /** Future booked appointments of the first professional before the move. */
  found: number;
  moved: number;
  unmoved: UnmovedAppointment[];
  preview: boolean;
};

/**
 * Moves a professional's future booked appointments to another professional of the entity
 * (the support desk's mass transfer, issue 20), keeping persons, times and places: both agendas
 * locked in one order; an appointment that would overlap the other professional's appointments
 * or reservations (or one moved before it in this run), or that would take a SIAD appointment
 * out of its circle, does not move. The persons of each moved appointment get a new confirmation
 * naming their new professional (and their reminder is replaced). Audited, with counts.
 */
export async function moveAppointments(
  deps: AppDeps,
  ctx: RequestContext,
  props: MoveAppointmentsProps,
): Promise<MoveAppointmentsResult> {
  return deps.database.tenant(ctx.auth.entity.id, (tx) => moveAppointmentsIn(tx, deps, ctx, props));
}

/** The same, inside the caller's transaction (a mass transfer moves more than appointments). */
export async function moveAppointmentsIn(
  tx: Tx,
  deps: Pick<AppDeps, 'clock'>,
  ctx: RequestContext,
  props: MoveAppointmentsProps,
): Promise<MoveAppointmentsResult> {
  const now = deps.clock.now();
  const zone = ctx.auth.entity.timeZone;
  const from = props.fromProfessionalId.toLowerCase();
  const to = props.toProfessionalId.toLowerCase();
  if (from === to) throw new AppError('agenda.move_same_professional', 400);
  const people = await rowsOf<{ id: string; name: string; active: boolean; roles: Role[] }>(
    tx,
    sql`SELECT id, given_name || ' ' || surnames AS name, active, roles FROM professionals
      WHERE id IN (${from}, ${to})`,
  );
  const target = people.find((p) => p.id === to);
  if (!people.some((p) => p.id === from) || !target) throw notFound('professional');
  if (!target.active) throw new AppError('agenda.professional_inactive', 409);
  await lockAgendas(tx, [from, to]);
  const viewer = { professionalId: to, roles: target.roles, grants: grantsForRoles(target.roles) };
  const appointments = await rowsOf<{
    id: string;
    starts_at: Date | string;
    ends_at: Date | string;
    place: 'office' | 'home_visit' | 'phone' | 'video';
    out_of_circle: boolean;
  }>(
    tx,
    sql`SELECT a.id, a.starts_at, a.ends_at, a.place, ${siadHidden(viewer)} AS out_of_circle
      FROM appointments a
      WHERE a.professional_id = ${from} AND a.state = 'booked' AND a.starts_at > ${now}
        ${props.within ? sql`AND ${appointmentWithin(props.within.teamIds)}` : sql``}
      ORDER BY a.starts_at
      FOR UPDATE`,
  );
  // What the other professional already holds over the same stretch.
  const last = appointments.reduce(
    (max, a) => Math.max(max, new Date(a.ends_at).getTime()),
    now.getTime(),
  );
  const taken = (
    await rowsOf<{ starts_at: Date | string; ends_at: Date | string }>(
      tx,
      sql`SELECT starts_at, ends_at FROM appointments
        WHERE professional_id = ${to} AND state <> 'cancelled'
          AND ends_at > ${now} AND starts_at < ${new Date(last)}
        UNION ALL
        SELECT starts_at, ends_at FROM time_reservation_professionals
        WHERE professional_id = ${to} AND ends_at > ${now} AND starts_at < ${new Date(last)}`,
    )
  ).map((t) => ({ start: new Date(t.starts_at).getTime(), end: new Date(t.ends_at).getTime() }));

  const movable: typeof appointments = [];
  const unmoved: UnmovedAppointment[] = [];
  for (const a of appointments) {
    const start = new Date(a.starts_at).getTime();
    const end = new Date(a.ends_at).getTime();
    const wall = {
      id: a.id,
      startsAt: localOf(new Date(start), zone),
      endsAt: localOf(new Date(end), zone),
    };
    if (a.out_of_circle) {
      unmoved.push({ ...wall, reason: 'siad' });
    } else if (taken.some((t) => t.start < end && start < t.end)) {
      unmoved.push({ ...wall, reason: 'conflict' });
    } else {
      movable.push(a);
      taken.push({ start, end });
    }
  }
  const result = {
    found: appointments.length,
    moved: movable.length,
    unmoved,
    preview: props.preview,
  };
  if (props.onConflict === 'refuse' && unmoved.length > 0 && !props.preview) {
    throw new AppError('agenda.move_blocked', 409, { count: unmoved.length });
  }
  if (props.preview) return result;
  for (const a of movable) {
    await tx.execute(sql`UPDATE appointments SET professional_id = ${to}, updated_at = ${now}
      WHERE id = ${a.id}`);
    await appointmentMoved(
      tx,
      ctx,
      {
        id: a.id,
        startsAt: new Date(a.starts_at),
        endsAt: new Date(a.ends_at),
        place: a.place,
        professionalName: target.name,
      },
      now,
    );
  }
  await writeAudit(tx, props.actor ?? actorOf(ctx), {
    action: 'appointments.move',
    recordType: 'professional',
    recordId: from,
    ...(props.ticketId ? { ticketId: props.ticketId } : {}),
    details: {
      to,
      found: result.found,
      moved: result.moved,
      unmoved: unmoved.length,
      ...(props.transferId ? { transferId: props.transferId } : {}),
    },
  });
  return result;
}
