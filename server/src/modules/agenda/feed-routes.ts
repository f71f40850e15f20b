import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  calendarFeedListSchema,
  calendarFeedSchema,
  createCalendarFeedSchema,
} from '@caliu/common';
import type { AppDeps, Clock } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { errorResponses, errors, idParams } from '../../platform/http-schemas';
import { contextOf, publicContextOf } from '../../platform/request-context';
import { sha256 } from '../../platform/secrets';
import * as feeds from './feeds';

const tags = ['agenda'];

/** Fetches a calendar application makes: well above its polling, far below guessing. */
const WINDOW_MS = 5 * 60_000;
const PER_TOKEN = 20;
const PER_IP = 120;

/**
 * A fixed-window count per key (a token's hash, an address), in this process's memory: enough to
 * keep a leaked address from being hammered and a guesser slow; several processes each count
 * their own. Old windows are dropped as keys come back or the map grows.
 */
export function fetchLimiter(clock: Clock, limits = { perToken: PER_TOKEN, perIp: PER_IP }) {
  const counts = new Map<string, { window: number; n: number }>();
  const hit = (key: string, limit: number, window: number) => {
    const entry = counts.get(key);
    if (!entry || entry.window !== window) {
      if (counts.size > 50_000) {
        for (const [k, v] of counts) if (v.window !== window) counts.delete(k);
      }
      counts.set(key, { window, n: 1 });
      return true;
    }
    entry.n += 1;
    return entry.n <= limit;
  };
  return {
    /** Counts a fetch; answers the seconds to wait when one of its keys is over its limit. */
    check(token: string, ip: string): number | null {
      const now = clock.now().getTime();
      const window = Math.floor(now / WINDOW_MS);
      const byIp = hit(`ip:${ip}`, limits.perIp, window);
      const byToken = hit(`token:${sha256(token).toString('hex')}`, limits.perToken, window);
      return byIp && byToken ? null : Math.ceil(((window + 1) * WINDOW_MS - now) / 1000);
    },
  };
}

/**
 * Calendar feeds: the signed-in professional's own (`agenda.view`) — list, ask for one (emailed),
 * revoke — and the public feed itself, `GET /feeds/<token>.ics`, where the token is the
 * credential (a calendar application sends no session).
 */
export const calendarFeedRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const limiter = fetchLimiter(deps.clock);

  app.get(
    '/api/calendar-feeds',
    {
      config: { permission: 'agenda.view' },
      schema: {
        tags,
        summary:
          "The signed-in professional's calendar feeds: the live one first, then the revoked ones",
        response: { 200: calendarFeedListSchema, ...errors },
      },
    },
    async (request) => feeds.listFeeds(deps, contextOf(request)),
  );

  app.post(
    '/api/calendar-feeds',
    {
      config: { permission: 'agenda.view' },
      schema: {
        tags,
        summary:
          'A new calendar feed of the signed-in professional: its address is emailed to them ' +
          '(never answered); their earlier feeds stop working',
        body: createCalendarFeedSchema,
        response: { 201: calendarFeedSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await feeds.createFeed(deps, contextOf(request), request.body)),
  );

  app.delete(
    '/api/calendar-feeds/:id',
    {
      config: { permission: 'agenda.view' },
      schema: {
        tags,
        summary: 'Revoke one of the signed-in professional’s calendar feeds',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await feeds.revokeFeed(deps, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/feeds/:token',
    {
      config: { public: true },
      schema: {
        tags,
        summary:
          'A calendar feed (iCalendar): the secret token, with or without `.ics`, is the ' +
          'credential. 404 alike for an unknown, revoked or expired one',
        params: z.object({ token: z.string().max(200) }),
        response: { 200: z.string(), ...errorResponses(404, 429) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      reply.header('referrer-policy', 'no-referrer');
      const wait = limiter.check(feeds.feedToken(request.params.token), request.ip);
      if (wait !== null) {
        reply.header('retry-after', String(wait));
        throw new AppError('http.too_many_requests', 429);
      }
      const body = await feeds.feedCalendar(deps, publicContextOf(request), request.params.token);
      return reply.type('text/calendar; charset=utf-8').send(body);
    },
  );
};
