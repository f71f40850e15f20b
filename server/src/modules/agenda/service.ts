import type {
  agendaQuerySchema,
  createAppointmentSchema,
  createHolidaySchema,
  createReservationSchema,
  updateAppointmentSchema,
} from '@caliu/common';
import {
  AGENDA_MAX_HOURS,
  type Agenda,
  type AgendaEntry,
  type AgendaPeople,
  type Appointment,
  type AppointmentAnswer,
  type CancelAppointment,
  formatCaseFileNumber,
  type Holiday,
  type HolidayList,
  type NextFree,
  type PersonAppointments,
  type PutWorkingHours,
  type Reservation,
  type WorkingHoursList,
  type WorkingInterval,
} from '@caliu/common';
import type { z } from 'zod';
import type { Database, Tx } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { scopeOf } from '../../platform/access/scope';
import { actorOf, type Clock, type RequestContext } from '../../platform/context';
import { withRefusals } from '../../platform/db-errors';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { appointmentBooked, appointmentCancelled, appointmentMoved } from './messages';
import * as repo from './repository';
import {
  addDays,
  dateOf,
  dayStartOf,
  instantOf,
  localOf,
  minutesOf,
  timeOf,
  timeOfMinutes,
  todayOf,
  weekdayOf,
} from './time';

export type Deps = { database: Database; clock: Clock };

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
/** How far the next free slot is looked for. */
const NEXT_FREE_DAYS = 60;
/** A person's page: appointments from a month ago, at most this many. */
const PERSON_APPOINTMENTS = 100;

// ---------------------------------------------------------------------------------------------
// Who sees and books whose agenda

/**
 * What the caller reaches of each professional's agenda (DESIGN.md, agenda rows; "team" means the
 * teams the caller belongs to): their own in full; with team scope, every colleague of their teams
 * in full; a technician (own scope) sees colleagues' free/busy only. Booking: their own with any
 * grant, colleagues' with team scope.
 */
type Audience = {
  me: string;
  names: Map<string, string>;
  active: Set<string>;
  teams: { id: string; name: string; isCoordinator: boolean }[];
  view(id: string): 'full' | 'free_busy' | null;
  canBook(id: string): boolean;
  /** May block time for these professionals (their own alone; a coordinator, of their teams). */
  mayReserveFor(ids: readonly string[]): boolean;
  /** May remove others' reservations of these professionals (a coordinator, of their teams). */
  managesReservationsOf(ids: readonly string[]): boolean;
};

async function audienceOf(tx: Tx, ctx: RequestContext): Promise<Audience> {
  const me = ctx.auth.professionalId;
  const { members, teams } = await repo.teamMates(tx, me);
  const names = new Map(members.map((m) => [m.id, m.name]));
  const active = new Set(members.filter((m) => m.active).map((m) => m.id));
  const viewScope = scopeOf(ctx.auth, 'agenda.view');
  const bookScope = scopeOf(ctx.auth, 'agenda.book');
  const multi = scopeOf(ctx.auth, 'agenda.reserve_multi');
  const wide = (s: string | null) => s === 'team' || s === 'entity' || s === 'all';
  return {
    me,
    names,
    active,
    teams: teams.map((t) => ({ id: t.id, name: t.name, isCoordinator: t.is_coordinator })),
    view(id) {
      if (!viewScope || !names.has(id)) return null;
      if (id === me || wide(viewScope)) return 'full';
      return 'free_busy';
    },
    canBook(id) {
      if (!bookScope || !active.has(id)) return false;
      return id === me || wide(bookScope);
    },
    mayReserveFor(ids) {
      if (ids.every((id) => id === me)) return bookScope !== null && active.has(me);
      return wide(multi) && ids.every((id) => active.has(id));
    },
    managesReservationsOf(ids) {
      return wide(multi) && ids.every((id) => names.has(id));
    },
  };
}

const zoneOf = (ctx: RequestContext) => ctx.auth.entity.timeZone;
const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d));

// ---------------------------------------------------------------------------------------------
// Presenting

function presentAppointment(
  row: repo.AppointmentRow,
  zone: string,
  audience: Audience,
): Appointment {
  return {
    kind: 'appointment',
    id: row.id,
    professional: { id: row.professional_id, name: row.professional_name },
    startsAt: localOf(iso(row.starts_at), zone),
    endsAt: localOf(iso(row.ends_at), zone),
    place: row.place,
    notes: row.notes,
    state: row.state,
    cancelReason: row.cancel_reason,
    persons: row.persons,
    caseFile:
      row.case_file_id && row.case_file_year !== null && row.case_file_seq !== null
        ? {
            id: row.case_file_id,
            number: formatCaseFileNumber(row.case_file_year, row.case_file_seq),
          }
        : null,
    bookedBy:
      row.booked_by && row.booked_by_name ? { id: row.booked_by, name: row.booked_by_name } : null,
    can: { edit: audience.canBook(row.professional_id) && row.state !== 'cancelled' },
  };
}

