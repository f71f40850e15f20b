import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  draftKeysSchema,
  loginRequestSchema,
  meSchema,
  preferencesSchema,
  secondFactorChallengeSchema,
  secondFactorLoginSchema,
  SESSION_COOKIE,
  sessionInfoSchema,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { errorResponses } from '../../platform/http-schemas';
import { contextOf, publicContextOf } from '../../platform/request-context';
import { overTls } from '../../platform/tls';
import { accountRoutes } from './account-routes';
import { draftKeysFor, draftMasterKeyOf } from './draft-keys';
import { withRetryAfter } from './retry-after';
import { secondFactorRoutes } from './second-factor-routes';
import { secretBoxOf } from './secret-box';
import * as service from './service';

const errors = errorResponses(400, 401, 403);
const loginErrors = errorResponses(400, 401, 403, 429);

export const authRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const setSessionCookie = (request: FastifyRequest, reply: FastifyReply, cookie: string) => {
    const secure = overTls(request.protocol, deps.config.cookieSecure);
    reply.setCookie(SESSION_COOKIE, cookie, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure,
      maxAge: Math.floor(deps.config.sessionAbsoluteMs / 1000),
    });
  };
  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary:
          'Sign in with entity code, username and password. Answers the signed-in user, or a ' +
          'challenge when the account has a second factor (then POST /api/auth/login/second-factor)',
        body: loginRequestSchema,
        response: { 200: z.union([meSchema, secondFactorChallengeSchema]), ...loginErrors },
      },
    },
    async (request, reply) => {
      const result = await withRetryAfter(reply, () =>
        service.login(deps, request.body, publicContextOf(request)),
      );
      if (result.kind === 'challenge') return result.challenge;
      setSessionCookie(request, reply, result.cookie);
      return service.presentMe(result.auth);
    },
  );

  app.post(
    '/api/auth/login/second-factor',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Complete a sign-in with a code of the authenticator app, or a recovery code',
        body: secondFactorLoginSchema,
        response: { 200: meSchema, ...loginErrors },
      },
    },
    async (request, reply) => {
      const { cookie, auth } = await withRetryAfter(reply, () =>
        service.completeSecondFactor(deps, request.body, publicContextOf(request)),
      );
      setSessionCookie(request, reply, cookie);
      return service.presentMe(auth);
    },
  );

  app.post(
    '/api/auth/logout',
    {
      config: { permission: 'profile.view' },
      schema: {
        tags: ['auth'],
        summary: 'End the current session',
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.logout(deps, contextOf(request));
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/auth/keep-alive',
    {
      config: { permission: 'profile.view' },
      schema: {
        tags: ['auth'],
        summary: 'Stay signed in: extends the idle expiry of the session',
        response: { 200: sessionInfoSchema, ...errors },
      },
    },
    async (request) => {
      const { auth } = contextOf(request);
      return {
        idleExpiresAt: auth.idleExpiresAt.toISOString(),
        absoluteExpiresAt: auth.absoluteExpiresAt.toISOString(),
      };
    },
  );

  app.get(
    '/api/me',
    {
      config: { permission: 'profile.view' },
      schema: {
        tags: ['auth'],
        summary: 'The signed-in professional',
        response: { 200: meSchema, ...errors },
      },
    },
    async (request) => service.presentMe(contextOf(request).auth),
  );

  app.put(
    '/api/me/preferences',
    {
      config: { permission: 'profile.edit' },
      schema: {
        tags: ['auth'],
        summary: "Save the signed-in professional's preferences (language)",
        body: preferencesSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.savePreferences(deps, contextOf(request), request.body.language);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/draft-keys',
    {
      config: { permission: 'profile.view' },
      schema: {
        tags: ['auth'],
        summary: "The keys of the signed-in user's form drafts (encrypted in their browser)",
        response: { 200: draftKeysSchema, ...errors },
      },
    },
    async (request) => draftKeysFor(deps.database, contextOf(request).auth, deps.clock.now()),
  );

  // Read the installation keys now, at start, as the owner: requests never work as the owner.
  await secretBoxOf(deps.database);
  await draftMasterKeyOf(deps.database);
  await app.register(accountRoutes, deps);
  await app.register(secondFactorRoutes, deps);
};
