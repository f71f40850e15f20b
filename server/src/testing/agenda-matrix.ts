import { sql } from 'drizzle-orm';
import type { Role } from '@caliu/common';
import { rowsOf } from '../db/connect';
import { FEED_PURPOSE, FEED_TTL_HOURS } from '../modules/agenda/feeds';
import { mintSecretLink } from '../platform/messaging/secret-links';
import { createTestAppointment } from './agenda-factories';
import { caseFileFor } from './case-files-matrix';
import { createTestProfessional, type TestEntity } from './factories';
import type { Caller, ExpectedRow, Relation } from './matrix/expected';
import type { Scenario } from './matrix/scenarios';
import type { World } from './matrix/world';
import { createTestPerson } from './persons-factories';

/**
 * The authorization matrix's rows and scenarios for the agenda (issue 18, decision 0008) and the
 * calendar feeds, written by hand from DESIGN.md's agenda rows — where, for the agenda, "team"
 * means the teams the user belongs to (the matrix world's north team, of which every actor is a
 * member and the coordinator the coordinator):
 *
 * - view: aux. admin, tech. admin, coordinator `team`; technicians `own + team's free/busy`;
 * - create appointments for professionals: aux. admin, tech. admin, coordinator `team`;
 *   technicians `own`;
 * - multi-professional time reservations: coordinator `team`;
 * - no one else (administrator, operator, head of operations, support agent).
 *
 * Relations: `own` is a record of the caller's own agenda (an appointment of theirs); `team` one
 * of a colleague of the north team; `other_team` one of a professional of the south team only;
 * `other_entity` one of entity B. The views and the next free slot take `self` for the caller's
 * own agenda instead of `own`: a technician reaches a teammate's agenda too (free/busy), which is
 * wider than their `own` grant — a rule finer than the map, proven by the cells alone. One's own
 * time reservation, one's own calendar feed: `self`.
 */

const NONE: Relation[] = ['none'];
const SELF: Relation[] = ['self'];
const IN_ENTITY: Relation[] = ['none', 'other_entity'];
const TEAMS: Relation[] = ['team', 'other_team', 'other_entity'];
const AGENDAS: Relation[] = ['self', 'team', 'other_team', 'other_entity'];
const RECORD: Relation[] = ['own', 'team', 'other_team', 'other_entity'];
const OWN: Relation[] = ['own'];
const TEAM: Relation[] = ['own', 'team'];

const TECHNICIANS: Role[] = ['tech_ssb', 'tech_siad', 'tech_sad', 'tech_immigration', 'tech_eaia'];
const TEAM_ROLES: Role[] = ['aux_admin', 'tech_admin', 'coordinator'];
/** Whoever holds `agenda.view` / `agenda.book` in DESIGN.md's table. */
const AGENDA_ROLES: Role[] = [...TEAM_ROLES, ...TECHNICIANS];
const EVERY_ROLE: Role[] = [
  ...AGENDA_ROLES,
  'administrator',
  'operator',
  'head_of_operations',
  'support_agent',
];

const allow = (roles: Role[], relations: Relation[]) =>
  Object.fromEntries(roles.map((r) => [r, relations])) as Partial<Record<Caller, Relation[]>>;

/** Agenda view: one's own, and a teammate's (in full, or a technician's free/busy). */
const VIEW_AGENDAS = allow(AGENDA_ROLES, ['self', 'team']);
/** A record seen in full: the team for the team roles, one's own for technicians. */
const IN_FULL = { ...allow(TEAM_ROLES, TEAM), ...allow(TECHNICIANS, OWN) };

