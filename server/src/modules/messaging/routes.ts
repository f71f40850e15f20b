import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { AppDeps } from '../../platform/context';
import { entityDirectorySchema } from '@caliu/common';
import { errorResponses } from '../../platform/http-schemas';
import { contextOf } from '../../platform/request-context';
import { mailboxEntitiesFor } from '../support/queue-routes';
import * as schemas from './schemas';
import * as service from './service';

/**
 * The demo mailbox ("sent mail", demo mode only: administrators see their entity's, the support
 * agent every entity's) and the administrator's failed messages with their retry.
 */
export const messagingRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/mailbox',
    {
      config: { permission: 'mailbox.view' },
      schema: {
        tags: ['messaging'],
        summary: 'Sent mail of the demo mailbox, newest first (demo mode only: nothing is sent)',
        ...schemas.mailboxList,
      },
    },
    async (request) => service.listMailbox(deps, contextOf(request), request.query),
  );

  app.get(
    '/api/mailbox/entities',
    {
      config: { permission: 'mailbox.view' },
      schema: {
        tags: ['messaging'],
        summary:
          'The entities whose mailbox the caller reads (id, code, name): every council for the support agent',
        response: { 200: entityDirectorySchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => mailboxEntitiesFor(deps, contextOf(request)),
  );

  app.get(
    '/api/mailbox/:id',
    {
      config: { permission: 'mailbox.view' },
      schema: {
        tags: ['messaging'],
        summary: 'One message of the demo mailbox, rendered (text and HTML parts)',
        ...schemas.mailboxOne,
      },
    },
    async (request) => service.getMailboxMessage(deps, contextOf(request), request.params.id),
  );

  app.get(
    '/api/outbox/failed',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['messaging'],
        summary: "The entity's messages that could not be delivered, with their last error",
        ...schemas.failedList,
      },
    },
    async (request) => service.listFailed(deps, contextOf(request), request.query),
  );

  app.post(
    '/api/outbox/:id/retry',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['messaging'],
        summary: 'Send a failed message again',
        ...schemas.retry,
      },
    },
    async (request) => service.retryFailed(deps, contextOf(request), request.params.id),
  );
};
