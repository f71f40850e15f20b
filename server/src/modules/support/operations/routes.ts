import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  operationPreviewSchema,
  operationRunResultSchema,
  operationRunSchema,
} from '@caliu/common';
import type { AppDeps } from '../../../platform/context';
import { errorResponses } from '../../../platform/http-schemas';
import { contextOf } from '../../../platform/request-context';
import * as service from './service';

const tags = ['support'];
const params = z.object({ entityId: z.uuid(), ticketId: z.uuid() });

/**
 * The operation of a ticket (issue 20, decision 0010), for support agents (`support.resolve`),
 * across the wall: a preview that changes nothing, then the run confirmed with its fingerprint.
 */
export const operationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/api/support/entities/:entityId/tickets/:ticketId/operation/preview',
    {
      config: { permission: 'support.resolve' },
      schema: {
        tags,
        summary:
          "What the ticket's operation would change (names, numbers, counts) or why it cannot " +
          'run; changes nothing; audited',
        params,
        response: { 200: operationPreviewSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      service.preview(deps, contextOf(request), request.params.entityId, request.params.ticketId),
  );

  app.post(
    '/api/support/entities/:entityId/tickets/:ticketId/operation/run',
    {
      config: { permission: 'support.resolve' },
      schema: {
        tags,
        summary:
          "Run the ticket's operation as previewed (its fingerprint): one transaction, once per " +
          'ticket (a second run changes nothing and says so); the ticket resolved, its requester emailed',
        params,
        body: operationRunSchema,
        response: { 200: operationRunResultSchema, ...errorResponses(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      service.run(
        deps,
        contextOf(request),
        request.params.entityId,
        request.params.ticketId,
        request.body,
      ),
  );
};
