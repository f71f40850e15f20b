import { sql } from 'drizzle-orm';
import type { Config } from '../../config';
import { type Database, rowsOf, type Tx } from '../../db/connect';
import type { Chore } from '../../platform/messaging/worker';
import { enqueue } from '../../platform/messaging/outbox';

/**
 * The watcher (issue 22 item 4, docs/decisions/0012): a chore of the outbox worker that tells each
 * entity's operators (active professionals with the role `operator`) that help-form submissions
 * wait for the import — how many, and a link to the table, nothing personal — at most once per
 * period (HELP_INTAKE_NOTIFY_MINUTES). A steady trickle still brings one email every period.
 *
 * One email per period whatever the number of processes: the decision is the database's. In the
 * entity's transaction, the entity's row of `help_intake_notices` is inserted or updated only when
 * no email went within the period (a conditional upsert: a second process waits on the row, then
 * finds the period not over and updates nothing), and the emails are enqueued in that same
 * transaction, each with an idempotency key of the period besides.
 */

/** How often the worker looks: often enough that an email goes soon after its period ends. */
export const HELP_INTAKE_WATCH_EVERY_MS = 30_000;

export const HELP_REQUESTS_CONSOLE_PATH = '/help-requests';

/** The entities (of those the worker serves) with submissions not yet announced. */
async function entitiesWithNews(
  database: Database,
  entities: readonly string[] | null,
): Promise<string[]> {
  const rows = await database.anonymous((tx) =>
    rowsOf<{ id: string }>(
      tx,
      sql`SELECT caliu_help_intake_pending(${entities ? entities.join(',') : null}) AS id`,
    ),
  );
  return rows.map((r) => r.id);
}

function consoleUrl(config: Config): string {
  const base = (config.publicUrl ?? `http://localhost:${config.port}`).replace(/\/+$/, '');
  return `${base}${HELP_REQUESTS_CONSOLE_PATH}`;
}

/**
 * Tells one entity's operators, if a period has passed since the last email and submissions came
 * that no email announced. Answers how many emails were enqueued (0: nothing new, or the period is
 * not over, or another process told them).
 */
export async function notifyEntity(
  database: Database,
  config: Config,
  entityId: string,
  now: Date,
): Promise<number> {
  const periodMs = config.helpIntakeNotifyMinutes * 60_000;
  return database.tenant(entityId, async (tx) => {
    const [news] = await rowsOf<{ fresh: number }>(
      tx,
      sql`SELECT count(*)::int AS fresh FROM help_request_submissions
        WHERE entity_id = ${entityId} AND imported_at IS NULL AND announced_at IS NULL`,
    );
    if (!news || news.fresh === 0) return 0;
    // The decision: the row written only if the last email is a period old (or there is none).
    // The loser of a race waits here and then writes nothing.
    const [claimed] = await rowsOf<{ notified_at: Date | string }>(
      tx,
      sql`INSERT INTO help_intake_notices AS n (entity_id, notified_at, seen_until)
        VALUES (${entityId}, ${now}, ${now})
        ON CONFLICT (entity_id) DO UPDATE
          SET notified_at = excluded.notified_at, seen_until = excluded.seen_until
          WHERE n.notified_at <= ${new Date(now.getTime() - periodMs)}
        RETURNING n.notified_at`,
    );
    if (!claimed) return 0;
    // What this email announces: every submission waiting and not yet announced, whenever its
    // clock said it came (one committed late with an earlier time included).
    const announced = await rowsOf<{ id: string }>(
      tx,
      sql`UPDATE help_request_submissions SET announced_at = ${now}
        WHERE entity_id = ${entityId} AND imported_at IS NULL AND announced_at IS NULL
        RETURNING id`,
    );
    if (announced.length === 0) return 0;
    const [waiting] = await rowsOf<{ count: number }>(
      tx,
      sql`SELECT count(*)::int AS count FROM help_request_submissions
        WHERE entity_id = ${entityId} AND imported_at IS NULL`,
    );
    return enqueueNotices(
      tx,
      config,
      entityId,
      waiting!.count,
      Math.floor(now.getTime() / periodMs),
    );
  });
}

async function enqueueNotices(
  tx: Tx,
  config: Config,
  entityId: string,
  count: number,
  period: number,
): Promise<number> {
  const operators = await rowsOf<{
    id: string;
    email: string;
    given_name: string;
    language: string | null;
  }>(
    tx,
    sql`SELECT id, email, given_name, language FROM professionals
      WHERE entity_id = ${entityId} AND active AND 'operator' = ANY (roles)
      ORDER BY id`,
  );
  let sent = 0;
  for (const operator of operators) {
    const id = await enqueue(tx, {
      entityId,
      channel: 'email',
      template: 'help_requests_waiting',
      to: operator.email,
      language: (operator.language as 'ca' | 'es' | 'it' | 'en' | null) ?? null,
      data: {
        givenName: operator.given_name,
        count,
        minutes: config.helpIntakeNotifyMinutes,
        consoleUrl: consoleUrl(config),
      },
      idempotencyKey: `help_requests_waiting:${period}:${operator.id}`,
    });
    if (id) sent++;
  }
  return sent;
}

/** One pass: every entity with news, each in its own transaction. Answers the emails enqueued. */
export async function watchHelpIntake(
  database: Database,
  config: Config,
  now: Date,
): Promise<number> {
  let sent = 0;
  for (const entityId of await entitiesWithNews(database, config.outbox.entities)) {
    sent += await notifyEntity(database, config, entityId, now);
  }
  return sent;
}

/** The watcher as a chore of the outbox worker (entities: those the worker serves). */
export function helpIntakeChore(database: Database, config: Config): Chore {
  return {
    name: 'help-intake-watcher',
    everyMs: Math.min(HELP_INTAKE_WATCH_EVERY_MS, config.helpIntakeNotifyMinutes * 60_000),
    run: (now) => watchHelpIntake(database, config, now),
  };
}
