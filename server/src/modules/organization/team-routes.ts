import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  pageQuerySchema,
  pageSchema,
  teamInputSchema,
  teamMemberSchema,
  teamMembersPutSchema,
  teamPatchSchema,
  teamSchema,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { errors, idParams } from '../../platform/http-schemas';
import { contextOf } from '../../platform/request-context';
import * as service from './team-service';

/**
 * Teams. The administrator creates and edits them (`organization.manage`); their members and
 * coordinators are set by the administrator or by the team's coordinators
 * (`teams.configure_members`, team scope: the teams they coordinate).
 */
export const teamRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/teams',
    {
      config: { permission: 'organization.view' },
      schema: {
        tags: ['organization'],
        summary:
          "The entity's teams by name, with what the user may do with each; " +
          '`configurable=true`: only those whose members the user may configure',
        querystring: pageQuerySchema.extend({ configurable: z.enum(['true']).optional() }),
        response: { 200: pageSchema(teamSchema), ...errors },
      },
    },
    async (request) => service.listTeams(deps, contextOf(request), request.query),
  );

  app.get(
    '/api/teams/:id',
    {
      config: { permission: 'organization.view' },
      schema: {
        tags: ['organization'],
        summary: 'One team',
        params: idParams,
        response: { 200: teamSchema, ...errors },
      },
    },
    async (request) => service.getTeam(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/teams',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['organization'],
        summary: 'Create a team serving sectors and/or municipalities',
        body: teamInputSchema,
        response: { 201: teamSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createTeam(deps, contextOf(request), request.body)),
  );

  app.patch(
    '/api/teams/:id',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['organization'],
        summary: 'Rename a team, replace its territory, or (de)activate it',
        params: idParams,
        body: teamPatchSchema,
        response: { 200: teamSchema, ...errors },
      },
    },
    async (request) =>
      service.updateTeam(deps, contextOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/teams/:id/members',
    {
      config: { permission: 'teams.configure_members' },
      schema: {
        tags: ['organization'],
        summary: "A team's members and coordinators (a coordinator: the teams they coordinate)",
        params: idParams,
        response: { 200: z.object({ items: z.array(teamMemberSchema) }), ...errors },
      },
    },
    async (request) => ({
      items: await service.listMembers(deps, contextOf(request), request.params.id),
    }),
  );

  app.put(
    '/api/teams/:id/members',
    {
      config: { permission: 'teams.configure_members' },
      schema: {
        tags: ['organization'],
        summary: "Set a team's members and who coordinates it (replaces the whole list)",
        params: idParams,
        body: teamMembersPutSchema,
        response: { 200: z.object({ items: z.array(teamMemberSchema) }), ...errors },
      },
    },
    async (request) => ({
      items: await service.replaceMembers(
        deps,
        contextOf(request),
        request.params.id,
        request.body,
      ),
    }),
  );
};
