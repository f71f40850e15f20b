import { randomUUID } from 'node:crypto';
import type { AppointmentPlace, AppointmentState, HolidayLevel } from '@caliu/common';
import { type SQL, sql } from 'drizzle-orm';
import { rowsOf, type Tx, uuidList } from '../../db/connect';
import { caseFileScope, type CaseFileViewer, siadWall } from '../case-files/access';

/**
 * The agenda's SQL (decision 0008). Every statement runs behind the tenant wall; which
 * professionals a caller reaches is decided by the service from `audience`, and which
 * appointments hide behind the SIAD wall by `siadHidden` below, in every query that names them.
 */

const fullName = (alias: string) => sql.raw(`${alias}.given_name || ' ' || ${alias}.surnames`);

/**
 * The SIAD files an appointment `a` concerns: the one it is linked to and those of its persons.
 * `extra` narrows them (the viewer's circle).
 */
function siadFilesOf(extra: SQL = sql`TRUE`): SQL {
  // Two index walks, not one OR: the linked file by its key, the persons' files by membership.
  return sql`(EXISTS (SELECT 1 FROM case_files cf
      WHERE cf.entity_id = a.entity_id AND cf.id = a.case_file_id AND cf.scope = 'siad'
        AND ${extra})
    OR EXISTS (SELECT 1 FROM appointment_persons x
      JOIN case_file_members m ON m.entity_id = x.entity_id AND m.person_id = x.person_id
      JOIN case_files cf ON cf.entity_id = m.entity_id AND cf.id = m.case_file_id
      WHERE x.appointment_id = a.id AND cf.scope = 'siad' AND ${extra}))`;
}

/**
 * TRUE when the appointment `a` is busy time only for the viewer: it concerns a SIAD case file
 * (linked, or of one of its persons) and the viewer is neither its professional nor within the
 * circle of such a file (its SIAD technicians, its team's coordinators). The one predicate every
 * agenda read uses: views, the person's page, conflicts, the feed, the next free slot.
 */
export function siadHidden(viewer: CaseFileViewer): SQL {
  return sql`(a.professional_id <> ${viewer.professionalId}
    AND ${siadFilesOf()} AND NOT ${siadFilesOf(siadWall(viewer))})`;
}

/** Whether the appointment `a` concerns a SIAD case file at all (the feed never names those). */
export const siadSensitive = () => siadFilesOf();

// ---------------------------------------------------------------------------------------------
// Who is who

export type MemberRow = { id: string; name: string; active: boolean };

/**
 * The professionals who share a team with `professionalId` (themself included), active or not,
 * and the teams they share, each with whether `professionalId` coordinates it.
 */
export async function teamMates(tx: Tx, professionalId: string) {
  const members = await rowsOf<MemberRow & { team_id: string | null }>(
    tx,
    sql`SELECT p.id, ${fullName('p')} AS name, p.active, tm2.team_id
      FROM team_memberships tm
      JOIN team_memberships tm2 ON tm2.team_id = tm.team_id
      JOIN professionals p ON p.id = tm2.professional_id
      WHERE tm.professional_id = ${professionalId}
      UNION ALL
      SELECT p.id, ${fullName('p')}, p.active, NULL FROM professionals p WHERE p.id = ${professionalId}`,
  );
  const teams = await rowsOf<{ id: string; name: string; is_coordinator: boolean }>(
    tx,
    sql`SELECT t.id, t.name, tm.is_coordinator FROM team_memberships tm
      JOIN teams t ON t.id = tm.team_id
      WHERE tm.professional_id = ${professionalId} ORDER BY t.name`,
  );
  return { members, teams };
}

/** A team's members (for a team's agenda), if the team exists. */
export async function teamMembers(tx: Tx, teamId: string): Promise<string[]> {
  const rows = await rowsOf<{ professional_id: string }>(
    tx,
    sql`SELECT professional_id FROM team_memberships WHERE team_id = ${teamId}`,
  );
  return rows.map((r) => r.professional_id);
}

// ---------------------------------------------------------------------------------------------
// Entries

export type AppointmentRow = {
  id: string;
  professional_id: string;
  professional_name: string;
  starts_at: Date | string;
  ends_at: Date | string;
  place: AppointmentPlace;
  notes: string | null;
  state: AppointmentState;
  cancel_reason: string | null;
  case_file_id: string | null;
  case_file_year: number | null;
  case_file_seq: number | null;
  booked_by: string | null;
  booked_by_name: string | null;
  persons: { id: string; name: string }[];
  hidden: boolean;
};

