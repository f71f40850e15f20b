import { type SQL, sql } from 'drizzle-orm';
import type {
  Language,
  OperationLine,
  CaseloadTransfer,
  CaseloadTransferApprove,
  CaseloadTransferPreview,
  CaseloadTransferRequest,
} from '@caliu/common';
import { rowsOf, type Tx } from '../../../db/connect';
import { planMassTransfer, type TransferPlan } from '../../../commands/mass-transfer';
import { type AuditActor, writeAudit } from '../../../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../../../platform/context';
import { AppError, conflict, notFound } from '../../../platform/errors';
import { enqueue } from '../../../platform/messaging/outbox';
import { caseFileScope } from '../../case-files/access';
import { fingerprintOf, type PlanContext } from '../../support/operations/plan';
import * as repo from './repository';

/**
 * A coordinator's caseload transfer, run only once a second person approves it (issue 21,
 * docs/decisions/0011): the mass transfer's own plan (commands/mass-transfer.ts) restricted to
 * the requester's coordinated teams, requested with its preview's lines and fingerprint, and run
 * by another coordinator who sees every case file it moves — the plan computed again under the
 * run's locks and refused when it is not the one the approver saw.
 */

const HOUR_MS = 3_600_000;
const OWN_REQUESTS_DAYS = 30;

function planContext(deps: AppDeps, ctx: RequestContext, tx: Tx, lock: boolean): PlanContext {
  return {
    deps,
    tx,
    entityId: ctx.auth.entity.id,
    t: ctx.t,
    lock,
    now: deps.clock.now(),
    requesterId: ctx.auth.professionalId,
    inEntity: ctx,
  };
}

export const fingerprint = (plan: TransferPlan) =>
  fingerprintOf('mass_transfer', { ...plan, lines: [...plan.lines, ...plan.outside] });

export function previewOf(plan: TransferPlan): CaseloadTransferPreview {
  return {
    ready: plan.blockers.length === 0,
    blockers: plan.blockers.map(({ code, message }) => ({ code, message })),
    lines: plan.lines,
    outside: plan.outside,
    fingerprint: fingerprint(plan),
  };
}

/** The plan of a request as it stands now, within `teamIds`. */
export const planOf = (
  deps: AppDeps,
  ctx: RequestContext,
  tx: Tx,
  lock: boolean,
  request: { from: string; to: string; options: repo.TransferOptions },
  teamIds: readonly string[],
) =>
  planMassTransfer(
    planContext(deps, ctx, tx, lock),
    { fromProfessionalId: request.from, toProfessionalId: request.to, ...request.options },
    { teamIds },
  );

/**
 * The requester's coordinated teams, both professionals members of one of them — else a 400
 * with the field(s) in words.
 */
async function requesterTeams(
  tx: Tx,
  ctx: RequestContext,
  body: CaseloadTransferRequest,
): Promise<string[]> {
  const teamIds = await repo.coordinatedTeamIds(tx, ctx.auth.professionalId);
  const members = await repo.membersOf(tx, teamIds, [
    body.fromProfessionalId,
    body.toProfessionalId,
  ]);
  const fields = (['fromProfessionalId', 'toProfessionalId'] as const).filter(
    (field) => !members.has(body[field]),
  );
  if (fields.length > 0) {
    const message = ctx.t('errors.caseload.transfer_not_member');
    throw new AppError(
      'caseload.transfer_not_member',
      400,
      {},
      fields.map((field) => ({ field, message })),
    );
  }
  return teamIds;
}

/** The preview a coordinator sees before requesting. */
export async function preview(
  deps: AppDeps,
  ctx: RequestContext,
  body: CaseloadTransferRequest,
): Promise<CaseloadTransferPreview> {
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const teamIds = await requesterTeams(tx, ctx, body);
    return previewOf(await planOf(deps, ctx, tx, false, requestOf(body), teamIds));
  });
}

const requestOf = (body: CaseloadTransferRequest) => ({
  from: body.fromProfessionalId,
  to: body.toProfessionalId,
  options: { caseFiles: body.caseFiles, persons: body.persons, agenda: body.agenda },
});

export const blocked = (plan: TransferPlan) =>
  new AppError('caseload.transfer_blocked', 409, {
    reasons: plan.blockers.map((b) => b.message).join(' '),
  });

/** A line as a support agent may see it: its key and count, without the items it names. */
export const countOnly = (lines: readonly OperationLine[]): OperationLine[] =>
  lines.map(({ key, count }) => ({ key, count, items: [] }));

/**
 * A transfer as the API answers it: what the reader may do (`can`), and for a support agent the
 * lines as counts only and the transfer's entity.
 */
