import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  connectionErrorFieldsSchema,
  type publicSupportConfirmedSchema,
  type publicSupportRequestSchema,
  withoutControlCharacters,
} from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
import { publicSupportRequests } from '../../db/schema';
import { writeAudit } from '../../platform/audit';
import { type AppDeps, type PublicContext, publicActorOf } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { enqueue } from '../../platform/messaging/outbox';
import { consumeSecretLink, parseLinkToken } from '../../platform/messaging/secret-links';
import {
  caughtByHoneypot,
  challengeKeyOf,
  countFormRequest,
  formLimits,
  verifyProof,
} from '../../platform/public-forms';
import { findEntity } from '../organization/repository';
import { findEntityForLogin } from '../auth/repository';
import { pruneNowAndThen } from '../auth/throttle';
import * as throttleStore from '../auth/throttle-repository';
import { insertTicket } from './repository';

/**
 * The public help form (before signing in, issue 19): someone who cannot sign in asks for help.
 * Nothing is opened until they follow the link emailed to their corporate address; until then
 * only the pending request is kept, a day at most (the worker's chore deletes it).
 */

/** The secret link's purpose, and its lifetime (the pending request's too). */
export const PUBLIC_REQUEST_PURPOSE = 'public_support_request';
export const PUBLIC_REQUEST_TTL_HOURS = 24;
/** The form's name in the throttle keys (platform/public-forms). */
const FORM = 'support';
/** What the diagnostics of a ticket of the public form say it came from. */
export const PUBLIC_HELP_PAGE = '/help';

type PublicSupportRequest = z.output<typeof publicSupportRequestSchema>;
type PublicSupportConfirmed = z.output<typeof publicSupportConfirmedSchema>;

const linkNotLive = () => new AppError('public_help.link_not_live', 410);

/**
 * Receives the form. The caller answers 202 whatever happens here but a refused proof of work
 * (400) or a limit reached (429): no answer tells whether the entity or the email exists.
 */
export async function submitPublicRequest(
  deps: AppDeps,
  input: PublicSupportRequest,
  ctx: PublicContext & { userAgent: string },
): Promise<void> {
  const now = deps.clock.now();
  const key = await challengeKeyOf(deps.database);
  const proof = await deps.database.anonymous((tx) =>
    verifyProof(tx, key, input.proof, now, deps.config.powDifficulty),
  );
  if (!proof.ok) {
    const code = `public_forms.proof_${proof.reason}`;
    throw new AppError(code, 400, {}, [{ field: 'proof', message: ctx.t(`errors.${code}`) }]);
  }
  // After the proof: a robot must not learn from a different answer that the field is a trap.
  if (caughtByHoneypot(input)) {
    ctx.log.info('public help form: honeypot filled, request dropped');
    return;
  }

  const entity = await deps.database.anonymous((tx) => findEntityForLogin(tx, input.entity));
  if (!entity) return;
  const email = input.email.trim().toLowerCase();
  // Counted in a transaction of its own: a request refused later still counts.
  await deps.database.tenant(entity.id, async (tx) => {
    await countFormRequest(
      tx,
      throttleStore,
      entity.id,
      formLimits(FORM, email, ctx.request.ip),
      now,
    );
    // As sign-in does: now and then, forget the counts that have been quiet for a day.
    await pruneNowAndThen(tx, entity.id, now);
  });
  await deps.database.tenant(entity.id, async (tx) => {
    const settings = await findEntity(tx, entity.id);
    const domain = email.split('@').pop() ?? '';
    if (!settings || !settings.emailDomains.includes(domain)) return;
    const [pending] = await tx
      .insert(publicSupportRequests)
      .values({
        entityId: entity.id,
        name: input.name,
        email,
        description: input.description,
        language: ctx.language,
        // A header as the browser sent it: control characters (a tab, C1 bytes) would make the
        // ticket's fields invalid at confirmation.
        userAgent: withoutControlCharacters(ctx.userAgent).slice(0, 500),
        createdAt: now,
        expiresAt: new Date(now.getTime() + PUBLIC_REQUEST_TTL_HOURS * 3600_000),
      })
      .returning({ id: publicSupportRequests.id });
    await enqueue(tx, {
      entityId: entity.id,
      channel: 'email',
      template: 'support_request_confirmation',
      to: email,
      language: ctx.language,
      data: {},
      idempotencyKey: `support_request_confirmation:${pending!.id}`,
      secretLink: {
        purpose: PUBLIC_REQUEST_PURPOSE,
        subjectId: pending!.id,
        ttlHours: PUBLIC_REQUEST_TTL_HOURS,
      },
    });
    await writeAudit(tx, publicActorOf(ctx, entity.id), {
      action: 'support.public_request',
      recordType: 'public_support_request',
      recordId: pending!.id,
    });
  });
}

/** The active professional of the entity with this email, if any (the ticket's requester). */
async function professionalWithEmail(tx: Tx, email: string): Promise<string | null> {
  const [row] = await rowsOf<{ id: string }>(
    tx,
    sql`SELECT id FROM professionals WHERE lower(email) = ${email} AND active
      ORDER BY created_at LIMIT 1`,
  );
  return row?.id ?? null;
}

/**
 * The confirmation link was followed: opens the `connection_error` ticket, once. A link used,
 * replaced, expired or unknown, or a request already purged, answers 410.
 */
export async function confirmPublicRequest(
  deps: AppDeps,
  token: string,
  ctx: PublicContext,
): Promise<PublicSupportConfirmed> {
  const entityId = parseLinkToken(token)?.entityId;
  if (!entityId) throw linkNotLive();
  const now = deps.clock.now();
  return deps.database.tenant(entityId, async (tx) => {
    const link = await consumeSecretLink(tx, PUBLIC_REQUEST_PURPOSE, token, now);
    if (!link) throw linkNotLive();
    const [pending] = await tx
      .select()
      .from(publicSupportRequests)
      .where(
        and(
          eq(publicSupportRequests.id, link.subjectId),
          isNull(publicSupportRequests.confirmedAt),
          gt(publicSupportRequests.expiresAt, now),
        ),
      )
      .for('update')
      .limit(1);
    if (!pending) throw linkNotLive();
    const requesterId = await professionalWithEmail(tx, pending.email);
    const fields = connectionErrorFieldsSchema.parse({
      diagnostics: {
        requestId: null,
        request: null,
        page: PUBLIC_HELP_PAGE,
        userAgent: withoutControlCharacters(pending.userAgent).slice(0, 500),
        at: pending.createdAt.toISOString(),
      },
      // The ticket's note holds 2,000 characters; the form takes up to 4,000.
      note: pending.description.slice(0, 2000),
    });
    const firstLine = pending.description.split('\n')[0]!.trim();
    const ticket = await insertTicket(tx, {
      entityId,
      kind: 'connection_error',
      fields,
      subject: firstLine.length > 120 ? `${firstLine.slice(0, 119)}…` : firstLine,
      requesterId,
      ...(requesterId
        ? {}
        : {
            requesterName: pending.name,
            requesterEmail: pending.email,
            requesterLanguage: pending.language,
          }),
      now,
    });
    await tx
      .update(publicSupportRequests)
      .set({ confirmedAt: now, ticketId: ticket.id })
      .where(eq(publicSupportRequests.id, pending.id));
    await writeAudit(tx, publicActorOf(ctx, entityId, requesterId), {
      action: 'support.public_request_confirm',
      recordType: 'support_ticket',
      recordId: ticket.id,
      ticketId: ticket.id,
    });
    return { number: ticket.number };
  });
}