export const AGENDA_EXPECTED: Record<string, ExpectedRow> = {
  // "agenda: view": one professional's agenda (the caller's own without professionalId).
  'GET /api/agenda': { relations: AGENDAS, allow: VIEW_AGENDAS },
  // A team's agenda: a team the caller belongs to (each member in full or as free/busy).
  'GET /api/agenda (team)': { relations: TEAMS, allow: allow(AGENDA_ROLES, ['team']) },
  'GET /api/agenda/people': { relations: NONE, allow: allow(AGENDA_ROLES, NONE) },
  'GET /api/agenda/next-free': { relations: AGENDAS, allow: VIEW_AGENDAS },
  'GET /api/working-hours': { relations: NONE, allow: allow(AGENDA_ROLES, NONE) },
  // One appointment is a full view: never a technician's teammate's (free/busy only).
  'GET /api/appointments/:id': { relations: RECORD, allow: IN_FULL },
  // A person's appointments: the person's basic data is entity-wide; the list holds only the
  // appointments the caller sees in full (filtered, not refused).
  'GET /api/persons/:id/appointments': { relations: IN_ENTITY, allow: allow(AGENDA_ROLES, NONE) },

  // "agenda: create appointments for professionals": team roles `team`, technicians `own`.
  'POST /api/appointments': { relations: RECORD, allow: IN_FULL },
  'PATCH /api/appointments/:id': { relations: RECORD, allow: IN_FULL },
  'POST /api/appointments/:id/cancel': { relations: RECORD, allow: IN_FULL },

  // Reminders to a person with a SIAD case file: the SIAD circle alone (the SIAD technician of
  // the file, the coordinators of its team); for anyone else the file does not exist.
  'PUT /api/persons/:id/reminders': {
    relations: RECORD,
    allow: { tech_siad: OWN, coordinator: TEAM },
  },

  // Time reservations: one's own time, whoever books; several professionals, the coordinator of
  // their team ("multi-professional time reservations").
  'POST /api/time-reservations': { relations: SELF, allow: allow(AGENDA_ROLES, SELF) },
  'POST /api/time-reservations (several)': {
    relations: TEAMS,
    allow: { coordinator: ['team'] },
    permission: 'agenda.reserve_multi',
  },
  // Removing one: its creator (`self`: their own, blocking them); a coordinator, a reservation of
  // members of their teams (`team`: a teammate's own).
  'DELETE /api/time-reservations/:id': {
    relations: AGENDAS,
    allow: { ...allow(AGENDA_ROLES, SELF), coordinator: ['self', 'team'] },
  },

  // Working hours of a sector: a coordinator of a team that serves it.
  'PUT /api/working-hours/:sectorId': { relations: TEAMS, allow: { coordinator: ['team'] } },

  // Public holidays: every signed-in professional reads them; the administrator keeps them.
  'GET /api/public-holidays': { relations: NONE, allow: allow(EVERY_ROLE, NONE) },
  'POST /api/public-holidays': { relations: NONE, allow: { administrator: NONE } },
  'DELETE /api/public-holidays/:id': { relations: IN_ENTITY, allow: { administrator: ['none'] } },
};

/**
 * Calendar feeds: one's own (`agenda.view`), never a colleague's. The feed itself,
 * `GET /feeds/:token` (public: its secret token is the credential), answers anyone who holds it.
 */
export const CALENDAR_FEEDS_EXPECTED: Record<string, ExpectedRow> = {
  'GET /api/calendar-feeds': { relations: SELF, allow: allow(AGENDA_ROLES, SELF) },
  'POST /api/calendar-feeds': { relations: SELF, allow: allow(AGENDA_ROLES, SELF) },
  'DELETE /api/calendar-feeds/:id': {
    relations: ['self', 'team', 'other_entity'],
    allow: allow(AGENDA_ROLES, SELF),
  },
  'GET /feeds/:token': { relations: NONE, allow: { ...allow(EVERY_ROLE, NONE), anonymous: NONE } },
};

// ---------------------------------------------------------------------------------------------
// Scenarios

const entityOf = (w: World, relation: Relation): TestEntity =>
  relation === 'other_entity' ? w.b : w.a;

/**
 * The agenda's own colleagues, made once per world: a technician of the north team and one of the
 * south team alone. Not the world's colleagues: the rows walked before these put the world's
 * south colleague in a team with the coordinator (adding members to the coordinator's teams).
 */
