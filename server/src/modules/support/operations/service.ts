import {
  OPEN_TICKET_STATUSES,
  type OperationKind,
  type OperationLine,
  type OperationPreview,
  type OperationRun,
  type OperationRunResult,
  TICKET_FIELDS_SCHEMAS,
  type TicketStatus,
} from '@caliu/common';
import type { TFunction } from 'i18next';
import type { Tx } from '../../../db/connect';
import { asSupportAgent, contextInEntity } from '../../../platform/access/cross-entity';
import { writeAudit } from '../../../platform/audit';
import type { AppDeps, RequestContext } from '../../../platform/context';
import { AppError, conflict, fieldError, notFound } from '../../../platform/errors';
import { translator } from '../../../platform/i18n';
import { notifyStatus, recipientOf } from '../notify';
import * as tickets from '../repository';
import { agentActor, agentName, presentStored } from '../service';
import { fingerprintOf, type Operation, type Plan, type PlanContext } from './plan';
import { OPERATIONS } from './registry';
import * as repo from './repository';

/**
 * The operations run from tickets (issue 20, docs/decisions/0010): the preview and the run of a
 * ticket's operation, by a support agent, behind the ticket's entity's wall (the crossing
 * audited). The commands themselves are in server/src/commands/.
 */

type Planned = { kind: OperationKind; plan: Plan; inEntity: RequestContext };

/** The ticket's operation planned (the run: under row locks), or a refusal in words. */
async function planOf(
  deps: AppDeps,
  ctx: RequestContext,
  tx: Tx,
  ticket: tickets.TicketRow,
  lock: boolean,
): Promise<Planned> {
  const operation = OPERATIONS[ticket.kind as OperationKind] as
    Operation<OperationKind> | undefined;
  if (!operation) throw conflict('support.operations.none');
  const fields = TICKET_FIELDS_SCHEMAS[operation.kind].safeParse(ticket.fields);
  if (!fields.success) throw conflict('support.operations.fields_invalid');
  const context: PlanContext = {
    deps,
    tx,
    entityId: ticket.entityId,
    t: ctx.t,
    lock,
    now: deps.clock.now(),
    requesterId: ticket.requesterId,
    inEntity: await contextInEntity(tx, ctx, ticket.entityId),
  };
  const plan = await operation.plan(context, fields.data as never);
  return { kind: operation.kind, plan, inEntity: context.inEntity };
}

const isOpen = (status: TicketStatus) =>
  (OPEN_TICKET_STATUSES as readonly TicketStatus[]).includes(status);

/** What would change: names, numbers and counts, or the blockers in words; audited. */
export async function preview(
  deps: AppDeps,
  ctx: RequestContext,
  entityId: string,
  ticketId: string,
): Promise<OperationPreview> {
  return asSupportAgent(deps.database, ctx, 'support.operation_preview', entityId, async (tx) => {
    const ticket = await tickets.findTicket(tx, entityId, ticketId);
    if (!ticket) throw notFound('support_ticket');
    if (await repo.findOperation(tx, entityId, ticketId)) {
      throw conflict('support.operations.already_run');
    }
    const { kind, plan } = await planOf(deps, ctx, tx, ticket, false);
    await writeAudit(tx, agentActor(ctx, entityId), {
      action: 'support.operation_preview',
      recordType: 'support_ticket',
      recordId: ticketId,
      ticketId,
      details: { kind, blockers: plan.blockers.map((b) => b.code) },
    });
    return {
      kind,
      ready: plan.blockers.length === 0,
      blockers: plan.blockers.map(({ code, message }) => ({ code, message })),
      lines: plan.lines,
      conflicts: plan.conflicts ?? [],
      asks: plan.asks ?? [],
      fingerprint: fingerprintOf(kind, plan),
    };
  });
}

/** The result in words, in the requester's language, for the ticket's history. */
function inWords(t: TFunction, lines: readonly OperationLine[]): string {
  return lines
    .map((l) => {
      const what = t(`support.operations.lines.${l.key}`, { count: l.count });
      const more = l.count > l.items.length ? ` ${t('support.operations.and_more')}` : '';
      return l.items.length > 0 ? `${what}: ${l.items.join(', ')}${more}` : what;
    })
    .join('\n');
}

