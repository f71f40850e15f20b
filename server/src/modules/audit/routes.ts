import { Readable } from 'node:stream';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accessReportSchema,
  auditEntrySchema,
  auditExportQuerySchema,
  auditQuerySchema,
  pageSchema,
  personIdParamsSchema,
  personLookupQuerySchema,
  personLookupResultSchema,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { errorResponses, errors } from '../../platform/http-schemas';
import { contextOf } from '../../platform/request-context';
import * as dataSubject from '../persons/data-subject';
import * as service from './service';

const searchErrors = errorResponses(400, 401, 403);

/**
 * The administrator's audit log (search, CSV export) and data-subject tools: who a person is, and
 * who consulted or changed their data (the person module answers these, every use audited).
 */
export const auditRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/audit',
    {
      config: { permission: 'audit.view' },
      schema: {
        tags: ['audit'],
        summary: "Search the entity's audit log (by professional, record, action, date)",
        querystring: auditQuerySchema,
        response: { 200: pageSchema(auditEntrySchema), ...searchErrors },
      },
    },
    async (request) => service.search(deps, contextOf(request), request.query),
  );

  app.get(
    '/api/audit/export',
    {
      config: { permission: 'audit.view' },
      schema: {
        tags: ['audit'],
        summary: 'Download the audit search as CSV',
        querystring: auditExportQuerySchema,
        response: { 200: z.string().describe('text/csv'), ...searchErrors },
      },
    },
    async (request, reply) => {
      const day = new Date().toISOString().slice(0, 10);
      reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="caliu-audit-${day}.csv"`);
      const csv = Readable.from(service.exportCsv(deps, contextOf(request), request.query));
      // A stream is sent as is; the type provider only knows the documented body (a string).
      return reply.send(csv as unknown as string);
    },
  );

  app.get(
    '/api/audit/person-lookup',
    {
      config: { permission: 'audit.view' },
      schema: {
        tags: ['audit'],
        summary: 'Identify a data subject by document or name (the look-up is audited)',
        querystring: personLookupQuerySchema,
        response: { 200: personLookupResultSchema, ...errors },
      },
    },
    async (request) => dataSubject.lookup(deps, contextOf(request), request.query),
  );

  app.get(
    '/api/audit/persons/:id/access-report',
    {
      config: { permission: 'audit.view' },
      schema: {
        tags: ['audit'],
        summary: "Who consulted or changed this person's data, and when (GDPR art. 15)",
        params: personIdParamsSchema,
        response: { 200: accessReportSchema, ...errors },
      },
    },
    async (request) => dataSubject.accessReport(deps, contextOf(request), request.params.id),
  );
};
