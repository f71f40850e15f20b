import type { Config } from '../../config';
import type { Database } from '../../db/connect';
import { type Clock, systemClock } from '../context';
import { deliverBatch, type DeliveryDeps, type Log, type Outcome, type SendCheck } from './deliver';

export type { SendCheck };
import { claimDue } from './outbox-repository';
import {
  emailTransportFor,
  smsGatewayFor,
  type EmailTransport,
  type SmsGateway,
} from './transports';

/**
 * Periodic housekeeping the worker runs beside delivery (the clean-up of abandoned uploads): each
 * at most every `everyMs` by the worker's clock, in the background, never delaying a round.
 * Handed in by whoever starts the worker (main.ts, worker-main.ts): the platform knows no module.
 */
export type Chore = {
  name: string;
  everyMs: number;
  /** Does one pass at `now`; what it answers (a count) is logged when it is not zero. */
  run(now: Date): Promise<number>;
};

export type WorkerDeps = {
  database: Database;
  config: Config;
  log: Log;
  clock?: Clock;
  /** Transports to use instead of those the configuration names (tests). */
  email?: EmailTransport;
  sms?: SmsGateway;
  chores?: readonly Chore[];
  checks?: readonly SendCheck[];
};

export type OutboxWorker = {
  /** Claims one batch and sends it; answers how many messages it claimed. */
  runOnce(): Promise<number>;
  /** Runs every chore that is due now and waits for them (tests; the loop does it by itself). */
  runChores(): Promise<void>;
  /** Stops after the batch in hand and the chores running, then closes the SMTP connections. */
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
    checks: deps.checks ?? [],
  };
}

function errorCode(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown } }).cause;
  const code = (error as { code?: unknown }).code ?? cause?.code;
  return typeof code === 'string' ? code : error instanceof Error ? error.name : 'error';
}

/**
 * One round: claim a batch across entities (one short transaction, FOR UPDATE SKIP LOCKED, a
 * lease of OUTBOX_LEASE_SECONDS), then send it behind each message's entity's wall (deliver.ts).
 */
async function runRound(
  deps: DeliveryDeps,
  entities: string[] | null,
  count?: (outcome: Outcome) => void,
): Promise<number> {
  const { config } = deps;
  const claimed = await deps.database.anonymous((tx) =>
    claimDue(tx, config.outbox.batchSize, config.outbox.leaseSeconds, entities, deps.clock.now()),
  );
  await deliverBatch(deps, claimed, config.outbox.concurrency, {
    outcome: count,
    error(ids, error) {
      // The database failed while preparing or marking: the lease lapses and these messages are
      // sent again. Only a code is logged: a failed query's message repeats its parameters.
      for (const id of ids) {
        deps.log.error(
          { outboxMessage: id, code: errorCode(error) },
          'outbox: database failed, the lease will lapse',
        );
      }
    },
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
  const chores = choreRunner(deps.chores ?? [], delivery.clock, log);

  const runOnce = () => runRound(delivery, config.outbox.entities);
  const loop = (async () => {
    while (!stopping) {
      chores.startDue();
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
    runChores: async () => {
      chores.startDue();
      await chores.running();
    },
    async stop() {
      stopping = true;
      (wake as (() => void) | null)?.();
      await loop;
      await chores.running();
      delivery.email.close();
    },
  };
}

/**
 * Starts the chores that are due, each in the background (a chore still running is not started
 * again): the delivery loop never waits for one.
 */
function choreRunner(chores: readonly Chore[], clock: Clock, log: Log) {
  const lastRun = new Map<string, number>();
  const inFlight = new Map<string, Promise<void>>();
  return {
    startDue() {
      const now = clock.now();
      for (const chore of chores) {
        const last = lastRun.get(chore.name);
        if (inFlight.has(chore.name)) continue;
        if (last !== undefined && now.getTime() - last < chore.everyMs) continue;
        lastRun.set(chore.name, now.getTime());
        const run = chore
          .run(now)
          .then((count) => {
            if (count > 0) log.info({ chore: chore.name, count }, 'worker: chore done');
          })
          .catch((error: unknown) => {
            log.error({ chore: chore.name, code: errorCode(error) }, 'worker: chore failed');
          })
          .finally(() => inFlight.delete(chore.name));
        inFlight.set(chore.name, run);
      }
    },
    running: async () => {
      await Promise.all(inFlight.values());
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
