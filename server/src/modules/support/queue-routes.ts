import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  entityDirectorySchema,
  OPEN_TICKET_STATUSES,
  pageSchema,
  queueTicketSchema,
  supportAgentsSchema,
  supportDashboardSchema,
  supportQueueQuerySchema,
  TICKET_KINDS,
} from '@caliu/common';
import type {
  QueueTicket,
  SupportDashboard,
  SupportQueueQuery,
  TicketKind,
  TicketStatus,
} from '@caliu/common';
import { acrossEntitiesAsAgent } from '../../platform/access/cross-entity';
import type { AppDeps, RequestContext } from '../../platform/context';
import { forbidden } from '../../platform/errors';
import { errorResponses } from '../../platform/http-schemas';
import { decodeCursor, toPage } from '../../platform/pagination';
import { contextOf } from '../../platform/request-context';
import * as repo from './queue-repository';

const tags = ['support'];
const DAY = 24 * 60 * 60 * 1000;
const HOUR = 60 * 60 * 1000;
/** The dashboard's window: the last 30 days. */
const DASHBOARD_DAYS = 30;

/** The queue's filters as the functions take them (`age` and `me` resolved at `now`). */
export function queueFilters(query: SupportQueueQuery, now: Date, me: string): repo.QueueFilters {
  const statuses: TicketStatus[] =
    query.status === 'open' ? [...OPEN_TICKET_STATUSES] : [query.status];
  const monthAgo = new Date(now.getTime() - 30 * DAY);
  const after =
    query.age === 'day'
      ? new Date(now.getTime() - DAY)
      : query.age === 'week'
        ? new Date(now.getTime() - 7 * DAY)
        : query.age === 'month'
          ? monthAgo
          : null;
  return {
    entityId: query.entityId ?? null,
    kind: query.kind ?? null,
    statuses,
    createdAfter: after,
    createdBefore: query.age === 'older' ? monthAgo : null,
    assignee: query.assignee === 'me' ? me : (query.assignee ?? null),
    // What is still open waits longest first; what is closed reads newest first.
    newestFirst: query.status === 'resolved' || query.status === 'rejected',
  };
}

function presentQueueTicket(row: repo.QueueRow): QueueTicket {
  return {
    id: row.id,
    number: row.number,
    kind: row.kind,
    status: row.status,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    entity: { id: row.entityId, code: row.entityCode, name: row.entityName },
    requesterName: row.requesterName,
    assignee:
      row.assignedAgentId && row.assignedAgentName
        ? { id: row.assignedAgentId, name: row.assignedAgentName }
        : null,
    firstResponseAt: row.firstResponseAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
  };
}

/** The value below which `q` of the sorted `values` fall (linear interpolation), or null. */
export function percentile(values: readonly number[], q: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const above = Math.ceil(position);
  const value = sorted[below]! + (sorted[above]! - sorted[below]!) * (position - below);
  return Math.round(value * 10) / 10;
}

/**
 * The dashboard's figures per kind over [from, to]: tickets opened, of those still open, tickets
 * resolved (resolved or rejected) within the window; the median and p90 of the hours to the first
 * response (of tickets opened within it) and to resolution (of tickets resolved within it).
 */
export function dashboardOf(rows: repo.DashboardRow[], from: Date, to: Date): SupportDashboard {
  const within = (at: Date | null) => at !== null && at >= from && at <= to;
  const hours = (start: Date, end: Date) => (end.getTime() - start.getTime()) / HOUR;
  const open = new Set<TicketStatus>(OPEN_TICKET_STATUSES);
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    kinds: TICKET_KINDS.map((kind: TicketKind) => {
      const ofKind = rows.filter((row) => row.kind === kind);
      const opened = ofKind.filter((row) => within(row.createdAt));
      const resolved = ofKind.filter((row) => within(row.resolvedAt));
      const toFirstResponse = opened.flatMap((row) =>
        row.firstResponseAt ? [hours(row.createdAt, row.firstResponseAt)] : [],
      );
      const toResolution = resolved.map((row) => hours(row.createdAt, row.resolvedAt!));
      return {
        kind,
        opened: opened.length,
        open: opened.filter((row) => open.has(row.status)).length,
        resolved: resolved.length,
        firstResponseHours: {
          median: percentile(toFirstResponse, 0.5),
          p90: percentile(toFirstResponse, 0.9),
        },
        resolutionHours: {
          median: percentile(toResolution, 0.5),
          p90: percentile(toResolution, 0.9),
        },
      };
    }),
  };
}

