import { randomUUID } from 'node:crypto';
import type { Language } from '@caliu/common';
import type { Tx } from '../../db/connect';
import type { FastifyBaseLogger } from 'fastify';
import { type AuditActor, writeAudit } from '../../platform/audit';
import type { AppDeps } from '../../platform/context';
import { enqueue } from '../../platform/messaging/outbox';
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

/** Queues the activation email in the caller's transaction (the worker mints the link). */
export async function enqueueActivationEmail(tx: Tx, target: ActivationTarget) {
  await enqueue(tx, {
    entityId: target.entityId,
    channel: 'email',
    template: 'professional_activation',
    to: target.email,
    language: target.language,
    data: { givenName: target.givenName, username: target.username, entityName: target.entityName },
    idempotencyKey: `professional_activation:${target.professionalId}:${randomUUID()}`,
    secretLink: secretLink(target),
  });
}

/**
 * Who sends an activation SMS: the audit's actor (an administrator, or a support agent of another
 * entity, who runs a ticket's creation: `agentActor`), with the ticket it answers, and the log.
 */
export type SmsSender = { actor: AuditActor; log: FastifyBaseLogger; ticketId?: string };

/**
 * Sends the activation link by SMS right after the creating transaction committed: the number is
 * used for this one message and never stored, logged or audited. When the SMS cannot be sent,
 * the link goes by email instead, and the answer says so.
 */
export async function sendActivationSms(
  deps: AppDeps,
  by: SmsSender,
  target: ActivationTarget,
  mobile: string,
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
    if (!sent.ok) await enqueueActivationEmail(tx, target);
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
