import type { FastifyBaseLogger } from 'fastify';
import type { TFunction } from 'i18next';
import type { Grants, Language, Permission, Role } from '@caliu/common';
import type { Config } from '../config';
import type { Database } from '../db/connect';
import type { AuditActor } from './audit';

/** The signed-in professional, resolved from the session cookie on every request. */
export type AuthContext = {
  sessionId: string;
  sessionToken: string;
  professionalId: string;
  username: string;
  givenName: string;
  surnames: string;
  language: Language | null;
  roles: Role[];
  grants: Grants;
  entity: {
    id: string;
    code: string;
    name: string;
    kind: 'council' | 'provider';
    timeZone: string;
    defaultLanguage: Language;
  };
  idleExpiresAt: Date;
  absoluteExpiresAt: Date;
  /** Read with the session at every request: a role or setting changed since applies at once. */
  secondFactor: SecondFactorState;
  /**
   * The caseloads the professional covers today for an absent colleague (read with the session
   * at every request, so a cover starts and ends by itself): their case files of that team count
   * as the professional's own (modules/case-files/access.ts).
   */
  covers: readonly CaseloadCover[];
};

/** Temporary access to an absent professional's case files of one team. */
export type CaseloadCover = { absentId: string; teamId: string };

/** The second factor as it stands for a signed-in professional. */
export type SecondFactorState = {
  /** A confirmed second factor: every login asks for a code. */
  enrolled: boolean;
  /** The entity requires it of one of the professional's roles. */
  required: boolean;
  /** Required and not enrolled: the session may only enrol, read its profile and sign out. */
  enrolmentRequired: boolean;
};

/** Where a request came from: what every audit row records of it. */
export type RequestOrigin = { id: string; ip: string };

/**
 * What a service knows of the request it serves on a public route (built by
 * `publicContextOf` in request-context.ts): no one is signed in.
 */
export type PublicContext = {
  /** With the session cookie the browser sent, if any (a login ends that session). */
  request: RequestOrigin & { cookie?: string | undefined };
  language: Language;
  /** Translates into the request's language (errors that name a field, refusals that list). */
  t: TFunction;
  log: FastifyBaseLogger;
};

/** The same on a route with a permission (`contextOf`): who acts, checked once. */
export type RequestContext = Omit<PublicContext, 'request'> & {
  auth: AuthContext;
  request: RequestOrigin;
};

export function can(auth: AuthContext | null, permission: Permission): boolean {
  return Boolean(auth && auth.grants[permission]);
}

/** The audit actor of a request made by a signed-in professional. */
export function actorOf({ auth, request }: RequestContext): AuditActor {
  return {
    entityId: auth.entity.id,
    actorId: auth.professionalId,
    requestId: request.id,
    ip: request.ip,
  };
}

/** The audit actor of a public route's request: in the entity it concerns, someone or no one. */
export function publicActorOf(
  { request }: PublicContext,
  entityId: string,
  actorId: string | null = null,
): AuditActor {
  return { entityId, actorId, requestId: request.id, ip: request.ip };
}

/** Small seams for what tests need to control. */
export type Clock = { now: () => Date };
export const systemClock: Clock = { now: () => new Date() };

/** What every module receives: the database, the configuration and the clock. */
export type AppDeps = { database: Database; config: Config; clock: Clock };
