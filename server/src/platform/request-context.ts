import type { FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '@caliu/common';
import type { PublicContext, RequestContext } from './context';
import { unauthenticated } from './errors';

/**
 * The request as a service needs it, on a route with a permission: the signed-in professional,
 * where the request came from, its language and its log. Routes build it once per call.
 */
export function contextOf(request: FastifyRequest): RequestContext {
  // The guard answers 401 before such a route runs; this check is what lets the type say so.
  if (!request.auth) throw unauthenticated();
  return {
    auth: request.auth,
    request: { id: request.id, ip: request.ip },
    language: request.language,
    t: request.t,
    log: request.log,
  };
}

/** The same on a public route: no one is signed in; the session cookie sent, if any. */
export function publicContextOf(request: FastifyRequest): PublicContext {
  return {
    request: { id: request.id, ip: request.ip, cookie: request.cookies[SESSION_COOKIE] },
    language: request.language,
    t: request.t,
    log: request.log,
  };
}
