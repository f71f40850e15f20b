import {
  type CoordinatorRequest,
  type CoordinatorRequestCreate,
  type Language,
  parseCaseFileNumber,
} from '@caliu/common';
import type { z } from 'zod';
import type { coordinatorRequestCloseSchema } from '@caliu/common';
import type { Tx } from '../../../db/connect';
import { writeAudit } from '../../../platform/audit';
import { actorOf, type AppDeps, type RequestContext } from '../../../platform/context';
import { AppError, type ErrorDetail, notFound } from '../../../platform/errors';
import { enqueue } from '../../../platform/messaging/outbox';
import { decodeCursor, toPage } from '../../../platform/pagination';
import { viewerOf } from '../../case-files/service';
import { sql } from 'drizzle-orm';
import * as repo from './repository';

/**
 * Coordinator requests (issue 19, decision 0009): what the floating button hands to the
 * coordinators of the records' teams instead of support — deleting persons, transferring or
 * deleting a case file's content, unlinking persons. The requester names records they see; the
 * request reaches the active coordinators of those records' teams (else of the requester's own
 * teams), who see it on their home page and close it as done or declined.
 */

type Records = { caseFileId?: string | undefined; personIds?: readonly string[] | undefined };

/**
 * Who a request about these records reaches: the coordinators of the teams of the records the
 * requester sees (a case file's team, the persons' teams), else those of the requester's teams.
 * Records out of reach are left out (never a hint that they exist).
 */
export async function recipientsOf(tx: Tx, ctx: RequestContext, records: Records) {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  const teams = new Set<string>();
  if (records.caseFileId) {
    const file = await repo.visibleCaseFile(
      tx,
      entityId,
      records.caseFileId,
      viewerOf(auth),
      sql`FALSE`,
    );
    if (file?.team_id) teams.add(file.team_id);
  }
  const persons = await repo.visiblePersons(
    tx,
    entityId,
    auth.professionalId,
    auth.grants['persons.view_basic'],
    [...new Set(records.personIds ?? [])],
  );
  for (const p of persons) if (p.team_id) teams.add(p.team_id);
  // Records of a team: only its coordinators, who can act on them (and may read them); a
  // coordinator of the requester's other teams could do neither.
  if (teams.size > 0) {
    return repo.coordinatorsOfTeams(tx, entityId, [...teams], auth.professionalId);
  }
  const own = await repo.teamsOf(tx, entityId, auth.professionalId);
  return repo.coordinatorsOfTeams(tx, entityId, own, auth.professionalId);
}

export async function coordinators(deps: AppDeps, ctx: RequestContext, records: Records) {
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => ({
    items: await recipientsOf(tx, ctx, records),
  }));
}

/** Splits `?personIds=a,b` into ids; anything not an id is a 400 on the field. */
export function parsePersonIds(ctx: RequestContext, text: string | undefined): string[] {
  if (!text) return [];
  const ids = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  if (ids.length > 20 || ids.some((id) => !uuid.test(id))) {
    throw new AppError('validation.invalid', 400, { fields: ctx.t('fields.personIds') }, [
      {
        field: 'personIds',
        message: ctx.t('validation.invalid_uuid', { field: ctx.t('fields.personIds') }),
      },
    ]);
  }
  return [...new Set(ids)];
}

/** The records the request names must exist and be the requester's to see: field errors if not. */
async function checkRecords(tx: Tx, ctx: RequestContext, input: CoordinatorRequestCreate) {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  const details: ErrorDetail[] = [];
  let notFoundCount = 0;
  const missing = (field: string) => {
    notFoundCount++;
    details.push({ field, message: ctx.t('errors.coordinator_requests.not_found') });
  };

  let caseFileId: string | null = null;
  if ('caseFileId' in input) {
    const file = await repo.visibleCaseFile(
      tx,
      entityId,
      input.caseFileId,
      viewerOf(auth),
      sql`FALSE`,
    );
    if (file) caseFileId = file.id;
    else missing('caseFileId');
  }
  if ('personIds' in input) {
    const ids = input.personIds;
    const seen = await repo.visiblePersons(
      tx,
      entityId,
      auth.professionalId,
      auth.grants['persons.view_basic'],
      ids,
    );
    const members =
      input.kind === 'unlink_persons' && caseFileId
        ? await repo.memberIdsAmong(tx, entityId, caseFileId, ids)
        : null;
    ids.forEach((id, i) => {
      if (!seen.some((p) => p.id === id)) missing(`personIds.${i}`);
      else if (members && !members.has(id)) {
        details.push({
          field: `personIds.${i}`,
          message: ctx.t('errors.coordinator_requests.not_a_member'),
        });
      }
    });
    if (new Set(ids).size !== ids.length) {
      details.push({
        field: 'personIds',
        message: ctx.t('errors.coordinator_requests.duplicates'),
      });
    }
  }
  if ('items' in input && caseFileId) {
    const labels = await repo.itemLabels(tx, entityId, caseFileId, input.items, ctx.language);
    input.items.forEach((item, i) => {
      if (!labels.has(`${item.kind}:${item.id}`)) missing(`items.${i}`);
    });
  }
  if (input.kind === 'transfer_content') {
    const number = parseCaseFileNumber(input.targetNumber);
    const targetId =
      number?.year != null
        ? await repo.visibleNumber(tx, entityId, number.year, number.seq, viewerOf(auth))
        : null;
    if (!targetId) missing('targetNumber');
    else if (targetId === caseFileId) {
      details.push({
        field: 'targetNumber',
        message: ctx.t('errors.coordinator_requests.same_case_file'),
      });
    }
  }
  // A record out of reach is "not found" (404), as anywhere else; a rule on records the
  // requester does see (not a member, the same case file) is a 400.
  if (details.length > 0) {
    throw notFoundCount > 0
      ? new AppError('coordinator_requests.invalid_records', 404, {}, details)
      : new AppError('coordinator_requests.records_refused', 400, {}, details);
  }
}

