import { coordinatedTeams, scopePredicate } from '../../platform/access/scope';
import { and, asc, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Scope } from '@caliu/common';
import type { Tx } from '../../db/connect';
import {
  professionals,
  teamMemberships,
  teamMunicipalities,
  teamSectors,
  teams,
} from '../../db/schema';

/** Who reads: their id and the scope of their `teams.configure_members` grant. */
export type TeamViewer = { professionalId: string; configureScope: Scope | null };

/** Teams whose members the viewer may configure: all (entity scope) or those they coordinate. */
export function configurable(viewer: TeamViewer, teamId: SQL | typeof teams.id = teams.id): SQL {
  const grants = viewer.configureScope ? { 'teams.configure_members': viewer.configureScope } : {};
  return scopePredicate(
    { professionalId: viewer.professionalId, grants },
    'teams.configure_members',
    { own: () => sql`FALSE`, team: (v) => sql`${teamId} IN ${coordinatedTeams(v)}` },
  );
}

const teamColumns = (viewer: TeamViewer) => ({
  id: teams.id,
  name: teams.name,
  active: teams.active,
  sortKey: teams.name,
  sectorIds: sql<string[]>`coalesce((SELECT array_agg(ts.sector_id ORDER BY ts.sector_id)
    FROM team_sectors ts WHERE ts.team_id = ${teams.id}), '{}')`,
  municipalityIds: sql<
    string[]
  >`coalesce((SELECT array_agg(tmu.municipality_id ORDER BY tmu.municipality_id)
    FROM team_municipalities tmu WHERE tmu.team_id = ${teams.id}), '{}')`,
  memberCount: sql<number>`(SELECT count(*)::int FROM team_memberships m WHERE m.team_id = ${teams.id})`,
  canConfigureMembers: sql<boolean>`(${configurable(viewer)})`,
});

export async function listTeams(
  tx: Tx,
  viewer: TeamViewer,
  filter: { configurableOnly: boolean },
  limit: number,
  after: { key: string; id: string } | null,
) {
  return tx
    .select(teamColumns(viewer))
    .from(teams)
    .where(
      and(
        after
          ? or(gt(teams.name, after.key), and(eq(teams.name, after.key), gt(teams.id, after.id)))
          : undefined,
        filter.configurableOnly ? configurable(viewer) : undefined,
      ),
    )
    .orderBy(asc(teams.name), asc(teams.id))
    .limit(limit + 1);
}

export async function findTeam(tx: Tx, viewer: TeamViewer, id: string) {
  const [row] = await tx.select(teamColumns(viewer)).from(teams).where(eq(teams.id, id)).limit(1);
  return row ?? null;
}

/** Locks a team the viewer may configure; null when there is none they may. */
export async function lockConfigurableTeam(tx: Tx, viewer: TeamViewer, id: string) {
  const [row] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.id, id), configurable(viewer)))
    .limit(1)
    .for('update');
  return row ? row.id : null;
}

export async function lockTeam(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: teams.id })
    .from(teams)
    .where(eq(teams.id, id))
    .limit(1)
    .for('update');
  return Boolean(row);
}

export async function insertTeam(tx: Tx, entityId: string, name: string) {
  const [row] = await tx.insert(teams).values({ entityId, name }).returning({ id: teams.id });
  return row!.id;
}

export async function updateTeam(tx: Tx, id: string, patch: { name?: string; active?: boolean }) {
  await tx.update(teams).set(patch).where(eq(teams.id, id));
}

export async function replaceTerritory(
  tx: Tx,
  entityId: string,
  teamId: string,
  territory: { sectorIds?: string[]; municipalityIds?: string[] },
) {
  if (territory.sectorIds) {
    await tx.delete(teamSectors).where(eq(teamSectors.teamId, teamId));
    if (territory.sectorIds.length) {
      await tx
        .insert(teamSectors)
        .values(territory.sectorIds.map((sectorId) => ({ entityId, teamId, sectorId })));
    }
  }
  if (territory.municipalityIds) {
    await tx.delete(teamMunicipalities).where(eq(teamMunicipalities.teamId, teamId));
    if (territory.municipalityIds.length) {
      await tx
        .insert(teamMunicipalities)
        .values(
          territory.municipalityIds.map((municipalityId) => ({ entityId, teamId, municipalityId })),
        );
    }
  }
}

export async function listMembers(tx: Tx, teamId: string) {
  return tx
    .select({
      professionalId: professionals.id,
      username: professionals.username,
      givenName: professionals.givenName,
      surnames: professionals.surnames,
      roles: professionals.roles,
      active: professionals.active,
      isCoordinator: teamMemberships.isCoordinator,
    })
    .from(teamMemberships)
    .innerJoin(professionals, eq(professionals.id, teamMemberships.professionalId))
    .where(eq(teamMemberships.teamId, teamId))
    .orderBy(asc(professionals.surnames), asc(professionals.givenName), asc(professionals.id));
}

/** Replaces a team's members; answers the members before the change. */
export async function replaceMembers(
  tx: Tx,
  entityId: string,
  teamId: string,
  members: { professionalId: string; isCoordinator: boolean }[],
) {
  const before = await tx
    .delete(teamMemberships)
    .where(eq(teamMemberships.teamId, teamId))
    .returning({
      professionalId: teamMemberships.professionalId,
      isCoordinator: teamMemberships.isCoordinator,
    });
  if (members.length) {
    await tx.insert(teamMemberships).values(members.map((m) => ({ entityId, teamId, ...m })));
  }
  return before;
}

export async function existingTeams(tx: Tx, ids: string[]) {
  if (!ids.length) return [];
  const rows = await tx.select({ id: teams.id }).from(teams).where(inArray(teams.id, ids));
  return rows.map((r) => r.id);
}

export async function existingProfessionals(tx: Tx, ids: string[]) {
  if (!ids.length) return [];
  const rows = await tx
    .select({ id: professionals.id })
    .from(professionals)
    .where(inArray(professionals.id, ids));
  return rows.map((r) => r.id);
}
