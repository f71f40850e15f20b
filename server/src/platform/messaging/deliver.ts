import type { FastifyBaseLogger } from 'fastify';
import type { Config } from '../../config';
import type { Database, Tx } from '../../db/connect';
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

/**
 * A check a message must pass when it is sent, not only when it was written: a message due long
 * after the change that caused it (an appointment's reminder) is withdrawn — deleted, never sent
 * — when its reasons no longer hold (the person withdrew consent, changed number, is now protected).
 * Handed in like the chores, by template name: the platform knows no module.
 */
export type SendCheck = {
  templates: readonly string[];
  /** Behind the message's entity's wall, in the transaction that prepares it. */
  stillWanted(
    tx: Tx,
    message: { id: string; channel: 'email' | 'sms'; recipient: string },
  ): Promise<boolean>;
};

export type DeliveryDeps = {
  database: Database;
  config: Config;
  clock: Clock;
  log: Log;
  email: EmailTransport;
  sms: SmsGateway;
  /** Checks by template a message must still pass when it is sent. */
  checks: readonly SendCheck[];
};

export type Outcome = 'sent' | 'retry' | 'failed' | 'skipped';

/** Runs `fn` over `items` with at most `limit` at once. */
export async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}

type Prepared = { message: repo.PendingMessage; token: string | null };
type Attempted = Prepared & { outcome: Outcome; failure: DeliveryError | null };

/** Sent messages are recorded in transactions of at most this many (see deliverBatch). */
export const RECORD_EVERY = 10;

/**
 * Sends a claimed batch in three steps, none holding a transaction across the network:
 * (1) for each entity in the batch, one transaction behind its wall reads its messages and mints
 * their secret links (tokens live only in memory); (2) render and send, `concurrency` at a time;
 * (3) as an entity's outcomes come in, one transaction behind its wall per RECORD_EVERY of them
 * (and one for the rest) marks them sent, failed, or due again later. A few commits per batch,
 * not two per message: the database's flushes were what bounded the rate; and a worker that dies
 * repeats at most the sends not yet recorded, not the whole batch. A transaction that fails is
 * tried again one message at a time, so one bad message does not hold back the others; what
 * still fails reaches `on.error` (those messages stay leased and are sent again when the lease
 * lapses). `on.outcome` hears of each message's outcome.
 */
export async function deliverBatch(
  deps: DeliveryDeps,
  claimed: repo.ClaimedMessage[],
  concurrency: number,
  on: {
    outcome?: (outcome: Outcome) => void;
    error: (ids: string[], error: unknown) => void;
  },
): Promise<void> {
  const byEntity = new Map<string, string[]>();
  for (const c of claimed) byEntity.set(c.entityId, [...(byEntity.get(c.entityId) ?? []), c.id]);

  const ready: Prepared[] = [];
  await eachLimited([...byEntity], concurrency, async ([entityId, ids]) => {
    let failed = 0;
    const prepared = await oneByOneOnFailure(ids, (some) => prepare(deps, entityId, some), {
      error: (some, error) => {
        failed += some.length;
        on.error(some, error);
      },
    });
    ready.push(...prepared);
    // No longer pending (sent by another worker meanwhile, or out of attempts): nothing to do.
    for (let i = prepared.length + failed; i < ids.length; i++) on.outcome?.('skipped');
  });

  const unrecorded = new Map<string, Attempted[]>();
  const flush = async (entityId: string) => {
    const items = unrecorded.get(entityId) ?? [];
    unrecorded.delete(entityId);
    if (items.length === 0) return;
    const recorded = await oneByOneOnFailure(
      items,
      async (some) => {
        await record(deps, entityId, some);
        return some;
      },
      {
        error: (failed, error) =>
          on.error(
            failed.map((i) => i.message.id),
            error,
          ),
      },
    );
    for (const item of recorded) {
      log(deps.log, item);
      on.outcome?.(item.outcome);
    }
  };
  await eachLimited(ready, concurrency, async (item) => {
    const done = await attempt(deps, item);
    const entityId = item.message.entityId;
    const list = [...(unrecorded.get(entityId) ?? []), done];
    unrecorded.set(entityId, list);
    if (list.length >= RECORD_EVERY) await flush(entityId);
  });
  await Promise.all([...unrecorded.keys()].map(flush));
}

