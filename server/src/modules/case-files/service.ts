import {
  type CaseFile,
  type CaseFileListQuery,
  type CaseFilePage,
  type Catalogue,
  type CloseCaseFile,
  type CreateCaseFile,
  creatableScopes,
  formatCaseFileNumber,
  parseCaseFileNumber,
  type ReopenCaseFile,
  type UpdateCaseFile,
} from '@caliu/common';
import type { Database, Tx } from '../../db/connect';
import { assertReassignment } from '../../platform/access/reassignment';
import { type AssignmentNotice, noticeAssignments } from '../caseload/notices';
import { type AuditEntry, writeAudit } from '../../platform/audit';
import { actorOf, type AuthContext, type Clock, type RequestContext } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { decodeKeyCursor, encodeCursor } from '../../platform/pagination';
import * as persons from '../persons/repository';
import { todayIn } from '../persons/rules';
import type { CaseFileViewer } from './access';
import { catalogueLabel, presentCaseFile, presentCatalogueItem, presentSummary } from './present';
import * as repo from './repository';

export type Deps = { database: Database; clock: Clock };

export function viewerOf(auth: AuthContext): CaseFileViewer {
  return {
    professionalId: auth.professionalId,
    grants: auth.grants,
    roles: auth.roles,
    covers: auth.covers,
  };
}

/** How the reassignment rule (platform/access/reassignment.ts) refuses, for case files. */
const REASSIGNMENT_REFUSALS = {
  referentAtCreation: 'case_files.referent_self_or_none',
  referentChange: 'case_files.referent_change_coordinator_only',
  teamChange: 'case_files.team_change_coordinator_only',
};

/** Roles that may be a case file's referent (as for persons: technicians and coordinators). */
const mayBeReferent = (auth: AuthContext) =>
  auth.roles.some((r) => (persons.REFERENT_ROLES as readonly string[]).includes(r));

type Locked = NonNullable<Awaited<ReturnType<typeof repo.lockCaseFile>>>;
type Ability =
  'can_edit' | 'can_unlink' | 'can_add_content' | 'can_edit_plans' | 'can_move_content';

/** Why a change is refused when the viewer sees the case file but lacks the ability. */
const REFUSALS: Record<Ability, string> = {
  can_edit: 'case_files.edit_not_allowed',
  can_unlink: 'case_files.unlink_coordinator_only',
  can_add_content: 'case_files.content_not_allowed',
  can_edit_plans: 'case_files.plans_not_allowed',
  can_move_content: 'case_files.move_content_coordinator_only',
};

/** The case file locked for a change the viewer may make; "not found" when out of their sight. */
export async function lockFor(
  tx: Tx,
  auth: AuthContext,
  id: string,
  ability: Ability,
): Promise<Locked> {
  const row = await repo.lockCaseFile(tx, auth.entity.id, id, viewerOf(auth));
  if (!row) throw notFound('case_file');
  if (!row[ability]) throw new AppError(REFUSALS[ability], 403);
  return row;
}

/** The case file as this viewer sees it (inside the caller's transaction). */
export async function loadCaseFile(
  tx: Tx,
  ctx: RequestContext,
  id: string,
): Promise<{ caseFile: CaseFile; memberIds: string[]; row: repo.CaseFileRow }> {
  const entityId = ctx.auth.entity.id;
  const row = await repo.findCaseFile(tx, entityId, id, viewerOf(ctx.auth));
  if (!row) throw notFound('case_file');
  const merged = row.merged_into_id ? { id: row.merged_into_id, viewer: viewerOf(ctx.auth) } : null;
  const parts = await repo.headerParts(tx, entityId, id, row.closing_reason_id, merged);
  const { members, assigned } = parts;
  const closingReason =
    row.closing_reason_id && parts.closing_reason
      ? {
          id: row.closing_reason_id,
          name: catalogueLabel(
            'closing_reason',
            parts.closing_reason.code,
            parts.closing_reason.labels,
            ctx.language,
          ),
        }
      : null;
  return {
    caseFile: presentCaseFile(row, members, assigned, closingReason, parts.merged_into),
    memberIds: members.map((m) => m.person_id),
    row,
  };
}

