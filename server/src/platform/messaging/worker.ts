import type { Config } from '../../config';
import type { Database } from '../../db/connect';
import { type Clock, systemClock } from '../context';
import { deliverClaimed, type DeliveryDeps, type Log, type Outcome } from './deliver';
import { claimDue } from './outbox-repository';
import {
  emailTransportFor,
  smsGatewayFor,
  type EmailTransport,
  type SmsGateway,
} from './transports';

export type WorkerDeps = {
  database: Database;
  config: Config;
  log: Log;
  clock?: Clock;
  /** Transports to use instead of those the configuration names (tests). */
  email?: EmailTransport;
  sms?: SmsGateway;
};

export type OutboxWorker = {
  /** Claims one batch and sends it; answers how many messages it claimed. */
  runOnce(): Promise<number>;
  /** Stops after the batch in hand, then closes the SMTP connections. */
  stop(): Promise<void>;
};

function deliveryDeps(deps: WorkerDeps): DeliveryDeps {
  return {
    database: deps.database,
    config: deps.config,
    clock: deps.clock ?? systemClock,
    log: deps.log,
    email: deps.email ?? emailTransportFor(deps),
    sms: deps.sms ?? smsGatewayFor(deps),
  };
}

function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = (error as { code?: unknown }).code ?? cause?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
}

/** Runs `fn` over `items` with at most `limit` at once. */
async function eachLimited<T>(items: T[], limit: number, fn: (item: T) => Promise<void>) {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await fn(items[next++]!);
  });
  await Promise.all(lanes);
}

/**
 * One round: claim a batch across entities (one short transaction, FOR UPDATE SKIP LOCKED, a
 * lease of OUTBOX_LEASE_SECONDS), then send each message behind its own entity's wall.
 */
async function runRound(
  deps: DeliveryDeps,
  entities: string[] | null,
  count?: (outcome: Outcome) => void,
): Promise<number> {
  const { config } = deps;
  const claimed = await deps.database.anonymous((tx) =>
    claimDue(tx, config.outbox.batchSize, config.outbox.leaseSeconds, entities),
  );
  await eachLimited(claimed, config.outbox.concurrency, async (message) => {
    try {
      const outcome = await deliverClaimed(deps, message);
      count?.(outcome);
    } catch (error) {
      // The database failed while marking: the lease lapses and the message is sent again. Only
      // a code is logged: a failed query's message repeats its parameters (an address).
      deps.log.error(
        { outboxMessage: message.id, code: errorCode(error) },
        'outbox: could not record',
      );
    }
  });
  return claimed.length;
}

/**
 * Starts the outbox worker: it polls every OUTBOX_POLL_MS and goes on at once while batches come
 * back full. Runs inside `npm start` (CALIU_WORKER=1) and in `npm run worker` (worker-main.ts).
 */
export function startOutboxWorker(deps: WorkerDeps): OutboxWorker {
  const delivery = deliveryDeps(deps);
  const { config, log } = deps;
  let stopping = false;
  let wake: (() => void) | null = null;

  const runOnce = () => runRound(delivery, config.outbox.entities);
  const loop = (async () => {
    while (!stopping) {
      let claimed = 0;
      try {
        claimed = await runOnce();
      } catch (error) {
        log.error({ err: error }, 'outbox: claiming failed');
      }
      if (stopping || claimed >= config.outbox.batchSize) continue;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, config.outbox.pollMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = null;
    }
  })();
  log.info(
    {
      email: delivery.email.kind,
      sms: delivery.sms.kind,
      entities: config.outbox.entities?.length ?? 'all',
    },
    'outbox worker started',
  );

  return {
    runOnce,
    async stop() {
      stopping = true;
      (wake as (() => void) | null)?.();
      await loop;
      delivery.email.close();
    },
  };
}

/**
 * Sends every due message of the given entities until none is left (tests, and anything that
 * must see its messages out before it goes on). Messages that fail wait for their backoff.
 */
export async function drainOutbox(
  deps: WorkerDeps,
  entities: string[],
  options: { maxRounds?: number } = {},
): Promise<Record<Outcome, number>> {
  const delivery = deliveryDeps(deps);
  const counts: Record<Outcome, number> = { sent: 0, retry: 0, failed: 0, skipped: 0 };
  try {
    for (let round = 0; round < (options.maxRounds ?? 1000); round++) {
      const claimed = await runRound(delivery, entities, (o) => counts[o]++);
      if (claimed === 0) break;
    }
  } finally {
    if (!deps.email) delivery.email.close();
  }
  return counts;
}
