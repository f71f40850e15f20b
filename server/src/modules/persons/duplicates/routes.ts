import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  duplicatePairIdsSchema,
  duplicatePairParamsSchema,
  duplicatePairsPageSchema,
  duplicatePairsQuerySchema,
} from '@caliu/common';
import type { AppDeps } from '../../../platform/context';
import { errors } from '../../../platform/http-schemas';
import { contextOf } from '../../../platform/request-context';
import * as service from './service';

const tags = ['persons'];

/**
 * Candidate duplicates across the entity, for the coordinators of the persons' teams
 * (`persons.duplicates`, team scope): the pairs, and dismissing one as "not the same person".
 */
export const duplicatesRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/persons/duplicates',
    {
      config: { permission: 'persons.duplicates' },
      schema: {
        tags,
        summary:
          'Likely duplicate person records within the teams the user coordinates, each pair with its reasons, strongest first',
        querystring: duplicatePairsQuerySchema,
        response: { 200: duplicatePairsPageSchema, ...errors },
      },
    },
    async (request) => service.list(deps, contextOf(request), request.query),
  );

  app.post(
    '/api/persons/duplicates/dismissals',
    {
      config: { permission: 'persons.duplicates' },
      schema: {
        tags,
        summary: 'Dismiss a pair as "not the same person": it is never listed again',
        body: duplicatePairIdsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.dismiss(deps, contextOf(request), request.body);
      return reply.code(204).send(null);
    },
  );

  app.delete(
    '/api/persons/duplicates/dismissals/:firstId/:secondId',
    {
      config: { permission: 'persons.duplicates' },
      schema: {
        tags,
        summary: 'Undo a dismissal: the pair is listed again',
        params: duplicatePairParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.undoDismissal(deps, contextOf(request), request.params);
      return reply.code(204).send(null);
    },
  );
};