const APPOINTMENT_COLUMNS = (viewer: CaseFileViewer) => sql`a.id, a.professional_id,
  ${fullName('p')} AS professional_name, a.starts_at, a.ends_at, a.place, a.notes, a.state,
  a.cancel_reason, a.case_file_id, cf.year AS case_file_year, cf.seq AS case_file_seq, a.booked_by,
  ${fullName('bb')} AS booked_by_name,
  (SELECT coalesce(jsonb_agg(jsonb_build_object('id', x.id,
      'name', x.given_name || ' ' || x.first_surname || coalesce(' ' || x.second_surname, ''))
      ORDER BY x.first_surname, x.given_name), '[]'::jsonb)
    FROM appointment_persons ap JOIN persons x ON x.entity_id = ap.entity_id AND x.id = ap.person_id
    WHERE ap.appointment_id = a.id) AS persons,
  ${siadHidden(viewer)} AS hidden`;

// The case file is named only when the viewer sees it (its number is behind its walls).
const APPOINTMENT_FROM = (viewer: CaseFileViewer) => sql`FROM appointments a
  JOIN professionals p ON p.id = a.professional_id
  LEFT JOIN case_files cf ON cf.entity_id = a.entity_id AND cf.id = a.case_file_id
    AND ${caseFileScope(viewer, 'case_files.view')}
  LEFT JOIN professionals bb ON bb.id = a.booked_by`;

/** The appointments of these professionals that overlap [from, to), by start. */
export async function appointmentsOf(
  tx: Tx,
  viewer: CaseFileViewer,
  professionalIds: readonly string[],
  from: Date,
  to: Date,
  includeCancelled: boolean,
): Promise<AppointmentRow[]> {
  if (professionalIds.length === 0) return [];
  return rowsOf<AppointmentRow>(
    tx,
    sql`SELECT ${APPOINTMENT_COLUMNS(viewer)} ${APPOINTMENT_FROM(viewer)}
      WHERE a.professional_id IN (${uuidList(professionalIds)})
        AND a.starts_at < ${to} AND a.ends_at > ${from}
        ${includeCancelled ? sql`` : sql`AND a.state <> 'cancelled'`}
      ORDER BY a.starts_at, a.professional_id`,
  );
}

export async function appointmentById(
  tx: Tx,
  viewer: CaseFileViewer,
  id: string,
): Promise<AppointmentRow | null> {
  const [row] = await rowsOf<AppointmentRow>(
    tx,
    sql`SELECT ${APPOINTMENT_COLUMNS(viewer)} ${APPOINTMENT_FROM(viewer)} WHERE a.id = ${id}`,
  );
  return row ?? null;
}

/** A person's appointments since `from`, by start (the service keeps those the viewer reaches). */
export async function appointmentsOfPerson(
  tx: Tx,
  viewer: CaseFileViewer,
  personId: string,
  from: Date,
  limit: number,
): Promise<AppointmentRow[]> {
  return rowsOf<AppointmentRow>(
    tx,
    sql`SELECT ${APPOINTMENT_COLUMNS(viewer)} ${APPOINTMENT_FROM(viewer)}
      WHERE a.id IN (SELECT appointment_id FROM appointment_persons WHERE person_id = ${personId})
        AND a.ends_at > ${from}
      ORDER BY a.starts_at LIMIT ${limit}`,
  );
}

export type ReservationRow = {
  id: string;
  title: string;
  starts_at: Date | string;
  ends_at: Date | string;
  created_by: string | null;
  created_by_name: string | null;
  professionals: { id: string; name: string }[];
};

const RESERVATION_SELECT = sql`SELECT r.id, r.title, r.starts_at, r.ends_at, r.created_by,
    ${fullName('cb')} AS created_by_name,
    (SELECT jsonb_agg(jsonb_build_object('id', q.id, 'name', q.given_name || ' ' || q.surnames)
        ORDER BY q.surnames, q.given_name)
      FROM time_reservation_professionals t JOIN professionals q ON q.id = t.professional_id
      WHERE t.reservation_id = r.id) AS professionals
  FROM time_reservations r LEFT JOIN professionals cb ON cb.id = r.created_by`;

