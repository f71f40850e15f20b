import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  accessReportSchema,
  apiErrorSchema,
  createPersonSchema,
  duplicateCheckResultSchema,
  duplicateCheckSchema,
  markDeceasedSchema,
  pageQuerySchema,
  personHistoryPageSchema,
  personIdParamsSchema,
  personLookupQuerySchema,
  personLookupResultSchema,
  personSchema,
  personSearchPageSchema,
  personSearchQuerySchema,
  referentOptionsSchema,
  updatePersonSchema,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import * as dataSubject from './data-subject';
import * as service from './service';
import { update } from './update-person';

const errors = {
  400: apiErrorSchema,
  401: apiErrorSchema,
  403: apiErrorSchema,
  404: apiErrorSchema,
  409: apiErrorSchema,
};
const tags = ['persons'];

/**
 * Person records. Basic data (identification, contact, housing) is entity-wide for the roles
 * that see persons; the full record (history) by the scope of case_files.view: the person's
 * referent (own), the coordinators of the person's team (team), or everyone (entity). The administrator's data-subject tools are under /api/audit.
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
    async (request) => service.search(deps, request.auth!, request.query, request),
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
    async (request) => service.duplicateCheck(deps, request.auth!, request.body, request),
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
    async (request) => service.referents(deps, request.auth!),
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
      const person = await service.create(deps, request.auth!, request.body, request);
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
    async (request) => service.get(deps, request.auth!, request.params.id, request),
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
    async (request) => update(deps, request.auth!, request.params.id, request.body, request),
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
    async (request) =>
      service.history(deps, request.auth!, request.params.id, request.query, request),
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
      service.markDeceased(
        deps,
        request.auth!,
        request.params.id,
        request.body.deceasedOn,
        request,
      ),
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
      await service.remove(deps, request.auth!, request.params.id, request);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/audit/person-lookup',
    {
      config: { permission: 'audit.view' },
      schema: {
        tags: ['audit'],
        summary: 'Identify a data subject by document or name (the look-up is audited)',
        querystring: personLookupQuerySchema,
        response: { 200: personLookupResultSchema, ...errors },
      },
    },
    async (request) => dataSubject.lookup(deps, request.auth!, request.query, request),
  );

  app.get(
    '/api/audit/persons/:id/access-report',
    {
      config: { permission: 'audit.view' },
      schema: {
        tags: ['audit'],
        summary: "Who consulted or changed this person's data, and when (GDPR art. 15)",
        params: personIdParamsSchema,
        response: { 200: accessReportSchema, ...errors },
      },
    },
    async (request) => dataSubject.accessReport(deps, request.auth!, request.params.id, request),
  );
};