const busy = (
  professional: { id: string; name: string },
  startsAt: Date | string,
  endsAt: Date | string,
  zone: string,
): AgendaEntry => ({
  kind: 'busy',
  professional,
  startsAt: localOf(iso(startsAt), zone),
  endsAt: localOf(iso(endsAt), zone),
});

function presentReservation(
  row: repo.ReservationRow,
  shown: { id: string; name: string }[],
  zone: string,
  audience: Audience,
): Reservation {
  const all = row.professionals ?? [];
  return {
    kind: 'reservation',
    id: row.id,
    title: row.title,
    professionals: shown,
    startsAt: localOf(iso(row.starts_at), zone),
    endsAt: localOf(iso(row.ends_at), zone),
    createdBy:
      row.created_by && row.created_by_name
        ? { id: row.created_by, name: row.created_by_name }
        : null,
    can: {
      remove:
        row.created_by === audience.me ||
        (all.length > 0 && audience.managesReservationsOf(all.map((p) => p.id))),
    },
  };
}

const presentHoliday = (h: repo.HolidayRow): Holiday => ({
  id: h.id,
  date: h.date,
  name: h.name,
  level: h.level,
  municipality:
    h.municipality_id && h.municipality_name
      ? { id: h.municipality_id, name: h.municipality_name }
      : null,
});

// ---------------------------------------------------------------------------------------------
// Views

/** The people pickers: whose agenda the caller sees (and how), whom they book for, their teams. */
export async function people(deps: Deps, ctx: RequestContext): Promise<AgendaPeople> {
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const audience = await audienceOf(tx, ctx);
    const ids = [...audience.names.keys()].filter(
      (id) => audience.active.has(id) && audience.view(id),
    );
    return {
      professionals: ids
        .map((id) => ({
          id,
          name: audience.names.get(id)!,
          view: audience.view(id)!,
          canBook: audience.canBook(id),
        }))
        // The caller first, then by name.
        .sort(
          (a, b) =>
            Number(b.id === audience.me) - Number(a.id === audience.me) ||
            a.name.localeCompare(b.name),
        ),
      teams: audience.teams.map((t) => ({
        id: t.id,
        name: t.name,
        // DESIGN.md: for the agenda, a coordinator's teams are those they belong to.
        canReserve: scopeOf(ctx.auth, 'agenda.reserve_multi') !== null,
      })),
    };
  });
}

/**
 * A day, a week or a list of days of one professional or of a team: appointments and
 * reservations as the caller may see them (colleagues' as busy time when only free/busy, SIAD
 * appointments as busy time outside the SIAD circle), each professional's working hours and the
 * holidays of the period. Persons shown are audited as read.
 */
