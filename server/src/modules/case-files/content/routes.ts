import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import {
  caseFileIdParamsSchema,
  contentItemParamsSchema,
  contentListQuerySchema,
  createDemandSchema,
  createPlanSchema,
  createProblemSchema,
  createProcedureSchema,
  createResourceSchema,
  demandPageSchema,
  demandSchema,
  planPageSchema,
  planSchema,
  problemPageSchema,
  problemSchema,
  procedurePageSchema,
  procedureSchema,
  resourcePageSchema,
  resourceSchema,
  timelinePageSchema,
  timelineQuerySchema,
  updateDemandSchema,
  updatePlanSchema,
  updateProblemSchema,
  updateProcedureSchema,
  updateResourceSchema,
} from '@caliu/common';
import type { AppDeps } from '../../../platform/context';
import { errors } from '../../../platform/http-schemas';
import { contextOf } from '../../../platform/request-context';
import * as entries from './entries';
import { ENTRY_KINDS, type EntryKind } from './kinds';
import * as plans from './plans';
import { listOf, timeline } from './timeline';

const tags = ['case-files'];

/** Each kind under a case file: its path, schemas and the words of its summaries. */
const KINDS: {
  kind: EntryKind;
  path: string;
  what: string;
  page: z.ZodType;
  item: z.ZodType;
  create: z.ZodType;
  update: z.ZodType;
}[] = [
  {
    kind: 'demand',
    path: 'demands',
    what: 'demand (what the person asks for)',
    page: demandPageSchema,
    item: demandSchema,
    create: createDemandSchema,
    update: updateDemandSchema,
  },
  {
    kind: 'problem',
    path: 'problems',
    what: 'problem identified (since when, still active)',
    page: problemPageSchema,
    item: problemSchema,
    create: createProblemSchema,
    update: updateProblemSchema,
  },
  {
    kind: 'resource',
    path: 'resources',
    what: 'resource (pre-assigned, granted, denied, ended; granting records an intervention)',
    page: resourcePageSchema,
    item: resourceSchema,
    create: createResourceSchema,
    update: updateResourceSchema,
  },
  {
    kind: 'procedure',
    path: 'procedures',
    what: 'procedure before another administration',
    page: procedurePageSchema,
    item: procedureSchema,
    create: createProcedureSchema,
    update: updateProcedureSchema,
  },
];

/**
 * A case file's content beyond interventions (routes.ts has those): demands, problems,
 * resources, procedures, intervention plans, and the timeline of everything. Reading is `content.view`, writing `content.edit` (plans `plans.edit`); which case
 * files a user reaches is decided in SQL (access.ts), every read and change audited.
 */
export const caseContentRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/case-files/:id/timeline',
    {
      config: { permission: 'content.view' },
      schema: {
        tags,
        summary:
          'Everything in a case file in date order, by kind, professional and period (audited)',
        params: caseFileIdParamsSchema,
        querystring: timelineQuerySchema,
        response: { 200: timelinePageSchema, ...errors },
      },
    },
    async (request) => timeline(deps, contextOf(request), request.params.id, request.query),
  );

  for (const k of KINDS) {
    const spec = ENTRY_KINDS[k.kind];
    app.get(
      `/api/case-files/:id/${k.path}`,
      {
        config: { permission: 'content.view' },
        schema: {
          tags,
          summary: `A case file's entries of one kind: ${k.what}; most recent first (audited)`,
          params: caseFileIdParamsSchema,
          querystring: contentListQuerySchema,
          response: { 200: k.page, ...errors },
        },
      },
      async (request) => listOf(deps, contextOf(request), request.params.id, k.kind, request.query),
    );
    app.post(
      `/api/case-files/:id/${k.path}`,
      {
        config: { permission: 'content.edit' },
        schema: {
          tags,
          summary: `Record a ${k.what} for a member, on an open case file`,
          params: caseFileIdParamsSchema,
          body: k.create,
          response: { 201: k.item, ...errors },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            await entries.save(
              deps,
              contextOf(request),
              spec,
              request.params.id,
              null,
              request.body as entries.SaveInput,
            ),
          ),
    );
    app.patch(
      `/api/case-files/:id/${k.path}/:itemId`,
      {
        config: { permission: 'content.edit' },
        schema: {
          tags,
          summary: `Change a ${k.what} (its author, or a coordinator of the file's team)`,
          params: contentItemParamsSchema,
          body: k.update,
          response: { 200: k.item, ...errors },
        },
      },
      async (request) =>
        entries.save(
          deps,
          contextOf(request),
          spec,
          request.params.id,
          request.params.itemId,
          request.body as entries.SaveInput,
        ),
    );
  }

  app.get(
    '/api/case-files/:id/plans',
    {
      config: { permission: 'content.view' },
      schema: {
        tags,
        summary: "A case file's intervention plans, most recent first (audited)",
        params: caseFileIdParamsSchema,
        querystring: contentListQuerySchema,
        response: { 200: planPageSchema, ...errors },
      },
    },
    async (request) => listOf(deps, contextOf(request), request.params.id, 'plan', request.query),
  );
  app.post(
    '/api/case-files/:id/plans',
    {
      config: { permission: 'plans.edit' },
      schema: {
        tags,
        summary: 'Start an intervention plan: objectives, agreed actions, review dates',
        params: caseFileIdParamsSchema,
        body: createPlanSchema,
        response: { 201: planSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await plans.save(deps, contextOf(request), request.params.id, null, request.body)),
  );
  app.patch(
    '/api/case-files/:id/plans/:itemId',
    {
      config: { permission: 'plans.edit' },
      schema: {
        tags,
        summary: 'Change an intervention plan (the lists given replace the stored ones)',
        params: contentItemParamsSchema,
        body: updatePlanSchema,
        response: { 200: planSchema, ...errors },
      },
    },
    async (request) =>
      plans.save(deps, contextOf(request), request.params.id, request.params.itemId, request.body),
  );
};
