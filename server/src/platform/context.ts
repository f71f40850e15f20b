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
};

export function can(auth: AuthContext | null, permission: Permission): boolean {
  return Boolean(auth && auth.grants[permission]);
}

/** The audit actor of a request made by a signed-in professional. */
export function actorOf(auth: AuthContext, request: { id: string; ip: string }): AuditActor {
  return {
    entityId: auth.entity.id,
    actorId: auth.professionalId,
    requestId: request.id,
    ip: request.ip,
  };
}

/** Small seams for what tests need to control. */
export type Clock = { now: () => Date };
export const systemClock: Clock = { now: () => new Date() };

/** What every module receives: the database, the configuration and the clock. */
export type AppDeps = { database: Database; config: Config; clock: Clock };
