import {
  OPEN_TICKET_STATUSES,
  TICKET_TRANSITIONS,
  type Ticket,
  type TicketCreate,
  type TicketStatus,
} from '@caliu/common';
import type { z } from 'zod';
import type { ticketAnswerSchema, ticketCommentCreateSchema } from '@caliu/common';
import type { Tx } from '../../db/connect';
import { asSupportAgent } from '../../platform/access/cross-entity';
import { type AuditActor, writeAudit } from '../../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../../platform/context';
import { conflict, fieldError, notFound } from '../../platform/errors';
import { presentTicketAttachment } from './attachment-present';
import * as files from './attachment-repository';
import { checkTicket } from './checks';
import { hasOperation } from './operations/registry';
import { findOperation } from './operations/repository';
import { notifyComment, notifyStatus } from './notify';
import { resolveReferences } from './references';
import * as repo from './repository';

/**
 * Support tickets (issue 19, decision 0009): the requester opens, reads and answers their own,
 * behind their entity's wall; a support agent reads one, comments, changes its status and
 * assigns it, crossing into the ticket's entity only through `asSupportAgent` (audited).
 */

type Reader = 'requester' | 'agent';

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** A ticket as its requester or an agent reads it (the same shape; `can` differs). */
async function present(
  tx: Tx,
  ctx: RequestContext,
  now: Date,
  ticket: repo.TicketRow,
  reader: Reader,
): Promise<Ticket> {
  const viewer = reader === 'agent' ? agentUploader(ctx) : requesterUploader(ctx);
  const [entity, requester, events, references, attachments] = [
    await repo.entitySummary(tx, ticket.entityId),
    await repo.requesterOf(tx, ticket),
    await repo.eventsOf(tx, ticket.entityId, ticket.id),
    await resolveReferences(tx, ticket.entityId, ticket.kind, ticket.fields),
    await files.listOfTicket(tx, ticket.entityId, ticket.id, viewer, now),
  ];
  const operation = await findOperation(tx, ticket.entityId, ticket.id);
  const open = (OPEN_TICKET_STATUSES as readonly TicketStatus[]).includes(ticket.status);
  return {
    id: ticket.id,
    number: ticket.number,
    kind: ticket.kind,
    status: ticket.status,
    subject: ticket.subject,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
    entity,
    requester,
    assignee:
      ticket.assignedAgentId && ticket.assignedAgentName
        ? { id: ticket.assignedAgentId, name: ticket.assignedAgentName }
        : null,
    fields: ticket.fields,
    references,
    events: events.map((e) => ({
      id: e.id,
      side: e.side,
      authorName: e.authorName,
      body: e.body,
      status: e.status ?? null,
      createdAt: e.createdAt.toISOString(),
    })),
    attachments: attachments.map(presentTicketAttachment),
    operation,
    firstResponseAt: iso(ticket.firstResponseAt),
    resolvedAt: iso(ticket.resolvedAt),
    can:
      reader === 'agent'
        ? {
            answer: false,
            comment: true,
            changeStatus: TICKET_TRANSITIONS[ticket.status].filter((s) => canMoveTo(ticket, s)),
            assign: true,
            attach: open,
            operate: open && !operation && hasOperation(ticket.kind),
          }
        : {
            answer: ticket.status === 'waiting_requester',
            comment: false,
            changeStatus: [],
            assign: false,
            attach: open,
            operate: false,
          },
  };
}

/** A ticket as stored now (after a change in this transaction), as `reader` reads it. */
export async function presentStored(
  tx: Tx,
  deps: AppDeps,
  ctx: RequestContext,
  entityId: string,
  id: string,
  reader: Reader,
): Promise<Ticket> {
  return present(tx, ctx, deps.clock.now(), (await repo.findTicket(tx, entityId, id))!, reader);
}

// ─── The requester ──────────────────────────────────────────────────────────────────────────

/**
 * What the server stores of a kind's fields: as validated, plus — for a connection or export
 * error — who and where it happened (the entity and the user), which the console cannot vouch.
 */
function storedFields(ctx: RequestContext, input: TicketCreate): Record<string, unknown> {
  const fields = { ...input.fields } as Record<string, unknown>;
  if (input.kind === 'connection_error' || input.kind === 'export_error') {
    fields.diagnostics = {
      ...input.fields.diagnostics,
      entity: { id: ctx.auth.entity.id, code: ctx.auth.entity.code, name: ctx.auth.entity.name },
      user: { id: ctx.auth.professionalId, username: ctx.auth.username },
    };
  }
  return fields;
}

/** `POST /api/support/tickets/check`: the same checks as opening one, nothing stored. */
export async function check(deps: AppDeps, ctx: RequestContext, input: TicketCreate) {
  await deps.database.tenant(ctx.auth.entity.id, (tx) => checkTicket(tx, ctx, input));
}

