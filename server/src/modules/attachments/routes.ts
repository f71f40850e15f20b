import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import type { FastifyPluginAsyncZod, ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  ATTACHMENT_CHUNK_BYTES,
  attachmentListQuerySchema,
  attachmentListSchema,
  attachmentParamsSchema,
  attachmentSchema,
  catalogueSchema,
  chunkParamsSchema,
  completeAttachmentSchema,
  createAttachmentSchema,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { errorResponses } from '../../platform/http-schemas';
import { contextOf } from '../../platform/request-context';
import * as caseFiles from '../case-files/service';
import { openDownload } from './download';
import { contentDisposition } from './present';
import * as service from './service';
import { complete, putChunk } from './upload';

const tags = ['attachments'];

/** A chunk's body as the octet-stream parser left it: bytes, or a clear refusal. */
export function chunkBody(body: unknown): Buffer {
  if (body === undefined || body === null) throw new AppError('attachments.chunk_empty', 400);
  if (!Buffer.isBuffer(body)) throw new AppError('attachments.chunk_octet_stream', 415);
  return body;
}

/**
 * Answers a stored file as a download: its type as detected, never sniffed, rendered or cached
 * (Content-Disposition: attachment, a sandboxing CSP), streamed as it is read.
 */
export function sendAttachment(
  reply: FastifyReply,
  row: { media_type: string | null; size: number; file_name: string },
  body: Readable,
) {
  return (
    reply
      .header('content-type', row.media_type ?? 'application/octet-stream')
      .header('content-length', String(row.size))
      .header('content-disposition', contentDisposition(row.file_name))
      .header('x-content-type-options', 'nosniff')
      .header('cache-control', 'no-store')
      .header('content-security-policy', "default-src 'none'; sandbox")
      // A stream: sent as it is read, never serialized (the schema only documents it).
      .send(body as unknown as string)
  );
}
const errors = errorResponses(400, 401, 403, 404, 409);
const uploadErrors = errorResponses(400, 401, 403, 404, 409, 413, 415);
/** One chunk and room for nothing else: the JSON routes keep the app's 1 MiB body limit. */
const CHUNK_BODY_LIMIT = ATTACHMENT_CHUNK_BYTES;

/**
 * Attachments on a person record, a case file or an item of its content (decision 0007). The
 * route's permission is the door's (basic data: `persons.view_basic` to read, `persons.edit_basic`
 * to write); which attachments a professional reaches is the record's own scope, applied in SQL
 * (access.ts): out of sight is "not found", as the record's. Uploading is three kinds of request:
 * create, one PUT per chunk, complete.
 */
export const attachmentRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/attachments/categories',
    {
      config: { permission: 'persons.view_basic' },
      schema: {
        tags,
        summary: "The entity's document categories (retired ones marked), for the upload form",
        response: { 200: catalogueSchema, ...errors },
      },
    },
    async (request) => caseFiles.catalogue(deps, contextOf(request), 'document_category'),
  );

  app.get(
    '/api/attachments',
    {
      config: { permission: 'persons.view_basic' },
      schema: {
        tags,
        summary:
          "A person's, a case file's or an item's attachments the caller may see, newest first " +
          '(ready ones; the caller’s own uploads in progress on request); audited',
        querystring: attachmentListQuerySchema,
        response: { 200: attachmentListSchema, ...errors },
      },
    },
    async (request) => service.list(deps, contextOf(request), request.query),
  );

  app.post(
    '/api/attachments',
    {
      config: { permission: 'persons.edit_basic' },
      schema: {
        tags,
        summary:
          'Start an upload: owner, title, category, date of the document, file name and size ' +
          '(checked against the per-file limit and the entity quota); answers the chunk size',
        body: createAttachmentSchema,
        response: { 201: attachmentSchema, ...uploadErrors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.create(deps, contextOf(request), request.body)),
  );

  // The chunk route alone reads application/octet-stream, one chunk at most.
  await app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/octet-stream',
      { parseAs: 'buffer', bodyLimit: CHUNK_BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    scope.withTypeProvider<ZodTypeProvider>().put(
      '/api/attachments/:attachmentId/chunks/:index',
      {
        bodyLimit: CHUNK_BODY_LIMIT,
        config: { permission: 'persons.edit_basic' },
        schema: {
          tags,
          summary:
            'Send chunk `index` of an upload (application/octet-stream, in order; every chunk but ' +
            'the last exactly the chunk size): its uploader only; the first decides the type',
          params: chunkParamsSchema,
          response: { 200: attachmentSchema, ...uploadErrors },
        },
      },
      async (request) =>
        putChunk(
          deps,
          contextOf(request),
          request.params.attachmentId,
          request.params.index,
          chunkBody(request.body),
        ),
    );
  });

  app.post(
    '/api/attachments/:attachmentId/complete',
    {
      config: { permission: 'persons.edit_basic' },
      schema: {
        tags,
        summary:
          'Complete an upload with the SHA-256 of the file: compared with what was stored; the ' +
          'attachment becomes visible (a mismatch discards it)',
        params: attachmentParamsSchema,
        body: completeAttachmentSchema,
        response: { 200: attachmentSchema, ...errors },
      },
    },
    async (request) =>
      complete(deps, contextOf(request), request.params.attachmentId, request.body),
  );

  app.get(
    '/api/attachments/:attachmentId/content',
    {
      // A HEAD would be an audited download that sends nothing.
      exposeHeadRoute: false,
      config: { permission: 'persons.view_basic' },
      schema: {
        tags,
        summary:
          'Download an attachment (Content-Disposition: attachment, its type, no caching), ' +
          'streamed chunk by chunk; audited for the persons it concerns',
        params: attachmentParamsSchema,
        response: { 200: z.string().describe('The file'), ...errors },
      },
    },
    async (request, reply) => {
      const { row, body } = await openDownload(
        deps,
        contextOf(request),
        request.params.attachmentId,
      );
      return sendAttachment(reply, row, body);
    },
  );

  app.delete(
    '/api/attachments/:attachmentId',
    {
      config: { permission: 'persons.edit_basic' },
      schema: {
        tags,
        summary:
          'Delete an attachment: its uploader within a day, or a coordinator of the record’s ' +
          'team; the audit keeps who, when, the title and the checksum',
        params: attachmentParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.remove(deps, contextOf(request), request.params.attachmentId);
      return reply.code(204).send(null);
    },
  );
};
