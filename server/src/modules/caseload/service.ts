import {
  type Caseload,
  COVER_MAX_DAYS,
  type Cover,
  type CoverState,
  type CreateCover,
  type MyCovers,
  TECHNICIAN_ROLES,
} from '@caliu/common';
import type { Database, Tx } from '../../db/connect';
import { writeAudit } from '../../platform/audit';
import { actorOf, type Clock, type RequestContext } from '../../platform/context';
import { AppError, fieldError, notFound } from '../../platform/errors';
import { todayIn } from '../persons/rules';
import * as repo from './repository';

export type Deps = { database: Database; clock: Clock };

/** Roles that work on case files, and so may cover a colleague's. */
const CASE_ROLES: readonly string[] = [...TECHNICIAN_ROLES, 'coordinator'];

const DAY_MS = 86_400_000;
const daysBetween = (from: string, to: string) =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

function stateOf(row: repo.CoverRow, today: string): CoverState {
  if (row.revoked_at) return 'revoked';
  if (today < row.starts_on) return 'upcoming';
  return today > row.ends_on ? 'ended' : 'live';
}

function present(row: repo.CoverRow, today: string): Cover {
  return {
    id: row.id,
    team: { id: row.team_id, name: row.team_name },
    absent: { id: row.absent_id, name: row.absent_name },
    cover: { id: row.cover_id, name: row.cover_name },
    reason: row.reason,
    startsOn: row.starts_on,
    endsOn: row.ends_on,
    state: stateOf(row, today),
    grantedBy:
      row.granted_by && row.granted_by_name
        ? { id: row.granted_by, name: row.granted_by_name }
        : null,
    createdAt: new Date(row.created_at).toISOString(),
    // SIAD case files stay with SIAD technicians: a cover by anyone else leaves them out.
    siadKept: row.cover_roles.includes('tech_siad') ? 0 : row.siad_files,
  };
}

/** The team (one the caller coordinates) or "not found". */
async function coordinated(tx: Tx, ctx: RequestContext, teamId: string): Promise<string> {
  const name = await repo.coordinatedTeam(tx, teamId, ctx.auth.professionalId);
  if (name === null) throw notFound('team');
  return name;
}

const today = (deps: Deps, ctx: RequestContext) =>
  todayIn(ctx.auth.entity.timeZone, deps.clock.now());

/**
 * A team's caseload for its coordinator: each member's open and closed case files and person
 * records in the team, and the team's covers of the last month, running and to come.
 */
export async function caseload(deps: Deps, ctx: RequestContext, teamId: string): Promise<Caseload> {
  const day = today(deps, ctx);
  const monthAgo = new Date(Date.parse(`${day}T00:00:00Z`) - 31 * DAY_MS)
    .toISOString()
    .slice(0, 10);
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const name = await coordinated(tx, ctx, teamId);
    const [rows, covers] = [
      await repo.caseload(tx, teamId),
      await repo.teamCovers(tx, teamId, monthAgo),
    ];
    return {
      team: { id: teamId, name },
      rows: rows.map((r) => ({
        professional: { id: r.id, name: r.name },
        roles: r.roles,
        active: r.active,
        openCaseFiles: r.open_case_files,
        closedCaseFiles: r.closed_case_files,
        persons: r.persons,
      })),
      covers: covers.map((c) => present(c, day)),
    };
  });
}

/**
 * A coordinator lets a colleague of one of their teams cover an absent professional's case files
 * of that team, from one day to another: both members of the team, the colleague active and
 * holding a role that works on case files; the period not over yet and at most a year. Audited.
 */