/** The audit entry of a read of a case file's header, for each member. */
export const headerRead = (id: string, memberIds: string[]): AuditEntry => ({
  action: 'case_file.read',
  recordType: 'case_file',
  recordId: id,
  subjects: memberIds,
});

/** The entity's local year and day now. */
function localToday(deps: Deps, auth: AuthContext) {
  const today = todayIn(auth.entity.timeZone, deps.clock.now());
  return { today, year: Number(today.slice(0, 4)) };
}

/**
 * One change to a case file, in one transaction: the file locked if the viewer holds `ability`
 * on it ("not found" when out of their sight, a 403 when seen but not theirs to change), the
 * work, then the file as the viewer now sees it (unless the work answers otherwise).
 */
export async function command(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  ability: 'can_edit' | 'can_unlink',
  work: (tx: Tx, stored: Locked, today: string) => Promise<CaseFile | void>,
): Promise<CaseFile> {
  const { today } = localToday(deps, ctx.auth);
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const stored = await lockFor(tx, ctx.auth, id, ability);
    // A case file merged into another is a tombstone: its number resolves, nothing changes it.
    if (stored.merged_into_id) throw new AppError('case_files.merged', 409);
    const answer = await work(tx, stored, today);
    return answer ?? (await loadCaseFile(tx, ctx, id)).caseFile;
  });
}

async function assertProfessionals(tx: Tx, ctx: RequestContext, ids: string[], field: string) {
  const found = await repo.activeProfessionals(tx, ctx.auth.entity.id, ids);
  if (ids.some((id) => !found.has(id))) {
    throw fieldError(ctx, 400, 'case_files.professional_not_found', field);
  }
}

/**
 * Opens a case file for a person, who becomes its holder: the next number of the entity's
 * local year, the team serving the municipality unless a coordinator chose another, the creator
 * as referent by default, and an "opened" intervention — all in one transaction.
 */
