import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  alertCountsSchema,
  alertKindParamsSchema,
  alertListQuerySchema,
  alertPreferenceSchema,
  alertRecordPageSchema,
  recentCaseFilesSchema,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { errorResponses } from '../../platform/http-schemas';
import { contextOf } from '../../platform/request-context';
import * as service from './service';

const tags = ['home'];

/**
 * The home page's own data (issue 16): alerts and the recent case files. Alerts are about the
 * content of the case files one works (a plan's reviews, resources, interventions, their members),
 * so they need `content.view` and reach what its scope reaches (own for a technician, the teams
 * they coordinate for a coordinator); recent case files need `case_files.view`.
 */
export const homeRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/home/alerts',
    {
      config: { permission: 'content.view' },
      schema: {
        tags,
        summary: "Each kind of alert: how many records it holds in the user's scope, and if on",
        response: { 200: alertCountsSchema, ...errorResponses(401, 403) },
      },
    },
    async (request) => service.counts(deps, contextOf(request)),
  );

  app.get(
    '/api/home/alerts/:kind',
    {
      config: { permission: 'content.view' },
      schema: {
        tags,
        summary: 'The records behind one kind of alert, oldest first (an audited read)',
        params: alertKindParamsSchema,
        querystring: alertListQuerySchema,
        response: { 200: alertRecordPageSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) =>
      service.records(deps, contextOf(request), request.params.kind, request.query),
  );

  app.patch(
    '/api/home/alert-preferences',
    {
      config: { permission: 'content.view' },
      schema: {
        tags,
        summary: 'Switch one kind of alert off or on for the signed-in user',
        body: alertPreferenceSchema,
        response: { 200: alertCountsSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.setPreference(deps, contextOf(request), request.body),
  );

  app.get(
    '/api/home/recent-case-files',
    {
      config: { permission: 'case_files.view' },
      schema: {
        tags,
        summary: 'The case files the user opened last and still sees (an audited read)',
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(20).default(8) }),
        response: { 200: recentCaseFilesSchema, ...errorResponses(400, 401, 403) },
      },
    },
    async (request) => service.recentCaseFiles(deps, contextOf(request), request.query.limit),
  );
};
