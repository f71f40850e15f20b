import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pageQuerySchema, pageSchema, ticketSummarySchema } from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { errorResponses } from '../../platform/http-schemas';
import { toPage } from '../../platform/pagination';
import { contextOf } from '../../platform/request-context';
import * as repo from './repository';

export const supportRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/support/tickets',
    {
      config: { permission: 'support.open_ticket' },
      schema: {
        tags: ['support'],
        summary: "The signed-in professional's own support tickets, newest first",
        querystring: pageQuerySchema.extend({ mine: z.enum(['true']).default('true') }),
        response: { 200: pageSchema(ticketSummarySchema), ...errorResponses(400, 401) },
      },
    },
    async (request) => {
      const { auth } = contextOf(request);
      const { limit, cursor } = request.query;
      const rows = await deps.database.tenant(auth.entity.id, (tx) =>
        repo.listTicketsOfRequester(tx, auth.professionalId, limit, cursor),
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
};
