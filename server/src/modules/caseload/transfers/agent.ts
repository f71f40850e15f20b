import type {
  CaseloadTransfer,
  CaseloadTransferApprove,
  CaseloadTransferPreview,
} from '@caliu/common';
import type { Tx } from '../../../db/connect';
import {
  acrossEntitiesAsAgent,
  asSupportAgent,
  contextInEntity,
} from '../../../platform/access/cross-entity';
import { writeAudit } from '../../../platform/audit';
import type { AppDeps, RequestContext } from '../../../platform/context';
import { conflict, notFound } from '../../../platform/errors';
import { agentActor, agentName } from '../../support/service';
import * as repo from './repository';
import {
  blocked,
  countOnly,
  fingerprint,
  pendingOnly,
  planOf,
  presentTransfer,
  previewOf,
  rowRequest,
  runApproved,
} from './service';

/**
 * A coordinator's caseload transfer approved or cancelled by a support agent (issue 21,
 * docs/decisions/0011): the agent sees counts only — never a case file's number or a person's
 * name — and acts behind the council's wall through `asSupportAgent` (the crossing audited). The
 * approval is the coordinator's own: the plan computed again under the run's locks and refused
 * when it is not the one the agent saw.
 */

const entityOf = (row: repo.AgentTransferRow) => ({
  id: row.entity_id,
  code: row.entity_code,
  name: row.entity_name,
});

const present = (row: repo.TransferRow, entity: There['entity']) => {
  const pending = row.status === 'pending';
  return presentTransfer(row, { approve: pending, cancel: pending }, { entity });
};

/** The pending transfers of every council, soonest to expire first; audited. */
export async function list(
  deps: AppDeps,
  ctx: RequestContext,
): Promise<{ items: CaseloadTransfer[] }> {
  const rows = await acrossEntitiesAsAgent(
    deps.database,
    ctx,
    'caseload_transfer.list',
    null,
    (tx) => repo.pendingAcrossEntities(tx, deps.clock.now()),
  );
  return { items: rows.map((row) => present(row, entityOf(row))) };
}

type There = {
  ctx: RequestContext;
  row: repo.TransferRow;
  entity: NonNullable<CaseloadTransfer['entity']>;
};

/** The council's transfer, pending, read (locked when `lock`) with the agent in its entity. */
async function pendingThere(
  deps: AppDeps,
  ctx: RequestContext,
  tx: Tx,
  entityId: string,
  id: string,
  lock: boolean,
): Promise<There> {
  const there = await contextInEntity(tx, ctx, entityId);
  const row = await repo.findTransfer(tx, id, ctx.auth.professionalId, deps.clock.now(), lock);
  if (!row) throw notFound('caseload_transfer');
  pendingOnly(row);
  const { code, name } = there.auth.entity;
  return { ctx: there, row, entity: { id: entityId, code, name } };
}

/** The preview of a council's pending transfer recomputed now, counts only; audited. */
export async function previewNow(
  deps: AppDeps,
  ctx: RequestContext,
  entityId: string,
  id: string,
): Promise<CaseloadTransferPreview> {
  return asSupportAgent(deps.database, ctx, 'caseload_transfer.preview', entityId, async (tx) => {
    const { ctx: there, row } = await pendingThere(deps, ctx, tx, entityId, id, false);
    const preview = previewOf(await planOf(deps, there, tx, false, rowRequest(row), row.team_ids));
    return { ...preview, lines: countOnly(preview.lines), outside: countOnly(preview.outside) };
  });
}

/**
 * Runs a council's pending transfer, approved by the agent: as a coordinator's approval (the plan
 * again under the records' locks, the fingerprint the agent saw), the moved records' audit rows
 * and the transfer's decision naming the agent; the source and the receiver emailed.
 */
export async function approve(
  deps: AppDeps,
  ctx: RequestContext,
  entityId: string,
  id: string,
  body: CaseloadTransferApprove,
): Promise<CaseloadTransfer> {
  return asSupportAgent(deps.database, ctx, 'caseload_transfer.approve', entityId, async (tx) => {
    const { ctx: there, row, entity } = await pendingThere(deps, ctx, tx, entityId, id, true);
    const plan = await planOf(deps, there, tx, true, rowRequest(row), row.team_ids);
    if (plan.blockers.length > 0) throw blocked(plan);
    if (fingerprint(plan) !== body.fingerprint) throw conflict('caseload.transfer_changed');
    const decidedBy = { agentId: ctx.auth.professionalId, name: agentName(ctx) };
    const actor = agentActor(ctx, entityId);
    const now = await runApproved(deps, there, tx, row, plan, actor, {
      decidedBy,
      name: decidedBy.name,
    });
    const decided = await repo.findTransfer(tx, id, ctx.auth.professionalId, now);
    return present(decided!, entity);
  });
}

/** Cancels a council's pending transfer, by the agent; audited. */
export async function cancel(
  deps: AppDeps,
  ctx: RequestContext,
  entityId: string,
  id: string,
): Promise<CaseloadTransfer> {
  return asSupportAgent(deps.database, ctx, 'caseload_transfer.cancel', entityId, async (tx) => {
    const { row, entity } = await pendingThere(deps, ctx, tx, entityId, id, true);
    const now = deps.clock.now();
    const decidedBy = { agentId: ctx.auth.professionalId, name: agentName(ctx) };
    await repo.decide(tx, id, { status: 'cancelled', decidedBy, now });
    await writeAudit(tx, agentActor(ctx, entityId), {
      action: 'caseload_transfer.cancel',
      recordType: 'caseload_transfer',
      recordId: id,
      details: { from: row.from_professional_id, to: row.to_professional_id },
    });
    const decided = await repo.findTransfer(tx, id, ctx.auth.professionalId, now);
    return present(decided!, entity);
  });
}
