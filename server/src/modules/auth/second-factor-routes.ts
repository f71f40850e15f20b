import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  secondFactorConfirmSchema,
  secondFactorEnrolmentSchema,
  secondFactorRemoveSchema,
  secondFactorStatusSchema,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { errorResponses } from '../../platform/http-schemas';
import { contextOf } from '../../platform/request-context';
import * as secondFactor from './second-factor';

const errors = errorResponses(400, 401, 403, 409);

/** The signed-in professional's own TOTP second factor. */
export const secondFactorRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/me/second-factor',
    {
      config: { permission: 'profile.view' },
      schema: {
        tags: ['auth'],
        summary: 'Whether a second factor is enrolled or required, and recovery codes left',
        response: { 200: secondFactorStatusSchema, ...errors },
      },
    },
    async (request) => secondFactor.status(deps, contextOf(request)),
  );

  app.post(
    '/api/me/second-factor/enrolment',
    {
      config: { permission: 'profile.edit' },
      schema: {
        tags: ['auth'],
        summary:
          'Start enrolling an authenticator app: answers the otpauth URI, its QR code and the ' +
          'recovery codes, shown this once. Starting again replaces an unconfirmed enrolment',
        response: { 200: secondFactorEnrolmentSchema, ...errors },
      },
    },
    async (request) => secondFactor.startEnrolment(deps, contextOf(request)),
  );

  app.post(
    '/api/me/second-factor/confirm',
    {
      config: { permission: 'profile.edit' },
      schema: {
        tags: ['auth'],
        summary: 'Confirm the enrolment with a first code; from then on every sign-in asks for one',
        body: secondFactorConfirmSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await secondFactor.confirmEnrolment(deps, contextOf(request), request.body.code);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/me/second-factor',
    {
      config: { permission: 'profile.edit' },
      schema: {
        tags: ['auth'],
        summary:
          'Remove the second factor (needs the current password); refused where the entity ' +
          "requires one of the user's roles",
        body: secondFactorRemoveSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await secondFactor.removeSecondFactor(deps, contextOf(request), request.body.currentPassword);
      return reply.code(204).send(null);
    },
  );
};
