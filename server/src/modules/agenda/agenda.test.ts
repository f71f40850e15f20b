import { describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { AgendaEntry, Role } from '@caliu/common';
import { rowsOf } from '../../db/connect';
import { buildTestApp, login, manualClock } from '../../testing/app';
import { createTestCaseFile } from '../../testing/case-files-factories';
import { NEEDS_POSTGRES, onPostgres, testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { createTestPerson } from '../../testing/persons-factories';

/**
 * The agenda (issue 18): who books for whom, conflicts and working hours (each overridable),
 * the SIAD wall as busy time, free/busy of colleagues, daylight-saving days, the next free slot,
 * and a professional's future appointments holding their deactivation.
 */

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

async function setUp(options: { timeZone?: string; now?: string } = {}) {
  const clock = manualClock(new Date(options.now ?? '2026-03-02T08:00:00Z'));
  const { app } = await buildTestApp({ clock });
  const db = await testDatabase();
  const entity = await createTestEntity(db, options.timeZone ? { timeZone: options.timeZone } : {});
  const make = (roles: Role[], team = entity.teams.north) =>
    createTestProfessional(db, entity, { roles, teams: [team] });
  const assistant = await make(['aux_admin']);
  const tech = await make(['tech_ssb']);
  const colleague = await make(['tech_ssb']);
  const siad = await make(['tech_siad']);
  const southAssistant = await make(['aux_admin'], entity.teams.south);
  const coordinator = await createTestProfessional(db, entity, {
    roles: ['coordinator'],
    coordinates: [entity.teams.north],
  });
  const admin = await createTestProfessional(db, entity, { roles: ['administrator'] });
  const person = await createTestPerson(db, entity);
  const sessions = new Map<string, Awaited<ReturnType<typeof login>>>();
  const call = async (
    who: { username: string },
    method: Method,
    url: string,
    payload?: object,
    language = 'en',
  ) => {
    let session = sessions.get(who.username);
    if (!session) {
      session = await login(app, entity.code, who.username);
      sessions.set(who.username, session);
    }
    return app.inject({
      method,
      url,
      ...(payload ? { payload } : {}),
      headers: session.headers(language),
    });
  };
  const book = (
    who: { username: string },
    body: Partial<{
      professionalId: string;
      personIds: string[];
      caseFileId: string | null;
      startsAt: string;
      endsAt: string;
      place: string;
      notes: string | null;
      force: boolean;
      confirmOutsideHours: boolean;
    }>,
  ) =>
    call(who, 'POST', '/api/appointments', {
      professionalId: tech.id,
      personIds: [person],
      startsAt: '2026-03-03T10:00',
      endsAt: '2026-03-03T11:00',
      place: 'office',
      ...body,
    });
  const week = async (who: { username: string }, query: string) => {
    const res = await call(who, 'GET', `/api/agenda?${query}`);
    expect(res.statusCode, res.body).toBe(200);
    return res.json() as { entries: AgendaEntry[]; professionals: { id: string; view: string }[] };
  };
  return {
    app,
    db,
    clock,
    entity,
    assistant,
    tech,
    colleague,
    siad,
    southAssistant,
    coordinator,
    admin,
    person,
    call,
    book,
    week,
    /** Sign in again (after the clock moved past the sessions' idle time). */
    signInAgain: () => sessions.clear(),
  };
}

describe('booking appointments', () => {
  it('lets an assistant book for a technician of their team, who sees it in their week', async () => {
    const { assistant, tech, person, book, week } = await setUp();
    const res = await book(assistant, { notes: 'Bring the rent contract' });
    expect(res.statusCode, res.body).toBe(201);
    const { appointment, timeZone } = res.json();
    expect(timeZone).toBe('Europe/Madrid');
    expect(appointment).toMatchObject({
      professional: { id: tech.id },
      startsAt: '2026-03-03T10:00',
      endsAt: '2026-03-03T11:00',
      state: 'booked',
      notes: 'Bring the rent contract',
      bookedBy: { id: assistant.id },
      can: { edit: true },
    });
    expect(appointment.persons.map((p: { id: string }) => p.id)).toEqual([person]);
    const mine = await week(tech, 'from=2026-03-02&days=7');
    expect(mine.entries).toHaveLength(1);
    expect(mine.entries[0]).toMatchObject({ kind: 'appointment', id: appointment.id });
  });

  it('keeps each role to the agendas DESIGN.md gives it', async () => {
    const { tech, colleague, southAssistant, coordinator, admin, book } = await setUp();
    // A technician books only their own.
    expect((await book(tech, { professionalId: colleague.id })).statusCode).toBe(403);
    expect((await book(tech, {})).statusCode).toBe(201);
    // An assistant of another team does not even see this technician.
    expect(
      (await book(southAssistant, { startsAt: '2026-03-03T12:00', endsAt: '2026-03-03T13:00' }))
        .statusCode,
    ).toBe(404);
    // A coordinator books for anyone of their teams.
    expect(
      (
        await book(coordinator, {
          professionalId: colleague.id,
          startsAt: '2026-03-03T12:00',
          endsAt: '2026-03-03T13:00',
        })
      ).statusCode,
    ).toBe(201);
    // The administrator has no agenda.
    expect((await book(admin, {})).statusCode).toBe(403);
  });

  it('refuses bad times with a field error, in the language of the request', async () => {
    const { assistant, book, call, tech, person } = await setUp();
    const backwards = await book(assistant, { endsAt: '2026-03-03T09:00' });
    expect(backwards.statusCode).toBe(400);
    expect(backwards.json().error.details[0].field).toBe('endsAt');
    const tooLong = await book(assistant, { endsAt: '2026-03-04T09:00' });
    expect(tooLong.statusCode).toBe(400);
    const garbage = await call(
      assistant,
      'POST',
      '/api/appointments',
      {
        professionalId: tech.id,
        personIds: [person],
        startsAt: '3 March',
        endsAt: '2026-03-03T11:00',
        place: 'office',
      },
      'ca',
    );
    expect(garbage.statusCode).toBe(400);
    // Years the agenda does not keep are a slip of the keyboard: 400, never a database error.
    for (const url of [
      '/api/agenda?from=9999-12-31',
      '/api/agenda?from=0000-01-01',
      `/api/agenda/next-free?professionalId=${tech.id}&after=9999-12-30T10:00`,
    ]) {
      expect((await call(assistant, 'GET', url)).statusCode, url).toBe(400);
    }
    expect(
      (await book(assistant, { startsAt: '0000-01-01T10:00', endsAt: '0000-01-01T11:00' }))
        .statusCode,
    ).toBe(400);
    expect(garbage.json().error.message).toMatch(/no són vàlids/);
  });

  it('links a case file only when every person is a member and the booker sees it', async () => {
    const { db, entity, tech, book, person } = await setUp();
    const file = await createTestCaseFile(db, entity, { referentId: tech.id });
    const other = await createTestPerson(db, entity);
    expect(
      (await book(tech, { caseFileId: file.id, personIds: [file.holderId, other] })).statusCode,
    ).toBe(400);
    const ok = await book(tech, { caseFileId: file.id, personIds: [file.holderId] });
    expect(ok.statusCode, ok.body).toBe(201);
    expect(ok.json().appointment.caseFile).toMatchObject({ id: file.id, number: file.number });
    // A file the booker does not see is refused as unknown.
    const notMine = await createTestCaseFile(db, entity, {});
    const res = await book(tech, {
      caseFileId: notMine.id,
      personIds: [notMine.holderId],
      startsAt: '2026-03-03T12:00',
      endsAt: '2026-03-03T13:00',
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details[0].field).toBe('caseFileId');
    void person;
  });
});

describe('conflicts', () => {
  it('refuses a booking over another, naming it, unless booked anyway', async () => {
    const { assistant, book, db, entity } = await setUp();
    expect((await book(assistant, {})).statusCode).toBe(201);
    const other = await createTestPerson(db, entity, { givenName: 'Núria', firstSurname: 'Vidal' });
    const clash = await book(assistant, {
      personIds: [other],
      startsAt: '2026-03-03T10:30',
      endsAt: '2026-03-03T11:30',
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.code).toBe('agenda.conflict');
    expect(clash.json().error.details).toHaveLength(1);
    expect(clash.json().error.details[0].message).toMatch(/10:00–11:00/);
    expect(clash.json().error.details[0].message).toMatch(/appointment with Test Person/);
    // Touching ends are no conflict.
    expect(
      (await book(assistant, { startsAt: '2026-03-03T11:00', endsAt: '2026-03-03T11:30' }))
        .statusCode,
    ).toBe(201);
    const forced = await book(assistant, {
      personIds: [other],
      startsAt: '2026-03-03T10:30',
      endsAt: '2026-03-03T11:30',
      force: true,
    });
    expect(forced.statusCode, forced.body).toBe(201);
  });

  it("refuses a booking over a reservation, and a coordinator's reservation over bookings", async () => {
    const { coordinator, tech, colleague, assistant, book, call } = await setUp();
    const meeting = await call(coordinator, 'POST', '/api/time-reservations', {
      title: 'Team meeting',
      professionalIds: [tech.id, colleague.id, coordinator.id],
      startsAt: '2026-03-04T09:00',
      endsAt: '2026-03-04T10:00',
    });
    expect(meeting.statusCode, meeting.body).toBe(201);
    expect(meeting.json().reservation.professionals).toHaveLength(3);
    const clash = await book(assistant, {
      startsAt: '2026-03-04T09:30',
      endsAt: '2026-03-04T10:30',
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.details[0].message).toMatch(/reserved: Team meeting/);
    // A technician blocks only their own time.
    const notOwn = await call(tech, 'POST', '/api/time-reservations', {
      title: 'Training',
      professionalIds: [tech.id, colleague.id],
      startsAt: '2026-03-05T09:00',
      endsAt: '2026-03-05T10:00',
    });
    expect(notOwn.statusCode).toBe(403);
    const own = await call(tech, 'POST', '/api/time-reservations', {
      title: 'Training',
      professionalIds: [tech.id],
      startsAt: '2026-03-05T09:00',
      endsAt: '2026-03-05T10:00',
    });
    expect(own.statusCode).toBe(201);
    // The technician cannot remove the coordinator's meeting, not even one with them alone;
    // the coordinator can.
    const id = meeting.json().reservation.id;
    expect((await call(tech, 'DELETE', `/api/time-reservations/${id}`)).statusCode).toBe(403);
    const alone = await call(coordinator, 'POST', '/api/time-reservations', {
      title: 'Supervision',
      professionalIds: [tech.id],
      startsAt: '2026-03-06T09:00',
      endsAt: '2026-03-06T10:00',
    });
    expect(alone.json().reservation.can.remove).toBe(true);
    const aloneId = alone.json().reservation.id;
    const techView = await call(tech, 'GET', '/api/agenda?from=2026-03-02&days=7');
    expect(techView.json().entries.find((e: { id?: string }) => e.id === aloneId).can.remove).toBe(
      false,
    );
    expect((await call(tech, 'DELETE', `/api/time-reservations/${aloneId}`)).statusCode).toBe(403);
    expect(
      (await call(tech, 'DELETE', `/api/time-reservations/${own.json().reservation.id}`))
        .statusCode,
    ).toBe(204);
    expect((await call(coordinator, 'DELETE', `/api/time-reservations/${id}`)).statusCode).toBe(
      204,
    );
    expect(
      (await book(assistant, { startsAt: '2026-03-04T09:30', endsAt: '2026-03-04T10:30' }))
        .statusCode,
    ).toBe(201);
  });

  it.skipIf(!onPostgres())(
    `lets one of two bookings racing for one slot through and tells the other (${NEEDS_POSTGRES})`,
    async () => {
      const { assistant, coordinator, book, db, entity } = await setUp();
      const other = await createTestPerson(db, entity);
      for (let round = 0; round < 5; round++) {
        const day = `2026-03-1${round}`;
        const [a, b] = await Promise.all([
          book(assistant, { startsAt: `${day}T10:00`, endsAt: `${day}T11:00` }),
          book(coordinator, {
            personIds: [other],
            startsAt: `${day}T10:30`,
            endsAt: `${day}T11:30`,
          }),
        ]);
        expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
      }
      const [row] = await db.asOwner((tx) =>
        rowsOf<{ n: number }>(
          tx,
          sql`SELECT count(*)::int AS n FROM appointments WHERE entity_id = ${entity.id}`,
        ),
      );
      expect(row!.n).toBe(5);
    },
  );
});

describe('working hours and holidays', () => {
  it('asks to confirm a booking outside working hours or on a holiday', async () => {
    const { coordinator, admin, assistant, entity, book, call, tech } = await setUp();
    const hours = await call(coordinator, 'PUT', `/api/working-hours/${entity.sectors.north}`, {
      intervals: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '08:00', end: '15:00' })),
    });
    expect(hours.statusCode, hours.body).toBe(200);
    // A technician reads them; only a coordinator of a team of the sector changes them.
    const list = await call(tech, 'GET', '/api/working-hours');
    expect(list.json().items[0]).toMatchObject({ canEdit: false });
    expect(list.json().items[0].intervals).toHaveLength(5);
    expect(
      (await call(tech, 'PUT', `/api/working-hours/${entity.sectors.north}`, { intervals: [] }))
        .statusCode,
    ).toBe(403);

    const late = await book(assistant, {
      startsAt: '2026-03-03T16:00',
      endsAt: '2026-03-03T17:00',
    });
    expect(late.statusCode).toBe(409);
    expect(late.json().error.code).toBe('agenda.outside_hours');
    expect(late.json().error.details[0].message).toMatch(/08:00–15:00/);
    const saturday = await book(assistant, {
      startsAt: '2026-03-07T10:00',
      endsAt: '2026-03-07T11:00',
    });
    expect(saturday.json().error.details[0].message).toMatch(/not a working day/);
    expect(
      (
        await book(assistant, {
          startsAt: '2026-03-03T16:00',
          endsAt: '2026-03-03T17:00',
          confirmOutsideHours: true,
        })
      ).statusCode,
    ).toBe(201);

    const holiday = await call(admin, 'POST', '/api/public-holidays', {
      date: '2026-03-19',
      name: 'Sant Josep',
      level: 'local',
      municipalityId: entity.municipalities.north1,
    });
    expect(holiday.statusCode, holiday.body).toBe(201);
    // Only the administrator edits holidays; everyone reads them.
    expect(
      (
        await call(coordinator, 'POST', '/api/public-holidays', {
          date: '2026-03-20',
          name: 'X',
          level: 'national',
        })
      ).statusCode,
    ).toBe(403);
    const onHoliday = await book(assistant, {
      startsAt: '2026-03-19T10:00',
      endsAt: '2026-03-19T11:00',
    });
    expect(onHoliday.statusCode).toBe(409);
    expect(onHoliday.json().error.details[0].message).toMatch(/Sant Josep/);
    const view = await call(tech, 'GET', '/api/agenda?from=2026-03-16&days=7');
    expect(view.json().holidays).toEqual([
      expect.objectContaining({ date: '2026-03-19', name: 'Sant Josep', level: 'local' }),
    ]);
    expect(view.json().professionals[0].localHolidayIds).toEqual([holiday.json().id]);
    expect(view.json().professionals[0].workingHours).toHaveLength(5);
  });

  it('finds the next free slot within working hours, past bookings and holidays', async () => {
    const { coordinator, admin, assistant, entity, book, call, tech } = await setUp();
    await call(coordinator, 'PUT', `/api/working-hours/${entity.sectors.north}`, {
      intervals: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, start: '09:00', end: '11:00' })),
    });
    await call(admin, 'POST', '/api/public-holidays', {
      date: '2026-03-04',
      name: 'Local fair',
      level: 'national',
    });
    expect(
      (await book(assistant, { startsAt: '2026-03-03T09:00', endsAt: '2026-03-03T10:30' }))
        .statusCode,
    ).toBe(201);
    const next = await call(
      assistant,
      'GET',
      `/api/agenda/next-free?professionalId=${tech.id}&minutes=60&after=2026-03-03T08:00`,
    );
    expect(next.statusCode, next.body).toBe(200);
    // 10:30–11:00 is too short, the 4th is a holiday: the 5th at nine.
    expect(next.json().slot).toEqual({ startsAt: '2026-03-05T09:00', endsAt: '2026-03-05T10:00' });
  });
});