const colleaguesOf = new WeakMap<World, Promise<{ north: string; south: string }>>();
function agendaColleagues(w: World) {
  if (!colleaguesOf.has(w)) {
    colleaguesOf.set(
      w,
      (async () => ({
        north: (
          await createTestProfessional(w.db, w.a, { roles: ['tech_ssb'], teams: [w.a.teams.north] })
        ).id,
        south: (
          await createTestProfessional(w.db, w.a, { roles: ['tech_ssb'], teams: [w.a.teams.south] })
        ).id,
      }))(),
    );
  }
  return colleaguesOf.get(w)!;
}

/** The caller's professional id in entity A, or null (anonymous, the support agent). */
function callerIn(w: World, caller: Caller): string | null {
  if (caller === 'anonymous') return null;
  const actor = w.actors[caller];
  return actor.entity.id === w.a.id ? actor.id : null;
}

/**
 * The professional whose agenda a cell reaches: the caller (`self`, `own`), a colleague of the
 * north team, one of the south team, one of entity B. Outside A the caller has no agenda there:
 * their "own" is the north colleague's (denied anyway, by the guard or the session).
 */
async function professionalFor(w: World, caller: Caller, relation: Relation): Promise<string> {
  const { north, south } = await agendaColleagues(w);
  switch (relation) {
    case 'self':
    case 'own':
      return callerIn(w, caller) ?? north;
    case 'team':
      return north;
    case 'other_team':
      return south;
    default:
      return w.colleagues.otherEntity.id;
  }
}

let tick = 0;
/** A fresh hour a week or more ahead, one per call (no two cells' entries overlap). */
function slot(): { startsAt: Date; endsAt: Date; local: { startsAt: string; endsAt: string } } {
  tick += 1;
  const day = new Date(Date.now() + (7 + Math.floor(tick / 10)) * 86_400_000)
    .toISOString()
    .slice(0, 10);
  const hour = String(8 + (tick % 10)).padStart(2, '0');
  const local = { startsAt: `${day}T${hour}:00`, endsAt: `${day}T${hour}:45` };
  const startsAt = new Date(`${day}T${hour}:00:00Z`);
  return { startsAt, endsAt: new Date(startsAt.getTime() + 45 * 60_000), local };
}

/** An appointment (booked, a week ahead, with a fresh person) in the relation's agenda. */
async function appointmentFor(w: World, caller: Caller, relation: Relation): Promise<string> {
  const entity = entityOf(w, relation);
  const professionalId = await professionalFor(w, caller, relation);
  const personId = await createTestPerson(w.db, entity);
  const { startsAt, endsAt } = slot();
  return createTestAppointment(w.db, entity, {
    professionalId,
    personIds: [personId],
    startsAt,
    endsAt,
  });
}

/** A time reservation of one professional, created by them. */
async function reservationOf(w: World, entity: TestEntity, professionalId: string) {
  const { startsAt, endsAt } = slot();
  return w.db.tenant(entity.id, async (tx) => {
    const [row] = await rowsOf<{ id: string }>(
      tx,
      sql`INSERT INTO time_reservations (entity_id, title, starts_at, ends_at, created_by)
        VALUES (${entity.id}::uuid, 'Matrix', ${startsAt.toISOString()}::timestamptz,
          ${endsAt.toISOString()}::timestamptz, ${professionalId}::uuid)
        RETURNING id`,
    );
    await tx.execute(sql`INSERT INTO time_reservation_professionals
        (entity_id, reservation_id, professional_id, starts_at, ends_at)
      VALUES (${entity.id}::uuid, ${row!.id}::uuid, ${professionalId}::uuid,
        ${startsAt.toISOString()}::timestamptz, ${endsAt.toISOString()}::timestamptz)`);
    return row!.id;
  });
}

let holidays = 0;
/** A date of its own for each holiday a cell adds (one holiday per date and level). */
function holidayDate(): string {
  holidays += 1;
  return new Date(Date.UTC(2031, 0, 1) + holidays * 86_400_000).toISOString().slice(0, 10);
}