export function presentTransfer(
  row: repo.TransferRow,
  can: CaseloadTransfer['can'],
  agent?: { entity: NonNullable<CaseloadTransfer['entity']> },
): CaseloadTransfer {
  const iso = (d: Date | string) => new Date(d).toISOString();
  const shown = agent ? countOnly : (lines: OperationLine[]) => lines;
  return {
    id: row.id,
    status: row.status,
    from: { id: row.from_professional_id, name: row.from_name },
    to: { id: row.to_professional_id, name: row.to_name },
    ...row.options,
    reason: row.reason,
    requestedBy: { id: row.requested_by, name: row.requested_by_name },
    requestedAt: iso(row.requested_at),
    expiresAt: iso(row.expires_at),
    requestedLines: shown(row.requested_lines),
    decidedBy: row.decided_by_name,
    decidedAt: row.decided_at ? iso(row.decided_at) : null,
    result: row.result ? shown(row.result) : null,
    can,
    ...(agent ? { entity: agent.entity } : {}),
  };
}

function present(ctx: RequestContext, row: repo.TransferRow): CaseloadTransfer {
  const mine = row.requested_by === ctx.auth.professionalId;
  const pending = row.status === 'pending';
  // Whether the reader may act; the approval checks every case file when it runs.
  return presentTransfer(row, {
    approve: pending && !mine && row.in_my_teams,
    cancel: pending && (mine || row.in_my_teams),
  });
}

/** The transfer as its reader sees it now, or "not found" (neither theirs nor of their teams). */
async function readable(
  deps: AppDeps,
  ctx: RequestContext,
  tx: Tx,
  id: string,
  lock = false,
): Promise<repo.TransferRow> {
  const row = await repo.findTransfer(tx, id, ctx.auth.professionalId, deps.clock.now(), lock);
  if (!row || (row.requested_by !== ctx.auth.professionalId && !row.in_my_teams)) {
    throw notFound('caseload_transfer');
  }
  return row;
}

export function pendingOnly(row: repo.TransferRow) {
  if (row.status !== 'pending') throw conflict(`caseload.transfer_${row.status}`);
}

/**
 * How many of the plan's case files (`caseFiles`, a query answering their ids: they stay in the
 * database) the signed-in coordinator would not see: the case files' own scope predicate,
 * without their covers (a cover is no ground to approve).
 */
async function unseenBy(tx: Tx, ctx: RequestContext, caseFiles: SQL) {
  const viewer = {
    professionalId: ctx.auth.professionalId,
    roles: ctx.auth.roles,
    grants: ctx.auth.grants,
  };
  const [row] = await rowsOf<{ n: number }>(
    tx,
    sql`SELECT count(*)::int AS n FROM case_files cf
      WHERE cf.id IN (${caseFiles})
        AND NOT coalesce(${caseFileScope(viewer, 'case_files.view')}, FALSE)`,
  );
  return row!.n;
}

export const rowRequest = (row: repo.TransferRow) => ({
  from: row.from_professional_id,
  to: row.to_professional_id,
  options: row.options,
});

const counts = (lines: CaseloadTransferPreview['lines']) =>
  lines.map((l) => ({ key: l.key, count: l.count }));

/** A pending transfer, with the preview's lines and fingerprint; audited. */
export async function request(
  deps: AppDeps,
  ctx: RequestContext,
  body: CaseloadTransferRequest,
): Promise<CaseloadTransfer> {
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const teamIds = await requesterTeams(tx, ctx, body);
    const wanted = requestOf(body);
    const plan = await planOf(deps, ctx, tx, false, wanted, teamIds);
    if (plan.blockers.length > 0) throw blocked(plan);
    const now = deps.clock.now();
    const id = await repo.insertTransfer(tx, {
      entityId: ctx.auth.entity.id,
      requestedBy: ctx.auth.professionalId,
      ...wanted,
      reason: body.reason,
      teamIds,
      lines: plan.lines,
      fingerprint: fingerprint(plan),
      now,
      expiresAt: new Date(now.getTime() + deps.config.caseloadTransferExpiryHours * HOUR_MS),
    });
    await writeAudit(tx, actorOf(ctx), {
      action: 'caseload_transfer.request',
      recordType: 'caseload_transfer',
      recordId: id,
      details: {
        from: wanted.from,
        to: wanted.to,
        ...wanted.options,
        lines: counts(plan.lines),
        outside: counts(plan.outside),
      },
    });
    return present(ctx, (await repo.findTransfer(tx, id, ctx.auth.professionalId, now))!);
  });
}

/** Pending transfers the reader may approve or cancel, and their own of the last 30 days. */
export async function list(
  deps: AppDeps,
  ctx: RequestContext,
): Promise<{ items: CaseloadTransfer[] }> {
  const now = deps.clock.now();
  const since = new Date(now.getTime() - OWN_REQUESTS_DAYS * 24 * HOUR_MS);
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => ({
    items: (await repo.listTransfers(tx, ctx.auth.professionalId, now, since)).map((row) =>
      present(ctx, row),
    ),
  }));
}

/** The preview of a pending transfer recomputed now (the approver compares it with the request). */
export async function previewNow(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<CaseloadTransferPreview> {
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const row = await readable(deps, ctx, tx, id);
    pendingOnly(row);
    return previewOf(await planOf(deps, ctx, tx, false, rowRequest(row), row.team_ids));
  });
}

