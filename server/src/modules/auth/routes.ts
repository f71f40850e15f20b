import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  apiErrorSchema,
  loginRequestSchema,
  meSchema,
  preferencesSchema,
  SESSION_COOKIE,
  sessionInfoSchema,
} from '@caliu/common';
import type { AppDeps } from '../../app';
import * as service from './service';

const errors = { 400: apiErrorSchema, 401: apiErrorSchema, 403: apiErrorSchema };

export const authRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  const secureCookie = (protocol: string) =>
    deps.config.cookieSecure === 'auto' ? protocol === 'https' : deps.config.cookieSecure;

  app.post(
    '/api/auth/login',
    {
      config: { public: true },
      schema: {
        tags: ['auth'],
        summary: 'Sign in with entity code, username and password',
        body: loginRequestSchema,
        response: { 200: meSchema, ...errors },
      },
    },
    async (request, reply) => {
      const { cookie, auth } = await service.login(deps, request.body, {
        requestId: request.id,
        ip: request.ip,
      });
      reply.setCookie(SESSION_COOKIE, cookie, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: secureCookie(request.protocol),
        maxAge: Math.floor(deps.config.sessionAbsoluteMs / 1000),
      });
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
      await service.logout(deps, request.auth!, { requestId: request.id, ip: request.ip });
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
    async (request) => ({
      idleExpiresAt: request.auth!.idleExpiresAt.toISOString(),
      absoluteExpiresAt: request.auth!.absoluteExpiresAt.toISOString(),
    }),
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
    async (request) => service.presentMe(request.auth!),
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
      await service.savePreferences(deps, request.auth!, request.body.language);
      return reply.code(204).send(null);
    },
  );
};
