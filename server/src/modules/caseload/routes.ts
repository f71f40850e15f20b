import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  caseloadSchema,
  caseloadTeamParamsSchema,
  coverParamsSchema,
  coverSchema,
  createCoverSchema,
  assignmentNoticeListSchema,
  myCoversSchema,
  noticeParamsSchema,
} from '@caliu/common';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context';
import { errors } from '../../platform/http-schemas';
import { contextOf } from '../../platform/request-context';
import * as service from './service';

const tags = ['caseload'];

/**
 * A team's caseload and the covers of absent professionals (`caseload.manage`: the coordinators
 * of the team), and each professional's own covers (their home page).
 */
export const caseloadRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/caseload/teams/:teamId',
    {
      config: { permission: 'caseload.manage' },
      schema: {
        tags,
        summary:
          "A team's caseload: each member's open and closed case files and person records in it, and its covers",
        params: caseloadTeamParamsSchema,
        response: { 200: caseloadSchema, ...errors },
      },
    },
    async (request) => service.caseload(deps, contextOf(request), request.params.teamId),
  );

  app.post(
    '/api/caseload/teams/:teamId/covers',
    {
      config: { permission: 'caseload.manage' },
      schema: {
        tags,
        summary:
          "Let a colleague of the team work on an absent professional's case files of the team for a period",
        params: caseloadTeamParamsSchema,
        body: createCoverSchema,
        response: { 201: coverSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.createCover(deps, contextOf(request), request.params.teamId, request.body),
        ),
  );

  app.post(
    '/api/caseload/teams/:teamId/covers/:coverId/end',
    {
      config: { permission: 'caseload.manage' },
      schema: {
        tags,
        summary: 'End a cover before its last day',
        params: coverParamsSchema,
        response: { 200: coverSchema, ...errors },
      },
    },
    async (request) =>
      service.endCover(deps, contextOf(request), request.params.teamId, request.params.coverId),
  );

  app.get(
    '/api/caseload/covers/mine',
    {
      config: { permission: 'profile.view' },
      schema: {
        tags,
        summary: "The signed-in professional's covers, running or to come, either side",
        response: { 200: myCoversSchema, ...errors },
      },
    },
    async (request) => service.myCovers(deps, contextOf(request)),
  );

  app.get(
    '/api/caseload/notices/mine',
    {
      config: { permission: 'profile.view' },
      schema: {
        tags,
        summary:
          'Records assigned or transferred to the signed-in professional, not yet acknowledged',
        response: { 200: assignmentNoticeListSchema, ...errors },
      },
    },
    async (request) => service.myNotices(deps, contextOf(request)),
  );

  app.post(
    '/api/caseload/notices/:id/seen',
    {
      config: { permission: 'profile.view' },
      schema: {
        tags,
        summary: 'Acknowledge a notice of an assignment (it leaves the home page)',
        params: noticeParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.noticeSeen(deps, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );
};