async function holidayIn(w: World, entity: TestEntity): Promise<string> {
  const [row] = await w.db.tenant(entity.id, (tx) =>
    rowsOf<{ id: string }>(
      tx,
      sql`INSERT INTO public_holidays (entity_id, date, name, level)
        VALUES (${entity.id}::uuid, ${holidayDate()}::date, 'Matrix', 'national') RETURNING id`,
    ),
  );
  return row!.id;
}

/** A calendar feed of a professional, live. */
async function feedOf(w: World, entity: TestEntity, professionalId: string): Promise<string> {
  const [row] = await w.db.tenant(entity.id, (tx) =>
    rowsOf<{ id: string }>(
      tx,
      sql`INSERT INTO calendar_feeds (entity_id, professional_id)
        VALUES (${entity.id}::uuid, ${professionalId}::uuid) RETURNING id`,
    ),
  );
  return row!.id;
}

const today = () => new Date().toISOString().slice(0, 10);

const onAppointment =
  (method: 'GET' | 'PATCH' | 'POST', suffix = '', payload?: unknown): Scenario =>
  async (w, caller, relation) => ({
    method,
    url: `/api/appointments/${await appointmentFor(w, caller, relation)}${suffix}`,
    ...(payload !== undefined ? { payload } : {}),
  });

export const AGENDA_SCENARIOS: Record<string, Scenario> = {
  'GET /api/agenda': async (w, caller, relation) => ({
    method: 'GET',
    url:
      relation === 'self'
        ? `/api/agenda?from=${today()}&days=7`
        : `/api/agenda?professionalId=${await professionalFor(w, caller, relation)}&from=${today()}&days=7`,
  }),
  'GET /api/agenda (team)': async (w, _caller, relation) => ({
    method: 'GET',
    url: `/api/agenda?teamId=${
      relation === 'team'
        ? w.a.teams.north
        : relation === 'other_team'
          ? w.a.teams.south
          : w.b.teams.north
    }&from=${today()}&days=7`,
  }),
  'GET /api/agenda/people': async () => ({ method: 'GET', url: '/api/agenda/people' }),
  'GET /api/agenda/next-free': async (w, caller, relation) => ({
    method: 'GET',
    url: `/api/agenda/next-free?professionalId=${await professionalFor(w, caller, relation)}&minutes=30`,
  }),
  'GET /api/working-hours': async () => ({ method: 'GET', url: '/api/working-hours' }),
  'GET /api/appointments/:id': onAppointment('GET'),
  'GET /api/persons/:id/appointments': async (w, caller, relation) => {
    // The person of an appointment of the north colleague's (or of B's colleague's).
    const appointment = await appointmentFor(w, caller, relation === 'none' ? 'team' : relation);
    const [row] = await w.db.tenant(entityOf(w, relation).id, (tx) =>
      rowsOf<{ person_id: string }>(
        tx,
        sql`SELECT person_id FROM appointment_persons WHERE appointment_id = ${appointment}::uuid`,
      ),
    );
    return { method: 'GET', url: `/api/persons/${row!.person_id}/appointments` };
  },

  'POST /api/appointments': async (w, caller, relation) => {
    const { local } = slot();
    return {
      method: 'POST',
      url: '/api/appointments',
      payload: {
        professionalId: await professionalFor(w, caller, relation),
        personIds: [await createTestPerson(w.db, entityOf(w, relation))],
        ...local,
        place: 'office',
        force: true,
        confirmOutsideHours: true,
      },
    };
  },
  'PATCH /api/appointments/:id': onAppointment('PATCH', '', { place: 'phone', notes: 'Matrix' }),
  'POST /api/appointments/:id/cancel': onAppointment('POST', '/cancel', { reason: 'Matrix' }),

  // The holder of a SIAD case file in the relation (the caller its referent for `own`).
  'PUT /api/persons/:id/reminders': async (w, caller, relation) => {
    const { north } = await agendaColleagues(w);
    const file = await caseFileFor(w, caller, relation, { siad: true, teamReferent: north });
    return {
      method: 'PUT',
      url: `/api/persons/${file.holderId}/reminders`,
      payload: { allowReminders: true },
    };
  },

  'POST /api/time-reservations': async (w, caller) => {
    const { north } = await agendaColleagues(w);
    const { local } = slot();
    return {
      method: 'POST',
      url: '/api/time-reservations',
      payload: {
        title: 'Matrix',
        professionalIds: [callerIn(w, caller) ?? north],
        ...local,
        force: true,
        confirmOutsideHours: true,
      },
    };
  },
  // The caller and a professional in the relation.
  'POST /api/time-reservations (several)': async (w, caller, relation) => {
    const { north } = await agendaColleagues(w);
    const { local } = slot();
    return {
      method: 'POST',
      url: '/api/time-reservations',
      payload: {
        title: 'Matrix',
        professionalIds: [callerIn(w, caller) ?? north, await professionalFor(w, caller, relation)],
        ...local,
        force: true,
        confirmOutsideHours: true,
      },
    };
  },
  'DELETE /api/time-reservations/:id': async (w, caller, relation) => ({
    method: 'DELETE',
    url: `/api/time-reservations/${await reservationOf(
      w,
      entityOf(w, relation),
      await professionalFor(w, caller, relation),
    )}`,
  }),

  'PUT /api/working-hours/:sectorId': async (w, _caller, relation) => ({
    method: 'PUT',
    url: `/api/working-hours/${
      relation === 'team'
        ? w.a.sectors.north
        : relation === 'other_team'
          ? w.a.sectors.south
          : w.b.sectors.north
    }`,
    payload: { intervals: [{ weekday: 1, start: '08:00', end: '15:00' }] },
  }),

  'GET /api/public-holidays': async () => ({
    method: 'GET',
    url: `/api/public-holidays?year=${new Date().getUTCFullYear()}`,
  }),
  'POST /api/public-holidays': async () => ({
    method: 'POST',
    url: '/api/public-holidays',
    payload: { date: holidayDate(), name: 'Matrix', level: 'national' },
  }),
  'DELETE /api/public-holidays/:id': async (w, _caller, relation) => ({
    method: 'DELETE',
    url: `/api/public-holidays/${await holidayIn(w, entityOf(w, relation))}`,
  }),
};

