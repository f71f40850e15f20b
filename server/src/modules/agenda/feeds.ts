import { sql } from 'drizzle-orm';
import ical, { ICalEventBusyStatus } from 'ical-generator';
import { DateTime } from 'luxon';
import { tzlib_get_ical_block } from 'timezones-ical-library';
import type { CalendarFeed, Language } from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import {
  actorOf,
  type AppDeps,
  type PublicContext,
  publicActorOf,
  type RequestContext,
} from '../../platform/context';
import { AppError, notFound } from '../../platform/errors';
import { translator } from '../../platform/i18n';
import { enqueue } from '../../platform/messaging/outbox';
import { parseLinkToken, peekSecretLink } from '../../platform/messaging/secret-links';
import { siadSensitive } from './repository';

/**
 * Calendar feeds (issue 18, point 6): each professional subscribes to their own agenda through a
 * personal secret address in iCalendar (RFC 5545), the entity's zone included. The address is
 * a secret link (purpose `calendar_feed`, subject the `calendar_feeds` row): asking for one emails
 * it (the worker mints the token, the database keeps its hash), never answers it; it works until
 * the professional revokes it or asks for another. The feed names no person unless the
 * professional opted in, and never on an appointment behind the SIAD wall (linked to a SIAD case
 * file or with a person who has one); it carries no notes and no case file. A fetch that names
 * persons is audited with them as subjects.
 */

export const FEED_PURPOSE = 'calendar_feed';
/** A feed's link lives ten years (a subscription is meant to last); revoking ends it sooner. */
export const FEED_TTL_HOURS = 24 * 3653;
/** The span a feed covers, around the time it is fetched. */
const PAST_DAYS = 30;
const AHEAD_DAYS = 180;

type FeedRow = {
  id: string;
  include_names: boolean;
  created_at: Date | string;
  revoked_at: Date | string | null;
};

const iso = (value: Date | string) => new Date(value).toISOString();

function present(row: FeedRow): CalendarFeed {
  return {
    id: row.id,
    includeNames: row.include_names,
    createdAt: iso(row.created_at),
    revokedAt: row.revoked_at === null ? null : iso(row.revoked_at),
  };
}

/**
 * The caller's own feeds: the live one first, then the revoked ones (when they stopped), the
 * newest first.
 */
export async function listFeeds(deps: AppDeps, ctx: RequestContext) {
  const rows = await deps.database.tenant(ctx.auth.entity.id, (tx) =>
    rowsOf<FeedRow>(
      tx,
      sql`SELECT id, include_names, created_at, revoked_at FROM calendar_feeds
           WHERE professional_id = ${ctx.auth.professionalId}::uuid
           ORDER BY revoked_at IS NULL DESC, created_at DESC, id`,
    ),
  );
  return { items: rows.map(present) };
}

/** Revokes a professional's feeds (their deactivation: a reactivation must not revive a link). */
export async function revokeFeedsOf(tx: Tx, professionalId: string, now: Date): Promise<void> {
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`SELECT id FROM calendar_feeds WHERE professional_id = ${professionalId}::uuid
      AND revoked_at IS NULL`,
  );
  await revokeFeeds(
    tx,
    rows.map((r) => r.id),
    now,
  );
}

/** Revokes feeds and their links (rows already revoked stay as they are). */
async function revokeFeeds(tx: Tx, feedIds: string[], now: Date): Promise<void> {
  if (feedIds.length === 0) return;
  const ids = `{${feedIds.join(',')}}`;
  await tx.execute(sql`
    UPDATE calendar_feeds SET revoked_at = ${now.toISOString()}::timestamptz
     WHERE id = ANY (${ids}::uuid[]) AND revoked_at IS NULL`);
  await tx.execute(sql`
    UPDATE secret_links SET revoked_at = ${now.toISOString()}::timestamptz
     WHERE purpose = ${FEED_PURPOSE} AND subject_id = ANY (${ids}::uuid[])
       AND revoked_at IS NULL AND used_at IS NULL`);
}

/**
 * A new feed for the caller: their earlier live feeds stop working, and the new address is
 * emailed to them (never answered: whoever holds a session does not get a lasting credential).
 */