describe('what each viewer sees', () => {
  it("shows a technician their colleagues' time as busy, with nothing else", async () => {
    const { assistant, colleague, tech, book, week, entity } = await setUp();
    expect((await book(assistant, { professionalId: colleague.id })).statusCode).toBe(201);
    const team = await week(tech, `teamId=${entity.teams.north}&from=2026-03-02&days=7`);
    const views = Object.fromEntries(team.professionals.map((p) => [p.id, p.view]));
    expect(views[tech.id]).toBe('full');
    expect(views[colleague.id]).toBe('free_busy');
    expect(team.entries).toEqual([
      {
        kind: 'busy',
        professional: expect.objectContaining({ id: colleague.id }),
        startsAt: '2026-03-03T10:00',
        endsAt: '2026-03-03T11:00',
      },
    ]);
    // The assistant sees it in full.
    const full = await week(assistant, `teamId=${entity.teams.north}&from=2026-03-02&days=7`);
    expect(full.entries[0]).toMatchObject({ kind: 'appointment' });
  });

  it('shows an appointment of a person with a SIAD case file as busy outside the SIAD circle', async () => {
    const { db, entity, assistant, siad, coordinator, tech, book, week, call } = await setUp();
    const file = await createTestCaseFile(db, entity, { scope: 'siad', referentId: siad.id });
    const res = await book(assistant, {
      professionalId: siad.id,
      personIds: [file.holderId],
      notes: 'Safety plan',
    });
    expect(res.statusCode, res.body).toBe(201);
    const id = res.json().appointment.id;
    // The assistant who booked it sees busy time only from now on; so does any colleague.
    for (const who of [assistant, tech]) {
      const seen = await week(who, `teamId=${entity.teams.north}&from=2026-03-02&days=7`);
      expect(seen.entries).toEqual([
        expect.objectContaining({ kind: 'busy', startsAt: '2026-03-03T10:00' }),
      ]);
      expect(JSON.stringify(seen)).not.toMatch(/Safety plan|siad/i);
      expect((await call(who, 'GET', `/api/appointments/${id}`)).statusCode).toBe(404);
      const page = await call(who, 'GET', `/api/persons/${file.holderId}/appointments`);
      expect(page.json()).toMatchObject({ items: [], siadReminders: null });
    }
    // The SIAD technician and the team's coordinator see it.
    for (const who of [siad, coordinator]) {
      const seen = await week(who, `professionalId=${siad.id}&from=2026-03-02&days=7`);
      expect(seen.entries[0]).toMatchObject({ kind: 'appointment', notes: 'Safety plan' });
    }
    // A conflict names it to the SIAD technician only.
    const clash = await book(assistant, {
      professionalId: siad.id,
      startsAt: '2026-03-03T10:30',
      endsAt: '2026-03-03T11:30',
    });
    expect(clash.json().error.details[0].message).toMatch(/busy$/);
    // Reminders to this person are off until the SIAD technician switches them on.
    const page = await call(siad, 'GET', `/api/persons/${file.holderId}/appointments`);
    expect(page.json().siadReminders).toEqual({ allowed: false });
    expect(
      (
        await call(assistant, 'PUT', `/api/persons/${file.holderId}/reminders`, {
          allowReminders: true,
        })
      ).statusCode,
    ).toBe(403);
    // An SSB technician holds no such grant either; a SIAD technician outside this person's
    // circle is told "not found", as if there were nothing to switch.
    const otherSiad = await createTestProfessional(db, entity, {
      roles: ['tech_siad'],
      teams: [entity.teams.south],
    });
    expect(
      (
        await call(otherSiad, 'PUT', `/api/persons/${file.holderId}/reminders`, {
          allowReminders: true,
        })
      ).statusCode,
    ).toBe(404);
    expect(
      (
        await call(siad, 'PUT', `/api/persons/${file.holderId}/reminders`, {
          allowReminders: true,
        })
      ).statusCode,
    ).toBe(204);
    const after = await call(siad, 'GET', `/api/persons/${file.holderId}/appointments`);
    expect(after.json().siadReminders).toEqual({ allowed: true });
  });
});

