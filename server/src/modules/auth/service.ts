import {
  entityOfToken,
  grantsForRoles,
  type Me,
  PERMISSIONS,
  SECOND_FACTOR_ROLES,
  type SecondFactorChallenge,
} from '@caliu/common';
import type { Config } from '../../config';
import type { Database, Tx } from '../../db/connect';
import { writeAudit, type AuditActor } from '../../platform/audit';
import {
  actorOf,
  type AuthContext,
  type Clock,
  type PublicContext,
  publicActorOf,
  type RequestContext,
} from '../../platform/context';
import { AppError } from '../../platform/errors';
import { csrfTokenFor, newToken, sha256, verifyPassword } from '../../platform/secrets';
import * as repo from './repository';
import { verifyLoginFactor } from './second-factor';
import { secretBoxOf } from './secret-box';
import { attemptSucceeded, countAttempt, pruneNowAndThen, throttleKeys } from './throttle';
import type { ThrottleKey } from './throttle-repository';

type Deps = { database: Database; config: Config; clock: Clock };

/** A challenge lives 5 minutes and survives 5 wrong codes. */
const CHALLENGE_TTL_MS = 5 * 60_000;
const CHALLENGE_MAX_FAILURES = 5;

/** Cookie value: "<entity id>.<token>". The entity id lets the look-up run behind the tenant wall. */
export function parseSessionCookie(value: string | undefined) {
  const entityId = entityOfToken(value);
  return entityId ? { entityId, token: value!.slice(entityId.length + 1) } : null;
}

export type LoginResult =
  | { kind: 'signed_in'; cookie: string; auth: AuthContext }
  | { kind: 'challenge'; challenge: SecondFactorChallenge };

/**
 * Counts the attempt against the account and the address before anything is checked, and
 * refuses it (audited) while either waits.
 */
async function countOrRefuse(
  deps: Deps,
  entityId: string,
  keys: ThrottleKey[],
  actor: AuditActor,
  now: Date,
  stage: 'password' | 'second_factor',
) {
  try {
    await deps.database.tenant(entityId, (tx) => countAttempt(tx, entityId, keys, now));
  } catch (error) {
    if (error instanceof AppError && error.code === 'auth.throttled') {
      await deps.database.tenant(entityId, (tx) =>
        writeAudit(tx, actor, {
          action: 'auth.login',
          outcome: 'denied',
          details: { reason: 'throttled', stage },
        }),
      );
    }
    throw error;
  }
}

export async function login(
  deps: Deps,
  input: { entity: string; username: string; password: string },
  ctx: PublicContext,
): Promise<LoginResult> {
  const { database, clock } = deps;
  const entity = await database.anonymous((tx) => repo.findEntityForLogin(tx, input.entity));
  if (!entity) throw new AppError('auth.unknown_entity', 401);
  const username = input.username.trim().toLowerCase();
  const keys = throttleKeys(username, ctx.request.ip);
  const now = clock.now();
  const actor = publicActorOf(ctx, entity.id);
  await countOrRefuse(deps, entity.id, keys, actor, now, 'password');
  const found = await database.tenant(entity.id, (tx) =>
    repo.findProfessionalForLogin(tx, username),
  );
  // Verify outside any transaction (PGlite runs one at a time); always spend the hashing time.
  const ok = await verifyPassword(found?.active ? found.passwordHash : null, input.password);
  actor.actorId = found?.id ?? null;
  if (!found || !ok) {
    await database.tenant(entity.id, async (tx) => {
      await writeAudit(tx, actor, {
        action: 'auth.login',
        outcome: 'denied',
        details: { reason: found ? 'bad_password' : 'unknown_username' },
      });
      await pruneNowAndThen(tx, entity.id, now);
    });
    throw new AppError('auth.invalid_credentials', 401);
  }
  if (found.secondFactorConfirmed) {
    const challenge = `${entity.id}.${newToken()}`;
    const expiresAt = new Date(now.getTime() + CHALLENGE_TTL_MS);
    await database.tenant(entity.id, async (tx) => {
      await attemptSucceeded(tx, entity.id, keys, false);
      await repo.insertChallenge(tx, {
        entityId: entity.id,
        professionalId: found.id,
        tokenHash: sha256(challenge),
        expiresAt,
      });
      await writeAudit(tx, actor, {
        action: 'auth.login_challenge',
        recordType: 'professional',
        recordId: found.id,
      });
    });
    return {
      kind: 'challenge',
      challenge: { secondFactorRequired: true, challenge, expiresAt: expiresAt.toISOString() },
    };
  }
  const cookie = await database.tenant(entity.id, (tx) =>
    openSession(
      deps,
      tx,
      { entityId: entity.id, professionalId: found.id, keys, actor, cookie: ctx.request.cookie },
      {
        method: 'password',
      },
    ),
  );
  return { kind: 'signed_in', cookie, auth: await authenticated(deps, cookie) };
}