/**
 * `work` on all the items in one transaction; if that fails, on each item alone, so that one
 * bad item fails alone. Answers what the successful calls answered.
 */
async function oneByOneOnFailure<T, R>(
  items: T[],
  work: (some: T[]) => Promise<R[]>,
  on: { error: (failed: T[], error: unknown) => void },
): Promise<R[]> {
  try {
    return await work(items);
  } catch (error) {
    if (items.length === 1) {
      on.error(items, error);
      return [];
    }
  }
  const out: R[] = [];
  for (const item of items) {
    try {
      out.push(...(await work([item])));
    } catch (error) {
      on.error([item], error);
    }
  }
  return out;
}

/** Step 1 for one entity: its still-pending messages, with a fresh secret link where they carry one. */
async function prepare(deps: DeliveryDeps, entityId: string, ids: string[]): Promise<Prepared[]> {
  const { database, config, clock } = deps;
  const max = config.outboxMaxAttempts;
  return database.tenant(entityId, async (tx) => {
    const prepared: Prepared[] = [];
    for (const message of await repo.loadPending(tx, ids)) {
      if (message.attempts > max) {
        // Claimed more often than allowed without an outcome: the sender died each time.
        await repo.markFailed(tx, message.id, 'Delivery never completed (the sender stopped)');
        continue;
      }
      const check = deps.checks.find((c) => c.templates.includes(message.template));
      if (check && !(await check.stillWanted(tx, message))) {
        await repo.withdraw(tx, message.id);
        deps.log.info({ outboxMessage: message.id }, 'outbox: withdrawn, no longer wanted');
        continue;
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
      prepared.push({ message, token });
    }
    return prepared;
  });
}

/** Step 2 for one message. */
async function attempt(deps: DeliveryDeps, item: Prepared): Promise<Attempted> {
  const max = deps.config.outboxMaxAttempts;
  let failure: DeliveryError | null = null;
  try {
    await send(deps, item.message, item.token);
  } catch (error) {
    failure = asDeliveryError(error);
  }
  const outcome: Outcome = !failure
    ? 'sent'
    : failure.permanent || item.message.attempts >= max
      ? 'failed'
      : 'retry';
  return { ...item, outcome, failure };
}

/** Step 3 for one entity: every message sent is marked by one statement. */
async function record(deps: DeliveryDeps, entityId: string, items: Attempted[]): Promise<void> {
  const { database, config, clock } = deps;
  await database.tenant(entityId, async (tx) => {
    const sent = items.filter((i) => i.outcome === 'sent').map((i) => i.message.id);
    if (sent.length) await repo.markSent(tx, sent);
    for (const { message, token, outcome, failure } of items) {
      if (outcome === 'sent') continue;
      if (token) await revokeSecretLink(tx, token, clock.now());
      if (outcome === 'failed') {
        await repo.markFailed(tx, message.id, failure!.message);
        continue;
      }
      const delay = retryDelayMs(message.attempts, {
        baseMs: config.outbox.backoffBaseMs,
        maxMs: config.outbox.backoffMaxMs,
      });
      await repo.scheduleRetry(tx, message.id, failure!.message, delay);
    }
  });
}

function log(log: Log, { message, outcome, failure }: Attempted) {
  const logged = {
    outboxMessage: message.id,
    template: message.template,
    attempt: message.attempts,
  };
  if (outcome === 'failed') log.error({ ...logged, code: failure!.code }, 'outbox: message failed');
  else if (outcome === 'retry') log.warn({ ...logged, code: failure!.code }, 'outbox: will retry');
  else log.debug(logged, 'outbox: sent');
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
    link:
      token && template.linkPath
        ? linkUrl(deps.config, template.linkPath, token, template.linkToken)
        : null,
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
