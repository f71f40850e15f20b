import type { MailboxMessage, MailboxSummary, OutboxMessageView } from '@caliu/common';
import type { Tx } from '../../db/connect';
import { asSupportAgent } from '../../platform/access/cross-entity';
import { writeAudit } from '../../platform/audit';
import {
  actorOf,
  type AppDeps,
  type AuthContext,
  type RequestContext,
} from '../../platform/context';
import { AppError, conflict, forbidden, notFound } from '../../platform/errors';
import { decodeCursor, toPage } from '../../platform/pagination';
import * as repo from './repository';

type PageQuery = { limit: number; cursor?: string | undefined };

/** The mailbox holds live links, so it exists only in demo mode. */
function assertMailboxExists(deps: AppDeps) {
  if (!deps.config.demo) throw new AppError('messaging.mailbox_unavailable', 404);
}

/** The support agent reads every entity's mailbox; an administrator only their own entity's. */
const readsAllEntities = (auth: AuthContext) => auth.grants['mailbox.view'] === 'all';

function presentSummary(row: repo.MailboxRow): MailboxSummary {
  return {
    id: row.id,
    entity: { id: row.entityId, code: row.entityCode, name: row.entityName },
    channel: row.channel,
    template: row.template,
    language: row.language,
    to: row.recipient,
    subject: row.subject,
    createdAt: row.createdAt.toISOString(),
    failure: row.failure,
  };
}

export async function listMailbox(
  deps: AppDeps,
  ctx: RequestContext,
  query: PageQuery & { entity?: string | undefined },
) {
  const { auth } = ctx;
  assertMailboxExists(deps);
  const after = decodeCursor(query.cursor);
  const page = (entityId: string) => (tx: Tx) => repo.listMailbox(tx, entityId, query.limit, after);
  if (!readsAllEntities(auth)) {
    const rows = await deps.database.tenant(auth.entity.id, page(auth.entity.id));
    return toPage(rows, query.limit, presentSummary);
  }
  if (query.entity) {
    // One entity's mailbox: through the support agent's audited cross-entity path.
    const rows = await asSupportAgent(
      deps.database,
      ctx,
      'mailbox.list',
      query.entity,
      page(query.entity),
    );
    return toPage(rows, query.limit, presentSummary);
  }
  // Every entity's at once: one read through caliu_mailbox_list_all, audited as the support
  // agent's cross-entity reads are (asSupportAgent covers one target entity per call).
  if (!auth.roles.includes('support_agent') || auth.entity.kind !== 'provider') throw forbidden();
  const rows = await deps.database.tenant(auth.entity.id, async (tx) => {
    await writeAudit(tx, actorOf(ctx), {
      action: 'support.cross_entity_read',
      recordType: 'entity',
      details: { purpose: 'mailbox.list_all_entities' },
    });
    return repo.listMailboxAllEntities(tx, query.limit, after, null);
  });
  return toPage(rows, query.limit, presentSummary);
}

/**
 * One message as it would have been sent, read behind its own entity's wall and audited there
 * (`mailbox.read`). For the support agent only the message's entity is looked up across the
 * wall; the read itself goes through the audited cross-entity path.
 */
export async function getMailboxMessage(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<MailboxMessage> {
  const { auth } = ctx;
  assertMailboxExists(deps);
  const entityId = readsAllEntities(auth)
    ? await deps.database.anonymous((tx) => repo.mailboxEntityOf(tx, id))
    : auth.entity.id;
  if (!entityId) throw notFound();
  // The support agent sees every entity's metadata, never a body: it may hold a live link.
  const withBody = !readsAllEntities(auth);
  const read = async (tx: Tx) => {
    const found = await repo.getMailboxMessage(tx, id, withBody);
    if (found) {
      // Read from another entity (the support agent) names the reader's entity too; an
      // administrator's read of their own mailbox is an ordinary one.
      const crossing = entityId !== auth.entity.id ? { actorEntityId: auth.entity.id } : {};
      await writeAudit(
        tx,
        { ...actorOf(ctx), entityId, ...crossing },
        { action: 'mailbox.read', recordType: 'mailbox_message', recordId: id },
      );
    }
    return found;
  };
  const row =
    entityId === auth.entity.id
      ? await deps.database.tenant(entityId, read)
      : await asSupportAgent(deps.database, ctx, 'mailbox.read', entityId, read);
  if (!row) throw notFound();
  return {
    ...presentSummary(row),
    from: row.sender,
    replyTo: row.replyTo,
    messageId: row.messageId,
    text: row.textBody,
    html: row.htmlBody,
    bodyWithheld: !withBody ? 'support_agent' : row.textBody === null ? 'not_delivered' : null,
  };
}

function presentOutbox(row: repo.OutboxRow): OutboxMessageView {
  return {
    id: row.id,
    channel: row.channel,
    template: row.template,
    to: row.recipient,
    language: row.language,
    status: row.status,
    attempts: row.attempts,
    lastError: row.lastError,
    createdAt: row.createdAt.toISOString(),
    lastAttemptAt: row.lastAttemptAt?.toISOString() ?? null,
    nextAttemptAt: row.nextAttemptAt.toISOString(),
  };
}

export async function listFailed(deps: AppDeps, { auth }: RequestContext, query: PageQuery) {
  const rows = await deps.database.tenant(auth.entity.id, (tx) =>
    repo.listFailed(tx, auth.entity.id, query.limit, decodeCursor(query.cursor)),
  );
  return toPage(rows, query.limit, presentOutbox);
}

/** Sends a failed message again: back to the queue, with a fresh count of attempts. Audited. */
export async function retryFailed(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<OutboxMessageView> {
  const { auth } = ctx;
  const row = await deps.database.tenant(auth.entity.id, async (tx) => {
    const requeued = await repo.requeueFailed(tx, id);
    if (!requeued) {
      if (await repo.findOutboxMessage(tx, id)) throw conflict('messaging.not_failed');
      throw notFound();
    }
    await writeAudit(tx, actorOf(ctx), {
      action: 'outbox.retry',
      recordType: 'outbox_message',
      recordId: id,
      details: { template: requeued.template },
    });
    return requeued;
  });
  return presentOutbox(row);
}