/** The reservations that block any of these professionals over [from, to), by start. */
export async function reservationsOf(
  tx: Tx,
  professionalIds: readonly string[],
  from: Date,
  to: Date,
): Promise<ReservationRow[]> {
  if (professionalIds.length === 0) return [];
  return rowsOf<ReservationRow>(
    tx,
    sql`${RESERVATION_SELECT}
      WHERE r.id IN (SELECT reservation_id FROM time_reservation_professionals
        WHERE professional_id IN (${uuidList(professionalIds)})
          AND starts_at < ${to} AND ends_at > ${from})
      ORDER BY r.starts_at`,
  );
}

export async function reservationById(tx: Tx, id: string): Promise<ReservationRow | null> {
  const [row] = await rowsOf<ReservationRow>(tx, sql`${RESERVATION_SELECT} WHERE r.id = ${id}`);
  return row ?? null;
}

// ---------------------------------------------------------------------------------------------
// Writes

/**
 * Locks the agendas of these professionals for the rest of the transaction, always in one order
 * (two bookings that share professionals wait for each other instead of deadlocking), so that the
 * conflict check and the insert that follows see every booking that committed before.
 */
export async function lockAgendas(tx: Tx, professionalIds: readonly string[]): Promise<void> {
  for (const id of [...new Set(professionalIds)].sort()) {
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtextextended(${`agenda:${id}`}, 0))`);
  }
}

export type OverlapRow = {
  kind: 'appointment' | 'reservation';
  id: string;
  professional_id: string;
  professional_name: string;
  starts_at: Date | string;
  ends_at: Date | string;
  /** The appointment's persons or the reservation's title. */
  label: string | null;
  hidden: boolean;
};

/** What these professionals already have over [from, to): live appointments and reservations. */
export async function overlaps(
  tx: Tx,
  viewer: CaseFileViewer,
  professionalIds: readonly string[],
  from: Date,
  to: Date,
  except: { appointmentId?: string } = {},
): Promise<OverlapRow[]> {
  return rowsOf<OverlapRow>(
    tx,
    sql`SELECT 'appointment' AS kind, a.id, a.professional_id, ${fullName('p')} AS professional_name,
        a.starts_at, a.ends_at,
        (SELECT string_agg(x.given_name || ' ' || x.first_surname, ', ' ORDER BY x.first_surname)
          FROM appointment_persons ap JOIN persons x ON x.entity_id = ap.entity_id AND x.id = ap.person_id
          WHERE ap.appointment_id = a.id) AS label,
        ${siadHidden(viewer)} AS hidden
      FROM appointments a JOIN professionals p ON p.id = a.professional_id
      WHERE a.professional_id IN (${uuidList(professionalIds)}) AND a.state <> 'cancelled'
        AND a.starts_at < ${to} AND a.ends_at > ${from}
        ${except.appointmentId ? sql`AND a.id <> ${except.appointmentId}` : sql``}
      UNION ALL
      SELECT 'reservation', r.id, t.professional_id, ${fullName('p')}, r.starts_at, r.ends_at,
        r.title, FALSE
      FROM time_reservation_professionals t
      JOIN time_reservations r ON r.id = t.reservation_id
      JOIN professionals p ON p.id = t.professional_id
      WHERE t.professional_id IN (${uuidList(professionalIds)})
        AND t.starts_at < ${to} AND t.ends_at > ${from}
      ORDER BY starts_at`,
  );
}

export type NewAppointment = {
  entityId: string;
  professionalId: string;
  personIds: readonly string[];
  caseFileId: string | null;
  startsAt: Date;
  endsAt: Date;
  place: AppointmentPlace;
  notes: string | null;
  bookedBy: string;
};

export async function insertAppointment(tx: Tx, a: NewAppointment): Promise<string> {
  // The id is chosen here, not by the database: the statements that follow name it, so a
  // recording of them (the benchmark's baseline) replays as one.
  const id = randomUUID();
  await tx.execute(sql`INSERT INTO appointments (id, entity_id, professional_id, case_file_id,
      starts_at, ends_at, place, notes, booked_by)
    VALUES (${id}, ${a.entityId}, ${a.professionalId}, ${a.caseFileId}, ${a.startsAt},
      ${a.endsAt}, ${a.place}, ${a.notes}, ${a.bookedBy})`);
  for (const personId of a.personIds) {
    await tx.execute(sql`INSERT INTO appointment_persons (entity_id, appointment_id, person_id)
      VALUES (${a.entityId}, ${id}, ${personId})`);
  }
  return id;
}

/** The appointment's row, locked, for a change. */
export async function lockAppointment(tx: Tx, id: string) {
  const [row] = await rowsOf<{
    id: string;
    professional_id: string;
    starts_at: Date | string;
    ends_at: Date | string;
    state: AppointmentState;
    place: AppointmentPlace;
  }>(
    tx,
    sql`SELECT id, professional_id, starts_at, ends_at, state, place FROM appointments
      WHERE id = ${id} FOR UPDATE`,
  );
  return row ?? null;
}

export async function updateAppointment(
  tx: Tx,
  id: string,
  change: {
    startsAt: Date;
    endsAt: Date;
    place: AppointmentPlace;
    notes: string | null | undefined;
    state: AppointmentState;
    now: Date;
  },
): Promise<void> {
  await tx.execute(sql`UPDATE appointments SET starts_at = ${change.startsAt},
      ends_at = ${change.endsAt}, place = ${change.place},
      ${change.notes === undefined ? sql`` : sql`notes = ${change.notes},`}
      state = ${change.state}, updated_at = ${change.now}
    WHERE id = ${id}`);
}

export async function cancelAppointment(
  tx: Tx,
  id: string,
  reason: string,
  by: string,
  now: Date,
): Promise<void> {
  await tx.execute(sql`UPDATE appointments SET state = 'cancelled', cancel_reason = ${reason},
      cancelled_by = ${by}, cancelled_at = ${now}, updated_at = ${now}
    WHERE id = ${id}`);
}

export async function insertReservation(
  tx: Tx,
  r: {
    entityId: string;
    title: string;
    professionalIds: readonly string[];
    startsAt: Date;
    endsAt: Date;
    createdBy: string;
  },
): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`INSERT INTO time_reservations (entity_id, title, starts_at, ends_at, created_by)
      VALUES (${r.entityId}, ${r.title}, ${r.startsAt}, ${r.endsAt}, ${r.createdBy}) RETURNING id`,
  );
  const id = row!.id;
  for (const professionalId of new Set(r.professionalIds)) {
    await tx.execute(sql`INSERT INTO time_reservation_professionals (entity_id, reservation_id,
        professional_id, starts_at, ends_at)
      VALUES (${r.entityId}, ${id}, ${professionalId}, ${r.startsAt}, ${r.endsAt})`);
  }
  return id;
}

export async function deleteReservation(tx: Tx, id: string): Promise<void> {
  await tx.execute(sql`DELETE FROM time_reservations WHERE id = ${id}`);
}

// ---------------------------------------------------------------------------------------------
// Persons and case files of a booking

/**
 * Of these persons, the ids that exist and are active — a tombstone (merged into another record)
 * is not. Key-shared: a merge locks the record for update, so a booking waiting on it reads the
 * merged row once the merge committed and finds it gone.
 */
export async function activePersons(tx: Tx, ids: readonly string[]): Promise<string[]> {
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`SELECT id FROM persons WHERE id IN (${uuidList(ids)}) AND status = 'active'
        AND merged_into_id IS NULL
      ORDER BY id FOR KEY SHARE`,
  );
  return rows.map((r) => r.id);
}

/**
 * The case file a booking names, if the viewer sees it, with whether every person booked is one
 * of its members. Key-share locked, and never a tombstone of a merge: a merge running meanwhile
 * either waits for the booking (and counts its appointment) or commits first (and the booking
 * finds the case file gone into another).
 */
export async function caseFileForBooking(
  tx: Tx,
  viewer: CaseFileViewer,
  caseFileId: string,
  personIds: readonly string[],
) {
  const [row] = await rowsOf<{ id: string; members_ok: boolean }>(
    tx,
    sql`SELECT cf.id, (SELECT count(*) FROM case_file_members m WHERE m.entity_id = cf.entity_id
          AND m.case_file_id = cf.id AND m.person_id IN (${uuidList(personIds)}))
          = ${personIds.length} AS members_ok
      FROM case_files cf WHERE cf.id = ${caseFileId} AND cf.merged_into_id IS NULL
        AND ${caseFileScope(viewer, 'case_files.view')}
      FOR KEY SHARE OF cf`,
  );
  return row ?? null;
}

/** Whether the person exists (its basic data is entity-wide for the agenda's roles). */
export async function personExists(tx: Tx, id: string): Promise<boolean> {
  const [row] = await rowsOf<{ yes: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM persons WHERE id = ${id}) AS yes`,
  );
  return row?.yes === true;
}