export async function createFeed(
  deps: AppDeps,
  ctx: RequestContext,
  input: { includeNames: boolean },
): Promise<CalendarFeed> {
  const { auth } = ctx;
  const now = deps.clock.now();
  return deps.database.tenant(auth.entity.id, async (tx) => {
    const live = await rowsOf<{ id: string }>(
      tx,
      sql`SELECT id FROM calendar_feeds
           WHERE professional_id = ${auth.professionalId}::uuid AND revoked_at IS NULL`,
    );
    await revokeFeeds(
      tx,
      live.map((r) => r.id),
      now,
    );
    const [row] = await rowsOf<FeedRow>(
      tx,
      sql`INSERT INTO calendar_feeds (entity_id, professional_id, include_names, created_at)
          VALUES (${auth.entity.id}::uuid, ${auth.professionalId}::uuid, ${input.includeNames},
                  ${now.toISOString()}::timestamptz)
          RETURNING id, include_names, created_at, revoked_at`,
    );
    const [me] = await rowsOf<{ email: string; language: Language | null }>(
      tx,
      sql`SELECT email, language FROM professionals WHERE id = ${auth.professionalId}::uuid`,
    );
    await enqueue(tx, {
      entityId: auth.entity.id,
      channel: 'email',
      template: 'calendar_feed',
      to: me!.email,
      language: me!.language,
      data: { givenName: auth.givenName, includeNames: input.includeNames },
      idempotencyKey: `calendar_feed:${row!.id}`,
      secretLink: { purpose: FEED_PURPOSE, subjectId: row!.id, ttlHours: FEED_TTL_HOURS },
    });
    await writeAudit(tx, actorOf(ctx), {
      action: 'calendar_feed.create',
      recordType: 'calendar_feed',
      recordId: row!.id,
      details: { includeNames: input.includeNames, revoked: live.length },
    });
    return present(row!);
  });
}

/** Revokes one of the caller's feeds (404 for anyone else's: indistinguishable from none). */
export async function revokeFeed(deps: AppDeps, ctx: RequestContext, feedId: string) {
  const { auth } = ctx;
  const now = deps.clock.now();
  await deps.database.tenant(auth.entity.id, async (tx) => {
    const [row] = await rowsOf<{ id: string }>(
      tx,
      sql`SELECT id FROM calendar_feeds
           WHERE id = ${feedId}::uuid AND professional_id = ${auth.professionalId}::uuid`,
    );
    if (!row) throw notFound();
    await revokeFeeds(tx, [row.id], now);
    await writeAudit(tx, actorOf(ctx), {
      action: 'calendar_feed.revoke',
      recordType: 'calendar_feed',
      recordId: row.id,
    });
  });
}

// ---------------------------------------------------------------------------------------------
// The feed itself

/** Unknown, revoked, replaced or expired: one answer for all. */
export const feedNotFound = () => new AppError('http.not_found', 404);

/** The token of `/feeds/<token>` or `/feeds/<token>.ics`. */
export function feedToken(param: string): string {
  return param.replace(/\.ics$/i, '');
}

type FeedOwner = {
  feed_id: string;
  include_names: boolean;
  professional_id: string;
  professional_language: Language | null;
  entity_name: string;
  time_zone: string;
  default_language: Language;
};

type AppointmentRow = {
  id: string;
  starts_at: Date | string;
  ends_at: Date | string;
  place: string;
  updated_at: Date | string;
  siad: boolean;
  persons: { id: string; name: string }[] | null;
};

type ReservationRow = {
  id: string;
  title: string;
  starts_at: Date | string;
  ends_at: Date | string;
  created_at: Date | string;
};

async function ownerOf(tx: Tx, feedId: string): Promise<FeedOwner | null> {
  const [row] = await rowsOf<FeedOwner>(
    tx,
    sql`SELECT f.id AS feed_id, f.include_names, f.professional_id,
               p.language AS professional_language, e.name AS entity_name, e.time_zone,
               e.default_language
          FROM calendar_feeds f
          JOIN professionals p ON p.entity_id = f.entity_id AND p.id = f.professional_id
          JOIN entities e ON e.id = f.entity_id
         WHERE f.id = ${feedId}::uuid AND f.revoked_at IS NULL AND p.active`,
  );
  return row ?? null;
}

/**
 * The professional's appointments (not cancelled) in the span. `siad`: behind the SIAD wall —
 * linked to a SIAD case file, or with a person who has one. Persons' names are read only when
 * the feed shows them, and never for such an appointment.
 */
async function appointmentsOf(
  tx: Tx,
  professionalId: string,
  from: Date,
  to: Date,
  withNames: boolean,
): Promise<AppointmentRow[]> {
  return rowsOf<AppointmentRow>(
    tx,
    sql`WITH mine AS (
          SELECT a.id, a.starts_at, a.ends_at, a.place, a.updated_at,
                 ${siadSensitive()} AS siad
            FROM appointments a
           WHERE a.professional_id = ${professionalId}::uuid AND a.state <> 'cancelled'
             AND a.starts_at < ${to.toISOString()}::timestamptz
             AND a.ends_at > ${from.toISOString()}::timestamptz)
        SELECT mine.*,
               CASE WHEN ${withNames} AND NOT mine.siad THEN (
                 SELECT json_agg(json_build_object(
                          'id', p.id,
                          'name', concat_ws(' ', p.given_name, p.first_surname, p.second_surname))
                          ORDER BY p.first_surname, p.given_name, p.id)
                   FROM appointment_persons ap
                   JOIN persons p ON p.entity_id = ap.entity_id AND p.id = ap.person_id
                  WHERE ap.appointment_id = mine.id)
               END AS persons
          FROM mine
         ORDER BY mine.starts_at, mine.id`,
  );
}

