import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { TFunction } from 'i18next';
import {
  CSRF_HEADER,
  DEFAULT_LANGUAGE,
  isPermission,
  type Language,
  languageFromAcceptHeader,
  type Permission,
  SESSION_COOKIE,
  SESSION_EXPIRY_HEADER,
} from '@caliu/common';
import type { Database } from '../db/connect';
import { writeAudit } from './audit';
import { actorOf, type AuthContext } from './context';
import { sendError } from './http-errors';
import { translator } from './i18n';
import { contextOf } from './request-context';
import { csrfTokenFor, safeEqual } from './secrets';

/** One row of the route table: what the authorization matrix test walks. */
export type RouteDeclaration = {
  method: string;
  url: string;
  permission: Permission | null;
  public: boolean;
};

declare module 'fastify' {
  interface FastifyInstance {
    /** Every API route with the permission it declares (collected at registration). */
    routeTable: RouteDeclaration[];
  }
  interface FastifyContextConfig {
    /** The permission a route needs. Every route declares one, or `public: true`. */
    permission?: Permission;
    public?: boolean;
  }
  interface FastifyRequest {
    auth: AuthContext | null;
    language: Language;
    t: TFunction;
  }
}

/**
 * Where the application's own routes live: the API, the calendar feeds (a path of their own, for
 * calendar applications), and community help's public form (`/help/<entity code>`, issue 22).
 */
const APPLICATION_PATHS = ['/api/', '/feeds/', '/help/'];

/** Routes registered by plugins (the API docs UI, the console's static files): public by nature. */
const isPluginRoute = (url: string) =>
  url.startsWith('/api/docs') || !APPLICATION_PATHS.some((path) => url.startsWith(path));

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Resolves the session cookie to the signed-in professional (the auth module's, passed in by app.ts). */
export type Authenticate = (
  cookie: string | undefined,
  options: { forceTouch: boolean },
) => Promise<AuthContext | null>;

type GuardOptions = { database: Database; authenticate: Authenticate };

/**
 * The guard every request passes: language, session, CSRF, permission. A route that declares
 * neither a permission nor `public: true` makes start-up fail.
 */
async function guard(app: FastifyInstance, options: GuardOptions) {
  app.decorateRequest('auth', null);
  app.decorateRequest('language', DEFAULT_LANGUAGE);
  app.decorateRequest('t', null as unknown as TFunction);

  app.decorate('routeTable', [] as RouteDeclaration[]);
  app.addHook('onRoute', (route) => {
    const config = route.config ?? {};
    const url = route.url;
    if (isPluginRoute(url)) return;
    const methods = (Array.isArray(route.method) ? route.method : [route.method]).filter(
      (m) => m !== 'HEAD',
    );
    const declare = (permission: Permission | null, isPublic: boolean) => {
      for (const method of methods)
        app.routeTable.push({ method, url, permission, public: isPublic });
    };
    if (config.public === true && config.permission === undefined) return declare(null, true);
    if (config.permission !== undefined && isPermission(config.permission) && !config.public) {
      return declare(config.permission, false);
    }
    throw new Error(
      `Route ${route.method} ${url} must declare config.permission (from the catalogue) or config.public: true`,
    );
  });

  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const accepted = languageFromAcceptHeader(request.headers['accept-language']);
    setLanguage(request, accepted ?? DEFAULT_LANGUAGE);
    if (APPLICATION_PATHS.some((path) => request.url.startsWith(path))) {
      reply.header('cache-control', 'no-store');
    }
    const config = request.routeOptions.config;
    if (request.is404 || config.public || isPluginRoute(request.routeOptions.url ?? '/')) return;

    const cookie = request.cookies[SESSION_COOKIE];
    const auth = await options.authenticate(cookie, {
      forceTouch: request.url === '/api/auth/keep-alive',
    });
    if (!auth) {
      const code = cookie ? 'auth.session_expired' : 'auth.required';
      return sendError(reply, 401, code, request.t(`errors.${code}`));
    }
    request.auth = auth;
    setLanguage(request, auth.language ?? accepted ?? auth.entity.defaultLanguage);
    reply.header(SESSION_EXPIRY_HEADER, auth.idleExpiresAt.toISOString());

    if (!SAFE_METHODS.has(request.method)) {
      const sent = request.headers[CSRF_HEADER];
      if (typeof sent !== 'string' || !safeEqual(sent, csrfTokenFor(auth.sessionToken))) {
        return sendError(reply, 403, 'auth.csrf', request.t('errors.auth.csrf'));
      }
    }
    const permission = config.permission!;
    if (!auth.grants[permission]) {
      await options.database.tenant(auth.entity.id, (tx) =>
        writeAudit(tx, actorOf(contextOf(request)), {
          action: 'access.denied',
          outcome: 'denied',
          details: { permission, method: request.method, route: request.routeOptions.url },
        }),
      );
      return sendError(reply, 403, 'auth.forbidden', request.t('errors.auth.forbidden'));
    }
  });
}

function setLanguage(request: FastifyRequest, language: Language) {
  request.language = language;
  request.t = translator(language);
}

export const guardPlugin = fp(guard, { name: 'caliu-guard' });
