import { randomUUID } from 'node:crypto';
import type { Language } from '@caliu/common';
import { sql } from 'drizzle-orm';
import { rowsOf, type Tx } from '../../db/connect';
import type { FastifyBaseLogger } from 'fastify';
import { type AuditActor, writeAudit } from '../../platform/audit';
import type { AppDeps } from '../../platform/context';
import type { SendCheck } from '../../platform/messaging/deliver';
import { dueNow, enqueue, withdrawUnclaimed } from '../../platform/messaging/outbox';
import { sendImmediateSms } from '../../platform/messaging/sms';

/** The first-access link is valid for 72 hours. */
export const ACTIVATION_TTL_HOURS = 72;

export type ActivationTarget = {
  entityId: string;
  entityName: string;
  professionalId: string;
  givenName: string;
  username: string;
  email: string;
  language: Language;
};

export type ActivationSent = { channel: 'email' | 'sms'; smsFailed: boolean };

const secretLink = (t: ActivationTarget) => ({
  purpose: 'activation',
  subjectId: t.professionalId,
  ttlHours: ACTIVATION_TTL_HOURS,
});

/**
 * Queues the activation email in the caller's transaction (the worker mints the link when it
 * sends, so an email withdrawn before that leaves no link behind); not before `notBefore` when
 * given (the fallback of an SMS: `smsFallbackAt`). Answers the message's id.
 */
export async function enqueueActivationEmail(
  tx: Tx,
  target: ActivationTarget,
  notBefore?: Date,
): Promise<string | null> {
  return enqueue(tx, {
    entityId: target.entityId,
    channel: 'email',
    template: 'professional_activation',
    to: target.email,
    language: target.language,
    data: { givenName: target.givenName, username: target.username, entityName: target.entityName },
    idempotencyKey: `professional_activation:${target.professionalId}:${randomUUID()}`,
    secretLink: secretLink(target),
    ...(notBefore ? { notBefore } : {}),
  });
}

/**
 * When the email fallback of an SMS is due (ACTIVATION_SMS_FALLBACK_MINUTES after `now`): queued
 * with the creation, so that a process stopping between the commit and the SMS still gets the
 * link to the new professional.
 */
export function smsFallbackAt(deps: Pick<AppDeps, 'config'>, now: Date): Date {
  return new Date(now.getTime() + deps.config.activationSmsFallbackMinutes * 60_000);
}

/**
 * Who sends an activation SMS: the audit's actor (an administrator, or a support agent of another
 * entity, who runs a ticket's creation: `agentActor`), with the ticket it answers, and the log.
 */
export type SmsSender = { actor: AuditActor; log: FastifyBaseLogger; ticketId?: string };

/**
 * Sends the activation link by SMS right after the creating transaction committed: the number is
 * used for this one message and never stored, logged or audited. When the SMS cannot be sent,
 * the link goes by email instead, and the answer says so. `fallbackEmailId`: the activation
 * email the creation queued for later (`smsFallbackAt`): withdrawn when the SMS went, made due
 * now when it failed — one email, never two.
 */
export async function sendActivationSms(
  deps: AppDeps,
  by: SmsSender,
  target: ActivationTarget,
  mobile: string,
  fallbackEmailId?: string | null,
): Promise<ActivationSent> {
  const sent = await sendImmediateSms(deps, {
    entityId: target.entityId,
    to: mobile,
    language: target.language,
    template: 'professional_activation_sms',
    data: { givenName: target.givenName, username: target.username, entityName: target.entityName },
    secretLink: secretLink(target),
  });
  const result: ActivationSent = sent.ok
    ? { channel: 'sms', smsFailed: false }
    : { channel: 'email', smsFailed: true };
  await deps.database.tenant(target.entityId, async (tx) => {
    if (sent.ok) {
      // Claimed by a worker already (the commit long past): it goes too, its link the valid one.
      if (fallbackEmailId) await withdrawUnclaimed(tx, fallbackEmailId);
    } else if (fallbackEmailId) {
      // No longer pending: it was sent (or failed, shown to the administrators) already.
      await dueNow(tx, fallbackEmailId);
    } else {
      await enqueueActivationEmail(tx, target);
    }
    await writeAudit(tx, by.actor, {
      action: 'professional.activation_send',
      outcome: sent.ok ? 'ok' : 'failed',
      recordType: 'professional',
      recordId: target.professionalId,
      ...(by.ticketId ? { ticketId: by.ticketId } : {}),
      details: { ...result },
    });
  });
  // The gateway's error text is not logged: it could repeat the number.
  if (!sent.ok) {
    by.log.warn(
      { professionalId: target.professionalId },
      'activation SMS not sent; sent by email',
    );
  }
  return result;
}

/**
 * An activation email is sent only while its professional still needs it: active and not yet
 * activated. The email that waits behind a first-access SMS (`smsFallbackAt`) then never reaches
 * someone who already signed up with the SMS's link, even if withdrawing it was missed (the
 * process stopped between the SMS and the withdrawal).
 */
export const activationCheck: SendCheck = {
  templates: ['professional_activation'],
  async stillWanted(tx, message) {
    const [row] = await rowsOf<{ yes: boolean }>(
      tx,
      sql`SELECT EXISTS (SELECT 1 FROM professionals
          WHERE lower(email) = lower(${message.recipient}) AND active
            AND activated_at IS NULL) AS yes`,
    );
    return row?.yes === true;
  },
};
