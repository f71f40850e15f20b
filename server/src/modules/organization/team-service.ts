import type { Team, TeamInput, TeamMember, TeamMembersPut, TeamPatch } from '@caliu/common';
import { writeAudit } from '../../platform/audit';
import {
  actorOf,
  type AppDeps,
  type AuthContext,
  type RequestContext,
} from '../../platform/context';
import { fieldError, notFound } from '../../platform/errors';
import { decodeKeyCursor, toKeyPage } from '../../platform/pagination';
import { existingMunicipalities, existingSectors } from './repository';
import type { Tx } from '../../db/connect';
import { change, requireAll } from './service';
import * as repo from './team-repository';

function viewerOf(auth: AuthContext): repo.TeamViewer {
  return {
    professionalId: auth.professionalId,
    configureScope: auth.grants['teams.configure_members'] ?? null,
  };
}

type Row = NonNullable<Awaited<ReturnType<typeof repo.findTeam>>>;

function present(auth: AuthContext, row: Row): Team {
  return {
    id: row.id,
    name: row.name,
    active: row.active,
    sectorIds: row.sectorIds,
    municipalityIds: row.municipalityIds,
    memberCount: row.memberCount,
    can: {
      edit: Boolean(auth.grants['organization.manage']),
      configureMembers: row.canConfigureMembers,
    },
  };
}

export async function listTeams(
  deps: AppDeps,
  ctx: RequestContext,
  query: { limit: number; cursor?: string | undefined; configurable?: 'true' | undefined },
) {
  const viewer = viewerOf(ctx.auth);
  const rows = await deps.database.tenant(ctx.auth.entity.id, (tx) =>
    repo.listTeams(
      tx,
      viewer,
      { configurableOnly: query.configurable === 'true' },
      query.limit,
      decodeKeyCursor(query.cursor),
    ),
  );
  return toKeyPage(rows, query.limit, (row) => present(ctx.auth, row));
}

export async function getTeam(deps: AppDeps, ctx: RequestContext, id: string): Promise<Team> {
  const row = await deps.database.tenant(ctx.auth.entity.id, (tx) =>
    repo.findTeam(tx, viewerOf(ctx.auth), id),
  );
  if (!row) throw notFound('team');
  return present(ctx.auth, row);
}

export async function createTeam(
  deps: AppDeps,
  ctx: RequestContext,
  input: TeamInput,
): Promise<Team> {
  const entityId = ctx.auth.entity.id;
  return change(deps, ctx, input.name, async (tx) => {
    await requireAll(
      existingSectors(tx, input.sectorIds),
      input.sectorIds,
      'organization.unknown_sectors',
    );
    await requireAll(
      existingMunicipalities(tx, input.municipalityIds),
      input.municipalityIds,
      'organization.unknown_municipalities',
    );
    const id = await repo.insertTeam(tx, entityId, input.name);
    await repo.replaceTerritory(tx, entityId, id, input);
    await writeAudit(tx, actorOf(ctx), {
      action: 'team.create',
      recordType: 'team',
      recordId: id,
      details: { ...input },
    });
    return present(ctx.auth, (await repo.findTeam(tx, viewerOf(ctx.auth), id))!);
  });
}

export async function updateTeam(
  deps: AppDeps,
  ctx: RequestContext,
  id: string,
  patch: TeamPatch,
): Promise<Team> {
  const entityId = ctx.auth.entity.id;
  const viewer = viewerOf(ctx.auth);
  return change(deps, ctx, patch.name, async (tx) => {
    if (!(await repo.lockTeam(tx, id))) throw notFound('team');
    const before = (await repo.findTeam(tx, viewer, id))!;
    if (patch.sectorIds) {
      await requireAll(
        existingSectors(tx, patch.sectorIds),
        patch.sectorIds,
        'organization.unknown_sectors',
      );
    }
    if (patch.municipalityIds) {
      await requireAll(
        existingMunicipalities(tx, patch.municipalityIds),
        patch.municipalityIds,
        'organization.unknown_municipalities',
      );
    }
    const { sectorIds, municipalityIds, ...fields } = patch;
    if (Object.keys(fields).length) await repo.updateTeam(tx, id, fields);
    await repo.replaceTerritory(tx, entityId, id, { sectorIds, municipalityIds });
    await writeAudit(tx, actorOf(ctx), {
      action: 'team.update',
      recordType: 'team',
      recordId: id,
      details: {
        before: {
          name: before.name,
          active: before.active,
          sectorIds: before.sectorIds,
          municipalityIds: before.municipalityIds,
        },
        after: patch,
      },
    });
    return present(ctx.auth, (await repo.findTeam(tx, viewer, id))!);
  });
}