export async function agenda(
  deps: Deps,
  ctx: RequestContext,
  query: z.output<typeof agendaQuerySchema>,
): Promise<Agenda> {
  const zone = zoneOf(ctx);
  const to = addDays(query.from, query.days);
  const from = dayStartOf(query.from, zone);
  const until = dayStartOf(to, zone);
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const audience = await audienceOf(tx, ctx);
    let ids: string[];
    if (query.teamId) {
      if (!audience.teams.some((t) => t.id === query.teamId)) throw notFound('team');
      ids = (await repo.teamMembers(tx, query.teamId)).filter(
        (id) => audience.view(id) && audience.active.has(id),
      );
    } else {
      const id = query.professionalId ?? audience.me;
      if (!audience.view(id)) throw notFound('professional');
      ids = [id];
    }
    ids.sort((a, b) => audience.names.get(a)!.localeCompare(audience.names.get(b)!));
    const named = (id: string) => ({ id, name: audience.names.get(id) ?? '' });

    const [appointments, reservations, hours, holidays, municipalities] = [
      await repo.appointmentsOf(tx, ctx.auth, ids, from, until, query.includeCancelled),
      await repo.reservationsOf(tx, ids, from, until),
      await repo.workingHoursOf(tx, ids),
      await repo.holidaysBetween(tx, query.from, to),
      await repo.municipalitiesOf(tx, ids),
    ];
    const entries: AgendaEntry[] = [];
    const seen = new Set<string>();
    for (const a of appointments) {
      if (audience.view(a.professional_id) === 'full' && !a.hidden) {
        entries.push(presentAppointment(a, zone, audience));
        for (const p of a.persons) seen.add(p.id);
      } else if (a.state !== 'cancelled') {
        entries.push(busy(named(a.professional_id), a.starts_at, a.ends_at, zone));
      }
    }
    const shownIds = new Set(ids);
    for (const r of reservations) {
      const blocked = (r.professionals ?? []).filter((p) => shownIds.has(p.id));
      const full = blocked.filter((p) => audience.view(p.id) === 'full');
      if (full.length > 0) entries.push(presentReservation(r, full, zone, audience));
      for (const p of blocked.filter((b) => audience.view(b.id) === 'free_busy')) {
        entries.push(busy(p, r.starts_at, r.ends_at, zone));
      }
    }
    entries.sort(
      (a, b) =>
        a.startsAt.localeCompare(b.startsAt) ||
        (a.kind === 'reservation' ? '' : a.professional.name).localeCompare(
          b.kind === 'reservation' ? '' : b.professional.name,
        ),
    );
    if (seen.size > 0) {
      await writeAudit(tx, actorOf(ctx), {
        action: 'agenda.read',
        details: { from: query.from, days: query.days, professionals: ids.length },
        subjects: [...seen],
      });
    }
    const localHolidays = holidays.filter((h) => h.level === 'local');
    return {
      timeZone: zone,
      from: query.from,
      to,
      professionals: ids.map((id) => ({
        ...named(id),
        view: audience.view(id)!,
        canBook: audience.canBook(id),
        workingHours: hours
          .filter((h) => h.professional_id === id)
          .map(({ weekday, start, end }) => ({ weekday, start, end })),
        localHolidayIds: localHolidays
          .filter((h) =>
            municipalities.some(
              (m) => m.professional_id === id && m.municipality_id === h.municipality_id,
            ),
          )
          .map((h) => h.id),
      })),
      entries,
      holidays: holidays.map(presentHoliday),
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Rules of a booking

type Span = { startsAt: Date; endsAt: Date; startLocal: string; endLocal: string };

/** The request's wall times as instants, or a field error (a time that does not exist, order, length). */
function spanOf(ctx: RequestContext, startLocal: string, endLocal: string): Span {
  const zone = zoneOf(ctx);
  const startsAt = instantOf(startLocal, zone);
  if (!startsAt) throw fieldError(ctx, 400, 'agenda.time_does_not_exist', 'startsAt');
  const endsAt = instantOf(endLocal, zone);
  if (!endsAt) throw fieldError(ctx, 400, 'agenda.time_does_not_exist', 'endsAt');
  if (endsAt <= startsAt) throw fieldError(ctx, 400, 'agenda.ends_before_start', 'endsAt');
  if (endsAt.getTime() - startsAt.getTime() > AGENDA_MAX_HOURS * HOUR_MS) {
    throw fieldError(ctx, 400, 'agenda.too_long', 'endsAt', { hours: AGENDA_MAX_HOURS });
  }
  return { startsAt, endsAt, startLocal, endLocal };
}

/** Merges a day's intervals, so that 09:00–14:00 and 14:00–15:00 read as one. */
function merged(intervals: readonly { start: string; end: string }[]) {
  const sorted = intervals
    .map((i) => ({ start: minutesOf(i.start), end: minutesOf(i.end) }))
    .sort((a, b) => a.start - b.start);
  const out: { start: number; end: number }[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.start <= last.end) last.end = Math.max(last.end, i.end);
    else out.push({ ...i });
  }
  return out;
}

/** Holidays that apply to a professional on a date: national, regional, and local of their teams. */
function holidayOn(
  date: string,
  holidays: readonly repo.HolidayRow[],
  municipalities: ReadonlySet<string>,
): repo.HolidayRow | null {
  return (
    holidays.find(
      (h) =>
        h.date === date &&
        (h.level !== 'local' || (h.municipality_id && municipalities.has(h.municipality_id))),
    ) ?? null
  );
}

/**
 * Why a span is outside a professional's working time, as a sentence, or null when inside. A
 * holiday is outside; with no working hours set for their sectors every other time is inside.
 */
function outsideReason(
  ctx: RequestContext,
  span: Span,
  hours: readonly repo.HoursRow[],
  holidays: readonly repo.HolidayRow[],
  municipalities: ReadonlySet<string>,
): string | null {
  const date = dateOf(span.startLocal);
  const endsAtMidnight =
    dateOf(span.endLocal) === addDays(date, 1) && timeOf(span.endLocal) === '00:00';
  const holiday = holidayOn(date, holidays, municipalities);
  if (holiday) return ctx.t('errors.agenda.reason_holiday', { date, name: holiday.name });
  if (hours.length === 0) return null;
  const day = hours.filter((h) => h.weekday === weekdayOf(date));
  const start = minutesOf(timeOf(span.startLocal));
  const end = endsAtMidnight ? 1440 : minutesOf(timeOf(span.endLocal));
  const sameDay = dateOf(span.endLocal) === date || endsAtMidnight;
  if (sameDay && merged(day).some((i) => i.start <= start && end <= i.end)) return null;
  if (day.length === 0) return ctx.t('errors.agenda.reason_no_hours', { date });
  return ctx.t('errors.agenda.reason_hours', {
    date,
    hours: day.map((h) => `${h.start}–${h.end}`).join(', '),
  });
}

/**
 * Refuses a booking outside working hours (unless confirmed) or over another entry (unless
 * forced), naming each; called with the professionals' agendas locked.
 */
async function checkBooking(
  tx: Tx,
  ctx: RequestContext,
  audience: Audience,
  professionalIds: readonly string[],
  span: Span,
  input: { force: boolean; confirmOutsideHours: boolean },
  except: { appointmentId?: string } = {},
): Promise<void> {
  const zone = zoneOf(ctx);
  if (!input.force) {
    const found = await repo.overlaps(
      tx,
      ctx.auth,
      professionalIds,
      span.startsAt,
      span.endsAt,
      except,
    );
    if (found.length > 0) {
      throw new AppError(
        'agenda.conflict',
        409,
        { count: found.length },
        found.map((o) => {
          const start = localOf(iso(o.starts_at), zone);
          const end = localOf(iso(o.ends_at), zone);
          const seen = audience.view(o.professional_id) === 'full' && !o.hidden && o.label;
          return {
            message: ctx.t('errors.agenda.conflict_item', {
              date: dateOf(start),
              start: timeOf(start),
              end: dateOf(end) === dateOf(start) ? timeOf(end) : end.replace('T', ' '),
              professional: o.professional_name,
              what: seen
                ? o.kind === 'reservation'
                  ? ctx.t('errors.agenda.conflict_reservation', { title: o.label })
                  : ctx.t('errors.agenda.conflict_appointment', { persons: o.label })
                : ctx.t('errors.agenda.conflict_busy'),
            }),
          };
        }),
      );
    }
  }
  if (!input.confirmOutsideHours) {
    const last = addDays(dateOf(span.endLocal), 1);
    const [hours, holidays, municipalities] = [
      await repo.workingHoursOf(tx, professionalIds),
      await repo.holidaysBetween(tx, dateOf(span.startLocal), last),
      await repo.municipalitiesOf(tx, professionalIds),
    ];
    const reasons: { message: string }[] = [];
    for (const id of professionalIds) {
      const reason = outsideReason(
        ctx,
        span,
        hours.filter((h) => h.professional_id === id),
        holidays,
        new Set(
          municipalities.filter((m) => m.professional_id === id).map((m) => m.municipality_id),
        ),
      );
      if (reason) {
        reasons.push({
          message:
            professionalIds.length > 1 ? `${audience.names.get(id) ?? ''}: ${reason}` : reason,
        });
      }
    }
    if (reasons.length > 0) throw new AppError('agenda.outside_hours', 409, {}, reasons);
  }
}

// ---------------------------------------------------------------------------------------------
// Appointments

/** The professional if the caller may book for them: "not found" when out of sight, 403 otherwise. */
function bookable(ctx: RequestContext, audience: Audience, professionalId: string): void {
  if (!audience.view(professionalId)) throw notFound('professional');
  if (!audience.canBook(professionalId)) {
    if (!audience.active.has(professionalId)) {
      throw fieldError(ctx, 400, 'agenda.professional_inactive', 'professionalId');
    }
    throw new AppError('agenda.may_not_book', 403);
  }
}

async function answer(
  tx: Tx,
  ctx: RequestContext,
  audience: Audience,
  id: string,
): Promise<AppointmentAnswer> {
  const row = await repo.appointmentById(tx, ctx.auth, id);
  return { timeZone: zoneOf(ctx), appointment: presentAppointment(row!, zoneOf(ctx), audience) };
}

const factsOf = (
  id: string,
  span: { startsAt: Date; endsAt: Date },
  place: Appointment['place'],
  professionalName: string,
) => ({ id, startsAt: span.startsAt, endsAt: span.endsAt, place, professionalName });

/**
 * Books an appointment: the professional one the caller books for, the persons existing and
 * active, the case file (if any) one the caller sees with every person a member; the professional's
 * agenda locked, then conflicts and working hours checked (each overridable by the request). The
 * confirmation and the reminder go to the persons through the outbox, in the same transaction.
 */
export async function createAppointment(
  deps: Deps,
  ctx: RequestContext,
  input: z.output<typeof createAppointmentSchema>,
): Promise<AppointmentAnswer> {
  const span = spanOf(ctx, input.startsAt, input.endsAt);
  const personIds = [...new Set(input.personIds)];
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const audience = await audienceOf(tx, ctx);
    bookable(ctx, audience, input.professionalId);
    // The case file before the persons: the order content and merges lock them in (a merge of
    // person records locks their case files, then them), so that they wait rather than deadlock.
    if (input.caseFileId) {
      const file = await repo.caseFileForBooking(tx, ctx.auth, input.caseFileId, personIds);
      if (!file) throw fieldError(ctx, 400, 'agenda.case_file_unknown', 'caseFileId');
      if (!file.members_ok) throw fieldError(ctx, 400, 'agenda.person_not_member', 'personIds');
    }
    if ((await repo.activePersons(tx, personIds)).length !== personIds.length) {
      throw fieldError(ctx, 400, 'agenda.person_unknown', 'personIds');
    }
    await repo.lockAgendas(tx, [input.professionalId]);
    await checkBooking(tx, ctx, audience, [input.professionalId], span, input);
    // A person deleted since the check above: their key refuses the insert.
    const id = await withRefusals(
      () =>
        repo.insertAppointment(tx, {
          entityId: ctx.auth.entity.id,
          professionalId: input.professionalId,
          personIds,
          caseFileId: input.caseFileId,
          startsAt: span.startsAt,
          endsAt: span.endsAt,
          place: input.place,
          notes: input.notes,
          bookedBy: ctx.auth.professionalId,
        }),
      { foreign_key: () => fieldError(ctx, 400, 'agenda.person_unknown', 'personIds') },
    );
    await appointmentBooked(
      tx,
      ctx,
      factsOf(id, span, input.place, audience.names.get(input.professionalId) ?? ''),
      deps.clock.now(),
    );
    await writeAudit(tx, actorOf(ctx), {
      action: 'appointment.create',
      recordType: 'appointment',
      recordId: id,
      details: {
        professionalId: input.professionalId,
        caseFileId: input.caseFileId,
        forced: input.force,
        outsideHoursConfirmed: input.confirmOutsideHours,
      },
      subjects: personIds,
    });
    return answer(tx, ctx, audience, id);
  });
}

