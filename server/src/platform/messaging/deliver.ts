import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config';
import type { Database } from '../../db/connect';
import type { Clock } from '../context';
import { linkUrl, messageIdFor, senderAddress } from './addresses';
import { retryDelayMs } from './backoff';
import { DeliveryError, safeErrorText } from './delivery-error';
import * as repo from './outbox-repository';
import { MissingTranslationError } from './render';
import { mintSecretLink, revokeSecretLink } from './secret-links';
import { findTemplate, TemplateDataError, type RenderedEmail } from './templates';
import type { EmailTransport, MessageMeta, OutgoingEmail, SmsGateway } from './transports';

export type Log = Pick<FastifyBaseLogger, 'info' | 'warn' | 'error' | 'debug'>;

export type DeliveryDeps = {
  database: Database;
  config: Config;
  clock: Clock;
  log: Log;
  email: EmailTransport;
  sms: SmsGateway;
};

export type Outcome = 'sent' | 'retry' | 'failed' | 'skipped';

/**
 * Sends one claimed message in three steps, none holding a transaction across the network:
 * (1) behind its entity's wall, read it and mint its secret link (the token lives only in memory);
 * (2) render and send; (3) behind the wall again, mark it sent, or failed, or due again later.
 */
export async function deliverClaimed(
  deps: DeliveryDeps,
  claimed: repo.ClaimedMessage,
): Promise<Outcome> {
  const { database, config, clock, log } = deps;
  const max = config.outboxMaxAttempts;
  const prepared = await database.tenant(claimed.entityId, async (tx) => {
    const message = await repo.loadPending(tx, claimed.id);
    if (!message) return null;
    if (message.attempts > max) {
      // Claimed more often than allowed without an outcome: the sender died each time.
      await repo.markFailed(tx, message.id, 'Delivery never completed (the sender stopped)');
      return null;
    }
    const token =
      message.secretPurpose && message.secretSubjectId
        ? await mintSecretLink(tx, {
            entityId: message.entityId,
            purpose: message.secretPurpose,
            subjectId: message.secretSubjectId,
            ttlHours: message.secretTtlHours ?? 24,
            now: clock.now(),
            outboxMessageId: message.id,
          })
        : null;
    return { message, token };
  });
  if (!prepared) return 'skipped';
  const { message, token } = prepared;

  let failure: DeliveryError | null = null;
  try {
    await send(deps, message, token);
  } catch (error) {
    failure = asDeliveryError(error);
  }

  const logged = {
    outboxMessage: message.id,
    template: message.template,
    attempt: message.attempts,
  };
  const outcome: Outcome = !failure
    ? 'sent'
    : failure.permanent || message.attempts >= max
      ? 'failed'
      : 'retry';
  await database.tenant(claimed.entityId, async (tx) => {
    if (outcome === 'sent') return repo.markSent(tx, message.id);
    if (token) await revokeSecretLink(tx, token, clock.now());
    if (outcome === 'failed') return repo.markFailed(tx, message.id, failure!.message);
    const delay = retryDelayMs(message.attempts, {
      baseMs: config.outbox.backoffBaseMs,
      maxMs: config.outbox.backoffMaxMs,
    });
    return repo.scheduleRetry(tx, message.id, failure!.message, delay);
  });
  if (outcome === 'failed') log.error({ ...logged, code: failure!.code }, 'outbox: message failed');
  else if (outcome === 'retry') log.warn({ ...logged, code: failure!.code }, 'outbox: will retry');
  else log.debug(logged, 'outbox: sent');
  return outcome;
}

/** Bad data and missing texts are permanent: sending again would fail the same way. */
function asDeliveryError(error: unknown): DeliveryError {
  if (error instanceof DeliveryError) return error;
  if (error instanceof TemplateDataError || error instanceof MissingTranslationError) {
    return new DeliveryError(error.message, error.name, true);
  }
  return new DeliveryError(safeErrorText(error), error instanceof Error ? error.name : 'error');
}

async function send(deps: DeliveryDeps, message: repo.PendingMessage, token: string | null) {
  const template = findTemplate(message.template);
  if (!template) {
    throw new DeliveryError(`Unknown template ${message.template}`, 'unknown_template', true);
  }
  if (template.channel !== message.channel) {
    throw new DeliveryError(
      `Template ${template.name} is not for ${message.channel}`,
      'channel',
      true,
    );
  }
  const rendered = template.render({
    data: message.data,
    language: message.language,
    entityName: message.entityName,
    entityCode: message.entityCode,
    link: token && template.linkPath ? linkUrl(deps.config, template.linkPath, token) : null,
    linkTtlHours: message.secretTtlHours,
  });
  const meta: MessageMeta = {
    entityId: message.entityId,
    outboxMessageId: message.id,
    template: message.template,
    language: message.language,
  };
  if (rendered.channel === 'sms') {
    await deps.sms.send({
      ...meta,
      senderName: message.entityName,
      to: message.recipient,
      text: rendered.text,
    });
    return;
  }
  await deps.email.send(emailOf(deps.config, message, rendered, meta));
}

function emailOf(
  config: Config,
  message: repo.PendingMessage,
  rendered: RenderedEmail,
  meta: MessageMeta,
): OutgoingEmail {
  return {
    ...meta,
    from: { name: message.entityName, address: senderAddress(config) },
    to: message.recipient,
    replyTo: message.replyTo ?? rendered.replyTo,
    subject: rendered.subject,
    text: rendered.text,
    html: rendered.html,
    messageId: messageIdFor(config, message.entityId, message.idempotencyKey),
  };
}
