import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Config } from './config';
import type { Database } from './db/connect';
import { type AppDeps, type Clock, systemClock } from './platform/context';
import { guardPlugin } from './platform/guard';
import { createErrorHandler, sendError } from './platform/http-errors';
import { loggerOptions } from './platform/logging';
import { overTls } from './platform/tls';
import { authRoutes } from './modules/auth/routes';
import { authenticate } from './modules/auth/service';
import { ticketAttachmentRoutes } from './modules/support/attachment-routes';
import { operationRoutes } from './modules/support/operations/routes';
import { supportRoutes } from './modules/support/routes';
import { publicSupportRoutes } from './modules/support/public-routes';
import { publicFormRoutes } from './platform/public-forms/routes';
import { communityHelpPublicRoutes } from './modules/community-help/public-routes';
import { supportQueueRoutes } from './modules/support/queue-routes';
import { coordinatorRequestRoutes } from './modules/support/coordinator-requests/routes';
import { auditRoutes } from './modules/audit/routes';
import { systemRoutes } from './modules/system/routes';
import { messagingRoutes } from './modules/messaging/routes';
import { personsRoutes } from './modules/persons/routes';
import { duplicatesRoutes } from './modules/persons/duplicates/routes';
import { caseContentRoutes } from './modules/case-files/content/routes';
import { contentToolRoutes } from './modules/case-files/content/tool-routes';
import { caseFileRoutes } from './modules/case-files/routes';
import { caseloadRoutes } from './modules/caseload/routes';
import {
  caseloadTransferRoutes,
  supportCaseloadTransferRoutes,
} from './modules/caseload/transfers/routes';
import { catalogueRoutes } from './modules/catalogues/routes';
import { enrolmentGatePlugin } from './modules/auth/enrolment-gate';
import { organizationRoutes } from './modules/organization/routes';
import { professionalRoutes } from './modules/professionals/routes';
import { homeRoutes } from './modules/home/routes';
import { agendaRoutes } from './modules/agenda/routes';
import { calendarFeedRoutes } from './modules/agenda/feed-routes';
import { attachmentRoutes } from './modules/attachments/routes';
import { helpRequestRoutes } from './modules/community-help/requests/routes';

const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../web/dist');

/**
 * Builds the Fastify application: external plugins, then Caliu's platform plugins, then the
 * modules' routes (the order of fastify/demo). A request enters in modules/<name>/routes.ts;
 * permission is decided in platform/guard.ts; SQL lives in modules/<name>/repository.ts.
 */
export async function buildApp(
  deps: { database: Database; config: Config; clock?: Clock },
  options: { logger?: boolean | object; serveConsole?: boolean } = {},
): Promise<FastifyInstance> {
  const appDeps: AppDeps = { ...deps, clock: deps.clock ?? systemClock };
  const app = Fastify({
    logger: options.logger ?? loggerOptions(deps.config.logLevel),
    genReqId: () => randomUUID(),
    requestIdHeader: false,
    trustProxy: deps.config.trustProxy,
    bodyLimit: 1024 * 1024,
  }).withTypeProvider<ZodTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(createErrorHandler(deps.database));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        // blob: the console previews an attachment's image from the bytes it fetched (each fetch
        // an audited download); the blob exists only in the page that made it.
        imgSrc: ["'self'", 'data:', 'blob:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        formAction: ["'self'"],
        upgradeInsecureRequests: null,
      },
    },
    // One framing policy in both headers: no page of the console may be framed.
    frameguard: { action: 'deny' },
    // HSTS is set per request below: whenever the request came over TLS.
    strictTransportSecurity: false,
  });
  app.addHook('onSend', async (request, reply) => {
    if (overTls(request.protocol, deps.config.cookieSecure)) {
      reply.header('strict-transport-security', 'max-age=31536000; includeSubDomains');
    }
  });
  await app.register(fastifySwagger, {
    openapi: {
      info: {
        title: 'Caliu API',
        description: 'The API of Caliu, the platform for the social services of local councils.',
        version: '0.1.0',
      },
      components: {
        securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'caliu_session' } },
      },
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });
  await app.register(guardPlugin, {
    database: appDeps.database,
    authenticate: (cookie, authOptions) => authenticate(appDeps, cookie, authOptions),
  });
  await app.register(enrolmentGatePlugin);

  await app.register(systemRoutes, appDeps);
  await app.register(authRoutes, appDeps);
  await app.register(supportRoutes, appDeps);
  await app.register(ticketAttachmentRoutes, appDeps);
  await app.register(operationRoutes, appDeps);
  await app.register(publicFormRoutes, appDeps);
  await app.register(publicSupportRoutes, appDeps);
  await app.register(communityHelpPublicRoutes, appDeps);
  await app.register(supportQueueRoutes, appDeps);
  await app.register(coordinatorRequestRoutes, appDeps);
  await app.register(auditRoutes, appDeps);
  await app.register(messagingRoutes, appDeps);
  await app.register(personsRoutes, appDeps);
  await app.register(duplicatesRoutes, appDeps);
  await app.register(caseFileRoutes, appDeps);
  await app.register(caseContentRoutes, appDeps);
  await app.register(catalogueRoutes, appDeps);
  await app.register(caseloadRoutes, appDeps);
  await app.register(caseloadTransferRoutes, appDeps);
  await app.register(supportCaseloadTransferRoutes, appDeps);
  await app.register(contentToolRoutes, appDeps);
  await app.register(organizationRoutes, appDeps);
  await app.register(professionalRoutes, appDeps);
  await app.register(homeRoutes, appDeps);
  await app.register(agendaRoutes, appDeps);
  await app.register(calendarFeedRoutes, appDeps);
  await app.register(attachmentRoutes, appDeps);
  await app.register(helpRequestRoutes, appDeps);

  const serveConsole = options.serveConsole ?? true;
  if (serveConsole && existsSync(path.join(WEB_DIST, 'index.html'))) {
    await app.register(fastifyStatic, { root: WEB_DIST, wildcard: false, index: 'index.html' });
  }
  app.setNotFoundHandler((request, reply) => {
    const wantsPage = request.method === 'GET' && !request.url.startsWith('/api/');
    if (wantsPage && serveConsole && existsSync(path.join(WEB_DIST, 'index.html'))) {
      // The console is a single-page app: its routes all answer with index.html.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendError(reply, 404, 'http.not_found', request.t('errors.http.not_found'));
  });
  return app;
}
