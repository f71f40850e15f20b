import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  activationSentSchema,
  pageSchema,
  professionalCreatedSchema,
  professionalCreateSchema,
  professionalListQuerySchema,
  professionalPatchSchema,
  professionalSchema,
  resendActivationSchema,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { errors, idParams } from '../../platform/http-schemas';
import { contextOf } from '../../platform/request-context';
import * as service from './service';

/**
 * Professionals. The administrator creates, edits, deactivates and reactivates them
 * (`organization.manage`); the directory is for whoever configures team members
 * (`teams.configure_members`): the administrator, and coordinators choosing whom to add to the
 * teams they coordinate (each answer says whom they may add).
 */
export const professionalRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/professionals',
    {
      config: { permission: 'teams.configure_members' },
      schema: {
        tags: ['professionals'],
        summary:
          "The entity's professionals by surname (`q`: name or username words; `teamId`; " +
          '`active`), with what the user may do with each. Documents: administrators only',
        querystring: professionalListQuerySchema,
        response: { 200: pageSchema(professionalSchema), ...errors },
      },
    },
    async (request) => service.list(deps, contextOf(request), request.query),
  );

  app.get(
    '/api/professionals/:id',
    {
      config: { permission: 'teams.configure_members' },
      schema: {
        tags: ['professionals'],
        summary: 'One professional',
        params: idParams,
        response: { 200: professionalSchema, ...errors },
      },
    },
    async (request) => service.get(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/professionals',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['professionals'],
        summary:
          'Create a professional and send the activation link (72 hours): by SMS when `mobile` ' +
          'is given (never stored; email if the SMS fails), else by email',
        body: professionalCreateSchema,
        response: { 201: professionalCreatedSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.create(deps, contextOf(request), request.body)),
  );

  app.patch(
    '/api/professionals/:id',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['professionals'],
        summary:
          'Change a professional (only the fields sent; `teams` replaces the memberships). Never ' +
          "one's own roles, nor the last active administrator's; a role change is emailed to " +
          "the entity's other administrators. A removed role stops working at their next request",
        params: idParams,
        body: professionalPatchSchema,
        response: { 200: professionalSchema, ...errors },
      },
    },
    async (request) => service.update(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/professionals/:id/deactivate',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['professionals'],
        summary:
          'Deactivate a professional (never oneself, nor the last active administrator): refused ' +
          '(409, listing what to transfer first) while they are referent of anything; ends all ' +
          'their sessions at once',
        params: idParams,
        response: { 200: professionalSchema, ...errors },
      },
    },
    async (request) => service.deactivate(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/professionals/:id/reactivate',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['professionals'],
        summary: 'Reactivate a professional',
        params: idParams,
        response: { 200: professionalSchema, ...errors },
      },
    },
    async (request) => service.reactivate(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/professionals/:id/resend-activation',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['professionals'],
        summary:
          'Send a new activation link (the earlier one stops working), by SMS when `mobile` is ' +
          'given, else by email',
        params: idParams,
        body: resendActivationSchema.nullish(),
        response: { 200: activationSentSchema, ...errors },
      },
    },
    async (request) =>
      service.resendActivation(deps, contextOf(request), request.params.id, request.body?.mobile),
  );
};