export async function create(deps: AppDeps, ctx: RequestContext, input: CoordinatorRequestCreate) {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  return deps.database.tenant(entityId, async (tx) => {
    await checkRecords(tx, ctx, input);
    const caseFileId = 'caseFileId' in input ? input.caseFileId : null;
    const personIds = 'personIds' in input ? [...input.personIds] : [];
    const recipients = await recipientsOf(tx, ctx, {
      caseFileId: caseFileId ?? undefined,
      personIds,
    });
    if (recipients.length === 0) throw new AppError('coordinator_requests.no_coordinator', 409);
    const now = deps.clock.now();
    const id = await repo.insertRequest(tx, {
      entityId,
      kind: input.kind,
      requesterId: auth.professionalId,
      caseFileId,
      personIds,
      items: 'items' in input ? input.items : [],
      targetNumber: input.kind === 'transfer_content' ? input.targetNumber : null,
      note: input.note,
      createdAt: now,
      coordinatorIds: recipients.map((r) => r.id),
    });
    const row = (await repo.findRequest(tx, entityId, id, auth.professionalId))!;
    const number = caseFileId ? await repo.caseFileNumber(tx, entityId, caseFileId) : null;
    const consoleUrl = consoleHome(deps);
    const requesterName = `${auth.givenName} ${auth.surnames}`;
    for (const to of await repo.mailOf(
      tx,
      entityId,
      recipients.map((r) => r.id),
    )) {
      if (!to.active) continue;
      await enqueue(tx, {
        entityId,
        channel: 'email',
        template: 'coordinator_request',
        to: to.email,
        language: to.language,
        data: {
          givenName: to.given_name,
          requesterName,
          kind: input.kind,
          ...(number ? { number } : {}),
          persons: personIds.length,
          items: row.items.length,
          consoleUrl,
        },
        idempotencyKey: `coordinator_request:${id}:${to.id}`,
      });
    }
    await writeAudit(tx, actorOf(ctx), {
      action: 'coordinator_request.create',
      recordType: 'coordinator_request',
      recordId: id,
      subjects: personIds,
      details: {
        kind: input.kind,
        ...(caseFileId ? { caseFileId } : {}),
        coordinators: recipients.map((r) => r.id),
      },
    });
    return present(tx, ctx, row);
  });
}

function consoleHome(deps: AppDeps) {
  return `${(deps.config.publicUrl ?? `http://localhost:${deps.config.port}`).replace(/\/+$/, '')}/`;
}

/** A request in words, records gone since read as deleted. */
async function present(
  tx: Tx,
  ctx: RequestContext,
  row: repo.RequestRow,
): Promise<CoordinatorRequest> {
  const entityId = ctx.auth.entity.id;
  const language: Language = ctx.language;
  const names = await repo.personNames(tx, entityId, row.person_ids);
  const number = row.case_file_id
    ? await repo.caseFileNumber(tx, entityId, row.case_file_id)
    : null;
  const labels =
    row.case_file_id && row.items.length > 0
      ? await repo.itemLabels(tx, entityId, row.case_file_id, row.items, language)
      : new Map<string, string>();
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    requester: { id: row.requester_id, name: row.requester_name },
    coordinators: row.coordinators,
    caseFile: row.case_file_id
      ? { id: row.case_file_id, number: number ?? ctx.t('coordinator_requests.deleted_case_file') }
      : null,
    persons: row.person_ids.map((id) => ({
      id,
      name: names.get(id) ?? ctx.t('coordinator_requests.deleted_person'),
    })),
    items: row.items.map((item) => ({
      kind: item.kind,
      id: item.id,
      label: labels.get(`${item.kind}:${item.id}`) ?? ctx.t('coordinator_requests.deleted_item'),
    })),
    targetNumber: row.target_number,
    note: row.note,
    closedBy: row.closed_by ? { id: row.closed_by, name: row.closed_by_name ?? '' } : null,
    closedReason: row.closed_reason,
    createdAt: row.created_at.toISOString(),
    closedAt: row.closed_at ? row.closed_at.toISOString() : null,
    can: {
      close:
        row.status === 'open' &&
        Boolean(ctx.auth.grants['support.coordinator_requests']) &&
        row.addressed_to_me,
    },
  };
}

