import { type SQL, sql } from 'drizzle-orm';
import type { Config } from '../../config';
import { type Database, rowsOf, type Tx, uuidArray } from '../../db/connect';
import { writeAuditPerRecord } from '../../platform/audit';
import type { Chore } from '../../platform/messaging/worker';

/**
 * The retention job (issue 22 item 5, docs/decisions/0012), by the worker's clock, each entity in
 * its own transaction, set-based, one audit row per request or submission (`help_request.erase`,
 * like the house's other set-based changes: writeAuditPerRecord):
 *
 * - a help request deleted, or completed, HELP_REQUEST_RETENTION_DAYS ago: its personal data —
 *   name, phone, email, address, description, the deletion's free-text reason, the link to a
 *   person record — is erased; the rest (kind, municipality, dates) stays for the figures;
 * - a submission never imported (nobody imported it, or its municipality was removed) submitted
 *   that long ago: deleted, its status links revoked;
 * - for both, the citizen's acknowledgement email (`help_request_received`): its address and data
 *   emptied in the outbox and in the mailbox (a pending one fails instead of going out).
 */

/** How often the worker looks for requests to erase. */
export const HELP_RETENTION_EVERY_MS = 60 * 60_000;

const DAY_MS = 86_400_000;

/** The acknowledgement's idempotency key (submissions.ts): `help_request_received:<submission>`. */
const ACK_TEMPLATE = 'help_request_received';
/** The status link's purpose (submissions.ts, HELP_STATUS_LINK_PURPOSE). */
const STATUS_LINK_PURPOSE = 'help_request_status';

const NO_SUBJECTS = sql`SELECT NULL::uuid AS record_id, NULL::uuid AS person_id WHERE false`;

/**
 * Empties the acknowledgement emails of the submissions `submissionIds` answers (a query of
 * `id uuid`): the recipient, the message's data and the last error in the outbox, the recipient in
 * the mailbox (bodies are kept only for the demo entity and name no one but by the reference).
 */
async function eraseAcknowledgements(tx: Tx, entityId: string, submissionIds: SQL) {
  await tx.execute(sql`WITH acks AS (
      UPDATE outbox_messages o
      SET recipient = '', data = '{}'::jsonb,
        status = CASE WHEN o.status = 'pending' THEN 'failed' ELSE o.status END,
        -- A mail server's refusal may quote the address.
        last_error = CASE WHEN o.status = 'pending' OR o.last_error IS NOT NULL THEN 'erased' END
      WHERE o.entity_id = ${entityId} AND o.template = ${ACK_TEMPLATE}
        AND o.idempotency_key IN (
          SELECT ${`${ACK_TEMPLATE}:`}::text || s.id::text FROM (${submissionIds}) s)
      RETURNING o.id)
    UPDATE mailbox_messages m SET recipient = ''
    FROM acks WHERE m.entity_id = ${entityId} AND m.outbox_message_id = acks.id`);
}

/** Erases the personal data of the entity's requests deleted or completed before `before`. */
async function eraseRequests(tx: Tx, entityId: string, before: Date, now: Date) {
  // The person each was linked to, read before the link goes: the subject of its audit row (the
  // person's access report shows the erasure).
  const rows = await rowsOf<{ id: string; person_id: string | null }>(
    tx,
    sql`WITH due AS (
        SELECT id, person_id FROM help_requests
        WHERE entity_id = ${entityId} AND erased_at IS NULL
          AND (deleted_at < ${before} OR (status = 'completed' AND completed_at < ${before}))
        FOR UPDATE)
      UPDATE help_requests r
      SET name = NULL, phone = NULL, email = NULL, address = NULL, description = NULL,
        delete_reason = NULL,
        -- Nor the link to a person record: a bogus request ties no one to it.
        person_id = NULL, erased_at = ${now}
      FROM due
      WHERE r.entity_id = ${entityId} AND r.id = due.id
      RETURNING r.id, due.person_id`,
  );
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return { ids, subjects: NO_SUBJECTS };
  const submissions = sql`SELECT s.id FROM help_requests r
      JOIN help_request_submissions s ON s.entity_id = r.entity_id AND s.reference = r.reference
      WHERE r.entity_id = ${entityId} AND r.id = ANY (${uuidArray(ids)})`;
  await eraseAcknowledgements(tx, entityId, submissions);
  // Its status links too: the request is gone for the citizen as well.
  await tx.execute(sql`UPDATE secret_links SET revoked_at = ${now}
    WHERE entity_id = ${entityId} AND purpose = ${STATUS_LINK_PURPOSE}
      AND subject_id IN (${submissions}) AND revoked_at IS NULL`);
  const linked = rows.filter((r) => r.person_id !== null);
  const subjects = linked.length
    ? sql`SELECT * FROM unnest(${uuidArray(linked.map((r) => r.id))},
        ${uuidArray(linked.map((r) => r.person_id!))}) AS l (record_id, person_id)`
    : NO_SUBJECTS;
  return { ids, subjects };
}

/** Deletes the entity's submissions never imported, submitted before `before`. */
async function eraseSubmissions(tx: Tx, entityId: string, before: Date, now: Date) {
  const rows = await rowsOf<{ id: string }>(
    tx,
    sql`SELECT caliu_help_submissions_erase(${before}) AS id`,
  );
  const ids = rows.map((r) => r.id);
  if (ids.length === 0) return ids;
  const gone = sql`SELECT unnest(${uuidArray(ids)}) AS id`;
  await eraseAcknowledgements(tx, entityId, gone);
  await tx.execute(sql`UPDATE secret_links SET revoked_at = ${now}
    WHERE entity_id = ${entityId} AND purpose = ${STATUS_LINK_PURPOSE}
      AND subject_id = ANY (${uuidArray(ids)}) AND revoked_at IS NULL`);
  return ids;
}

/** Erases what is due in one entity; answers how many requests and submissions. */
export async function eraseEntity(
  database: Database,
  entityId: string,
  before: Date,
  now: Date,
): Promise<{ requests: number; submissions: number }> {
  return database.tenant(entityId, async (tx) => {
    const actor = { entityId, actorId: null, requestId: null, ip: null };
    const { ids: requests, subjects } = await eraseRequests(tx, entityId, before, now);
    await writeAuditPerRecord(
      tx,
      actor,
      { action: 'help_request.erase', recordType: 'help_request' },
      requests,
      subjects,
    );
    const submissions = await eraseSubmissions(tx, entityId, before, now);
    await writeAuditPerRecord(
      tx,
      actor,
      { action: 'help_request.erase', recordType: 'help_request_submission' },
      submissions,
      NO_SUBJECTS,
    );
    return { requests: requests.length, submissions: submissions.length };
  });
}

/** One pass over the entities the worker serves; answers how many requests and submissions. */
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
  for (const { id } of due) {
    const done = await eraseEntity(database, id, before, now);
    erased += done.requests + done.submissions;
  }
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
