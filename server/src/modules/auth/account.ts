import type { ActivationInfo } from '@caliu/common';
import { writeAudit } from '../../platform/audit';
import {
  actorOf,
  type AppDeps,
  type PublicContext,
  publicActorOf,
  type RequestContext,
} from '../../platform/context';
import { AppError } from '../../platform/errors';
import { enqueue } from '../../platform/messaging/outbox';
import {
  consumeSecretLink,
  parseLinkToken,
  peekSecretLink,
} from '../../platform/messaging/secret-links';
import { hashPassword, verifyPassword } from '../../platform/secrets';
import * as repo from './account-repository';
import { endSessionsOf, findEntityForLogin, findPasswordHash } from './repository';
import { accountKeys, attemptSucceeded, clearAccount, countAttempt } from './throttle';

/** A reset link lives one hour; at most one reset email per account in this window. */
const RESET_TTL_HOURS = 1;
const RESET_EMAIL_WINDOW_MS = 5 * 60_000;

/** Not live: used, replaced by a newer link, expired, or its professional deactivated. */
const linkNotLive = () => new AppError('auth.link_not_live', 404);

function tenantOf(token: string): string {
  const parsed = parseLinkToken(token);
  if (!parsed) throw linkNotLive();
  return parsed.entityId;
}

/** Who an activation link is for (the link stays live). */
export async function activationInfo(deps: AppDeps, token: string): Promise<ActivationInfo> {
  const entityId = tenantOf(token);
  const now = deps.clock.now();
  const account = await deps.database.tenant(entityId, async (tx) => {
    const link = await peekSecretLink(tx, 'activation', token, now);
    return link ? repo.findActivatable(tx, link.subjectId) : null;
  });
  if (!account) throw linkNotLive();
  return {
    givenName: account.givenName,
    username: account.username,
    entityName: account.entityName,
    entityCode: account.entityCode,
  };
}

/** First access: the professional sets a password through the single-use activation link. */
export async function activate(
  deps: AppDeps,
  input: { token: string; password: string },
  ctx: PublicContext,
) {
  const entityId = tenantOf(input.token);
  const now = deps.clock.now();
  const passwordHash = await hashPassword(input.password);
  return deps.database.tenant(entityId, async (tx) => {
    const link = await consumeSecretLink(tx, 'activation', input.token, now);
    const account = link ? await repo.findActivatable(tx, link.subjectId) : null;
    if (!account) throw linkNotLive();
    await repo.setPassword(tx, account.id, passwordHash, now);
    await writeAudit(tx, publicActorOf(ctx, entityId, account.id), {
      action: 'auth.activate',
      recordType: 'professional',
      recordId: account.id,
    });
    return { entityCode: account.entityCode, username: account.username };
  });
}

/**
 * A forgotten password: emails a single-use reset link when an active account has that email.
 * The caller answers the same (202) whether or not there is one.
 */
export async function requestPasswordReset(
  deps: AppDeps,
  input: { entity: string; email: string },
  ctx: PublicContext,
) {
  const entity = await deps.database.anonymous((tx) => findEntityForLogin(tx, input.entity));
  if (!entity) return;
  const now = deps.clock.now();
  await deps.database.tenant(entity.id, async (tx) => {
    const account = await repo.findActiveAccount(tx, { email: input.email.trim() });
    if (!account) return;
    // One email per window: repeated requests cannot flood someone's mailbox.
    const window = Math.floor(now.getTime() / RESET_EMAIL_WINDOW_MS);
    const queued = await enqueue(tx, {
      entityId: entity.id,
      channel: 'email',
      template: 'password_reset',
      to: account.email,
      language: account.language ?? account.entityLanguage,
      data: { givenName: account.givenName, entityName: account.entityName },
      idempotencyKey: `password_reset:${account.id}:${window}`,
      secretLink: { purpose: 'password_reset', subjectId: account.id, ttlHours: RESET_TTL_HOURS },
    });
    if (queued) {
      await writeAudit(tx, publicActorOf(ctx, entity.id), {
        action: 'auth.password_reset_request',
        recordType: 'professional',
        recordId: account.id,
      });
    }
  });
}

/** Sets a new password through a reset link; every session of the account ends. */
export async function resetPassword(
  deps: AppDeps,
  input: { token: string; password: string },
  ctx: PublicContext,
) {
  const entityId = tenantOf(input.token);
  const now = deps.clock.now();
  const passwordHash = await hashPassword(input.password);
  return deps.database.tenant(entityId, async (tx) => {
    const link = await consumeSecretLink(tx, 'password_reset', input.token, now);
    const account = link ? await repo.findActiveAccount(tx, { id: link.subjectId }) : null;
    if (!account) throw linkNotLive();
    await repo.setPassword(tx, account.id, passwordHash);
    await endSessionsOf(tx, account.id, 'password_changed');
    // The owner proved control of the mailbox: earlier failures no longer make them wait.
    await clearAccount(tx, entityId, accountKeys(account.username, ctx.request.ip));
    await writeAudit(tx, publicActorOf(ctx, entityId, account.id), {
      action: 'auth.password_reset',
      recordType: 'professional',
      recordId: account.id,
    });
    return { entityCode: account.entityCode, username: account.username };
  });
}

/**
 * Changes the signed-in professional's password. A wrong current password counts as a failed
 * attempt on the account; the other sessions of the account end.
 */
export async function changePassword(
  deps: AppDeps,
  ctx: RequestContext,
  input: { currentPassword: string; newPassword: string },
) {
  const { auth } = ctx;
  if (input.newPassword === input.currentPassword) {
    throw new AppError('auth.password_unchanged', 400);
  }
  const { database } = deps;
  const entityId = auth.entity.id;
  const keys = accountKeys(auth.username, ctx.request.ip);
  const now = deps.clock.now();
  await database.tenant(entityId, (tx) => countAttempt(tx, entityId, keys, now));
  const found = await database.tenant(entityId, (tx) => findPasswordHash(tx, auth.professionalId));
  if (!(await verifyPassword(found?.passwordHash ?? null, input.currentPassword))) {
    await database.tenant(entityId, (tx) =>
      writeAudit(tx, actorOf(ctx), {
        action: 'auth.password_change',
        outcome: 'denied',
        recordType: 'professional',
        recordId: auth.professionalId,
        details: { reason: 'bad_password' },
      }),
    );
    throw new AppError('auth.wrong_password', 400);
  }
  const passwordHash = await hashPassword(input.newPassword);
  await database.tenant(entityId, async (tx) => {
    await attemptSucceeded(tx, entityId, keys, true);
    await repo.setPassword(tx, auth.professionalId, passwordHash);
    const ended = await endSessionsOf(tx, auth.professionalId, 'password_changed', auth.sessionId);
    await writeAudit(tx, actorOf(ctx), {
      action: 'auth.password_change',
      recordType: 'professional',
      recordId: auth.professionalId,
      details: { otherSessionsEnded: ended },
    });
  });
}