export async function create(
  deps: Deps,
  ctx: RequestContext,
  input: CreateCaseFile,
): Promise<CaseFile> {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  if (!creatableScopes(auth.roles).includes(input.scope)) {
    throw fieldError(ctx, 403, 'case_files.scope_not_yours', 'scope');
  }
  const { today, year } = localToday(deps, auth);
  return deps.database.tenant(entityId, async (tx) => {
    const person = await repo.personPlace(tx, entityId, input.personId);
    if (!person) throw fieldError(ctx, 404, 'case_files.person_not_found', 'personId');
    const municipalityId = input.municipalityId ?? person.municipality_id;
    const sectorId = municipalityId === person.municipality_id ? person.sector_id : null;
    const referentId =
      input.referentId !== undefined
        ? input.referentId
        : mayBeReferent(auth)
          ? auth.professionalId
          : null;
    const teamId = input.teamId ?? null;
    const refs = await persons.checkRefs(tx, entityId, {
      municipalityId,
      sectorId: null,
      teamId,
      referentId,
    });
    if (!refs.municipality)
      throw fieldError(ctx, 404, 'case_files.municipality_not_found', 'municipalityId');
    if (!refs.team) throw fieldError(ctx, 404, 'case_files.team_not_found', 'teamId');
    if (!refs.referent) throw fieldError(ctx, 404, 'case_files.referent_not_found', 'referentId');
    const assignedIds = input.assignedIds ?? [];
    await assertProfessionals(tx, ctx, assignedIds, 'assignedIds');

    const byDefault = await persons.defaultTeam(tx, entityId, municipalityId, sectorId);
    const reassigner = {
      id: auth.professionalId,
      reassignScope: auth.grants['persons.change_referent'],
    };
    if (teamId && teamId !== byDefault) {
      const may =
        (await persons.mayReassignIn(tx, reassigner, byDefault)) ||
        (await persons.mayReassignIn(tx, reassigner, teamId));
      if (!may) throw new AppError('case_files.team_change_coordinator_only', 403);
    }
    const finalTeam = teamId ?? byDefault;
    const namesOther = referentId !== null && referentId !== auth.professionalId;
    assertReassignment(auth, REASSIGNMENT_REFUSALS, {
      creating: true,
      referentId,
      mayReassign: namesOther && (await persons.mayReassignIn(tx, reassigner, finalTeam)),
    });

    const seq = await repo.nextNumber(tx, entityId, year);
    const id = await repo.insertCaseFile(tx, {
      entityId,
      year,
      seq,
      scope: input.scope,
      municipalityId,
      teamId: finalTeam,
      referentId,
      openedOn: today,
      createdBy: auth.professionalId,
    });
    await repo.insertMember(tx, {
      entityId,
      caseFileId: id,
      personId: person.id,
      role: 'holder',
      addedOn: today,
      addedBy: auth.professionalId,
    });
    await repo.setAssigned(
      tx,
      entityId,
      id,
      assignedIds.filter((a) => a !== referentId),
    );
    await noticeAssignments(tx, ctx, [
      ...(referentId ? [caseFileNotice(id, referentId, 'referent')] : []),
      ...assignedIds.filter((a) => a !== referentId).map((a) => caseFileNotice(id, a, 'assigned')),
    ]);
    await repo.insertIntervention(
      tx,
      {
        entityId,
        caseFileId: id,
        event: 'opened',
        occurredOn: today,
        authorId: auth.professionalId,
      },
      [auth.professionalId],
      [],
    );
    await writeAudit(tx, actorOf(ctx), {
      action: 'case_file.create',
      recordType: 'case_file',
      recordId: id,
      subjects: [person.id],
      details: { number: formatCaseFileNumber(year, seq), scope: input.scope },
    });
    // A file its creator could not open again would be lost to them: refused, number and all.
    const visible = await repo.findCaseFile(tx, entityId, id, viewerOf(auth));
    if (!visible) throw fieldError(ctx, 400, 'case_files.creator_out_of_reach', 'referentId');
    return (await loadCaseFile(tx, ctx, id)).caseFile;
  });
}

/** The case files the viewer sees, by filters, newest number first. */
export async function list(
  deps: Deps,
  ctx: RequestContext,
  query: CaseFileListQuery,
): Promise<CaseFilePage> {
  const { auth } = ctx;
  let number: { year: number | null; seq: number } | undefined;
  if (query.number !== undefined && query.number !== '') {
    const parsed = parseCaseFileNumber(query.number);
    if (!parsed) throw fieldError(ctx, 400, 'case_files.invalid_number', 'number');
    number = parsed;
  }
  const after = decodeNumberCursor(query.cursor);
  const { rows, total } = await deps.database.tenant(auth.entity.id, (tx) =>
    repo.listCaseFiles(
      tx,
      auth.entity.id,
      viewerOf(auth),
      { ...query, number },
      after,
      query.limit + 1,
    ),
  );
  const items = rows.slice(0, query.limit);
  const last = rows.length > query.limit ? items[items.length - 1] : undefined;
  return {
    items: items.map(presentSummary),
    nextCursor: last ? encodeCursor(formatCaseFileNumber(last.year, last.seq), last.id) : null,
    total,
  };
}

function decodeNumberCursor(cursor: string | undefined) {
  const decoded = decodeKeyCursor(cursor);
  if (!decoded) return null;
  const match = /^(\d{4})\/(\d{6,7})$/.exec(decoded.key);
  if (!match) throw new AppError('common.invalid_cursor', 400);
  return { year: Number(match[1]), seq: Number(match[2]) };
}