export const CALENDAR_FEEDS_SCENARIOS: Record<string, Scenario> = {
  'GET /feeds/:token': (w, caller, relation) => feedScenario(w, caller, relation),
  'GET /api/calendar-feeds': async () => ({ method: 'GET', url: '/api/calendar-feeds' }),
  'POST /api/calendar-feeds': async () => ({
    method: 'POST',
    url: '/api/calendar-feeds',
    payload: { includeNames: false },
  }),
  // The caller's own feed (`self`), a north colleague's, one of entity B's.
  'DELETE /api/calendar-feeds/:id': async (w, caller, relation) => {
    const { north } = await agendaColleagues(w);
    const [entity, owner] =
      relation === 'self' && caller !== 'anonymous'
        ? [w.actors[caller].entity, w.actors[caller].id]
        : relation === 'other_entity'
          ? [w.b, w.colleagues.otherEntity.id]
          : [w.a, north];
    return { method: 'DELETE', url: `/api/calendar-feeds/${await feedOf(w, entity, owner)}` };
  },
};

/** A live feed of the north colleague's: its token is all a calendar application sends. */
const feedScenario: Scenario = async (w) => {
  const { north } = await agendaColleagues(w);
  const feed = await feedOf(w, w.a, north);
  const token = await w.db.tenant(w.a.id, (tx) =>
    mintSecretLink(tx, {
      entityId: w.a.id,
      purpose: FEED_PURPOSE,
      subjectId: feed,
      ttlHours: FEED_TTL_HOURS,
      now: new Date(),
    }),
  );
  return { method: 'GET', url: `/feeds/${token}.ics` };
};