describe('changing an appointment', () => {
  it('moves, records how it went once begun, and cancels with a reason', async () => {
    const { assistant, clock, book, call, tech, signInAgain } = await setUp();
    const id = (await book(assistant, {})).json().appointment.id;
    const early = await call(assistant, 'PATCH', `/api/appointments/${id}`, { state: 'attended' });
    expect(early.statusCode).toBe(400);
    const moved = await call(assistant, 'PATCH', `/api/appointments/${id}`, {
      startsAt: '2026-03-03T12:00',
      endsAt: '2026-03-03T12:45',
      place: 'phone',
    });
    expect(moved.statusCode, moved.body).toBe(200);
    expect(moved.json().appointment).toMatchObject({
      startsAt: '2026-03-03T12:00',
      endsAt: '2026-03-03T12:45',
      place: 'phone',
    });
    clock.advance(2 * 86_400_000);
    signInAgain();
    const attended = await call(tech, 'PATCH', `/api/appointments/${id}`, { state: 'attended' });
    expect(attended.statusCode, attended.body).toBe(200);
    expect(
      (await call(tech, 'POST', `/api/appointments/${id}/cancel`, { reason: 'x' })).statusCode,
    ).toBe(409);

    const second = (
      await book(assistant, { startsAt: '2026-03-10T10:00', endsAt: '2026-03-10T11:00' })
    ).json().appointment.id;
    expect(
      (await call(assistant, 'POST', `/api/appointments/${second}/cancel`, { reason: ' ' }))
        .statusCode,
    ).toBe(400);
    const cancelled = await call(assistant, 'POST', `/api/appointments/${second}/cancel`, {
      reason: 'The person asked to change it',
    });
    expect(cancelled.json().appointment).toMatchObject({
      state: 'cancelled',
      cancelReason: 'The person asked to change it',
      can: { edit: false },
    });
    // The slot is free again; the list view still shows the cancelled one.
    expect(
      (await book(assistant, { startsAt: '2026-03-10T10:00', endsAt: '2026-03-10T11:00' }))
        .statusCode,
    ).toBe(201);
    const list = await call(
      tech,
      'GET',
      '/api/agenda?from=2026-03-09&days=7&includeCancelled=true',
    );
    expect(list.json().entries.map((e: { state?: string }) => e.state)).toEqual([
      'cancelled',
      'booked',
    ]);
  });

  it("holds a professional's deactivation while they have appointments to come", async () => {
    const { assistant, admin, book, call, tech } = await setUp();
    const id = (await book(assistant, {})).json().appointment.id;
    const refused = await call(admin, 'POST', `/api/professionals/${tech.id}/deactivate`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.message).toMatch(/1 future appointment/);
    await call(assistant, 'POST', `/api/appointments/${id}/cancel`, { reason: 'Moving on' });
    expect((await call(admin, 'POST', `/api/professionals/${tech.id}/deactivate`)).statusCode).toBe(
      200,
    );
  });
});

