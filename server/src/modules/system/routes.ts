import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import type { AppDeps } from '../../platform/context';
import { sendError } from '../../platform/http-errors';
import { errorResponses } from '../../platform/http-schemas';

export const systemRoutes: FastifyPluginAsyncZod<AppDeps> = async (app, deps) => {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        tags: ['system'],
        summary: 'Liveness: answers ok when the database answers',
        response: { 200: z.object({ status: z.literal('ok') }), ...errorResponses(503) },
      },
    },
    async (request, reply) => {
      try {
        await deps.database.anonymous((tx) => tx.execute(sql`SELECT 1`));
        return { status: 'ok' as const };
      } catch (error) {
        request.log.error({ err: error }, 'health check: database does not answer');
        return sendError(
          reply,
          503,
          'database.unavailable',
          request.t('errors.database.unavailable'),
        );
      }
    },
  );

  app.get('/api/openapi.json', { config: { public: true }, schema: { hide: true } }, async () =>
    app.swagger(),
  );
};
