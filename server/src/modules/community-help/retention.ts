import { sql } from 'drizzle-orm';
import type { Config } from '../../config';
import { type Database, rowsOf } from '../../db/connect';
import { writeAuditPerRecord } from '../../platform/audit';
import type { Chore } from '../../platform/messaging/worker';

/**
 * The retention job (issue 22 item 5, docs/decisions/0012): a deleted help request's personal
 * data — name, phone, email, address, description — is erased HELP_REQUEST_RETENTION_DAYS after
 * its deletion, by the worker's clock; the rest (kind, municipality, dates, the reason) stays for
 * the figures. Each entity in its own transaction, set-based, audited per request.
 */

/** How often the worker looks for requests to erase. */
export const HELP_RETENTION_EVERY_MS = 60 * 60_000;

const DAY_MS = 86_400_000;

/** Erases what is due in one entity; answers how many requests. */
export async function eraseEntity(
  database: Database,
  entityId: string,
  before: Date,
  now: Date,
): Promise<number> {
  return database.tenant(entityId, async (tx) => {
    const rows = await rowsOf<{ id: string }>(
      tx,
      sql`UPDATE help_requests
        SET name = NULL, phone = NULL, email = NULL, address = NULL, description = NULL,
          -- Nor the link to a person record: a bogus request ties no one to it.
          person_id = NULL, erased_at = ${now}
        WHERE entity_id = ${entityId} AND deleted_at IS NOT NULL AND erased_at IS NULL
          AND deleted_at < ${before}
        RETURNING id`,
    );
    const ids = rows.map((r) => r.id);
    await writeAuditPerRecord(
      tx,
      { entityId, actorId: null, requestId: null, ip: null },
      { action: 'help_request.erase', recordType: 'help_request' },
      ids,
      sql`SELECT NULL::uuid AS record_id, NULL::uuid AS person_id WHERE false`,
    );
    return ids.length;
  });
}

/** One pass over the entities the worker serves. */
export async function eraseDeletedHelpRequests(
  database: Database,
  config: Config,
  now: Date,
): Promise<number> {
  const before = new Date(now.getTime() - config.helpRequestRetentionDays * DAY_MS);
  const entities = config.outbox.entities;
  const due = await database.anonymous((tx) =>
    rowsOf<{ id: string }>(
      tx,
      sql`SELECT caliu_help_requests_erasable(${entities ? entities.join(',') : null},
        ${before}) AS id`,
    ),
  );
  let erased = 0;
  for (const { id } of due) erased += await eraseEntity(database, id, before, now);
  return erased;
}

/** The retention job as a chore of the outbox worker. */
export function helpRetentionChore(database: Database, config: Config): Chore {
  return {
    name: 'help-requests-retention',
    everyMs: HELP_RETENTION_EVERY_MS,
    run: (now) => eraseDeletedHelpRequests(database, config, now),
  };
}
