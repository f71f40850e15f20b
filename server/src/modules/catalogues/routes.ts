import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  catalogueAdminEntrySchema,
  catalogueAdminListSchema,
  catalogueEntryInputSchema,
  catalogueEntryParamsSchema,
  catalogueEntryPatchSchema,
  catalogueParamsSchema,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { errors } from '../../platform/http-schemas';
import { contextOf } from '../../platform/request-context';
import * as service from './service';

const TAGS = ['catalogues'];

/**
 * Catalogue administration: the administrator's (`organization.manage`). The pickers of the case
 * files read the same entries through `GET /api/catalogues/:catalogue` (modules/case-files).
 */
export const catalogueRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/catalogues/:catalogue/entries',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: TAGS,
        summary:
          'Every entry of a catalogue, retired ones included, in order: labels in every language, ' +
          'official code, state, and whether (and by how many records) it is used',
        params: catalogueParamsSchema,
        response: { 200: catalogueAdminListSchema, ...errors },
      },
    },
    async (request) => service.list(deps, contextOf(request), request.params.catalogue),
  );

  app.post(
    '/api/catalogues/:catalogue/entries',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: TAGS,
        summary:
          'Add an entry: its code (never changes), its label in the four languages, an official ' +
          'code and its position (by default, the end of the list)',
        params: catalogueParamsSchema,
        body: catalogueEntryInputSchema,
        response: { 201: catalogueAdminEntrySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await service.create(deps, contextOf(request), request.params.catalogue, request.body),
        ),
  );

  app.patch(
    '/api/catalogues/:catalogue/entries/:id',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: TAGS,
        summary:
          "Change an entry's labels (those given), official code or position; a label equal to " +
          "Caliu's standard wording goes back to following it",
        params: catalogueEntryParamsSchema,
        body: catalogueEntryPatchSchema,
        response: { 200: catalogueAdminEntrySchema, ...errors },
      },
    },
    async (request) =>
      service.update(
        deps,
        contextOf(request),
        request.params.catalogue,
        request.params.id,
        request.body,
      ),
  );

  app.post(
    '/api/catalogues/:catalogue/entries/:id/retire',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: TAGS,
        summary:
          'Retire an entry: no longer offered for new records, still shown on those that use it ' +
          '(refused for the last active entry of the catalogue)',
        params: catalogueEntryParamsSchema,
        response: { 200: catalogueAdminEntrySchema, ...errors },
      },
    },
    async (request) =>
      service.setActive(
        deps,
        contextOf(request),
        request.params.catalogue,
        request.params.id,
        false,
      ),
  );

  app.post(
    '/api/catalogues/:catalogue/entries/:id/reinstate',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: TAGS,
        summary: 'Reinstate a retired entry: offered again for new records',
        params: catalogueEntryParamsSchema,
        response: { 200: catalogueAdminEntrySchema, ...errors },
      },
    },
    async (request) =>
      service.setActive(
        deps,
        contextOf(request),
        request.params.catalogue,
        request.params.id,
        true,
      ),
  );

  app.delete(
    '/api/catalogues/:catalogue/entries/:id',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: TAGS,
        summary:
          'Delete an entry that no record uses (409 while one does: retire it instead), unless it ' +
          'is the last active entry of the catalogue',
        params: catalogueEntryParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.remove(deps, contextOf(request), request.params.catalogue, request.params.id);
      return reply.code(204).send(null);
    },
  );
};