/** The appointment as the caller may see it in full, or "not found". */
async function visibleAppointment(tx: Tx, ctx: RequestContext, audience: Audience, id: string) {
  const row = await repo.appointmentById(tx, ctx.auth, id);
  if (!row || row.hidden || audience.view(row.professional_id) !== 'full') {
    throw notFound('appointment');
  }
  return row;
}

export async function getAppointment(
  deps: Deps,
  ctx: RequestContext,
  id: string,
): Promise<AppointmentAnswer> {
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const audience = await audienceOf(tx, ctx);
    const row = await visibleAppointment(tx, ctx, audience, id);
    await writeAudit(tx, actorOf(ctx), {
      action: 'appointment.read',
      recordType: 'appointment',
      recordId: id,
      subjects: row.persons.map((p) => p.id),
    });
    return { timeZone: zoneOf(ctx), appointment: presentAppointment(row, zoneOf(ctx), audience) };
  });
}

/**
 * Moves an appointment, changes its place or notes, or records how it went. A move is checked
 * like a booking (the agenda locked, conflicts but itself, working hours) and replaces the
 * reminders; attended or missed only once it has begun; a cancelled appointment stays as it is.
 */
export async function updateAppointment(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof updateAppointmentSchema>,
): Promise<AppointmentAnswer> {
  const now = deps.clock.now();
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const audience = await audienceOf(tx, ctx);
    const row = await visibleAppointment(tx, ctx, audience, id);
    if (!audience.canBook(row.professional_id)) throw new AppError('agenda.may_not_book', 403);
    // The agenda first, then the row: the order every writer of an agenda keeps (bookings,
    // commands/move-appointments.ts), so that they wait for each other rather than deadlock.
    await repo.lockAgendas(tx, [row.professional_id]);
    const current = await repo.lockAppointment(tx, id);
    // Moved to another professional meanwhile: the caller saw a state that no longer holds.
    if (!current || current.professional_id !== row.professional_id) throw notFound('appointment');
    if (current.state === 'cancelled') throw new AppError('agenda.appointment_cancelled', 409);
    const zone = zoneOf(ctx);
    const startLocal = input.startsAt ?? localOf(iso(current.starts_at), zone);
    const endLocal = input.endsAt ?? localOf(iso(current.ends_at), zone);
    const span = spanOf(ctx, startLocal, endLocal);
    const moved =
      span.startsAt.getTime() !== iso(current.starts_at).getTime() ||
      span.endsAt.getTime() !== iso(current.ends_at).getTime();
    const state = input.state ?? current.state;
    if ((state === 'attended' || state === 'missed') && span.startsAt > now) {
      throw fieldError(ctx, 400, 'agenda.not_begun', 'state');
    }
    if (moved) {
      await checkBooking(tx, ctx, audience, [current.professional_id], span, input, {
        appointmentId: id,
      });
    }
    const place = input.place ?? current.place;
    await repo.updateAppointment(tx, id, {
      startsAt: span.startsAt,
      endsAt: span.endsAt,
      place,
      notes: input.notes,
      state,
      now,
    });
    // A move replaces the reminders whatever the state (one recorded as attended at another time
    // must not leave a reminder of the old one); only a booked one to come is confirmed again.
    if (moved) {
      await appointmentMoved(tx, ctx, factsOf(id, span, place, row.professional_name), now);
    }
    await writeAudit(tx, actorOf(ctx), {
      action: 'appointment.update',
      recordType: 'appointment',
      recordId: id,
      details: {
        moved,
        state: input.state ?? null,
        place: input.place ?? null,
        notes: input.notes !== undefined,
      },
      subjects: row.persons.map((p) => p.id),
    });
    return answer(tx, ctx, audience, id);
  });
}

