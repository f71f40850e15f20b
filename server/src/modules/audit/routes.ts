import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiErrorSchema,
  auditEntrySchema,
  auditExportQuerySchema,
  auditQuerySchema,
  pageSchema,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import * as service from './service';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema };

export const auditRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.view' },
      schema: {
        tags: ['audit'],
        summary: "Search the entity's audit log (by professional, record, action, date)",
        querystring: auditQuerySchema,
        response: { 200: pageSchema(auditEntrySchema), ...errors },
      },
    },
    async (request) => service.search(deps, request.auth!, request, request.query),
  );

  app.get(
    '/api/audit/export',
    {
      config: { permission: 'audit.view' },
      schema: {
        tags: ['audit'],
        summary: 'Download the audit search as CSV',
        querystring: auditExportQuerySchema,
        response: { 200: z.string().describe('text/csv'), ...errors },
      },
    },
    async (request, reply) => {
      const day = new Date().toISOString().slice(0, 10);
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="caliu-audit-${day}.csv"`);
      const csv = Readable.from(service.exportCsv(deps, request.auth!, request, request.query));
      // A stream is sent as is; the type provider only knows the documented body (a string).
      return reply.send(csv as unknown as string);
    },
  );
};