/**
 * Runs a pending transfer, approved by another coordinator who sees every case file it moves:
 * the transfer locked, the plan computed again under the records' locks and compared with the
 * preview the approver saw; the move, its audit (naming the transfer), the receiver's email and
 * the transfer's decision — one transaction.
 */
export async function approve(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  body: CaseloadTransferApprove,
): Promise<CaseloadTransfer> {
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const row = await readable(deps, ctx, tx, id, true);
    if (row.requested_by === ctx.auth.professionalId) {
      throw new AppError('caseload.transfer_own', 403);
    }
    pendingOnly(row);
    const plan = await planOf(deps, ctx, tx, true, rowRequest(row), row.team_ids);
    const unseen = await unseenBy(tx, ctx, plan.caseFiles);
    if (unseen > 0) throw new AppError('caseload.transfer_unseen', 403, { count: unseen });
    if (plan.blockers.length > 0) throw blocked(plan);
    if (fingerprint(plan) !== body.fingerprint) throw conflict('caseload.transfer_changed');
    const name = `${ctx.auth.givenName} ${ctx.auth.surnames}`.trim();
    const decidedBy = { professionalId: ctx.auth.professionalId };
    const now = await runApproved(deps, ctx, tx, row, plan, actorOf(ctx), { decidedBy, name });
    return present(ctx, (await repo.findTransfer(tx, id, ctx.auth.professionalId, now))!);
  });
}

/**
 * What an approval does once its checks passed, whoever approved: the move with its per-record
 * audit naming the transfer (and the receiver's email), the source's email, the decision, the
 * approval's own audit row. Answers the decision's time.
 */
export async function runApproved(
  deps: AppDeps,
  ctx: RequestContext,
  tx: Tx,
  row: repo.TransferRow,
  plan: TransferPlan,
  actor: AuditActor,
  approver: { decidedBy: repo.Decider; name: string },
): Promise<Date> {
  const result = await plan.apply(actor, { transferId: row.id });
  await tellSource(tx, ctx, row, result, approver.name);
  const now = deps.clock.now();
  await repo.decide(tx, row.id, { status: 'done', decidedBy: approver.decidedBy, now, result });
  await writeAudit(tx, actor, {
    action: 'caseload_transfer.approve',
    recordType: 'caseload_transfer',
    recordId: row.id,
    details: {
      from: row.from_professional_id,
      to: row.to_professional_id,
      requestedBy: row.requested_by,
      lines: counts(result),
    },
  });
  return now;
}

/**
 * The source is told their caseload was handed over (who asked, who approved, to whom, counts
 * only); the receiver's own email is the mass transfer's. In the outbox: it goes with the commit.
 */
async function tellSource(
  tx: Tx,
  ctx: RequestContext,
  row: repo.TransferRow,
  result: readonly { key: string; count: number }[],
  approvedBy: string,
) {
  const count = (...keys: string[]) =>
    result.filter((l) => keys.includes(l.key)).reduce((n, l) => n + l.count, 0);
  const counts = {
    caseFiles: count('case_files_moved', 'assignments_moved'),
    persons: count('persons_moved'),
    appointments: count('appointments_moved'),
  };
  if (counts.caseFiles + counts.persons + counts.appointments === 0) return;
  const [source] = await rowsOf<{ email: string; given_name: string; language: Language | null }>(
    tx,
    sql`SELECT email, given_name, language FROM professionals
      WHERE id = ${row.from_professional_id}`,
  );
  if (!source) return;
  await enqueue(tx, {
    entityId: ctx.auth.entity.id,
    channel: 'email',
    template: 'caseload_handed_over',
    to: source.email,
    language: source.language,
    data: {
      givenName: source.given_name,
      requestedBy: row.requested_by_name,
      approvedBy,
      receiverName: row.to_name,
      ...counts,
    },
    idempotencyKey: `caseload_handed_over:${row.id}`,
  });
}

/** Cancels a pending transfer: its requester, or a coordinator who could approve it; audited. */
export async function cancel(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
): Promise<CaseloadTransfer> {
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const row = await readable(deps, ctx, tx, id, true);
    pendingOnly(row);
    if (row.requested_by !== ctx.auth.professionalId) {
      const plan = await planOf(deps, ctx, tx, false, rowRequest(row), row.team_ids);
      if ((await unseenBy(tx, ctx, plan.caseFiles)) > 0) {
        throw new AppError('caseload.transfer_cancel_denied', 403);
      }
    }
    const now = deps.clock.now();
    const decidedBy = { professionalId: ctx.auth.professionalId };
    await repo.decide(tx, id, { status: 'cancelled', decidedBy, now });
    await writeAudit(tx, actorOf(ctx), {
      action: 'caseload_transfer.cancel',
      recordType: 'caseload_transfer',
      recordId: id,
      details: { from: row.from_professional_id, to: row.to_professional_id },
    });
    return present(ctx, (await repo.findTransfer(tx, id, ctx.auth.professionalId, now))!);
  });
}
