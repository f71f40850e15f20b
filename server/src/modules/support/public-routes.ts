import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  publicSupportConfirmedSchema,
  publicSupportConfirmSchema,
  publicSupportRequestSchema,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { errorResponses } from '../../platform/http-schemas';
import { withFormRetryAfter } from '../../platform/public-forms';
import { publicContextOf } from '../../platform/request-context';
import { confirmPublicRequest, submitPublicRequest } from './public-service';

/** The public help form (before signing in): the request, then its confirmation link. */
export const publicSupportRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/api/public/support-requests',
    {
      config: { public: true },
      schema: {
        tags: ['support'],
        summary:
          'Ask for help without signing in: emails a confirmation link when the email is on the ' +
          "entity's domain. Answers 202 whatever happens (a refused proof of work: 400; too many " +
          'requests: 429 with Retry-After)',
        body: publicSupportRequestSchema,
        response: { 202: z.object({}), ...errorResponses(400, 429) },
      },
    },
    async (request, reply) => {
      await withFormRetryAfter(reply, () =>
        submitPublicRequest(deps, request.body, {
          ...publicContextOf(request),
          userAgent: request.headers['user-agent'] ?? '',
        }),
      );
      return reply.code(202).send({});
    },
  );

  app.post(
    '/api/public/support-requests/confirm',
    {
      config: { public: true },
      schema: {
        tags: ['support'],
        summary:
          'Follow the confirmation link: opens the connection-error ticket, once (410 when the ' +
          'link is used, replaced or expired)',
        body: publicSupportConfirmSchema,
        response: { 200: publicSupportConfirmedSchema, ...errorResponses(400, 410) },
      },
    },
    async (request) => confirmPublicRequest(deps, request.body.token, publicContextOf(request)),
  );
};