export async function createCover(
  deps: Deps,
  ctx: RequestContext,
  teamId: string,
  input: CreateCover,
): Promise<Cover> {
  const day = today(deps, ctx);
  if (input.absentId === input.coverId) {
    throw fieldError(ctx, 400, 'caseload.cover_self', 'coverId');
  }
  if (input.endsOn < input.startsOn) {
    throw fieldError(ctx, 400, 'caseload.ends_before_start', 'endsOn');
  }
  if (input.endsOn < day) throw fieldError(ctx, 400, 'caseload.period_over', 'endsOn');
  if (daysBetween(input.startsOn, input.endsOn) >= COVER_MAX_DAYS) {
    throw fieldError(ctx, 400, 'caseload.period_too_long', 'endsOn', { days: COVER_MAX_DAYS });
  }
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    await coordinated(tx, ctx, teamId);
    const absent = await repo.member(tx, teamId, input.absentId);
    if (!absent) throw fieldError(ctx, 400, 'caseload.not_team_member', 'absentId');
    const cover = await repo.member(tx, teamId, input.coverId);
    if (!cover) throw fieldError(ctx, 400, 'caseload.not_team_member', 'coverId');
    if (!cover.active) throw fieldError(ctx, 400, 'caseload.cover_inactive', 'coverId');
    if (!cover.roles.some((r) => CASE_ROLES.includes(r))) {
      throw fieldError(ctx, 400, 'caseload.cover_role', 'coverId');
    }
    if (await repo.overlappingCover(tx, teamId, input)) {
      throw fieldError(ctx, 409, 'caseload.cover_overlaps', 'startsOn');
    }
    const id = await repo.insertCover(tx, {
      entityId: ctx.auth.entity.id,
      teamId,
      absentId: input.absentId,
      coverId: input.coverId,
      reason: input.reason,
      startsOn: input.startsOn,
      endsOn: input.endsOn,
      grantedBy: ctx.auth.professionalId,
    });
    await writeAudit(tx, actorOf(ctx), {
      action: 'caseload_cover.create',
      recordType: 'caseload_cover',
      recordId: id,
      details: {
        teamId,
        absentId: input.absentId,
        coverId: input.coverId,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
      },
    });
    return present((await repo.coverById(tx, id))!, day);
  });
}

/** A coordinator of the team ends a cover before its last day (it is over at once). */
export async function endCover(
  deps: Deps,
  ctx: RequestContext,
  teamId: string,
  coverId: string,
): Promise<Cover> {
  const day = today(deps, ctx);
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    await coordinated(tx, ctx, teamId);
    const stored = await repo.lockCover(tx, teamId, coverId);
    if (!stored) throw notFound('cover');
    if (stored.revoked_at || stored.ends_on < day) {
      throw new AppError('caseload.cover_over', 409);
    }
    await repo.revokeCover(tx, coverId, ctx.auth.professionalId, deps.clock.now());
    await writeAudit(tx, actorOf(ctx), {
      action: 'caseload_cover.end',
      recordType: 'caseload_cover',
      recordId: coverId,
      details: { teamId },
    });
    return present((await repo.coverById(tx, coverId))!, day);
  });
}

/** The signed-in professional's covers, running or to come: for their home page. */
export async function myCovers(deps: Deps, ctx: RequestContext): Promise<MyCovers> {
  const day = today(deps, ctx);
  const me = ctx.auth.professionalId;
  const rows = await deps.database.tenant(ctx.auth.entity.id, (tx) => repo.coversOf(tx, me, day));
  // The SIAD files a cover leaves closed are the coordinator's to know, not the colleagues'.
  const covers = rows.map((r) => ({ ...present(r, day), siadKept: 0 }));
  return {
    covering: covers.filter((c) => c.cover.id === me),
    coveredBy: covers.filter((c) => c.absent.id === me),
  };
}

/** How many unseen notices the home page shows at most. */
const NOTICES_SHOWN = 20;

/**
 * The records assigned or transferred to the user that they have not acknowledged yet. Naming
 * persons, the read is audited with them as subjects.
 */
export async function myNotices(deps: Deps, ctx: RequestContext) {
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const rows = await repo.unseenNotices(tx, ctx.auth.professionalId, NOTICES_SHOWN);
    const persons = rows.filter((r) => r.record_type === 'person').map((r) => r.record_id);
    if (rows.length > 0) {
      await writeAudit(tx, actorOf(ctx), {
        action: 'caseload.notices_read',
        details: { shown: rows.length },
        subjects: persons,
      });
    }
    return {
      items: rows.map((r) => ({
        id: r.id,
        recordType: r.record_type,
        record: { id: r.record_id, label: r.label },
        role: r.role,
        assignedBy:
          r.assigned_by && r.assigned_by_name
            ? { id: r.assigned_by, name: r.assigned_by_name }
            : null,
        createdAt: new Date(r.created_at).toISOString(),
      })),
    };
  });
}

/** The user acknowledges a notice: it leaves their home page. */
export async function noticeSeen(deps: Deps, ctx: RequestContext, id: string): Promise<void> {
  await deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    if (!(await repo.markNoticeSeen(tx, ctx.auth.professionalId, id, deps.clock.now()))) {
      throw notFound('notice');
    }
  });
}
