import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  contentDeletionSchema,
  contentItemParamsSchema,
  contentMoveSchema,
  MOVABLE_KINDS,
  type MovableKind,
  transferContentSchema,
} from '@caliu/common';
import { deleteContent } from '../../../commands/delete-content';
import { transferContent } from '../../../commands/transfer-content';
import type { AppDeps } from '../../../platform/context';
import { errors } from '../../../platform/http-schemas';
import { contextOf } from '../../../platform/request-context';

const tags = ['case-files'];

const PATHS: Record<MovableKind, string> = {
  intervention: 'interventions',
  demand: 'demands',
  problem: 'problems',
  resource: 'resources',
  procedure: 'procedures',
};

/**
 * The coordinator's tools on a case file's content (`content.transfer`, team scope): transfer an
 * item to another case file of their teams (with a preview first), or delete it. The rules are in
 * the commands (server/src/commands/), which the support desk reuses.
 */
export const contentToolRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  for (const kind of MOVABLE_KINDS) {
    const path = `/api/case-files/:id/${PATHS[kind]}/:itemId`;
    app.post(
      `${path}/transfer`,
      {
        config: { permission: 'content.transfer' },
        schema: {
          tags,
          summary: `Transfer a ${kind} to another case file of the coordinator's teams (preview: only say what would happen)`,
          params: contentItemParamsSchema,
          body: transferContentSchema,
          response: { 200: contentMoveSchema, ...errors },
        },
      },
      async (request) =>
        transferContent(deps, contextOf(request), {
          kind,
          caseFileId: request.params.id,
          itemId: request.params.itemId,
          target: request.body.target,
          preview: request.body.preview,
        }),
    );
    app.delete(
      path,
      {
        config: { permission: 'content.transfer' },
        schema: {
          tags,
          summary: `Delete a ${kind} (a coordinator of the case file's team)`,
          params: contentItemParamsSchema,
          response: { 200: contentDeletionSchema, ...errors },
        },
      },
      async (request) =>
        deleteContent(deps, contextOf(request), {
          kind,
          caseFileId: request.params.id,
          itemId: request.params.itemId,
        }),
    );
  }
};
