import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  entitySettingsPatchSchema,
  entitySettingsSchema,
  municipalityInputSchema,
  municipalitySchema,
  pageQuerySchema,
  pageSchema,
  sectorInputSchema,
  sectorPatchSchema,
  sectorSchema,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { errors, idParams } from '../../platform/http-schemas';
import { contextOf } from '../../platform/request-context';
import * as service from './service';
import { teamRoutes } from './team-routes';

/**
 * The entity's settings and territory. Reading the territory is open to every signed-in
 * professional (every form that picks a municipality needs it; it holds nothing personal);
 * changing it is the administrator's (`organization.manage`).
 */
export const organizationRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/entity',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['organization'],
        summary: "The entity's settings: name, email domains, time zone, language, second factor",
        response: { 200: entitySettingsSchema, ...errors },
      },
    },
    async (request) => service.getEntity(deps, contextOf(request)),
  );

  app.patch(
    '/api/entity',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['organization'],
        summary: "Change the entity's settings (only the fields sent)",
        body: entitySettingsPatchSchema,
        response: { 200: entitySettingsSchema, ...errors },
      },
    },
    async (request) => service.updateEntity(deps, contextOf(request), request.body),
  );

  app.get(
    '/api/municipalities',
    {
      config: { permission: 'organization.view' },
      schema: {
        tags: ['organization'],
        summary: "The entity's municipalities, by name",
        querystring: pageQuerySchema,
        response: { 200: pageSchema(municipalitySchema), ...errors },
      },
    },
    async (request) =>
      service.listMunicipalities(
        deps,
        contextOf(request),
        request.query.limit,
        request.query.cursor,
      ),
  );

  app.post(
    '/api/municipalities',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['organization'],
        summary: 'Add a municipality',
        body: municipalityInputSchema,
        response: { 201: municipalitySchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await service.createMunicipality(deps, contextOf(request), request.body)),
  );

  app.patch(
    '/api/municipalities/:id',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['organization'],
        summary: 'Rename a municipality or change its INE code',
        params: idParams,
        body: municipalityInputSchema.partial(),
        response: { 200: municipalitySchema, ...errors },
      },
    },
    async (request) =>
      service.updateMunicipality(deps, contextOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/municipalities/:id',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['organization'],
        summary: 'Remove a municipality that no sector, team or record refers to',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteMunicipality(deps, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/sectors',
    {
      config: { permission: 'organization.view' },
      schema: {
        tags: ['organization'],
        summary: "The entity's sectors (districts or groups of municipalities), by name",
        querystring: pageQuerySchema,
        response: { 200: pageSchema(sectorSchema), ...errors },
      },
    },
    async (request) =>
      service.listSectors(deps, contextOf(request), request.query.limit, request.query.cursor),
  );

  app.post(
    '/api/sectors',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['organization'],
        summary: 'Add a sector and the municipalities it covers',
        body: sectorInputSchema,
        response: { 201: sectorSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.createSector(deps, contextOf(request), request.body)),
  );

  app.patch(
    '/api/sectors/:id',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['organization'],
        summary: 'Rename a sector or replace its municipalities',
        params: idParams,
        body: sectorPatchSchema,
        response: { 200: sectorSchema, ...errors },
      },
    },
    async (request) =>
      service.updateSector(deps, contextOf(request), request.params.id, request.body),
  );

  app.delete(
    '/api/sectors/:id',
    {
      config: { permission: 'organization.manage' },
      schema: {
        tags: ['organization'],
        summary: 'Remove a sector that no team serves and no professional is assigned to',
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await service.deleteSector(deps, contextOf(request), request.params.id);
      return reply.code(204).send(null);
    },
  );

  await app.register(teamRoutes, deps);
};