/** The case files of a person that the viewer sees (a person's page). */
export async function ofPerson(tx: Tx, auth: AuthContext, personId: string) {
  const { rows } = await repo.listCaseFiles(
    tx,
    auth.entity.id,
    viewerOf(auth),
    { personId },
    null,
    100,
  );
  return rows.map(presentSummary);
}

/**
 * Edits the header: municipality and assigned professionals by whoever may edit it; referent and
 * team only by a coordinator of its team. Optimistic: a stale version is a 409.
 */
export async function update(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: UpdateCaseFile,
): Promise<CaseFile> {
  const { auth } = ctx;
  const entityId = auth.entity.id;
  return command(deps, ctx, id, 'can_edit', async (tx, stored) => {
    if (input.version !== undefined && input.version !== stored.version) {
      throw new AppError('case_files.stale', 409);
    }
    const changes: Partial<repo.NewCaseFile> = {};
    const changed: string[] = [];
    if (input.municipalityId !== undefined && input.municipalityId !== stored.municipality_id) {
      if (!(await repo.municipalityName(tx, entityId, input.municipalityId))) {
        throw fieldError(ctx, 404, 'case_files.municipality_not_found', 'municipalityId');
      }
      changes.municipalityId = input.municipalityId;
      changed.push('municipality');
    }
    const referentChanged =
      input.referentId !== undefined && input.referentId !== stored.referent_id;
    const teamChanged = input.teamId !== undefined && input.teamId !== stored.team_id;
    assertReassignment(auth, REASSIGNMENT_REFUSALS, {
      creating: false,
      ...(referentChanged ? { referentId: input.referentId } : {}),
      teamChanged,
      mayReassign: stored.can_reassign,
    });
    if (referentChanged || teamChanged) {
      const refs = await persons.checkRefs(tx, entityId, {
        municipalityId: stored.municipality_id,
        sectorId: null,
        teamId: teamChanged ? input.teamId! : null,
        referentId: referentChanged ? input.referentId! : null,
      });
      if (!refs.team) throw fieldError(ctx, 404, 'case_files.team_not_found', 'teamId');
      if (!refs.referent) throw fieldError(ctx, 404, 'case_files.referent_not_found', 'referentId');
      if (referentChanged) {
        changes.referentId = input.referentId!;
        changed.push('referent');
      }
      if (teamChanged) {
        changes.teamId = input.teamId!;
        changed.push('team');
      }
    }
    const notices: AssignmentNotice[] =
      referentChanged && input.referentId ? [caseFileNotice(id, input.referentId, 'referent')] : [];
    if (input.assignedIds !== undefined) {
      await assertProfessionals(tx, ctx, input.assignedIds, 'assignedIds');
      // A colleague covering an absence works on the file but does not decide who holds it
      // (else they could keep it after the cover ends).
      if (auth.covers.length > 0 && !(await mayEditWithoutCover(tx, auth, id))) {
        throw fieldError(ctx, 403, 'case_files.cover_no_reassign', 'assignedIds');
      }
      const referent = changes.referentId ?? stored.referent_id;
      const before = new Set(await repo.assignedIds(tx, entityId, id));
      // The former referent now among the assigned was on the file already: not told again.
      if (stored.referent_id) before.add(stored.referent_id);
      const after = input.assignedIds.filter((a) => a !== referent);
      await repo.setAssigned(tx, entityId, id, after);
      notices.push(
        ...after.filter((a) => !before.has(a)).map((a) => caseFileNotice(id, a, 'assigned')),
      );
      changed.push('assigned');
    }
    // A coordinator handing the file to a team they do not coordinate loses sight of it: they
    // are answered with what they handed over, as it stood, and no abilities left.
    const before = teamChanged ? (await loadCaseFile(tx, ctx, id)).caseFile : null;
    await repo.updateCaseFile(tx, entityId, id, changes);
    // After the change: each is told only of what they may now open.
    await noticeAssignments(tx, ctx, notices);
    await writeAudit(tx, actorOf(ctx), {
      action: 'case_file.update',
      recordType: 'case_file',
      recordId: id,
      subjects: await repo.memberIds(tx, entityId, id),
      details: { changed },
    });
    if (before && !(await repo.findCaseFile(tx, entityId, id, viewerOf(auth)))) {
      return handedOver(before, await persons.teamName(tx, entityId, input.teamId!));
    }
  });
}

