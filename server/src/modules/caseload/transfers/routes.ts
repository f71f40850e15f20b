import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  caseloadTransferApproveSchema,
  caseloadTransferListSchema,
  caseloadTransferParamsSchema,
  caseloadTransferPreviewSchema,
  caseloadTransferRequestSchema,
  caseloadTransferSchema,
  supportCaseloadTransferParamsSchema,
} from '@caliu/common';
import type { AppDeps } from '../../../platform/context';
import { errors } from '../../../platform/http-schemas';
import { contextOf } from '../../../platform/request-context';
import * as agent from './agent';
import * as service from './service';

const tags = ['caseload'];
const config = { permission: 'caseload.manage' } as const;

/**
 * A coordinator's caseload transfer and its second approver (`caseload.manage`: coordinators,
 * within the teams they coordinate; issue 21, docs/decisions/0011).
 */
export const caseloadTransferRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.post(
    '/api/caseload/transfers/preview',
    {
      config,
      schema: {
        tags,
        summary:
          "What a transfer of a professional's caseload within your teams would move, and what stays",
        body: caseloadTransferRequestSchema,
        response: { 200: caseloadTransferPreviewSchema, ...errors },
      },
    },
    async (request) => service.preview(deps, contextOf(request), request.body),
  );

  app.post(
    '/api/caseload/transfers',
    {
      config,
      schema: {
        tags,
        summary: 'Request a caseload transfer: it runs once another coordinator approves it',
        body: caseloadTransferRequestSchema,
        response: { 201: caseloadTransferSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await service.request(deps, contextOf(request), request.body)),
  );

  app.get(
    '/api/caseload/transfers',
    {
      config,
      schema: {
        tags,
        summary:
          'Pending transfers you may approve or cancel, and your requests of the last 30 days',
        response: { 200: caseloadTransferListSchema, ...errors },
      },
    },
    async (request) => service.list(deps, contextOf(request)),
  );

  app.get(
    '/api/caseload/transfers/:id/preview',
    {
      config,
      schema: {
        tags,
        summary: 'The preview of a pending transfer as it would run now',
        params: caseloadTransferParamsSchema,
        response: { 200: caseloadTransferPreviewSchema, ...errors },
      },
    },
    async (request) => service.previewNow(deps, contextOf(request), request.params.id),
  );

  app.post(
    '/api/caseload/transfers/:id/approve',
    {
      config,
      schema: {
        tags,
        summary: "Approve another coordinator's transfer: it runs now, as the preview you saw",
        params: caseloadTransferParamsSchema,
        body: caseloadTransferApproveSchema,
        response: { 200: caseloadTransferSchema, ...errors },
      },
    },
    async (request) => service.approve(deps, contextOf(request), request.params.id, request.body),
  );

  app.post(
    '/api/caseload/transfers/:id/cancel',
    {
      config,
      schema: {
        tags,
        summary: 'Cancel a pending transfer (its requester, or a coordinator who could approve it)',
        params: caseloadTransferParamsSchema,
        response: { 200: caseloadTransferSchema, ...errors },
      },
    },
    async (request) => service.cancel(deps, contextOf(request), request.params.id),
  );
};

const agentConfig = { permission: 'support.resolve' } as const;
const agentPath = '/api/support/entities/:entityId/caseload-transfers/:id';

/**
 * The coordinators' pending transfers as a support agent sees them, every council's, counts only,
 * and the agent's approval or cancellation (issue 21, decision 0011): the second approver who is
 * no coordinator.
 */
export const supportCaseloadTransferRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/support/caseload-transfers',
    {
      config: agentConfig,
      schema: {
        tags: ['support'],
        summary:
          "Every council's caseload transfers waiting for a second approver (counts only, audited)",
        response: { 200: caseloadTransferListSchema, ...errors },
      },
    },
    async (request) => agent.list(deps, contextOf(request)),
  );

  app.get(
    `${agentPath}/preview`,
    {
      config: agentConfig,
      schema: {
        tags: ['support'],
        summary: "A council's pending transfer as it would run now (counts only, audited)",
        params: supportCaseloadTransferParamsSchema,
        response: { 200: caseloadTransferPreviewSchema, ...errors },
      },
    },
    async (request) =>
      agent.previewNow(deps, contextOf(request), request.params.entityId, request.params.id),
  );

  app.post(
    `${agentPath}/approve`,
    {
      config: agentConfig,
      schema: {
        tags: ['support'],
        summary: "Approve a council's pending transfer: it runs now, as the preview you saw",
        params: supportCaseloadTransferParamsSchema,
        body: caseloadTransferApproveSchema,
        response: { 200: caseloadTransferSchema, ...errors },
      },
    },
    async (request) =>
      agent.approve(
        deps,
        contextOf(request),
        request.params.entityId,
        request.params.id,
        request.body,
      ),
  );

  app.post(
    `${agentPath}/cancel`,
    {
      config: agentConfig,
      schema: {
        tags: ['support'],
        summary: "Cancel a council's pending transfer",
        params: supportCaseloadTransferParamsSchema,
        response: { 200: caseloadTransferSchema, ...errors },
      },
    },
    async (request) =>
      agent.cancel(deps, contextOf(request), request.params.entityId, request.params.id),
  );
};