/** Cancels a booked appointment with a reason: its reminders go, the persons are told. */
export async function cancelAppointment(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: CancelAppointment,
): Promise<AppointmentAnswer> {
  const now = deps.clock.now();
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const audience = await audienceOf(tx, ctx);
    const current = await repo.lockAppointment(tx, id);
    if (!current) throw notFound('appointment');
    const row = await visibleAppointment(tx, ctx, audience, id);
    if (!audience.canBook(row.professional_id)) throw new AppError('agenda.may_not_book', 403);
    if (current.state !== 'booked') throw new AppError('agenda.not_cancellable', 409);
    await repo.cancelAppointment(tx, id, input.reason, ctx.auth.professionalId, now);
    if (iso(current.ends_at) > now) {
      await appointmentCancelled(
        tx,
        ctx,
        factsOf(
          id,
          { startsAt: iso(current.starts_at), endsAt: iso(current.ends_at) },
          current.place,
          row.professional_name,
        ),
        now,
      );
    }
    await writeAudit(tx, actorOf(ctx), {
      action: 'appointment.cancel',
      recordType: 'appointment',
      recordId: id,
      subjects: row.persons.map((p) => p.id),
    });
    return answer(tx, ctx, audience, id);
  });
}

/**
 * A person's appointments from a month ago on, those the caller sees in full (never a busy
 * entry here: on a person's page it would tell that something is hidden), and — for the SIAD
 * circle only — whether reminders reach them.
 */
