import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accountReadySchema,
  activationInfoSchema,
  activationQuerySchema,
  linkTokenSchema,
  passwordChangeSchema,
  passwordResetRequestSchema,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { errorResponses } from '../../platform/http-schemas';
import { contextOf, publicContextOf } from '../../platform/request-context';
import * as account from './account';
import { serverPasswordSchema, withPasswordEstimator } from './password-policy';
import { withRetryAfter } from './retry-after';

const linkErrors = errorResponses(400, 404);
const withPassword = z.object({
  token: linkTokenSchema,
  password: serverPasswordSchema,
});

/** First access through the activation link, forgotten and changed passwords. */
export const accountRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/auth/activation',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Who an activation link is for (404 when it is used, replaced or expired)',
        querystring: activationQuerySchema,
        response: { 200: activationInfoSchema, ...linkErrors },
      },
    },
    async (request) => account.activationInfo(deps, request.query.token),
  );

  app.post(
    '/api/auth/activate',
    {
      preValidation: withPasswordEstimator,
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Activate an account: set the first password through the activation link',
        body: withPassword,
        response: { 200: accountReadySchema, ...linkErrors },
      },
    },
    async (request) => account.activate(deps, request.body, publicContextOf(request)),
  );

  app.post(
    '/api/auth/password-reset-requests',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary:
          'Forgotten password: emails a reset link if an active account has this email. ' +
          'Always answers 202, whether or not it has',
        body: passwordResetRequestSchema,
        response: { 202: z.object({}), ...errorResponses(400) },
      },
    },
    async (request, reply) => {
      await account.requestPasswordReset(deps, request.body, publicContextOf(request));
      return reply.code(202).send({});
    },
  );

  app.post(
    '/api/auth/password-reset',
    {
      preValidation: withPasswordEstimator,
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Set a new password through a reset link; every session of the account ends',
        body: withPassword,
        response: { 200: accountReadySchema, ...linkErrors },
      },
    },
    async (request) => account.resetPassword(deps, request.body, publicContextOf(request)),
  );

  app.put(
    '/api/me/password',
    {
      preValidation: withPasswordEstimator,
      config: { permission: 'profile.edit' },
      schema: {
        tags: ['auth'],
        summary: "Change the signed-in professional's password; their other sessions end",
        body: passwordChangeSchema.extend({ newPassword: serverPasswordSchema }),
        response: { 204: z.null(), ...errorResponses(400, 401, 403, 429) },
      },
    },
    async (request, reply) => {
      await withRetryAfter(reply, () =>
        account.changePassword(deps, contextOf(request), request.body),
      );
      return reply.code(204).send(null);
    },
  );
};