describe('a person record deleted', () => {
  it('is refused while the person has appointments to come, and takes past ones along', async () => {
    const { db, entity, assistant, coordinator, book, call } = await setUp();
    const person = await createTestPerson(db, entity);
    const id = (await book(assistant, { personIds: [person] })).json().appointment.id;
    const refused = await call(coordinator, 'DELETE', `/api/persons/${person}`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe('persons.has_appointments');
    await call(assistant, 'POST', `/api/appointments/${id}/cancel`, { reason: 'Duplicate record' });
    expect((await call(coordinator, 'DELETE', `/api/persons/${person}`)).statusCode).toBe(204);
    const left = await db.asOwner((tx) =>
      rowsOf(tx, sql`SELECT id FROM appointments WHERE entity_id = ${entity.id}`),
    );
    expect(left).toHaveLength(0);
  });
});

describe('daylight-saving days', () => {
  for (const zone of ['Europe/Madrid', 'Atlantic/Canary']) {
    it(`keeps wall times right across both changes of ${zone}`, async () => {
      const { assistant, book, week, tech, db, entity } = await setUp({ timeZone: zone });
      const gap = zone === 'Europe/Madrid' ? '02:30' : '01:30';
      // The spring change skips an hour: a time in it does not exist.
      const missing = await book(assistant, {
        startsAt: `2026-03-29T${gap}`,
        endsAt: '2026-03-29T04:00',
        confirmOutsideHours: true,
      });
      expect(missing.statusCode).toBe(400);
      expect(missing.json().error.details[0].field).toBe('startsAt');
      // Across the autumn change, 01:00 to 03:00 on the wall lasts three hours.
      const autumn = await book(assistant, {
        startsAt: '2026-10-25T00:30',
        endsAt: '2026-10-25T03:00',
        confirmOutsideHours: true,
      });
      expect(autumn.statusCode, autumn.body).toBe(201);
      const [row] = await db.asOwner((tx) =>
        rowsOf<{ minutes: number }>(
          tx,
          sql`SELECT (extract(epoch FROM ends_at - starts_at) / 60)::int AS minutes
            FROM appointments WHERE entity_id = ${entity.id}`,
        ),
      );
      expect(row!.minutes).toBe(210);
      // A late appointment belongs to its wall day, whose length is 25 hours.
      expect(
        (
          await book(assistant, {
            startsAt: '2026-10-25T23:30',
            endsAt: '2026-10-26T00:00',
            confirmOutsideHours: true,
          })
        ).statusCode,
      ).toBe(201);
      const day = await week(tech, 'from=2026-10-25&days=1');
      expect(day.entries.map((e) => e.startsAt)).toEqual(['2026-10-25T00:30', '2026-10-25T23:30']);
      const next = await week(tech, 'from=2026-10-26&days=1');
      expect(next.entries).toHaveLength(0);
    });
  }
});
