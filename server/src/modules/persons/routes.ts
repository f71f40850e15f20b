import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createPersonSchema,
  duplicateCheckResultSchema,
  duplicateCheckSchema,
  markDeceasedSchema,
  pageQuerySchema,
  personHistoryPageSchema,
  personIdParamsSchema,
  personSchema,
  personSearchPageSchema,
  personSearchQuerySchema,
  personViewSchema,
  referentOptionsSchema,
  teamForPlaceQuerySchema,
  teamForPlaceSchema,
  updatePersonSchema,
} from '@caliu/common';
import { deletePerson } from '../../commands/delete-person';
import type { AppDeps } from '../../platform/context';
import { errors } from '../../platform/http-schemas';
import { contextOf } from '../../platform/request-context';
import * as personSearch from './search/service';
import * as service from './service';
import { update } from './update-person';

const tags = ['persons'];

/**
 * Person records. Basic data (identification, contact, housing) is entity-wide for the roles
 * that see persons; the full record (history) by the scope of case_files.view: the person's
 * referent (own), the coordinators of the person's team (team), or everyone (entity). The
 * administrator's data-subject tools (persons/data-subject.ts) are routed in modules/audit.
 */
export const personsRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/persons',
    {
      config: { permission: 'persons.view_basic' },
      schema: {
        tags,
        summary: 'Search persons by name (any order, accents, one typo) or document',
        querystring: personSearchQuerySchema,
        response: { 200: personSearchPageSchema, ...errors },
      },
    },
    async (request) => personSearch.search(deps, contextOf(request), request.query),
  );

  app.post(
    '/api/persons/duplicate-check',
    {
      config: { permission: 'persons.edit_basic' },
      schema: {
        tags,
        summary: 'Likely duplicates of a record about to be saved',
        body: duplicateCheckSchema,
        response: { 200: duplicateCheckResultSchema, ...errors },
      },
    },
    async (request) => personSearch.duplicateCheck(deps, contextOf(request), request.body),
  );

  app.get(
    '/api/persons/referents',
    {
      config: { permission: 'persons.edit_basic' },
      schema: {
        tags,
        summary: "Who may be chosen as a person's referent (active technicians and coordinators)",
        response: { 200: referentOptionsSchema, ...errors },
      },
    },
    async (request) => service.referents(deps, contextOf(request)),
  );

  app.get(
    '/api/persons/team-for-place',
    {
      config: { permission: 'persons.edit_basic' },
      schema: {
        tags,
        summary: 'The team a new record in this municipality (and sector) would get',
        querystring: teamForPlaceQuerySchema,
        response: { 200: teamForPlaceSchema, ...errors },
      },
    },
    async (request) => service.teamForPlace(deps, contextOf(request), request.query),
  );

  app.post(
    '/api/persons',
    {
      config: { permission: 'persons.edit_basic' },
      schema: {
        tags,
        summary: 'Create a person record',
        body: createPersonSchema,
        response: { 201: personSchema, ...errors },
      },
    },
    async (request, reply) => {
      const person = await service.create(deps, contextOf(request), request.body);
      return reply.code(201).send(person);
    },
  );

  app.get(
    '/api/persons/:id',
    {
      config: { permission: 'persons.view_basic' },
      schema: {
        tags,
        summary: "A person's basic data (identification, contact, housing)",
        params: personIdParamsSchema,
        response: { 200: personSchema, ...errors },
      },
    },
    async (request) => service.get(deps, contextOf(request), request.params.id),
  );

  app.get(
    '/api/persons/:id/view',
    {
      config: { permission: 'persons.view_basic' },
      schema: {
        tags,
        summary:
          "A person's page in one audited read: basic data and, when the viewer may see the full record, the first page of its history",
        params: personIdParamsSchema,
        querystring: pageQuerySchema.pick({ limit: true }),
        response: { 200: personViewSchema, ...errors },
      },
    },
    async (request) =>
      service.view(deps, contextOf(request), request.params.id, request.query.limit),
  );

  app.patch(
    '/api/persons/:id',
    {
      config: { permission: 'persons.edit_basic' },
      schema: {
        tags,
        summary: "Edit a person's basic data, referent, municipality or team",
        params: personIdParamsSchema,
        body: updatePersonSchema,
        response: { 200: personSchema, ...errors },
      },
    },
    async (request) => update(deps, contextOf(request), request.params.id, request.body),
  );

  app.get(
    '/api/persons/:id/history',
    {
      // The full record is reached the way case files are: by the scope of case_files.view.
      config: { permission: 'case_files.view' },
      schema: {
        tags,
        summary: "A person's history (full record: referent, team coordinators, entity scope)",
        params: personIdParamsSchema,
        querystring: pageQuerySchema,
        response: { 200: personHistoryPageSchema, ...errors },
      },
    },
    async (request) => service.history(deps, contextOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/persons/:id/deceased',
    {
      config: { permission: 'persons.edit_basic' },
      schema: {
        tags,
        summary: 'Record that a person has died',
        params: personIdParamsSchema,
        body: markDeceasedSchema,
        response: { 200: personSchema, ...errors },
      },
    },
    async (request) =>
      service.markDeceased(deps, contextOf(request), request.params.id, request.body.deceasedOn),
  );

  app.post(
    '/api/persons/:id/reactivate',
    {
      config: { permission: 'persons.reactivate' },
      schema: {
        tags,
        summary:
          "Reactivate a person recorded as deceased by mistake (coordinators of the person's team)",
        params: personIdParamsSchema,
        response: { 200: personSchema, ...errors },
      },
    },
    async (request) => service.reactivate(deps, contextOf(request), request.params.id),
  );

  app.delete(
    '/api/persons/:id',
    {
      config: { permission: 'persons.delete' },
      schema: {
        tags,
        summary: "Delete a person record (coordinators of the person's team)",
        params: personIdParamsSchema,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await deletePerson(deps, contextOf(request), { personId: request.params.id });
      return reply.code(204).send(null);
    },
  );
};
