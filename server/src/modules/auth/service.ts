import { grantsForRoles, type Me, PERMISSIONS } from '@caliu/common';
import type { Config } from '../../config';
import type { Database } from '../../db/connect';
import { writeAudit, type AuditActor } from '../../platform/audit';
import type { AuthContext, Clock } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { csrfTokenFor, newToken, sha256, verifyPassword } from '../../platform/secrets';
import * as repo from './repository';

type Deps = { database: Database; config: Config; clock: Clock };
type RequestMeta = { requestId: string; ip: string };

/** Cookie value: "<entity id>.<token>". The entity id lets the look-up run behind the tenant wall. */
export function parseSessionCookie(value: string | undefined) {
  if (!value) return null;
  const match = /^([0-9a-f-]{36})\.([A-Za-z0-9_-]{43})$/.exec(value);
  return match ? { entityId: match[1]!, token: match[2]! } : null;
}

export async function login(
  deps: Deps,
  input: { entity: string; username: string; password: string },
  meta: RequestMeta,
): Promise<{ cookie: string; auth: AuthContext }> {
  const { database, config, clock } = deps;
  const entity = await database.anonymous((tx) => repo.findEntityByCode(tx, input.entity.trim()));
  if (!entity) throw new AppError('auth.unknown_entity', 401);
  const username = input.username.trim().toLowerCase();
  const found = await database.tenant(entity.id, (tx) =>
    repo.findProfessionalForLogin(tx, username),
  );
  // Verify outside any transaction (PGlite runs one at a time); always spend the hashing time.
  const ok = await verifyPassword(found?.active ? found.passwordHash : null, input.password);
  const actor: AuditActor = {
    entityId: entity.id,
    actorId: found?.id ?? null,
    requestId: meta.requestId,
    ip: meta.ip,
  };
  if (!found || !ok) {
    await database.tenant(entity.id, (tx) =>
      writeAudit(tx, actor, {
        action: 'auth.login',
        outcome: 'denied',
        details: { reason: found ? 'bad_password' : 'unknown_username' },
      }),
    );
    throw new AppError('auth.invalid_credentials', 401);
  }
  const token = newToken();
  const now = clock.now();
  const idleExpiresAt = new Date(now.getTime() + config.sessionIdleMs);
  const absoluteExpiresAt = new Date(now.getTime() + config.sessionAbsoluteMs);
  await database.tenant(entity.id, async (tx) => {
    const sessionId = await repo.insertSession(tx, {
      entityId: entity.id,
      professionalId: found.id,
      tokenHash: sha256(token),
      idleExpiresAt,
      absoluteExpiresAt,
    });
    await writeAudit(tx, actor, {
      action: 'auth.login',
      recordType: 'session',
      recordId: sessionId,
    });
  });
  const auth = await authenticate(deps, `${entity.id}.${token}`);
  if (!auth) throw new Error('Session vanished right after login');
  return { cookie: `${entity.id}.${token}`, auth };
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
  return database.tenant(parsed.entityId, async (tx) => {
    const row = await repo.findLiveSession(tx, sha256(parsed.token), now);
    if (!row) return null;
    let idleExpiresAt = row.idleExpiresAt;
    if (options.forceTouch || now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
      idleExpiresAt = new Date(
        Math.min(now.getTime() + config.sessionIdleMs, row.absoluteExpiresAt.getTime()),
      );
      await repo.touchSession(tx, row.sessionId, now, idleExpiresAt);
    }
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
    };
  });
}

export async function logout(deps: Deps, auth: AuthContext, meta: RequestMeta) {
  await deps.database.tenant(auth.entity.id, async (tx) => {
    await repo.endSession(tx, auth.sessionId, 'logout');
    await writeAudit(
      tx,
      {
        entityId: auth.entity.id,
        actorId: auth.professionalId,
        requestId: meta.requestId,
        ip: meta.ip,
      },
      { action: 'auth.logout', recordType: 'session', recordId: auth.sessionId },
    );
  });
}

export async function savePreferences(deps: Deps, auth: AuthContext, language: Me['language']) {
  if (!language) return;
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
  };
}