/**
 * Whether the viewer is a SIAD technician of one of the person's SIAD case files (the one who may
 * switch reminders on for them), and whether reminders are on.
 */
export async function siadReminders(tx: Tx, viewer: CaseFileViewer, personId: string) {
  const [row] = await rowsOf<{ in_circle: boolean; allowed: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM case_file_members m
          JOIN case_files cf ON cf.entity_id = m.entity_id AND cf.id = m.case_file_id
          WHERE m.person_id = x.id AND cf.scope = 'siad'
            AND ${caseFileScope(viewer, 'content.view')}) AS in_circle,
        x.siad_reminders_allowed AS allowed
      FROM persons x WHERE x.id = ${personId}`,
  );
  return row ?? null;
}

export async function setSiadReminders(tx: Tx, personId: string, allowed: boolean) {
  await tx.execute(
    sql`UPDATE persons SET siad_reminders_allowed = ${allowed} WHERE id = ${personId}`,
  );
}

// ---------------------------------------------------------------------------------------------
// Working hours and holidays

export type HoursRow = { professional_id: string; weekday: number; start: string; end: string };

/** Each professional's working intervals: the union of their teams' sectors' hours. */
export async function workingHoursOf(tx: Tx, professionalIds: readonly string[]) {
  if (professionalIds.length === 0) return [];
  return rowsOf<HoursRow>(
    tx,
    sql`SELECT DISTINCT tm.professional_id, h.weekday::int AS weekday,
        to_char(h.start_time, 'HH24:MI') AS start,
        CASE WHEN h.end_time = '00:00'::time THEN '24:00' ELSE to_char(h.end_time, 'HH24:MI') END AS end
      FROM team_memberships tm
      JOIN team_sectors ts ON ts.team_id = tm.team_id
      JOIN sector_working_hours h ON h.entity_id = ts.entity_id AND h.sector_id = ts.sector_id
      WHERE tm.professional_id IN (${uuidList(professionalIds)})
      ORDER BY 1, 2, 3`,
  );
}

export type HolidayRow = {
  id: string;
  date: string;
  name: string;
  level: HolidayLevel;
  municipality_id: string | null;
  municipality_name: string | null;
};

export async function holidaysBetween(tx: Tx, from: string, to: string): Promise<HolidayRow[]> {
  return rowsOf<HolidayRow>(
    tx,
    sql`SELECT h.id, to_char(h.date, 'YYYY-MM-DD') AS date, h.name, h.level, h.municipality_id,
        m.name AS municipality_name
      FROM public_holidays h LEFT JOIN municipalities m ON m.id = h.municipality_id
      WHERE h.date >= ${from}::date AND h.date < ${to}::date
      ORDER BY h.date, h.level, m.name`,
  );
}

/**
 * Which municipalities each professional's teams serve — named on the team or through its sectors
 * (local holidays apply there).
 */
export async function municipalitiesOf(tx: Tx, professionalIds: readonly string[]) {
  if (professionalIds.length === 0) return [];
  return rowsOf<{ professional_id: string; municipality_id: string }>(
    tx,
    sql`SELECT tm.professional_id, x.municipality_id FROM team_memberships tm
      JOIN team_municipalities x ON x.team_id = tm.team_id
      WHERE tm.professional_id IN (${uuidList(professionalIds)})
      UNION
      SELECT tm.professional_id, sm.municipality_id FROM team_memberships tm
      JOIN team_sectors ts ON ts.team_id = tm.team_id
      JOIN sector_municipalities sm ON sm.entity_id = ts.entity_id AND sm.sector_id = ts.sector_id
      WHERE tm.professional_id IN (${uuidList(professionalIds)})`,
  );
}

export async function sectorsOfTeamsOf(tx: Tx, professionalId: string) {
  return rowsOf<{ id: string; name: string; coordinated: boolean }>(
    tx,
    sql`SELECT s.id, s.name, bool_or(tm.is_coordinator) AS coordinated
      FROM team_memberships tm
      JOIN team_sectors ts ON ts.team_id = tm.team_id
      JOIN sectors s ON s.id = ts.sector_id
      WHERE tm.professional_id = ${professionalId}
      GROUP BY s.id, s.name ORDER BY s.name`,
  );
}

export async function sectorHours(tx: Tx, sectorIds: readonly string[]) {
  if (sectorIds.length === 0) return [];
  return rowsOf<{ sector_id: string; weekday: number; start: string; end: string }>(
    tx,
    sql`SELECT sector_id, weekday::int AS weekday, to_char(start_time, 'HH24:MI') AS start,
        CASE WHEN end_time = '00:00'::time THEN '24:00' ELSE to_char(end_time, 'HH24:MI') END AS end
      FROM sector_working_hours WHERE sector_id IN (${uuidList(sectorIds)})
      ORDER BY weekday, start_time`,
  );
}

export async function replaceSectorHours(
  tx: Tx,
  entityId: string,
  sectorId: string,
  intervals: readonly { weekday: number; start: string; end: string }[],
  by: string,
) {
  await tx.execute(sql`DELETE FROM sector_working_hours WHERE sector_id = ${sectorId}`);
  for (const i of intervals) {
    await tx.execute(sql`INSERT INTO sector_working_hours (entity_id, sector_id, weekday,
        start_time, end_time, updated_by)
      VALUES (${entityId}, ${sectorId}, ${i.weekday}, ${i.start}::time,
        ${i.end === '24:00' ? '00:00' : i.end}::time, ${by})`);
  }
}

export async function holidaysOfYear(tx: Tx, year: number) {
  return holidaysBetween(tx, `${year}-01-01`, `${year + 1}-01-01`);
}

export async function insertHoliday(
  tx: Tx,
  h: {
    entityId: string;
    date: string;
    name: string;
    level: HolidayLevel;
    municipalityId: string | null;
    by: string;
  },
): Promise<string> {
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`INSERT INTO public_holidays (entity_id, date, name, level, municipality_id, created_by)
      VALUES (${h.entityId}, ${h.date}::date, ${h.name}, ${h.level}, ${h.municipalityId}, ${h.by})
      RETURNING id`,
  );
  return row!.id;
}

export async function holidayById(tx: Tx, id: string): Promise<HolidayRow | null> {
  const [row] = await rowsOf<HolidayRow>(
    tx,
    sql`SELECT h.id, to_char(h.date, 'YYYY-MM-DD') AS date, h.name, h.level, h.municipality_id,
        m.name AS municipality_name
      FROM public_holidays h LEFT JOIN municipalities m ON m.id = h.municipality_id
      WHERE h.id = ${id}`,
  );
  return row ?? null;
}

export async function deleteHoliday(tx: Tx, id: string): Promise<boolean> {
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`DELETE FROM public_holidays WHERE id = ${id} RETURNING id`,
  );
  return rows.length > 0;
}

export async function municipalityExists(tx: Tx, id: string): Promise<boolean> {
  const [row] = await rowsOf<{ yes: boolean }>(
    tx,
    sql`SELECT EXISTS (SELECT 1 FROM municipalities WHERE id = ${id}) AS yes`,
  );
  return row?.yes === true;
}

// ---------------------------------------------------------------------------------------------
// A person record deleted

/**
 * The booked appointments the person has still to come (they hold a deletion): all of them, and
 * those the viewer sees in full — with a professional of a team they belong to, not behind the
 * SIAD wall for them.
 */
export async function upcomingOfPerson(
  tx: Tx,
  personId: string,
  now: Date,
  viewer: CaseFileViewer,
): Promise<{ total: number; seen: number }> {
  const [row] = await rowsOf<{ total: number; seen: number }>(
    tx,
    sql`SELECT count(*)::int AS total,
        count(*) FILTER (WHERE NOT ${siadHidden(viewer)} AND (a.professional_id = ${viewer.professionalId}
          OR a.professional_id IN (SELECT tm2.professional_id FROM team_memberships tm
            JOIN team_memberships tm2 ON tm2.team_id = tm.team_id
            WHERE tm.professional_id = ${viewer.professionalId})))::int AS seen
      FROM appointment_persons ap
      JOIN appointments a ON a.entity_id = ap.entity_id AND a.id = ap.appointment_id
      WHERE ap.person_id = ${personId} AND a.state = 'booked' AND a.ends_at > ${now}`,
  );
  return row ?? { total: 0, seen: 0 };
}

/**
 * Takes a person off their appointments (past or cancelled ones: the deletion refuses while any is
 * to come); an appointment left without anyone goes too. Answers how many went.
 */
export async function removePersonFromAppointments(tx: Tx, personId: string): Promise<number> {
  const rows = await rowsOf<{ appointment_id: string }>(
    tx,
    sql`DELETE FROM appointment_persons WHERE person_id = ${personId} RETURNING appointment_id`,
  );
  if (rows.length === 0) return 0;
  const gone = await rowsOf<{ id: string }>(
    tx,
    sql`DELETE FROM appointments a WHERE a.id IN (${uuidList(rows.map((r) => r.appointment_id))})
      AND NOT EXISTS (SELECT 1 FROM appointment_persons ap WHERE ap.appointment_id = a.id)
      RETURNING a.id`,
  );
  return gone.length;
}