export async function open(
  deps: AppDeps,
  ctx: RequestContext,
  input: TicketCreate,
): Promise<Ticket> {
  const { auth } = ctx;
  const now = deps.clock.now();
  return deps.database.tenant(auth.entity.id, async (tx) => {
    const { subject } = await checkTicket(tx, ctx, input);
    const { id, number } = await repo.insertTicket(tx, {
      entityId: auth.entity.id,
      kind: input.kind,
      fields: storedFields(ctx, input),
      subject,
      requesterId: auth.professionalId,
      requesterName: `${auth.givenName} ${auth.surnames}`.trim(),
      now,
    });
    await writeAudit(tx, actorOf(ctx), {
      action: 'support.ticket_open',
      recordType: 'support_ticket',
      recordId: id,
      ticketId: id,
      details: { kind: input.kind, number },
    });
    return presentStored(tx, deps, ctx, auth.entity.id, id, 'requester');
  });
}

/** The requester's own ticket; anyone else's (or another entity's) is not found. */
export async function ownTicket(tx: Tx, ctx: RequestContext, id: string, lock = false) {
  const row = await repo.findTicket(tx, ctx.auth.entity.id, id, lock);
  if (!row || row.requesterId !== ctx.auth.professionalId) throw notFound('support_ticket');
  return row;
}

export async function getOwn(deps: AppDeps, ctx: RequestContext, id: string): Promise<Ticket> {
  return deps.database.tenant(ctx.auth.entity.id, async (tx) =>
    present(tx, ctx, deps.clock.now(), await ownTicket(tx, ctx, id), 'requester'),
  );
}

/** The requester answers a ticket waiting for them: it goes back to `in_progress`. */
export async function answer(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: z.infer<typeof ticketAnswerSchema>,
): Promise<Ticket> {
  const { auth } = ctx;
  const now = deps.clock.now();
  return deps.database.tenant(auth.entity.id, async (tx) => {
    const ticket = await ownTicket(tx, ctx, id, true);
    if (ticket.status !== 'waiting_requester') {
      throw conflict('support.not_waiting', { status: ctx.t(`support.statuses.${ticket.status}`) });
    }
    await repo.insertEvent(tx, {
      entityId: auth.entity.id,
      ticketId: id,
      side: 'requester',
      authorId: auth.professionalId,
      authorName: `${auth.givenName} ${auth.surnames}`.trim(),
      body: input.body,
      status: 'in_progress',
      createdAt: now,
    });
    await repo.updateTicket(tx, auth.entity.id, id, { status: 'in_progress', updatedAt: now });
    await writeAudit(tx, actorOf(ctx), {
      action: 'support.ticket_answer',
      recordType: 'support_ticket',
      recordId: id,
      ticketId: id,
    });
    return presentStored(tx, deps, ctx, auth.entity.id, id, 'requester');
  });
}

// ─── The agents ─────────────────────────────────────────────────────────────────────────────

/** The audit actor of an agent acting in the ticket's entity (the row names their entity). */
export function agentActor(ctx: RequestContext, entityId: string): AuditActor {
  return { ...actorOf(ctx), entityId, actorEntityId: ctx.auth.entity.id };
}

export const agentName = (ctx: RequestContext) =>
  `${ctx.auth.givenName} ${ctx.auth.surnames}`.trim();

/** The requester as the uploader of a ticket's files. */
export const requesterUploader = (ctx: RequestContext): files.Uploader => ({
  side: 'requester',
  professionalId: ctx.auth.professionalId,
});

/** An agent as the uploader of a ticket's files (their name kept: no professional of the entity). */
export const agentUploader = (ctx: RequestContext): files.Uploader => ({
  side: 'agent',
  agentId: ctx.auth.professionalId,
  name: agentName(ctx),
});

/**
 * Runs `fn` on one ticket behind its entity's wall as a support agent (audited crossing); a
 * ticket that is not there is not found.
 */
async function onTicket<T>(
  deps: AppDeps,
  ctx: RequestContext,
  purpose: string,
  entityId: string,
  ticketId: string,
  fn: (tx: Tx, ticket: repo.TicketRow) => Promise<T>,
): Promise<T> {
  return asSupportAgent(deps.database, ctx, purpose, entityId, async (tx) => {
    const ticket = await repo.findTicket(tx, entityId, ticketId, true);
    if (!ticket) throw notFound('support_ticket');
    return fn(tx, ticket);
  });
}

/**
 * One ticket as an agent reads it (for the agents' console and other modules of the desk): the
 * crossing is audited in the support entity, the read in the ticket's entity.
 */
export async function loadTicketForAgent(
  deps: AppDeps,
  ctx: RequestContext,
  entityId: string,
  ticketId: string,
): Promise<Ticket> {
  return asSupportAgent(deps.database, ctx, 'support.ticket_read', entityId, async (tx) => {
    const ticket = await repo.findTicket(tx, entityId, ticketId);
    if (!ticket) throw notFound('support_ticket');
    await writeAudit(tx, agentActor(ctx, entityId), {
      action: 'support.ticket_read',
      recordType: 'support_ticket',
      recordId: ticketId,
      ticketId,
    });
    return present(tx, ctx, deps.clock.now(), ticket, 'agent');
  });
}