export async function personAppointments(
  deps: Deps,
  ctx: RequestContext,
  personId: string,
): Promise<PersonAppointments> {
  const zone = zoneOf(ctx);
  const since = new Date(deps.clock.now().getTime() - 31 * 24 * HOUR_MS);
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    if (!(await repo.personExists(tx, personId))) throw notFound('person');
    const audience = await audienceOf(tx, ctx);
    const rows = await repo.appointmentsOfPerson(
      tx,
      ctx.auth,
      personId,
      since,
      PERSON_APPOINTMENTS,
    );
    const items = rows
      .filter((r) => !r.hidden && audience.view(r.professional_id) === 'full')
      .map((r) => presentAppointment(r, zone, audience));
    const siad = await repo.siadReminders(tx, ctx.auth, personId);
    if (items.length > 0) {
      await writeAudit(tx, actorOf(ctx), {
        action: 'agenda.person_read',
        recordType: 'person',
        recordId: personId,
        details: { shown: items.length },
        subjects: [personId],
      });
    }
    return {
      timeZone: zone,
      items,
      siadReminders: siad?.in_circle ? { allowed: siad.allowed } : null,
    };
  });
}

/** Within the SIAD circle of the person, switches reminders to them on or off (audited). */
export async function setPersonReminders(
  deps: Deps,
  ctx: RequestContext,
  personId: string,
  allowed: boolean,
): Promise<void> {
  await deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const siad = await repo.siadReminders(tx, ctx.auth, personId);
    if (!siad?.in_circle) throw notFound('person');
    await repo.setSiadReminders(tx, personId, allowed);
    await writeAudit(tx, actorOf(ctx), {
      action: 'person.siad_reminders',
      recordType: 'person',
      recordId: personId,
      details: { allowed },
      subjects: [personId],
    });
  });
}

// ---------------------------------------------------------------------------------------------
// Time reservations

