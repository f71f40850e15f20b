import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import ICAL from 'ical.js';
import { rowsOf } from '../../db/connect';
import { buildTestApp, login, manualClock } from '../../testing/app';
import { createTestAppointment, createTestReservation } from '../../testing/agenda-factories';
import { createTestCaseFile } from '../../testing/case-files-factories';
import { testDatabase } from '../../testing/database';
import { createTestEntity, createTestProfessional } from '../../testing/factories';
import { drain, messagingConfig } from '../../testing/messaging';
import { createTestPerson } from '../../testing/persons-factories';
import { startSmtpPeer, type SmtpPeer } from '../../testing/smtp-peer-process';
import { fetchLimiter } from './feed-routes';

/**
 * Calendar feeds (issue 18, point 6): the address is emailed (read here from what a real SMTP
 * server received), fetched without a session, and parsed by a real iCalendar parser (ical.js)
 * that knows no zone but the VTIMEZONE the feed carries — so the instants it computes across
 * both daylight-saving changes of Europe/Madrid prove the feed right. Names only with opt-in,
 * never behind the SIAD wall; revoked, replaced, expired or unknown: one 404.
 */

let peer: SmtpPeer;
beforeAll(async () => {
  peer = await startSmtpPeer();
});
afterAll(async () => {
  await peer.stop();
});

const DAY = 86_400_000;
const FEED_URL = /https:\/\/caliu\.test\.example\/feeds\/([0-9a-f-]{36}\.[A-Za-z0-9_-]{43})\.ics/;

async function setUp(now = '2030-03-20T10:00:00Z') {
  const clock = manualClock(new Date(now));
  const { app, logs } = await buildTestApp({ clock });
  const db = await testDatabase();
  const entity = await createTestEntity(db, { defaultLanguage: 'en' });
  const tech = await createTestProfessional(db, entity, {
    roles: ['tech_ssb'],
    teams: [entity.teams.north],
  });
  const colleague = await createTestProfessional(db, entity, {
    roles: ['tech_ssb'],
    teams: [entity.teams.north],
  });
  const config = messagingConfig({ SMTP_URL: peer.url });
  const call = async (who: { username: string }, method: string, url: string, payload?: object) => {
    const session = await login(app, entity.code, who.username);
    return app.inject({
      method: method as 'POST',
      url,
      ...(payload ? { payload } : {}),
      headers: session.headers('en'),
    });
  };
  /** Asks for a feed and answers its id and the token of the address emailed. */
  const subscribe = async (who: { username: string; email: string }, includeNames = false) => {
    const res = await call(who, 'POST', '/api/calendar-feeds', { includeNames });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.body).not.toMatch(/feeds\/|token/);
    const before = peer.received.length;
    const counts = await drain({ database: db, config, clock }, [entity.id]);
    expect(counts).toMatchObject({ sent: 1, failed: 0 });
    await peer.waitFor(before + 1, 10_000);
    const mail = peer.received
      .slice(before)
      .find((m) => m.envelope.to.includes(who.email.toLowerCase()))!;
    expect(mail.subject).toBe('Your Caliu agenda in your calendar application');
    const token = FEED_URL.exec(mail.text ?? '')?.[1];
    expect(token, mail.text ?? '').toBeDefined();
    expect(mail.html).toContain(`https://caliu.test.example/feeds/${token}.ics`);
    return { id: (res.json() as { id: string }).id, token: token!, mail };
  };
  const fetchFeed = (path: string) => app.inject({ method: 'GET', url: path });
  return { app, logs, db, clock, entity, tech, colleague, call, subscribe, fetchFeed };
}

type ParsedEvent = { summary: string; start: string; end: string; tzid: string };

/** The feed as a calendar application reads it: only the VTIMEZONE it carries tells the zone. */
function parse(body: string) {
  const calendar = new ICAL.Component(ICAL.parse(body));
  const zones = calendar.getAllSubcomponents('vtimezone');
  for (const zone of zones) ICAL.TimezoneService.register(zone);
  const events = new Map<string, ParsedEvent>();
  for (const vevent of calendar.getAllSubcomponents('vevent')) {
    const event = new ICAL.Event(vevent);
    events.set(event.uid, {
      summary: event.summary,
      start: event.startDate.toJSDate().toISOString(),
      end: event.endDate.toJSDate().toISOString(),
      tzid: event.startDate.zone?.tzid ?? '',
    });
  }
  return { zones: zones.map((z) => String(z.getFirstPropertyValue('tzid'))), events };
}

