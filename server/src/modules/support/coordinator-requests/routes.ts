import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  coordinatorRequestCloseSchema,
  coordinatorRequestCreateSchema,
  coordinatorRequestListQuerySchema,
  coordinatorRequestSchema,
  coordinatorsQuerySchema,
  coordinatorsSchema,
  diagnoseContentSchema,
  diagnosisSchema,
  pageSchema,
} from '@caliu/common';
import type { AppDeps } from '../../../platform/context';
import { errorResponses } from '../../../platform/http-schemas';
import { contextOf } from '../../../platform/request-context';
import { diagnoseContent } from './diagnose';
import * as service from './service';

const tags = ['support'];
const idParams = z.object({ id: z.uuid() });

/**
 * Coordinator requests and the self-diagnosis (issue 19, decision 0009): what the floating
 * button's form hands to coordinators instead of support, and the check it runs before a ticket
 * about content that cannot be added. Everyone who may open a ticket may ask; the coordinators a
 * request reaches (`support.coordinator_requests`) close it.
 */
export const coordinatorRequestRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/support/coordinators',
    {
      config: { permission: 'support.open_ticket' },
      schema: {
        tags,
        summary:
          "Who a coordinator request about these records would reach: their teams' coordinators, else the requester's",
        querystring: coordinatorsQuerySchema,
        response: { 200: coordinatorsSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => {
      const ctx = contextOf(request);
      return service.coordinators(deps, ctx, {
        caseFileId: request.query.caseFileId,
        personIds: service.parsePersonIds(ctx, request.query.personIds),
      });
    },
  );

  app.post(
    '/api/support/coordinator-requests',
    {
      config: { permission: 'support.open_ticket' },
      schema: {
        tags,
        summary: "Hand a request to the coordinators of the records' teams (emailed to each)",
        body: coordinatorRequestCreateSchema,
        response: { 201: coordinatorRequestSchema, ...errorResponses(400, 401, 403, 409) },
      },
    },
    async (request, reply) => {
      const created = await service.create(deps, contextOf(request), request.body);
      return reply.code(201).send(created);
    },
  );

  app.get(
    '/api/support/coordinator-requests',
    {
      config: { permission: 'support.open_ticket' },
      schema: {
        tags,
        summary:
          'My coordinator requests (role=requester), or those addressed to me (role=coordinator), newest first',
        querystring: coordinatorRequestListQuerySchema,
        response: {
          200: pageSchema(coordinatorRequestSchema),
          ...errorResponses(400, 401, 403),
        },
      },
    },
    async (request) => service.list(deps, contextOf(request), request.query),
  );

  app.get(
    '/api/support/coordinator-requests/:id',
    {
      config: { permission: 'support.open_ticket' },
      schema: {
        tags,
        summary: 'One coordinator request, for its requester or one of its coordinators',
        params: idParams,
        response: { 200: coordinatorRequestSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => service.get(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/support/coordinator-requests/:id/close',
    {
      config: { permission: 'support.coordinator_requests' },
      schema: {
        tags,
        summary: 'Close a request addressed to me as done, or declined with the reason',
        params: idParams,
        body: coordinatorRequestCloseSchema,
        response: { 200: coordinatorRequestSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) => service.close(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/support/diagnose/content',
    {
      config: { permission: 'support.open_ticket' },
      schema: {
        tags,
        summary:
          'Why content cannot be added for a person in a case file: every reason, by the content rules',
        body: diagnoseContentSchema,
        response: { 200: diagnosisSchema, ...errorResponses(400, 401, 403, 404) },
      },
    },
    async (request) => diagnoseContent(deps, contextOf(request), request.body),
  );
};