export async function createReservation(
  deps: Deps,
  ctx: RequestContext,
  input: z.output<typeof createReservationSchema>,
): Promise<{ timeZone: string; reservation: Reservation }> {
  const span = spanOf(ctx, input.startsAt, input.endsAt);
  const ids = [...new Set(input.professionalIds)];
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const audience = await audienceOf(tx, ctx);
    for (const id of ids) if (!audience.view(id)) throw notFound('professional');
    if (!audience.mayReserveFor(ids)) throw new AppError('agenda.may_not_reserve', 403);
    await repo.lockAgendas(tx, ids);
    await checkBooking(tx, ctx, audience, ids, span, input);
    const id = await repo.insertReservation(tx, {
      entityId: ctx.auth.entity.id,
      title: input.title,
      professionalIds: ids,
      startsAt: span.startsAt,
      endsAt: span.endsAt,
      createdBy: ctx.auth.professionalId,
    });
    await writeAudit(tx, actorOf(ctx), {
      action: 'time_reservation.create',
      recordType: 'time_reservation',
      recordId: id,
      details: { professionals: ids.length, forced: input.force },
    });
    const row = (await repo.reservationById(tx, id))!;
    return {
      timeZone: zoneOf(ctx),
      reservation: presentReservation(row, row.professionals, zoneOf(ctx), audience),
    };
  });
}

export async function deleteReservation(deps: Deps, ctx: RequestContext, id: string) {
  await deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const audience = await audienceOf(tx, ctx);
    const row = await repo.reservationById(tx, id);
    if (!row || !(row.professionals ?? []).some((p) => audience.view(p.id) === 'full')) {
      throw notFound('reservation');
    }
    if (!presentReservation(row, [], zoneOf(ctx), audience).can.remove) {
      throw new AppError('agenda.may_not_reserve', 403);
    }
    await repo.deleteReservation(tx, id);
    await writeAudit(tx, actorOf(ctx), {
      action: 'time_reservation.delete',
      recordType: 'time_reservation',
      recordId: id,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The next free slot

/**
 * The first stretch of `minutes` from `after` (default: now, to the next quarter hour) within the
 * professional's working hours (any time when their sectors set none), on no holiday, free of
 * appointments and reservations; within the next 60 days.
 */
export async function nextFree(
  deps: Deps,
  ctx: RequestContext,
  query: { professionalId: string; minutes: number; after?: string | undefined },
): Promise<NextFree> {
  const zone = zoneOf(ctx);
  const now = deps.clock.now();
  let after: Date;
  if (query.after) {
    const at = instantOf(query.after, zone);
    if (!at) throw fieldError(ctx, 400, 'agenda.time_does_not_exist', 'after');
    // Never a slot in the past.
    after = at > now ? at : now;
  } else {
    const quarter = 15 * MINUTE_MS;
    after = new Date(Math.ceil(now.getTime() / quarter) * quarter);
  }
  const length = query.minutes * MINUTE_MS;
  const first = todayOf(after, zone);
  const last = addDays(first, NEXT_FREE_DAYS);
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const audience = await audienceOf(tx, ctx);
    if (!audience.view(query.professionalId)) throw notFound('professional');
    const ids = [query.professionalId];
    const [taken, hours, holidays, municipalities] = [
      await repo.overlaps(tx, ctx.auth, ids, after, dayStartOf(last, zone)),
      await repo.workingHoursOf(tx, ids),
      await repo.holidaysBetween(tx, first, last),
      await repo.municipalitiesOf(tx, ids),
    ];
    const places = new Set(municipalities.map((m) => m.municipality_id));
    const busyTimes = taken
      .map((t) => ({ start: iso(t.starts_at).getTime(), end: iso(t.ends_at).getTime() }))
      .sort((a, b) => a.start - b.start);
    for (let date = first; date < last; date = addDays(date, 1)) {
      if (holidayOn(date, holidays, places)) continue;
      const windows =
        hours.length === 0
          ? [{ start: 0, end: 1440 }]
          : merged(hours.filter((h) => h.weekday === weekdayOf(date)));
      for (const w of windows) {
        const open = instantOf(`${date}T${timeOfMinutes(w.start)}`, zone);
        const close =
          w.end === 1440
            ? dayStartOf(addDays(date, 1), zone)
            : instantOf(`${date}T${timeOfMinutes(w.end)}`, zone);
        if (!open || !close) continue;
        let start = Math.max(open.getTime(), after.getTime());
        for (const b of busyTimes) {
          if (b.end <= start) continue;
          if (b.start >= start + length) break;
          start = Math.max(start, b.end);
        }
        if (start + length <= close.getTime()) {
          return {
            timeZone: zone,
            slot: {
              startsAt: localOf(new Date(start), zone),
              endsAt: localOf(new Date(start + length), zone),
            },
          };
        }
      }
    }
    return { timeZone: zone, slot: null };
  });
}

// ---------------------------------------------------------------------------------------------
// Working hours

function validIntervals(ctx: RequestContext, intervals: readonly WorkingInterval[]): void {
  for (const [i, interval] of intervals.entries()) {
    if (minutesOf(interval.end) <= minutesOf(interval.start)) {
      throw fieldError(ctx, 400, 'agenda.hours_end_before_start', `intervals.${i}.end`);
    }
  }
  for (let day = 1; day <= 7; day++) {
    const list = intervals
      .filter((i) => i.weekday === day)
      .map((i) => ({ start: minutesOf(i.start), end: minutesOf(i.end) }))
      .sort((a, b) => a.start - b.start);
    for (let k = 1; k < list.length; k++) {
      if (list[k]!.start < list[k - 1]!.end) {
        throw fieldError(ctx, 400, 'agenda.hours_overlap', 'intervals');
      }
    }
  }
}

/** The sectors of the caller's teams and their working hours (editable where they coordinate). */
export async function workingHours(deps: Deps, ctx: RequestContext): Promise<WorkingHoursList> {
  const mayEdit = scopeOf(ctx.auth, 'agenda.working_hours') !== null;
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const sectors = await repo.sectorsOfTeamsOf(tx, ctx.auth.professionalId);
    const hours = await repo.sectorHours(
      tx,
      sectors.map((s) => s.id),
    );
    return {
      items: sectors.map((s) => ({
        sector: { id: s.id, name: s.name },
        intervals: hours
          .filter((h) => h.sector_id === s.id)
          .map(({ weekday, start, end }) => ({ weekday, start, end })),
        canEdit: mayEdit && s.coordinated,
      })),
    };
  });
}