/** Completes a login with the second factor: a TOTP code or a recovery code. */
export async function completeSecondFactor(
  deps: Deps,
  input: { challenge: string; code?: string | undefined; recoveryCode?: string | undefined },
  ctx: PublicContext,
): Promise<{ cookie: string; auth: AuthContext }> {
  const { database, clock } = deps;
  const entityId = entityOfToken(input.challenge);
  if (!entityId) throw new AppError('auth.challenge_expired', 401);
  const tokenHash = sha256(input.challenge);
  const now = clock.now();
  const challenge = await database.tenant(entityId, (tx) =>
    repo.findLiveChallenge(tx, tokenHash, now),
  );
  if (!challenge) throw new AppError('auth.challenge_expired', 401);
  const keys = throttleKeys(challenge.username, ctx.request.ip);
  const actor = publicActorOf(ctx, entityId, challenge.professionalId);
  await countOrRefuse(deps, entityId, keys, actor, now, 'second_factor');
  const box = await secretBoxOf(database);
  const outcome = await database.tenant(entityId, async (tx) => {
    const live = await repo.findLiveChallenge(tx, tokenHash, now);
    if (!live) return { kind: 'expired' as const };
    const method = await verifyLoginFactor(tx, box, live.professionalId, input, now);
    if (!method) {
      await repo.failChallenge(tx, live.id, CHALLENGE_MAX_FAILURES);
      return { kind: 'wrong' as const };
    }
    await repo.useChallenge(tx, live.id);
    const context = {
      entityId,
      professionalId: live.professionalId,
      keys,
      actor,
      cookie: ctx.request.cookie,
    };
    return {
      kind: 'ok' as const,
      cookie: await openSession(deps, tx, context, { secondFactor: method }),
    };
  });
  if (outcome.kind === 'expired') throw new AppError('auth.challenge_expired', 401);
  if (outcome.kind === 'wrong') {
    await database.tenant(entityId, (tx) =>
      writeAudit(tx, actor, {
        action: 'auth.login',
        outcome: 'denied',
        details: { reason: 'bad_second_factor' },
      }),
    );
    throw new AppError('auth.invalid_second_factor', 401);
  }
  return { cookie: outcome.cookie, auth: await authenticated(deps, outcome.cookie) };
}

/**
 * Opens a session with a fresh token (the one the browser held, if any, ends: sessions rotate at
 * login), clears the account's failed attempts and records the login. Answers the cookie value.
 */
async function openSession(
  deps: Deps,
  tx: Tx,
  context: {
    entityId: string;
    professionalId: string;
    keys: ThrottleKey[];
    actor: AuditActor;
    /** The session cookie the browser came with: that session ends (sessions rotate at login). */
    cookie: string | undefined;
  },
  details: Record<string, unknown>,
): Promise<string> {
  const { entityId, professionalId } = context;
  const now = deps.clock.now();
  await attemptSucceeded(tx, entityId, context.keys, true);
  const previous = parseSessionCookie(context.cookie);
  let rotated: string | null = null;
  if (previous?.entityId === entityId) {
    rotated = await repo.findOpenSessionId(tx, sha256(previous.token));
    if (rotated) await repo.endSession(tx, rotated, 'rotated');
  }
  const token = newToken();
  const sessionId = await repo.insertSession(tx, {
    entityId,
    professionalId,
    tokenHash: sha256(token),
    idleExpiresAt: new Date(now.getTime() + deps.config.sessionIdleMs),
    absoluteExpiresAt: new Date(now.getTime() + deps.config.sessionAbsoluteMs),
  });
  await writeAudit(
    tx,
    { ...context.actor, actorId: professionalId },
    {
      action: 'auth.login',
      recordType: 'session',
      recordId: sessionId,
      details: { ...details, ...(rotated ? { rotatedSession: rotated } : {}) },
    },
  );
  return `${entityId}.${token}`;
}