/**
 * Runs the ticket's operation once: the ticket locked, the plan computed again under the records'
 * locks and compared with the one the agent saw; the change, its audit, the result stored on the
 * ticket, a history entry that resolves it and the requester's email — one transaction. A second
 * run answers the stored result and changes nothing.
 */
export async function run(
  deps: AppDeps,
  ctx: RequestContext,
  entityId: string,
  ticketId: string,
  input: OperationRun,
): Promise<OperationRunResult> {
  let after: Plan['afterCommit'];
  const ran = await asSupportAgent(
    deps.database,
    ctx,
    'support.operation_run',
    entityId,
    async (tx) => {
      // Two runs of one ticket queue here; the second then finds the first's row.
      const ticket = await tickets.findTicket(tx, entityId, ticketId, true);
      if (!ticket) throw notFound('support_ticket');
      const done = await repo.findOperation(tx, entityId, ticketId);
      if (done) {
        return {
          alreadyRun: true,
          afterwards: [],
          operation: done,
          ticket: await presentStored(tx, deps, ctx, entityId, ticketId, 'agent'),
        };
      }
      if (!isOpen(ticket.status)) {
        throw conflict('support.operations.ticket_closed', {
          status: ctx.t(`support.statuses.${ticket.status}`),
        });
      }
      const { kind, plan, inEntity: there } = await planOf(deps, ctx, tx, ticket, true);
      if (plan.blockers.length > 0) {
        throw new AppError('support.operations.blocked', 409, {
          reasons: plan.blockers.map((b) => b.message).join(' '),
        });
      }
      if (fingerprintOf(kind, plan) !== input.fingerprint) {
        throw conflict('support.operations.changed');
      }
      const choosable = new Set((plan.conflicts ?? []).map((c) => c.field));
      if (input.takeFromOther.some((field) => !choosable.has(field))) {
        throw fieldError(ctx, 400, 'support.operations.not_a_conflict', 'takeFromOther');
      }
      if (plan.asks?.includes('mobile') && !input.mobile) {
        throw fieldError(ctx, 400, 'support.operations.mobile_required', 'mobile');
      }
      const actor = agentActor(ctx, entityId);
      const lines = await plan.apply(actor, ticketId, input);
      after = plan.afterCommit;
      const now = deps.clock.now();
      const operation = await repo.insertOperation(tx, {
        entityId,
        ticketId,
        kind,
        lines,
        agentId: ctx.auth.professionalId,
        agentName: agentName(ctx),
        now,
      });
      await writeAudit(tx, actor, {
        action: 'support.operation_run',
        recordType: 'support_ticket',
        recordId: ticketId,
        ticketId,
        details: { kind, lines: lines.map((l) => ({ key: l.key, count: l.count })) },
      });
      // Worded for the requester: their language, else the entity's (never the agent's).
      const recipient = await recipientOf(tx, ticket);
      const language = recipient?.language ?? there.auth.entity.defaultLanguage;
      const body = inWords(translator(language), lines);
      const eventId = await tickets.insertEvent(tx, {
        entityId,
        ticketId,
        side: 'agent',
        authorId: ctx.auth.professionalId,
        authorName: agentName(ctx),
        body,
        status: 'resolved',
        createdAt: now,
      });
      await tickets.updateTicket(tx, entityId, ticketId, {
        status: 'resolved',
        ...(ticket.firstResponseAt ? {} : { firstResponseAt: now }),
        resolvedAt: now,
        updatedAt: now,
      });
      // The email says what changed as the ticket does: keys, counts and case file numbers.
      await notifyStatus(tx, ticket, eventId, 'resolved', body);
      return {
        alreadyRun: false,
        afterwards: [],
        operation,
        ticket: await presentStored(tx, deps, ctx, entityId, ticketId, 'agent'),
      };
    },
  );
  // Committed: what must wait for it (an SMS) goes now; its failure undoes nothing.
  return after ? { ...ran, afterwards: await after(input) } : ran;
}
