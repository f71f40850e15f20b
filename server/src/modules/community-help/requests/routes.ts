import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  helpRequestDeleteSchema,
  helpRequestEditSchema,
  helpRequestEntryResultSchema,
  helpRequestFormSchema,
  helpRequestImportResultSchema,
  helpRequestLinkSchema,
  helpRequestListQuerySchema,
  helpRequestPageSchema,
  helpRequestParamsSchema,
  helpRequestSchema,
} from '@caliu/common';
import type { AppDeps } from '../../../platform/context';
import { errors } from '../../../platform/http-schemas';
import { contextOf } from '../../../platform/request-context';
import * as service from './service';

const tags = ['community-help'];
const config = { permission: 'help_requests.manage' } as const;

/**
 * The operators' help requests (issue 22, docs/decisions/0012; `help_requests.manage`: the
 * entity's operators): import, the table, a request's page, its edit, its person, its deletion.
 */
export const helpRequestRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/api/help-requests/import',
    {
      config,
      schema: {
        tags,
        summary: 'Import every pending submission of the help form as a help request',
        response: { 200: helpRequestImportResultSchema, ...errors },
      },
    },
    async (request) => service.importRequests(deps, contextOf(request)),
  );

  app.get(
    '/api/help-requests',
    {
      config,
      schema: {
        tags,
        summary: 'The help requests, filtered, sorted and paged (deleted ones only on request)',
        querystring: helpRequestListQuerySchema,
        response: { 200: helpRequestPageSchema, ...errors },
      },
    },
    async (request) => service.list(deps, contextOf(request), request.query),
  );

  app.get(
    '/api/help-requests/:id',
    {
      config,
      schema: {
        tags,
        summary: 'A help request (audited), with the person records it may be',
        params: helpRequestParamsSchema,
        response: { 200: helpRequestSchema, ...errors },
      },
    },
    async (request) => service.read(deps, contextOf(request), request.params.id),
  );

  app.patch(
    '/api/help-requests/:id',
    {
      config,
      schema: {
        tags,
        summary: 'Verify a help request by editing it',
        params: helpRequestParamsSchema,
        body: helpRequestEditSchema,
        response: { 200: helpRequestSchema, ...errors },
      },
    },
    async (request) => service.update(deps, contextOf(request), request.params.id, request.body),
  );

  app.put(
    '/api/help-requests/:id/person',
    {
      config,
      schema: {
        tags,
        summary: 'Link a help request to a person record, or unlink it (null)',
        params: helpRequestParamsSchema,
        body: helpRequestLinkSchema,
        response: { 200: helpRequestSchema, ...errors },
      },
    },
    async (request) => service.link(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/help-requests/:id/delete',
    {
      config,
      schema: {
        tags,
        summary: 'Delete a help request, with a reason (its personal data erased after retention)',
        params: helpRequestParamsSchema,
        body: helpRequestDeleteSchema,
        response: { 200: helpRequestSchema, ...errors },
      },
    },
    async (request) => service.remove(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/help-requests/entries',
    {
      config,
      schema: {
        tags,
        summary:
          "Enter a help request on someone's behalf after a phone call (the public form's fields)",
        body: helpRequestFormSchema,
        response: { 201: helpRequestEntryResultSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.enter(deps, contextOf(request), request.body)),
  );
};