async function reservationsOf(
  tx: Tx,
  professionalId: string,
  from: Date,
  to: Date,
): Promise<ReservationRow[]> {
  return rowsOf<ReservationRow>(
    tx,
    sql`SELECT r.id, r.title, r.starts_at, r.ends_at, r.created_at
          FROM time_reservation_professionals rp
          JOIN time_reservations r ON r.entity_id = rp.entity_id AND r.id = rp.reservation_id
         WHERE rp.professional_id = ${professionalId}::uuid
           AND rp.starts_at < ${to.toISOString()}::timestamptz
           AND rp.ends_at > ${from.toISOString()}::timestamptz
         ORDER BY rp.starts_at, r.id`,
  );
}

/** The VTIMEZONE of a zone (timezones-ical-library), or none for a zone it does not know. */
function vtimezone(zone: string): string | null {
  const block = tzlib_get_ical_block(zone)[0];
  return block && block.startsWith('BEGIN:VTIMEZONE') ? block : null;
}

/**
 * The feed behind a token, as iCalendar text: the professional's appointments (not cancelled)
 * and time reservations from PAST_DAYS ago to AHEAD_DAYS ahead, in the entity's zone (TZID, with
 * its VTIMEZONE). Throws `feedNotFound` for a token that is not live.
 */
export async function feedCalendar(
  deps: AppDeps,
  ctx: PublicContext,
  tokenParam: string,
): Promise<string> {
  const token = feedToken(tokenParam);
  const parsed = parseLinkToken(token);
  if (!parsed) throw feedNotFound();
  const now = deps.clock.now();
  return deps.database.tenant(parsed.entityId, async (tx) => {
    const link = await peekSecretLink(tx, FEED_PURPOSE, token, now);
    const owner = link ? await ownerOf(tx, link.subjectId) : null;
    if (!owner) throw feedNotFound();
    const from = new Date(now.getTime() - PAST_DAYS * 86_400_000);
    const to = new Date(now.getTime() + AHEAD_DAYS * 86_400_000);
    const appointments = await appointmentsOf(
      tx,
      owner.professional_id,
      from,
      to,
      owner.include_names,
    );
    const reservations = await reservationsOf(tx, owner.professional_id, from, to);
    const named = appointments.flatMap((a) => (a.persons ?? []).map((p) => p.id));
    if (named.length > 0) {
      await writeAudit(tx, publicActorOf(ctx, parsed.entityId, owner.professional_id), {
        action: 'calendar_feed.read',
        recordType: 'calendar_feed',
        recordId: owner.feed_id,
        details: { appointments: appointments.length, named: named.length },
        subjects: named,
      });
    }
    return render(owner, appointments, reservations, now);
  });
}

function render(
  owner: FeedOwner,
  appointments: AppointmentRow[],
  reservations: ReservationRow[],
  now: Date,
): string {
  const t = translator(owner.professional_language ?? owner.default_language);
  const zone = owner.time_zone;
  const at = (value: Date | string) => DateTime.fromJSDate(new Date(value)).setZone(zone);
  const calendar = ical({
    name: t('calendarFeeds.name', { entityName: owner.entity_name }),
    prodId: { company: 'Caliu', product: 'Agenda', language: 'EN' },
    ttl: 15 * 60,
  });
  // No calendar-wide zone: each event carries TZID, and DTSTAMP stays in UTC as RFC 5545 asks.
  calendar.timezone({ name: null, generator: vtimezone });
  calendar.x([['X-WR-TIMEZONE', zone]]);
  const stamp = DateTime.fromJSDate(now).toUTC();
  for (const a of appointments) {
    const place = t(`calendarFeeds.place.${a.place}`);
    const names = (a.persons ?? []).map((p) => p.name);
    calendar.createEvent({
      id: `appointment-${a.id}@caliu`,
      start: at(a.starts_at),
      end: at(a.ends_at),
      timezone: zone,
      stamp,
      lastModified: DateTime.fromJSDate(new Date(a.updated_at)).toUTC(),
      summary: names.length ? `${place}: ${names.join(', ')}` : place,
      busystatus: ICalEventBusyStatus.BUSY,
    });
  }
  for (const r of reservations) {
    calendar.createEvent({
      id: `reservation-${r.id}@caliu`,
      start: at(r.starts_at),
      end: at(r.ends_at),
      timezone: zone,
      stamp,
      lastModified: DateTime.fromJSDate(new Date(r.created_at)).toUTC(),
      summary: r.title,
      busystatus: ICalEventBusyStatus.BUSY,
    });
  }
  return calendar.toString();
}
