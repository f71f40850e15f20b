import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  ATTACHMENT_CHUNK_BYTES,
  completeAttachmentSchema,
  ticketAttachmentCreateSchema,
  ticketAttachmentSchema,
} from '@caliu/common';
import type { Permission } from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { errorResponses } from '../../platform/http-schemas';
import { contextOf } from '../../platform/request-context';
import { chunkBody, sendAttachment } from '../attachments/routes';
import * as service from './attachments';

const tags = ['support'];
const errors = errorResponses(400, 401, 403, 404, 409);
const uploadErrors = errorResponses(400, 401, 403, 404, 409, 413, 415);

/** The two sides of a ticket's files: where their routes are, who may use them, how they reach it. */
const SIDES = [
  {
    who: 'The requester',
    prefix: '/api/support/tickets/:id/attachments',
    permission: 'support.open_ticket',
    params: z.object({ id: z.uuid() }),
    reach: (deps: AppDeps, request: FastifyRequest) => {
      const { id } = request.params as { id: string };
      return service.requesterReach(deps, contextOf(request), id);
    },
  },
  {
    who: 'A support agent',
    prefix: '/api/support/entities/:entityId/tickets/:ticketId/attachments',
    permission: 'support.resolve',
    params: z.object({ entityId: z.uuid(), ticketId: z.uuid() }),
    reach: (deps: AppDeps, request: FastifyRequest) => {
      const { entityId, ticketId } = request.params as { entityId: string; ticketId: string };
      return service.agentReach(deps, contextOf(request), entityId, ticketId);
    },
  },
] as const satisfies readonly {
  who: string;
  prefix: string;
  permission: Permission;
  params: z.ZodObject;
  reach: unknown;
}[];

const fileParams = z.object({ attachmentId: z.uuid() });
const chunkParams = fileParams.extend({ index: z.coerce.number().int().min(0) });

/**
 * A support ticket's files (decision 0009), for its requester (`support.open_ticket`, their own
 * tickets) and for the agents (`support.resolve`, across the wall, audited): the upload of
 * attachments — create, one PUT per chunk, complete — then download and delete.
 */
export const ticketAttachmentRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  for (const side of SIDES) {
    const { prefix, permission } = side;
    const params = side.params;

    app.post(
      prefix,
      {
        config: { permission },
        schema: {
          tags,
          summary: `${side.who} starts an upload on an open ticket (file name and size; the limits of attachments)`,
          params,
          body: ticketAttachmentCreateSchema,
          response: { 201: ticketAttachmentSchema, ...uploadErrors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await service.create(deps, contextOf(request), side.reach(deps, request), request.body),
          ),
    );

    // The chunk route alone reads application/octet-stream, one chunk at most.
    await app.register(async (scope) => {
      scope.addContentTypeParser(
        'application/octet-stream',
        { parseAs: 'buffer', bodyLimit: ATTACHMENT_CHUNK_BYTES },
        (_request, body, done) => done(null, body),
      );
      scope.withTypeProvider<ZodTypeProvider>().put(
        `${prefix}/:attachmentId/chunks/:index`,
        {
          bodyLimit: ATTACHMENT_CHUNK_BYTES,
          config: { permission },
          schema: {
            tags,
            summary: `${side.who} sends chunk \`index\` of their upload (application/octet-stream, in order)`,
            params: params.extend(chunkParams.shape),
            response: { 200: ticketAttachmentSchema, ...uploadErrors },
          },
        },
        async (request) =>
          service.putChunk(
            deps,
            contextOf(request),
            side.reach(deps, request),
            request.params.attachmentId,
            request.params.index,
            chunkBody(request.body),
          ),
      );
    });

    app.post(
      `${prefix}/:attachmentId/complete`,
      {
        config: { permission },
        schema: {
          tags,
          summary: `${side.who} completes their upload with the file's SHA-256 (a mismatch discards it)`,
          params: params.extend(fileParams.shape),
          body: completeAttachmentSchema,
          response: { 200: ticketAttachmentSchema, ...errors },
        },
      },
      async (request) =>
        service.complete(
          deps,
          contextOf(request),
          side.reach(deps, request),
          request.params.attachmentId,
          request.body,
        ),
    );

    app.get(
      `${prefix}/:attachmentId/content`,
      {
        exposeHeadRoute: false,
        config: { permission },
        schema: {
          tags,
          summary: `${side.who} downloads a file of the ticket (audited; streamed, never cached)`,
          params: params.extend(fileParams.shape),
          response: { 200: z.string().describe('The file'), ...errors },
        },
      },
      async (request, reply) => {
        const { row, body } = await service.openDownload(
          deps,
          side.reach(deps, request),
          request.params.attachmentId,
        );
        return sendAttachment(reply, row, body);
      },
    );

    app.delete(
      `${prefix}/:attachmentId`,
      {
        config: { permission },
        schema: {
          tags,
          summary: `${side.who} deletes their own file (an upload in progress, or within a day)`,
          params: params.extend(fileParams.shape),
          response: { 204: z.null(), ...errors },
        },
      },
      async (request, reply) => {
        await service.remove(deps, side.reach(deps, request), request.params.attachmentId);
        return reply.code(204).send(null);
      },
    );
  }
};
