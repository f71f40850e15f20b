import {
  coordinatedTeams,
  type ScopeRules,
  scopePredicate,
  type Viewer,
} from '../../platform/access/scope';
import { and, asc, eq, gt, inArray, or, type SQL, sql } from 'drizzle-orm';
import { PROFESSIONAL_ROLES, type Scope } from '@caliu/common';
import { rowsOf, type Tx } from '../../db/connect';
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
  return scopePredicate(configureViewer(viewer), 'teams.configure_members', {
    own: () => sql`FALSE`,
    team: (v) => sql`${teamId} IN ${coordinatedTeams(v)}`,
  });
}

function configureViewer(viewer: TeamViewer): Viewer {
  const grants = viewer.configureScope ? { 'teams.configure_members': viewer.configureScope } : {};
  return { professionalId: viewer.professionalId, grants };
}

/** The municipalities the teams `teamIds` (a subquery) serve, directly or through their sectors. */
const servedBy = (teamIds: SQL) => sql`(
  SELECT tmu.municipality_id FROM team_municipalities tmu WHERE tmu.team_id IN ${teamIds}
  UNION
  SELECT sm.municipality_id FROM team_sectors ts
    JOIN sector_municipalities sm ON sm.entity_id = ts.entity_id AND sm.sector_id = ts.sector_id
  WHERE ts.team_id IN ${teamIds})`;

const professionalRoles = sql`ARRAY[${sql.join(
  PROFESSIONAL_ROLES.map((r) => sql`${r}`),
  sql`, `,
)}]::text[]`;

/**
 * Whom a user may add to the teams they configure (DESIGN.md: coordinators configure team members
 * in their municipality and create no users). Read from the scope of `teams.configure_members`:
 * entity scope (the administrator) anyone of the entity; team scope (a coordinator) only holders
 * of professional roles — never an administrator, a community-help role or the support agent —
 * ("role") who work where the coordinator's teams serve: their sector, or a team of theirs,
 * covers one of those municipalities, or they have neither yet ("territory").
 */
export const JOINABLE: Record<'role' | 'territory', (p: SQL) => ScopeRules> = {
  role: (p) => ({
    own: () => sql`FALSE`,
    team: () =>
      sql`(SELECT x.roles <@ ${professionalRoles} FROM professionals x WHERE x.id = ${p})`,
  }),
  territory: (p) => ({
    own: () => sql`FALSE`,
    // No sector and no team yet (no one's): placed by whoever configures a team first.
    team: (
      v,
    ) => sql`(SELECT coalesce(bool_or(theirs.municipality_id IN ${servedBy(coordinatedTeams(v))}), TRUE)
      FROM (
        SELECT sm.municipality_id FROM professionals x
          JOIN sector_municipalities sm ON sm.entity_id = x.entity_id AND sm.sector_id = x.sector_id
        WHERE x.id = ${p}
        UNION ALL
        SELECT served.municipality_id FROM ${servedBy(sql`(SELECT m.team_id FROM team_memberships m
          WHERE m.professional_id = ${p})`)} served
      ) theirs)`,
  }),
};

/** TRUE where the viewer may add the professional `p` (a column or value) to a team. */
export function joinable(viewer: TeamViewer, p: SQL): SQL {
  const v = configureViewer(viewer);
  return sql`(${scopePredicate(v, 'teams.configure_members', JOINABLE.role(p))}
    AND ${scopePredicate(v, 'teams.configure_members', JOINABLE.territory(p))})`;
}

/** For each professional, by name: may the viewer add them (their roles; where they work)? */
export async function joinability(tx: Tx, viewer: TeamViewer, ids: string[]) {
  if (!ids.length) return [];
  const v = configureViewer(viewer);
  const p = sql`p.id`;
  return rowsOf<{ id: string; name: string; role_ok: boolean; territory_ok: boolean }>(
    tx,
    sql`SELECT p.id, p.given_name || ' ' || p.surnames AS name,
        coalesce(${scopePredicate(v, 'teams.configure_members', JOINABLE.role(p))}, FALSE) AS role_ok,
        coalesce(${scopePredicate(v, 'teams.configure_members', JOINABLE.territory(p))}, FALSE)
          AS territory_ok
      FROM professionals p
      WHERE p.id IN (${sql.join(
        ids.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
      ORDER BY p.surnames, p.given_name, p.id`,
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
