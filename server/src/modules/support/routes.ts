import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  pageQuerySchema,
  pageSchema,
  ticketAnswerSchema,
  ticketAssignSchema,
  ticketCommentCreateSchema,
  ticketCreateSchema,
  ticketSchema,
  ticketStatusChangeSchema,
  ticketSummarySchema,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { errorResponses } from '../../platform/http-schemas';
import { toPage } from '../../platform/pagination';
import { contextOf } from '../../platform/request-context';
import * as repo from './repository';
import * as service from './service';

const tags = ['support'];
const ticketParams = z.object({ id: z.uuid() });
const agentParams = z.object({ entityId: z.uuid(), ticketId: z.uuid() });

/**
 * Support tickets (issue 19, decision 0009). The requester's routes (`support.open_ticket`, own
 * tickets, behind their entity's wall) and an agent's actions on one ticket (`support.resolve`,
 * into the ticket's entity through the one audited crossing).
 */
export const supportRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/support/tickets',
    {
      config: { permission: 'support.open_ticket' },
      schema: {
        tags,
        summary: "The signed-in professional's own support tickets, newest first",
        querystring: pageQuerySchema.extend({
          mine: z.enum(['true']).default('true'),
          status: z.enum(['open', 'closed']).optional(),
        }),
        response: { 200: pageSchema(ticketSummarySchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { auth } = contextOf(request);
      const { limit, cursor, status } = request.query;
      const rows = await deps.database.tenant(auth.entity.id, (tx) =>
        repo.listTicketsOfRequester(tx, auth.professionalId, limit, cursor, status),
      );
      return toPage(rows, limit, (row) => ({
        id: row.id,
        number: row.number,
        kind: row.kind,
        status: row.status,
        subject: row.subject,
        createdAt: row.createdAt.toISOString(),
        updatedAt: row.updatedAt.toISOString(),
      }));
    },
  );

  app.post(
    '/api/support/tickets',
    {
      config: { permission: 'support.open_ticket' },
      schema: {
        tags,
        summary: 'Open a support ticket of one kind (checked against the entity first)',
        body: ticketCreateSchema,
        response: { 201: ticketSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      const ticket = await service.open(deps, contextOf(request), request.body);
      return reply.code(201).send(ticket);
    },
  );

  app.post(
    '/api/support/tickets/check',
    {
      config: { permission: 'support.open_ticket' },
      schema: {
        tags,
        summary: "A ticket's checks as it is typed: 204, or the field errors; nothing stored",
        body: ticketCreateSchema,
        response: { 204: z.null(), ...errorResponses(400, 401, 403) },
      },
    },
    async (request, reply) => {
      await service.check(deps, contextOf(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/support/tickets/:id',
    {
      config: { permission: 'support.open_ticket' },
      schema: {
        tags,
        summary: 'One of my support tickets, with its history',
        params: ticketParams,
        response: { 200: ticketSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.getOwn(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/support/tickets/:id/answer',
    {
      config: { permission: 'support.open_ticket' },
      schema: {
        tags,
        summary: 'Answer my ticket waiting for me (it goes back to the agents)',
        params: ticketParams,
        body: ticketAnswerSchema,
        response: { 200: ticketSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.answer(deps, contextOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/support/entities/:entityId/tickets/:ticketId',
    {
      config: { permission: 'support.resolve' },
      schema: {
        tags,
        summary: 'A support agent reads one ticket of any entity (audited; names, never content)',
        params: agentParams,
        response: { 200: ticketSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      service.loadTicketForAgent(
        deps,
        contextOf(request),
        request.params.entityId,
        request.params.ticketId,
      ),
  );

  app.post(
    '/api/support/entities/:entityId/tickets/:ticketId/comments',
    {
      config: { permission: 'support.resolve' },
      schema: {
        tags,
        summary: "A support agent writes to the ticket's requester (emailed to them)",
        params: agentParams,
        body: ticketCommentCreateSchema,
        response: { 200: ticketSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      service.comment(
        deps,
        contextOf(request),
        request.params.entityId,
        request.params.ticketId,
        request.body,
      ),
  );

  app.post(
    '/api/support/entities/:entityId/tickets/:ticketId/status',
    {
      config: { permission: 'support.resolve' },
      schema: {
        tags,
        summary: 'A support agent moves a ticket along its workflow (emailed to the requester)',
        params: agentParams,
        body: ticketStatusChangeSchema,
        response: { 200: ticketSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      service.changeStatus(
        deps,
        contextOf(request),
        request.params.entityId,
        request.params.ticketId,
        request.body,
      ),
  );

  app.put(
    '/api/support/entities/:entityId/tickets/:ticketId/assignee',
    {
      config: { permission: 'support.resolve' },
      schema: {
        tags,
        summary: 'Assign a ticket to an agent of the support entity, or unassign it',
        params: agentParams,
        body: ticketAssignSchema,
        response: { 200: ticketSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) =>
      service.assign(
        deps,
        contextOf(request),
        request.params.entityId,
        request.params.ticketId,
        request.body.agentId,
      ),
  );
};