/** A coordinator of a team of the sector sets its working hours (the whole week at once). */
export async function putWorkingHours(
  deps: Deps,
  ctx: RequestContext,
  sectorId: string,
  input: PutWorkingHours,
) {
  validIntervals(ctx, input.intervals);
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const sector = (await repo.sectorsOfTeamsOf(tx, ctx.auth.professionalId)).find(
      (s) => s.id === sectorId && s.coordinated,
    );
    if (!sector) throw notFound('sector');
    await repo.replaceSectorHours(
      tx,
      ctx.auth.entity.id,
      sectorId,
      input.intervals,
      ctx.auth.professionalId,
    );
    await writeAudit(tx, actorOf(ctx), {
      action: 'working_hours.update',
      recordType: 'sector',
      recordId: sectorId,
      details: { intervals: input.intervals.length },
    });
    const hours = await repo.sectorHours(tx, [sectorId]);
    return {
      sector: { id: sector.id, name: sector.name },
      intervals: hours.map(({ weekday, start, end }) => ({ weekday, start, end })),
      canEdit: true,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Public holidays

export async function holidays(
  deps: Deps,
  ctx: RequestContext,
  year: number,
): Promise<HolidayList> {
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => ({
    items: (await repo.holidaysOfYear(tx, year)).map(presentHoliday),
    canEdit: scopeOf(ctx.auth, 'organization.manage') !== null,
  }));
}

/** The administrator adds a national, regional or local (one municipality's) holiday. */
export async function createHoliday(
  deps: Deps,
  ctx: RequestContext,
  input: z.output<typeof createHolidaySchema>,
): Promise<Holiday> {
  if (input.level === 'local' && !input.municipalityId) {
    throw fieldError(ctx, 400, 'agenda.holiday_municipality_required', 'municipalityId');
  }
  if (input.level !== 'local' && input.municipalityId) {
    throw fieldError(ctx, 400, 'agenda.holiday_municipality_only_local', 'municipalityId');
  }
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    if (input.municipalityId && !(await repo.municipalityExists(tx, input.municipalityId))) {
      throw fieldError(ctx, 400, 'agenda.holiday_municipality_unknown', 'municipalityId');
    }
    const id = await withRefusals(
      () =>
        repo.insertHoliday(tx, {
          entityId: ctx.auth.entity.id,
          date: input.date,
          name: input.name,
          level: input.level,
          municipalityId: input.municipalityId,
          by: ctx.auth.professionalId,
        }),
      { unique: () => fieldError(ctx, 409, 'agenda.holiday_exists', 'date') },
    );
    await writeAudit(tx, actorOf(ctx), {
      action: 'public_holiday.create',
      recordType: 'public_holiday',
      recordId: id,
      details: { date: input.date, level: input.level },
    });
    return presentHoliday((await repo.holidayById(tx, id))!);
  });
}

export async function deleteHoliday(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  await deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    if (!(await repo.deleteHoliday(tx, id))) throw notFound('holiday');
    await writeAudit(tx, actorOf(ctx), {
      action: 'public_holiday.delete',
      recordType: 'public_holiday',
      recordId: id,
    });
  });
}
