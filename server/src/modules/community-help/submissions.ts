import { randomBytes } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { HelpPublicState, HelpRequestForm, HelpRequestStatus, Language } from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import type { AppDeps } from '../../platform/context';
import { enqueue } from '../../platform/messaging/outbox';
import { sha256 } from '../../platform/secrets';

/**
 * A citizen's help request as typed (issue 22, docs/decisions/0012): stored apart and untrusted in
 * `help_request_submissions` until an operator imports it. Both the public form
 * (`/help/<entity code>`) and a professional's entry after a phone call come through here.
 */

/** The status link's secret, in the citizen's email (the worker mints it: secret_links). */
export const HELP_STATUS_LINK_PURPOSE = 'help_request_status';
/** How long the emailed status link works: a year (the submission's row stays after import). */
export const HELP_STATUS_LINK_TTL_HOURS = 24 * 365;

export type SubmittedHelpRequest = { id: string; reference: string; statusToken: string };

/** `A-2026-000123`: A for ajuda / ayuda / aiuto, numbered per entity and year. */
export function helpReference(year: number, number: number): string {
  return `A-${year}-${String(number).padStart(6, '0')}`;
}

/** The next number of the entity's help requests of `year` (entity_counters `help_request:<year>`). */
async function nextHelpNumber(tx: Tx, entityId: string, year: number): Promise<number> {
  const [row] = await rowsOf<{ value: string | number }>(
    tx,
    sql`INSERT INTO entity_counters (entity_id, name, value)
      VALUES (${entityId}, ${`help_request:${year}`}, 1)
      ON CONFLICT (entity_id, name) DO UPDATE SET value = entity_counters.value + 1
      RETURNING value`,
  );
  return Number(row!.value);
}

/** What is stored of the form: as validated, `when` resolved (no date for "as soon as possible"). */
function storedFields(form: HelpRequestForm) {
  const dated = form.when === 'date';
  return {
    name: form.name,
    phone: form.phone,
    email: form.email,
    address: form.address,
    municipalityId: form.municipalityId,
    helpType: form.helpType,
    when: form.when,
    neededOn: dated ? (form.neededOn ?? null) : null,
    neededPart: dated ? (form.neededPart ?? null) : null,
    urgency: form.urgency,
    description: form.description,
    language: form.language,
    consent: true,
  };
}

/**
 * Stores a submission in the caller's transaction (behind the entity's wall) and answers its
 * reference and the status link's token (shown once; only its SHA-256 is kept). When the citizen
 * gave an email, the acknowledgement with the reference and a status link is enqueued in the same
 * transaction. `enteredBy`: the professional who typed it after a phone call.
 */
export async function submitHelpRequest(
  _deps: Pick<AppDeps, 'config'>,
  tx: Tx,
  input: {
    entityId: string;
    form: HelpRequestForm;
    language: Language;
    enteredBy?: string;
    now: Date;
  },
): Promise<SubmittedHelpRequest> {
  const { entityId, form, now } = input;
  const year = now.getUTCFullYear();
  const reference = helpReference(year, await nextHelpNumber(tx, entityId, year));
  const statusToken = randomBytes(32).toString('base64url');
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`INSERT INTO help_request_submissions
        (entity_id, reference, status_token_hash, fields, language, entered_by, submitted_at)
      VALUES (${entityId}, ${reference}, ${sha256(statusToken)},
        ${JSON.stringify(storedFields(form))}::jsonb, ${input.language},
        ${input.enteredBy ?? null}, ${now.toISOString()}::timestamptz)
      RETURNING id`,
  );
  const id = row!.id;
  const email = form.email.trim();
  if (email) {
    await enqueue(tx, {
      entityId,
      channel: 'email',
      template: 'help_request_received',
      to: email,
      language: form.language,
      data: { reference },
      idempotencyKey: `help_request_received:${id}`,
      secretLink: {
        purpose: HELP_STATUS_LINK_PURPOSE,
        subjectId: id,
        ttlHours: HELP_STATUS_LINK_TTL_HOURS,
      },
    });
  }
  return { id, reference, statusToken };
}

/** What the status page shows for a submission's state and its help request's. */
export function publicStateOf(
  importedAt: Date | null,
  status: HelpRequestStatus | null,
): HelpPublicState {
  if (!importedAt || !status) return 'received';
  switch (status) {
    case 'imported':
      return 'in_review';
    case 'dispatched':
      return 'sent';
    case 'deleted':
      return 'closed';
    case 'completed':
      return 'completed';
  }
}

export type HelpStatusView = { reference: string; state: HelpPublicState; submittedAt: Date };

/**
 * The state of the submission a status token names, in the caller's transaction (behind the
 * entity's wall): the token shown after sending (its hash in the submission) or the emailed
 * link's (a live secret link of purpose `help_request_status`). Nothing personal.
 */
export async function findHelpStatus(tx: Tx, token: string, now: Date) {
  const hash = sha256(token);
  const [row] = await rowsOf<{
    reference: string;
    submitted_at: Date | string;
    imported_at: Date | string | null;
    status: HelpRequestStatus | null;
    erased: boolean;
  }>(
    tx,
    sql`SELECT s.reference, s.submitted_at, s.imported_at, r.status,
        r.erased_at IS NOT NULL AS erased
      FROM help_request_submissions s
      LEFT JOIN help_requests r ON r.entity_id = s.entity_id AND r.id = s.help_request_id
      WHERE s.status_token_hash = ${hash}
        OR s.id = (SELECT l.subject_id FROM secret_links l
          WHERE l.token_hash = ${hash} AND l.purpose = ${HELP_STATUS_LINK_PURPOSE}
            AND l.revoked_at IS NULL AND l.expires_at > ${now.toISOString()}::timestamptz
          LIMIT 1)
      LIMIT 1`,
  );
  // Erased (the retention period after its deletion or completion): gone for the citizen too.
  if (!row || row.erased) return null;
  return {
    reference: row.reference,
    state: publicStateOf(row.imported_at ? new Date(row.imported_at) : null, row.status),
    submittedAt: new Date(row.submitted_at),
  } satisfies HelpStatusView;
}