/** A team's members: for those who may configure them (administrator, the team's coordinators). */
export async function listMembers(
  deps: AppDeps,
  ctx: RequestContext,
  teamId: string,
): Promise<TeamMember[]> {
  return deps.database.tenant(ctx.auth.entity.id, async (tx) => {
    const row = await repo.findTeam(tx, viewerOf(ctx.auth), teamId);
    if (!row?.canConfigureMembers) throw notFound('team');
    return repo.listMembers(tx, teamId);
  });
}

/**
 * Sets a team's members and who coordinates it, in one change. The administrator may do it for
 * every team; a coordinator for the teams they coordinate, adding (or making coordinator) only
 * whom `repo.joinable` allows — professional roles, in their territory. Only an administrator
 * creates professionals or teams, or (de)activates professionals. Audited before and after.
 */
export async function replaceMembers(
  deps: AppDeps,
  ctx: RequestContext,
  teamId: string,
  input: TeamMembersPut,
): Promise<TeamMember[]> {
  const entityId = ctx.auth.entity.id;
  const viewer = viewerOf(ctx.auth);
  return deps.database.tenant(entityId, async (tx) => {
    if (!(await repo.lockConfigurableTeam(tx, viewer, teamId))) throw notFound('team');
    const ids = input.members.map((m) => m.professionalId);
    await requireAll(
      repo.existingProfessionals(tx, ids),
      ids,
      'organization.unknown_professionals',
    );
    const current = await repo.listMembers(tx, teamId);
    const was = new Map(current.map((m) => [m.professionalId, m.isCoordinator]));
    const added = ids.filter((id) => !was.has(id));
    const promoted = input.members
      .filter((m) => was.has(m.professionalId) && was.get(m.professionalId) !== m.isCoordinator)
      .map((m) => m.professionalId);
    await assertJoinable(tx, ctx, viewer, added, promoted);
    const before = await repo.replaceMembers(tx, entityId, teamId, input.members);
    const now = new Map(input.members.map((m) => [m.professionalId, m.isCoordinator]));
    const byId = (a: { professionalId: string }, b: { professionalId: string }) =>
      a.professionalId.localeCompare(b.professionalId);
    await writeAudit(tx, actorOf(ctx), {
      action: 'team.members_update',
      recordType: 'team',
      recordId: teamId,
      details: {
        before: before
          .map(({ professionalId, isCoordinator }) => ({ professionalId, isCoordinator }))
          .sort(byId),
        after: input.members
          .map(({ professionalId, isCoordinator }) => ({ professionalId, isCoordinator }))
          .sort(byId),
        added,
        removed: [...was.keys()].filter((id) => !now.has(id)),
        coordinators: input.members.filter((m) => m.isCoordinator).map((m) => m.professionalId),
      },
    });
    return repo.listMembers(tx, teamId);
  });
}

/** Refuses, naming them, whom the user may not add (or whose coordinator flag they may not set). */
async function assertJoinable(
  tx: Tx,
  ctx: RequestContext,
  viewer: repo.TeamViewer,
  added: string[],
  promoted: string[],
) {
  const rows = await repo.joinability(tx, viewer, [...added, ...promoted]);
  const wrongRole = rows.find((r) => !r.role_ok);
  if (wrongRole) {
    throw fieldError(ctx, 403, 'organization.member_role_not_allowed', 'members', {
      name: wrongRole.name,
    });
  }
  const outside = rows.find((r) => added.includes(r.id) && !r.territory_ok);
  if (outside) {
    throw fieldError(ctx, 403, 'organization.member_outside_territory', 'members', {
      name: outside.name,
    });
  }
}