/** The councils, for an agent of the service provider's entity (the support agent) alone. */
async function councils(deps: AppDeps, { auth }: RequestContext) {
  if (!auth.roles.includes('support_agent') || auth.entity.kind !== 'provider') throw forbidden();
  const items = await deps.database.tenant(auth.entity.id, (tx) => repo.entityDirectory(tx));
  return { items };
}

/**
 * The entities whose mailbox the caller reads (the mailbox's entity filter): every council for
 * whoever reads every entity's mailbox (`mailbox.view` at scope `all`, the support agent); one's
 * own entity for an administrator (scope `entity`).
 */
export async function mailboxEntitiesFor(deps: AppDeps, ctx: RequestContext) {
  const { auth } = ctx;
  if (auth.grants['mailbox.view'] === 'all') return councils(deps, ctx);
  const { id, code, name } = auth.entity;
  return { items: [{ id, code, name }] };
}

/**
 * The support agents' queue across every council, the entity directory, the agents and the
 * dashboard (issue 19, decision 0009). One ticket's routes are in routes.ts.
 */
export const supportQueueRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/support/queue',
    {
      config: { permission: 'support.resolve' },
      schema: {
        tags,
        summary:
          "Every council's support tickets, filtered: open ones oldest first (metadata only, audited)",
        querystring: supportQueueQuerySchema,
        response: { 200: pageSchema(queueTicketSchema), ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      const { query } = request;
      const after = decodeCursor(query.cursor);
      const filters = queueFilters(query, deps.clock.now(), ctx.auth.professionalId);
      const rows = await acrossEntitiesAsAgent(
        deps.database,
        ctx,
        'support.queue',
        filters.entityId,
        (tx) => repo.listQueue(tx, filters, query.limit, after),
      );
      return toPage(rows, query.limit, presentQueueTicket);
    },
  );

  app.get(
    '/api/support/entities',
    {
      config: { permission: 'support.resolve' },
      schema: {
        tags,
        summary: 'The councils (id, code, name): the entity filters of the queue and the mailbox',
        response: { 200: entityDirectorySchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => councils(deps, contextOf(request)),
  );

  app.get(
    '/api/support/agents',
    {
      config: { permission: 'support.resolve' },
      schema: {
        tags,
        summary: "The support entity's active agents, by name (whom a ticket may be assigned to)",
        response: { 200: supportAgentsSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const { auth } = contextOf(request);
      if (auth.entity.kind !== 'provider') throw forbidden();
      const items = await deps.database.tenant(auth.entity.id, (tx) => repo.supportAgents(tx));
      return { items };
    },
  );

  app.get(
    '/api/support/dashboard',
    {
      config: { permission: 'support.resolve' },
      schema: {
        tags,
        summary:
          'The last 30 days per kind: tickets opened, open, resolved; median and p90 hours to first response and to resolution',
        response: { 200: supportDashboardSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => {
      const to = deps.clock.now();
      const from = new Date(to.getTime() - DASHBOARD_DAYS * DAY);
      const rows = await acrossEntitiesAsAgent(
        deps.database,
        contextOf(request),
        'support.dashboard',
        null,
        (tx) => repo.dashboardRows(tx, from, to),
      );
      return dashboardOf(rows, from, to);
    },
  );
};