describe('calendar feeds', () => {
  it('emails a secret address whose feed a real parser reads in the entity’s zone, across the spring change', async () => {
    const { logs, db, entity, tech, colleague, subscribe, fetchFeed } = await setUp();
    const nuria = await createTestPerson(db, entity, {
      givenName: 'Núria',
      firstSurname: 'Puigvert',
      secondSurname: 'Soler',
    });
    const at = (startsAt: string, endsAt: string, extra: object = {}) =>
      createTestAppointment(db, entity, {
        professionalId: tech.id,
        personIds: [nuria],
        startsAt,
        endsAt,
        ...extra,
      });
    // Friday before the change: 09:00 Madrid is 08:00Z (UTC+1).
    const friday = await at('2030-03-29T08:00:00Z', '2030-03-29T09:00:00Z', {
      notes: 'Secret notes about the family',
    });
    // The change itself, Sunday 31 March: 01:30 (UTC+1) to 04:00 (UTC+2) is an hour and a half.
    const sunday = await at('2030-03-31T00:30:00Z', '2030-03-31T02:00:00Z', {
      place: 'home_visit',
    });
    // Monday after: 09:00 Madrid is 07:00Z (UTC+2).
    const monday = await at('2030-04-01T07:00:00Z', '2030-04-01T07:30:00Z', { place: 'phone' });
    const reservation = await createTestReservation(db, entity, {
      professionalIds: [tech.id, colleague.id],
      title: 'Team meeting',
      startsAt: '2030-03-30T11:00:00Z',
      endsAt: '2030-03-30T12:00:00Z',
    });
    // Not in the feed: cancelled, another professional's, before 30 days ago, beyond 180 days.
    const absent = [
      await at('2030-03-28T08:00:00Z', '2030-03-28T09:00:00Z', { state: 'cancelled' }),
      await createTestAppointment(db, entity, {
        professionalId: colleague.id,
        personIds: [nuria],
        startsAt: '2030-03-28T10:00:00Z',
        endsAt: '2030-03-28T11:00:00Z',
      }),
      await at('2030-02-10T08:00:00Z', '2030-02-10T09:00:00Z'),
      await at('2030-09-20T08:00:00Z', '2030-09-20T09:00:00Z'),
    ];

    const { token } = await subscribe(tech);
    const res = await fetchFeed(`/feeds/${token}.ics`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/calendar/);
    expect(res.headers['cache-control']).toBe('no-store');
    // Without the suffix too (some applications drop it).
    expect((await fetchFeed(`/feeds/${token}`)).body).toBe(res.body);

    const { zones, events } = parse(res.body);
    expect(zones).toEqual(['Europe/Madrid']);
    expect(res.body).toContain('DTSTART;TZID=Europe/Madrid:20300331T013000');
    expect(res.body).toContain('DTEND;TZID=Europe/Madrid:20300331T040000');
    expect(res.body).toMatch(/DTSTAMP:\d{8}T\d{6}Z/);
    expect(Object.fromEntries(events)).toEqual({
      [`appointment-${friday}@caliu`]: {
        summary: 'Appointment at the office',
        start: '2030-03-29T08:00:00.000Z',
        end: '2030-03-29T09:00:00.000Z',
        tzid: 'Europe/Madrid',
      },
      [`appointment-${sunday}@caliu`]: {
        summary: 'Home visit',
        start: '2030-03-31T00:30:00.000Z',
        end: '2030-03-31T02:00:00.000Z',
        tzid: 'Europe/Madrid',
      },
      [`reservation-${reservation}@caliu`]: {
        summary: 'Team meeting',
        start: '2030-03-30T11:00:00.000Z',
        end: '2030-03-30T12:00:00.000Z',
        tzid: 'Europe/Madrid',
      },
      [`appointment-${monday}@caliu`]: {
        summary: 'Phone appointment',
        start: '2030-04-01T07:00:00.000Z',
        end: '2030-04-01T07:30:00.000Z',
        tzid: 'Europe/Madrid',
      },
    });
    for (const id of absent) expect(res.body).not.toContain(id);
    expect(res.body).not.toMatch(/Núria|Puigvert|Secret notes/);

    // The same UIDs on the next fetch (a calendar application updates, not duplicates).
    expect([...parse((await fetchFeed(`/feeds/${token}.ics`)).body).events.keys()]).toEqual([
      ...events.keys(),
    ]);
    // No one was named: no audit of a read.
    const reads = await db.tenant(entity.id, (tx) =>
      rowsOf(tx, sql`SELECT id FROM audit_log WHERE action = 'calendar_feed.read'`),
    );
    expect(reads).toEqual([]);
    // The token never reaches the log; the path is written masked.
    const log = logs.join('');
    expect(log).not.toContain(token);
    expect(log).not.toContain(token.split('.')[1]!);
    expect(log).toContain('/feeds/[token]');
  });

  it('keeps the right times across the autumn change', async () => {
    const { db, entity, tech, subscribe, fetchFeed } = await setUp('2030-10-20T10:00:00Z');
    const person = await createTestPerson(db, entity);
    const at = (startsAt: string, endsAt: string) =>
      createTestAppointment(db, entity, {
        professionalId: tech.id,
        personIds: [person],
        startsAt,
        endsAt,
      });
    // Friday 25 October 09:00 (UTC+2), Sunday 27 01:30 (UTC+2) to 04:00 (UTC+1): three hours
    // and a half, Monday 28 09:00 (UTC+1).
    const friday = await at('2030-10-25T07:00:00Z', '2030-10-25T08:00:00Z');
    const sunday = await at('2030-10-26T23:30:00Z', '2030-10-27T03:00:00Z');
    const monday = await at('2030-10-28T08:00:00Z', '2030-10-28T09:00:00Z');
    const { token } = await subscribe(tech);
    const res = await fetchFeed(`/feeds/${token}.ics`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('DTSTART;TZID=Europe/Madrid:20301025T090000');
    expect(res.body).toContain('DTSTART;TZID=Europe/Madrid:20301027T013000');
    expect(res.body).toContain('DTEND;TZID=Europe/Madrid:20301027T040000');
    expect(res.body).toContain('DTSTART;TZID=Europe/Madrid:20301028T090000');
    const { events } = parse(res.body);
    const times = (id: string) => {
      const e = events.get(`appointment-${id}@caliu`)!;
      return [e.start, e.end];
    };
    expect(times(friday)).toEqual(['2030-10-25T07:00:00.000Z', '2030-10-25T08:00:00.000Z']);
    expect(times(sunday)).toEqual(['2030-10-26T23:30:00.000Z', '2030-10-27T03:00:00.000Z']);
    expect(times(monday)).toEqual(['2030-10-28T08:00:00.000Z', '2030-10-28T09:00:00.000Z']);
  });

  it('names persons only when the professional opted in, never behind the SIAD wall, and audits that read', async () => {
    const { db, entity, tech, subscribe, fetchFeed } = await setUp();
    const nuria = await createTestPerson(db, entity, {
      givenName: 'Núria',
      firstSurname: 'Puigvert',
    });
    const victim = await createTestPerson(db, entity, {
      givenName: 'Roser',
      firstSurname: 'Amagat',
    });
    await createTestCaseFile(db, entity, { scope: 'siad', holderId: victim });
    const other = await createTestPerson(db, entity, {
      givenName: 'Pilar',
      firstSurname: 'Discreta',
    });
    const siadFile = await createTestCaseFile(db, entity, { scope: 'siad' });
    const plain = await createTestAppointment(db, entity, {
      professionalId: tech.id,
      personIds: [nuria],
      startsAt: '2030-03-25T09:00:00Z',
      endsAt: '2030-03-25T10:00:00Z',
    });
    // With a person who has a SIAD case file (and a person without one).
    const withVictim = await createTestAppointment(db, entity, {
      professionalId: tech.id,
      personIds: [victim, nuria],
      startsAt: '2030-03-26T09:00:00Z',
      endsAt: '2030-03-26T10:00:00Z',
      notes: 'Protection order in force',
    });
    // Linked to a SIAD case file, its person not a member of it.
    const linked = await createTestAppointment(db, entity, {
      professionalId: tech.id,
      personIds: [other],
      caseFileId: siadFile.id,
      startsAt: '2030-03-27T09:00:00Z',
      endsAt: '2030-03-27T10:00:00Z',
      place: 'video',
    });

    const { id: feedId, token, mail } = await subscribe(tech, true);
    expect(mail.text).toContain('with the names of their persons');
    const res = await fetchFeed(`/feeds/${token}.ics`);
    expect(res.statusCode).toBe(200);
    const { events } = parse(res.body);
    expect(events.get(`appointment-${plain}@caliu`)!.summary).toBe(
      'Appointment at the office: Núria Puigvert',
    );
    expect(events.get(`appointment-${withVictim}@caliu`)!.summary).toBe(
      'Appointment at the office',
    );
    expect(events.get(`appointment-${linked}@caliu`)!.summary).toBe('Video call');
    expect(res.body).not.toMatch(/Roser|Amagat|Pilar|Discreta|Protection order|SIAD/i);

    const audits = await db.tenant(entity.id, (tx) =>
      rowsOf<{ actor_id: string; record_id: string; subjects: string[] }>(
        tx,
        sql`SELECT a.actor_id, a.record_id,
                   array_agg(s.person_id::text ORDER BY s.person_id) AS subjects
              FROM audit_log a JOIN audit_subjects s ON s.audit_id = a.id
             WHERE a.action = 'calendar_feed.read'
             GROUP BY a.id, a.actor_id, a.record_id`,
      ),
    );
    expect(audits).toEqual([{ actor_id: tech.id, record_id: feedId, subjects: [nuria] }]);
  });

  it('stops answering when revoked, replaced or expired, with one answer for every refusal', async () => {
    const { clock, entity, tech, colleague, call, subscribe, fetchFeed } = await setUp();
    const first = await subscribe(tech);
    expect((await fetchFeed(`/feeds/${first.token}.ics`)).statusCode).toBe(200);

    // A new one replaces it.
    const second = await subscribe(tech, true);
    const replaced = await fetchFeed(`/feeds/${first.token}.ics`);
    expect(replaced.statusCode).toBe(404);
    expect((await fetchFeed(`/feeds/${second.token}.ics`)).statusCode).toBe(200);
    const list = await call(tech, 'GET', '/api/calendar-feeds');
    expect(list.statusCode).toBe(200);
    const items = (list.json() as { items: { id: string; revokedAt: string | null }[] }).items;
    expect(items.map((f) => [f.id, f.revokedAt === null])).toEqual([
      [second.id, true],
      [first.id, false],
    ]);

    // Only one's own: a colleague neither sees nor revokes it.
    expect((await call(colleague, 'GET', '/api/calendar-feeds')).json()).toEqual({ items: [] });
    const foreign = await call(colleague, 'DELETE', `/api/calendar-feeds/${second.id}`);
    expect(foreign.statusCode).toBe(404);
    expect((await fetchFeed(`/feeds/${second.token}.ics`)).statusCode).toBe(200);

    const revoked = await call(tech, 'DELETE', `/api/calendar-feeds/${second.id}`);
    expect(revoked.statusCode, revoked.body).toBe(204);
    const afterRevoke = await fetchFeed(`/feeds/${second.token}.ics`);
    expect(afterRevoke.statusCode).toBe(404);

    // Expired: ten years and a bit later.
    const third = await subscribe(tech);
    expect((await fetchFeed(`/feeds/${third.token}.ics`)).statusCode).toBe(200);
    clock.advance(3654 * DAY);
    const expired = await fetchFeed(`/feeds/${third.token}.ics`);
    expect(expired.statusCode).toBe(404);

    const unknown = await fetchFeed(`/feeds/${entity.id}.${'A'.repeat(43)}.ics`);
    const garbage = await fetchFeed('/feeds/not-a-token.ics');
    for (const refused of [afterRevoke, expired, unknown, garbage]) {
      expect(refused.statusCode).toBe(404);
      expect(refused.body).toBe(replaced.body);
    }
  });

  it('limits fetches per address and per token', () => {
    const clock = manualClock(new Date('2030-03-20T10:00:00Z'));
    const limiter = fetchLimiter(clock, { perToken: 3, perIp: 5 });
    const results = [1, 2, 3, 4].map(() => limiter.check('token-a', '192.0.2.1'));
    expect(results.slice(0, 3)).toEqual([null, null, null]);
    expect(results[3]).toBeGreaterThan(0);
    // Other tokens from the same address: the address's own limit.
    expect(limiter.check('token-b', '192.0.2.1')).toBeNull();
    expect(limiter.check('token-c', '192.0.2.1')).toBeGreaterThan(0);
    expect(limiter.check('token-b', '192.0.2.2')).toBeNull();
    clock.advance(5 * 60_000);
    expect(limiter.check('token-a', '192.0.2.1')).toBeNull();
  });
});