/** The first agent entry of a ticket answers it: the time to first response stops. */
const firstResponse = (ticket: repo.TicketRow, now: Date) =>
  ticket.firstResponseAt ? {} : { firstResponseAt: now };

export async function comment(
  deps: AppDeps,
  ctx: RequestContext,
  entityId: string,
  ticketId: string,
  input: z.infer<typeof ticketCommentCreateSchema>,
): Promise<Ticket> {
  const now = deps.clock.now();
  return onTicket(deps, ctx, 'support.ticket_comment', entityId, ticketId, async (tx, ticket) => {
    const eventId = await repo.insertEvent(tx, {
      entityId,
      ticketId,
      side: 'agent',
      authorId: ctx.auth.professionalId,
      authorName: agentName(ctx),
      body: input.body,
      status: null,
      createdAt: now,
    });
    await repo.updateTicket(tx, entityId, ticketId, {
      ...firstResponse(ticket, now),
      updatedAt: now,
    });
    await writeAudit(tx, agentActor(ctx, entityId), {
      action: 'support.ticket_comment',
      recordType: 'support_ticket',
      recordId: ticketId,
      ticketId,
    });
    await notifyComment(tx, ticket, eventId, input.body);
    return presentStored(tx, deps, ctx, entityId, ticketId, 'agent');
  });
}

/** Statuses an agent may only move to with a word for the requester. */
const NEEDS_COMMENT: readonly TicketStatus[] = ['rejected', 'waiting_requester'];
const CLOSED: readonly TicketStatus[] = ['resolved', 'rejected'];

/** Whether a ticket may go to `status`: only a requester with an account can be waited for. */
function canMoveTo(ticket: { requesterId: string | null }, status: TicketStatus): boolean {
  return status !== 'waiting_requester' || ticket.requesterId !== null;
}

export async function changeStatus(
  deps: AppDeps,
  ctx: RequestContext,
  entityId: string,
  ticketId: string,
  input: { status: TicketStatus; comment?: string | undefined },
): Promise<Ticket> {
  const now = deps.clock.now();
  const body = input.comment ? input.comment : null;
  if (NEEDS_COMMENT.includes(input.status) && !body) {
    throw fieldError(ctx, 400, 'support.comment_required', 'comment', {
      status: ctx.t(`support.statuses.${input.status}`),
    });
  }
  return onTicket(deps, ctx, 'support.ticket_status', entityId, ticketId, async (tx, ticket) => {
    if (!canMoveTo(ticket, input.status)) {
      // A ticket of the public help form whose author has no account: they cannot answer in
      // Caliu, so it must not wait for them (the agent writes to them by email instead).
      throw conflict('support.no_requester_account');
    }
    if (!TICKET_TRANSITIONS[ticket.status].includes(input.status)) {
      throw conflict('support.transition', {
        from: ctx.t(`support.statuses.${ticket.status}`),
        to: ctx.t(`support.statuses.${input.status}`),
      });
    }
    const eventId = await repo.insertEvent(tx, {
      entityId,
      ticketId,
      side: 'agent',
      authorId: ctx.auth.professionalId,
      authorName: agentName(ctx),
      body,
      status: input.status,
      createdAt: now,
    });
    await repo.updateTicket(tx, entityId, ticketId, {
      status: input.status,
      ...firstResponse(ticket, now),
      resolvedAt: CLOSED.includes(input.status) ? now : null,
      updatedAt: now,
    });
    await writeAudit(tx, agentActor(ctx, entityId), {
      action: 'support.ticket_status',
      recordType: 'support_ticket',
      recordId: ticketId,
      ticketId,
      details: { from: ticket.status, to: input.status },
    });
    await notifyStatus(tx, ticket, eventId, input.status, body);
    return presentStored(tx, deps, ctx, entityId, ticketId, 'agent');
  });
}

export async function assign(
  deps: AppDeps,
  ctx: RequestContext,
  entityId: string,
  ticketId: string,
  agentId: string | null,
): Promise<Ticket> {
  const now = deps.clock.now();
  const agent = agentId
    ? await deps.database.tenant(ctx.auth.entity.id, (tx) =>
        repo.findSupportAgent(tx, ctx.auth.entity.id, agentId),
      )
    : null;
  if (agentId && !agent) throw fieldError(ctx, 400, 'support.unknown_agent', 'agentId');
  return onTicket(deps, ctx, 'support.ticket_assign', entityId, ticketId, async (tx, ticket) => {
    await repo.updateTicket(tx, entityId, ticketId, {
      assignedAgentId: agent?.id ?? null,
      assignedAgentName: agent?.name ?? null,
      updatedAt: now,
    });
    await writeAudit(tx, agentActor(ctx, entityId), {
      action: 'support.ticket_assign',
      recordType: 'support_ticket',
      recordId: ticketId,
      ticketId,
      details: { from: ticket.assignedAgentId, to: agent?.id ?? null },
    });
    return presentStored(tx, deps, ctx, entityId, ticketId, 'agent');
  });
}