async function authenticated(deps: Deps, cookie: string): Promise<AuthContext> {
  const auth = await authenticate(deps, cookie);
  if (!auth) throw new Error('Session vanished right after login');
  return auth;
}

/** Touch at most this often: every request extends the idle expiry, but few of them write. */
const TOUCH_EVERY_MS = 15_000;

export async function authenticate(
  deps: Deps,
  cookie: string | undefined,
  options: { forceTouch?: boolean } = {},
): Promise<AuthContext | null> {
  const parsed = parseSessionCookie(cookie);
  if (!parsed) return null;
  const { database, config, clock } = deps;
  const now = clock.now();
  const row = await repo.findLiveSession(database.db, parsed.entityId, sha256(parsed.token), now);
  if (!row) return null;
  let idleExpiresAt = row.idleExpiresAt;
  if (options.forceTouch || now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    idleExpiresAt = new Date(
      Math.min(now.getTime() + config.sessionIdleMs, row.absoluteExpiresAt.getTime()),
    );
    await database.tenant(parsed.entityId, (tx) =>
      repo.touchSession(tx, row.sessionId, now, idleExpiresAt),
    );
  }
  // Read at every request: a role or setting changed since sign-in applies at once.
  const required =
    row.entityRequiresSecondFactor && row.roles.some((r) => SECOND_FACTOR_ROLES.includes(r));
  return {
    sessionId: row.sessionId,
    sessionToken: parsed.token,
    professionalId: row.professionalId,
    username: row.username,
    givenName: row.givenName,
    surnames: row.surnames,
    language: row.language,
    roles: row.roles,
    grants: grantsForRoles(row.roles),
    entity: {
      id: row.entityId,
      code: row.entityCode,
      name: row.entityName,
      kind: row.entityKind,
      timeZone: row.entityTimeZone,
      defaultLanguage: row.entityLanguage,
    },
    idleExpiresAt,
    absoluteExpiresAt: row.absoluteExpiresAt,
    secondFactor: {
      enrolled: row.secondFactorConfirmed,
      required,
      enrolmentRequired: required && !row.secondFactorConfirmed,
    },
    covers: row.covers,
  };
}

export async function logout(deps: Deps, ctx: RequestContext) {
  const { auth } = ctx;
  await deps.database.tenant(auth.entity.id, async (tx) => {
    await repo.endSession(tx, auth.sessionId, 'logout');
    await writeAudit(tx, actorOf(ctx), {
      action: 'auth.logout',
      recordType: 'session',
      recordId: auth.sessionId,
    });
  });
}

export async function savePreferences(
  deps: Deps,
  { auth }: RequestContext,
  language: Me['language'],
) {
  await deps.database.tenant(auth.entity.id, (tx) =>
    repo.setLanguage(tx, auth.professionalId, language),
  );
}

/** What the console needs to know about the signed-in user. */
export function presentMe(auth: AuthContext): Me {
  return {
    id: auth.professionalId,
    username: auth.username,
    givenName: auth.givenName,
    surnames: auth.surnames,
    language: auth.language,
    roles: auth.roles,
    permissions: PERMISSIONS.filter((p) => auth.grants[p]),
    entity: {
      id: auth.entity.id,
      code: auth.entity.code,
      name: auth.entity.name,
      timeZone: auth.entity.timeZone,
      defaultLanguage: auth.entity.defaultLanguage,
    },
    session: {
      idleExpiresAt: auth.idleExpiresAt.toISOString(),
      absoluteExpiresAt: auth.absoluteExpiresAt.toISOString(),
    },
    csrfToken: csrfTokenFor(auth.sessionToken),
    secondFactor: auth.secondFactor,
  };
}
