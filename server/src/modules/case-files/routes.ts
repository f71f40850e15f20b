import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  addMemberSchema,
  caseFileIdParamsSchema,
  caseFileListQuerySchema,
  caseFilePageSchema,
  caseFileOpenQuerySchema,
  openedCaseFileSchema,
  caseFileSchema,
  catalogueParamsSchema,
  catalogueSchema,
  closeCaseFileSchema,
  createCaseFileSchema,
  createInterventionSchema,
  interventionListQuerySchema,
  interventionPageSchema,
  interventionParamsSchema,
  interventionSchema,
  memberParamsSchema,
  reopenCaseFileSchema,
  updateCaseFileSchema,
  updateInterventionSchema,
  updateMemberSchema,
} from '@caliu/common';
import type { AppDeps } from '../../platform/context';
import { errors } from '../../platform/http-schemas';
import { contextOf } from '../../platform/request-context';
import { openCaseFile } from './content/open';
import * as interventions from './interventions';
import * as members from './members';
import * as service from './service';

const tags = ['case-files'];

/**
 * Case files, their members and interventions. The route's permission is the first gate; which
 * case files a user reaches is decided in SQL by modules/case-files/access.ts (own, team, entity,
 * and the SIAD wall), so a case file out of reach answers exactly like a missing one.
 */
export const caseFileRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/case-files',
    {
      config: { permission: 'case_files.view' },
      schema: {
        tags,
        summary:
          'Case files the user sees, by professional, team, person, scope, state, place or number',
        querystring: caseFileListQuerySchema,
        response: { 200: caseFilePageSchema, ...errors },
      },
    },
    async (request) => service.list(deps, contextOf(request), request.query),
  );

  app.post(
    '/api/case-files',
    {
      config: { permission: 'case_files.create' },
      schema: {
        tags,
        summary: 'Open a case file for a person (its holder)',
        body: createCaseFileSchema,
        response: { 201: caseFileSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.create(deps, contextOf(request), request.body)),
  );

  app.get(
    '/api/case-files/:id',
    {
      config: { permission: 'case_files.view' },
      schema: {
        tags,
        summary:
          "A case file's header, members and assigned professionals, with `timeline=N` the first N entries of its timeline (audited reads)",
        params: caseFileIdParamsSchema,
        querystring: caseFileOpenQuerySchema,
        response: { 200: openedCaseFileSchema, ...errors },
      },
    },
    async (request) => openCaseFile(deps, contextOf(request), request.params.id, request.query),
  );

  app.patch(
    '/api/case-files/:id',
    {
      config: { permission: 'case_files.edit' },
      schema: {
        tags,
        summary:
          'Edit the header: municipality, assigned professionals; referent and team (coordinators)',
        params: caseFileIdParamsSchema,
        body: updateCaseFileSchema,
        response: { 200: caseFileSchema, ...errors },
      },
    },
    async (request) => service.update(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/case-files/:id/close',
    {
      config: { permission: 'case_files.edit' },
      schema: {
        tags,
        summary: 'Close a case file with a reason from the catalogue',
        params: caseFileIdParamsSchema,
        body: closeCaseFileSchema,
        response: { 200: caseFileSchema, ...errors },
      },
    },
    async (request) => service.close(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/case-files/:id/reopen',
    {
      config: { permission: 'case_files.edit' },
      schema: {
        tags,
        summary: 'Reopen a closed case file, saying why',
        params: caseFileIdParamsSchema,
        body: reopenCaseFileSchema,
        response: { 200: caseFileSchema, ...errors },
      },
    },
    async (request) => service.reopen(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/case-files/:id/members',
    {
      config: { permission: 'case_files.edit' },
      schema: {
        tags,
        summary: 'Link a person to the case file with a role in it',
        params: caseFileIdParamsSchema,
        body: addMemberSchema,
        response: { 200: caseFileSchema, ...errors },
      },
    },
    async (request) => members.addMember(deps, contextOf(request), request.params.id, request.body),
  );

  app.patch(
    '/api/case-files/:id/members/:personId',
    {
      config: { permission: 'case_files.edit' },
      schema: {
        tags,
        summary: "Change a member's role in the case file",
        params: memberParamsSchema,
        body: updateMemberSchema,
        response: { 200: caseFileSchema, ...errors },
      },
    },
    async (request) =>
      members.changeMemberRole(
        deps,
        contextOf(request),
        request.params.id,
        request.params.personId,
        request.body.role,
      ),
  );

  app.delete(
    '/api/case-files/:id/members/:personId',
    {
      config: { permission: 'case_files.unlink_person' },
      schema: {
        tags,
        summary: "Unlink a person from the case file (coordinators of the file's team)",
        params: memberParamsSchema,
        response: { 200: caseFileSchema, ...errors },
      },
    },
    async (request) =>
      members.removeMember(deps, contextOf(request), request.params.id, request.params.personId),
  );

  app.get(
    '/api/case-files/:id/interventions',
    {
      config: { permission: 'content.view' },
      schema: {
        tags,
        summary: "A case file's interventions, most recent first (audited for each member)",
        params: caseFileIdParamsSchema,
        querystring: interventionListQuerySchema,
        response: { 200: interventionPageSchema, ...errors },
      },
    },
    async (request) =>
      interventions.list(deps, contextOf(request), request.params.id, request.query),
  );

  app.post(
    '/api/case-files/:id/interventions',
    {
      config: { permission: 'content.edit' },
      schema: {
        tags,
        summary: 'Record an intervention (interview, home visit…) on an open case file',
        params: caseFileIdParamsSchema,
        body: createInterventionSchema,
        response: { 201: interventionSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(
          await interventions.create(deps, contextOf(request), request.params.id, request.body),
        ),
  );

  app.get(
    '/api/case-files/:id/interventions/:interventionId',
    {
      config: { permission: 'content.view' },
      schema: {
        tags,
        summary: 'One intervention (audited for each member)',
        params: interventionParamsSchema,
        response: { 200: interventionSchema, ...errors },
      },
    },
    async (request) =>
      interventions.get(deps, contextOf(request), request.params.id, request.params.interventionId),
  );

  app.patch(
    '/api/case-files/:id/interventions/:interventionId',
    {
      config: { permission: 'content.edit' },
      schema: {
        tags,
        summary: "Edit an intervention (its author, or a coordinator of the file's team)",
        params: interventionParamsSchema,
        body: updateInterventionSchema,
        response: { 200: interventionSchema, ...errors },
      },
    },
    async (request) =>
      interventions.update(
        deps,
        contextOf(request),
        request.params.id,
        request.params.interventionId,
        request.body,
      ),
  );

  app.get(
    '/api/catalogues/:catalogue',
    {
      config: { permission: 'case_files.view' },
      schema: {
        tags: ['catalogues'],
        summary: "One of the entity's catalogues (intervention types, closing reasons)",
        params: catalogueParamsSchema,
        response: { 200: catalogueSchema, ...errors },
      },
    },
    async (request) => service.catalogue(deps, contextOf(request), request.params.catalogue),
  );
};