/** Whether the viewer may edit the file on their own account, leaving their covers aside. */
async function mayEditWithoutCover(tx: Tx, auth: AuthContext, id: string): Promise<boolean> {
  const row = await repo.findCaseFile(tx, auth.entity.id, id, { ...viewerOf(auth), covers: [] });
  return row?.can_edit === true;
}

const caseFileNotice = (
  recordId: string,
  professionalId: string,
  role: AssignmentNotice['role'],
): AssignmentNotice => ({ professionalId, recordType: 'case_file', recordId, role });

function handedOver(file: CaseFile, team: { id: string; name: string } | null): CaseFile {
  const none = Object.fromEntries(Object.keys(file.can).map((k) => [k, false]));
  return { ...file, team, version: file.version + 1, can: none as CaseFile['can'] };
}

/** Closes an open case file with a reason from the catalogue; records a "closed" intervention. */
export async function close(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: CloseCaseFile,
): Promise<CaseFile> {
  const entityId = ctx.auth.entity.id;
  return command(deps, ctx, id, 'can_edit', async (tx, stored, today) => {
    if (stored.state === 'closed') throw new AppError('case_files.already_closed', 409);
    if (!(await repo.catalogueEntry(tx, entityId, 'closing_reason', input.reasonId))) {
      throw fieldError(ctx, 400, 'case_files.unknown_closing_reason', 'reasonId');
    }
    await repo.updateCaseFile(tx, entityId, id, {
      state: 'closed',
      closedOn: today < stored.opened_on ? stored.opened_on : today,
      closingReasonId: input.reasonId,
    });
    await recordEvent(tx, ctx, id, 'closed', today, input.note ?? '');
  });
}

/** Reopens a closed case file, saying why; records a "reopened" intervention. */
export async function reopen(
  deps: Deps,
  ctx: RequestContext,
  id: string,
  input: ReopenCaseFile,
): Promise<CaseFile> {
  const entityId = ctx.auth.entity.id;
  return command(deps, ctx, id, 'can_edit', async (tx, stored, today) => {
    if (stored.state === 'open') throw new AppError('case_files.already_open', 409);
    await repo.updateCaseFile(tx, entityId, id, {
      state: 'open',
      closedOn: null,
      closingReasonId: null,
    });
    await recordEvent(tx, ctx, id, 'reopened', today, input.reason);
  });
}

/** The intervention the system records when a case file is closed or reopened, and its audit. */
async function recordEvent(
  tx: Tx,
  ctx: RequestContext,
  caseFileId: string,
  event: 'closed' | 'reopened',
  today: string,
  notes: string,
) {
  const entityId = ctx.auth.entity.id;
  await repo.insertIntervention(
    tx,
    { entityId, caseFileId, event, occurredOn: today, notes, authorId: ctx.auth.professionalId },
    [ctx.auth.professionalId],
    [],
  );
  await writeAudit(tx, actorOf(ctx), {
    action: event === 'closed' ? 'case_file.close' : 'case_file.reopen',
    recordType: 'case_file',
    recordId: caseFileId,
    subjects: await repo.memberIds(tx, entityId, caseFileId),
  });
}

/** A catalogue of the entity, labels in the user's language (and in every language). */
export async function catalogue(deps: Deps, ctx: RequestContext, name: Catalogue) {
  const rows = await deps.database.tenant(ctx.auth.entity.id, (tx) =>
    repo.catalogue(tx, ctx.auth.entity.id, name),
  );
  return { items: rows.map((row) => presentCatalogueItem(name, row, ctx.language)) };
}