export async function list(
  deps: AppDeps,
  ctx: RequestContext,
  query: {
    role: 'requester' | 'coordinator';
    status: 'open' | 'done' | 'declined' | 'all';
    limit: number;
    cursor?: string | undefined;
  },
) {
  const { auth } = ctx;
  if (query.role === 'coordinator' && !auth.grants['support.coordinator_requests']) {
    throw new AppError('auth.forbidden', 403);
  }
  const after = decodeCursor(query.cursor);
  return deps.database.tenant(auth.entity.id, async (tx) => {
    const rows = await repo.listRequests(tx, auth.entity.id, {
      role: query.role,
      professionalId: auth.professionalId,
      status: query.status,
      limit: query.limit,
      after,
    });
    const shown = rows.slice(0, query.limit);
    const items = new Map<string, CoordinatorRequest>();
    for (const row of shown) items.set(row.id, await present(tx, ctx, row));
    if (shown.length > 0) {
      await writeAudit(tx, actorOf(ctx), {
        action: 'coordinator_request.read',
        recordType: 'coordinator_request',
        subjects: shown.flatMap((r) => r.person_ids),
        details: { role: query.role, ids: shown.map((r) => r.id) },
      });
    }
    return toPage(
      rows.map((r) => ({ ...r, createdAt: r.created_at })),
      query.limit,
      (r) => items.get(r.id)!,
    );
  });
}

/** The request if the reader is its requester or one of its coordinators; 404 otherwise. */
async function reachable(tx: Tx, ctx: RequestContext, id: string, lock = false) {
  const me = ctx.auth.professionalId;
  const row = await repo.findRequest(tx, ctx.auth.entity.id, id, me, lock);
  if (!row || (row.requester_id !== me && !row.addressed_to_me)) {
    throw notFound('coordinator_request');
  }
  return row;
}

export async function get(deps: AppDeps, ctx: RequestContext, id: string) {
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const row = await reachable(tx, ctx, id);
    await writeAudit(tx, actorOf(ctx), {
      action: 'coordinator_request.read',
      recordType: 'coordinator_request',
      recordId: id,
      subjects: row.person_ids,
    });
    return present(tx, ctx, row);
  });
}

export async function close(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  input: z.output<typeof coordinatorRequestCloseSchema>,
) {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  return deps.database.tenant(entityId, async (tx) => {
    const row = await reachable(tx, ctx, id, true);
    if (!row.addressed_to_me) {
      throw new AppError('coordinator_requests.not_recipient', 403);
    }
    if (row.status !== 'open') throw new AppError('coordinator_requests.already_closed', 409);
    const reason = input.reason ? input.reason : null;
    await repo.closeRequest(tx, entityId, id, {
      status: input.outcome,
      closedBy: auth.professionalId,
      reason,
      at: deps.clock.now(),
    });
    const [to] = await repo.mailOf(tx, entityId, [row.requester_id]);
    if (to?.active) {
      const number = row.case_file_id
        ? await repo.caseFileNumber(tx, entityId, row.case_file_id)
        : null;
      await enqueue(tx, {
        entityId,
        channel: 'email',
        template: 'coordinator_request_closed',
        to: to.email,
        language: to.language,
        data: {
          givenName: to.given_name,
          coordinatorName: `${auth.givenName} ${auth.surnames}`,
          kind: row.kind,
          outcome: input.outcome,
          ...(number ? { number } : {}),
          consoleUrl: consoleHome(deps),
        },
        idempotencyKey: `coordinator_request_closed:${id}`,
      });
    }
    await writeAudit(tx, actorOf(ctx), {
      action: 'coordinator_request.close',
      recordType: 'coordinator_request',
      recordId: id,
      subjects: row.person_ids,
      details: { outcome: input.outcome },
    });
    return present(tx, ctx, (await repo.findRequest(tx, entityId, id, auth.professionalId))!);
  });
}
