import { and, asc, eq, sql } from 'drizzle-orm';
import type { DocumentType, Role } from '@caliu/common';
import type { Tx } from '../../db/connect';
import { professionals, teamMemberships } from '../../db/schema';
import { joinable, type TeamViewer } from '../organization/team-repository';

/** Who reads: their id and the scope of their `teams.configure_members` grant. */
export type Viewer = TeamViewer;

const sortKey = sql<string>`(${professionals.surnames} || ', ' || ${professionals.givenName})`;

const columns = (viewer: Viewer) => ({
  id: professionals.id,
  username: professionals.username,
  givenName: professionals.givenName,
  surnames: professionals.surnames,
  email: professionals.email,
  documentType: professionals.documentType,
  documentNumber: professionals.documentNumber,
  roles: professionals.roles,
  costCategory: professionals.costCategory,
  sectorId: professionals.sectorId,
  language: professionals.language,
  active: professionals.active,
  activatedAt: professionals.activatedAt,
  createdAt: professionals.createdAt,
  deactivatedAt: professionals.deactivatedAt,
  sortKey,
  secondFactorEnrolled: sql<boolean>`EXISTS (SELECT 1 FROM second_factors sf
    WHERE sf.professional_id = ${professionals.id} AND sf.confirmed_at IS NOT NULL)`,
  teams: sql<{ teamId: string; isCoordinator: boolean }[]>`coalesce((
    SELECT json_agg(json_build_object('teamId', m.team_id, 'isCoordinator', m.is_coordinator)
                    ORDER BY m.team_id)
    FROM team_memberships m WHERE m.professional_id = ${professionals.id}), '[]'::json)`,
  joinable: sql<boolean>`coalesce(${joinable(viewer, sql`${professionals.id}`)}, FALSE)`,
});

export type ProfessionalRow = NonNullable<Awaited<ReturnType<typeof findProfessional>>>;

export async function listProfessionals(
  tx: Tx,
  viewer: Viewer,
  filters: { q?: string | undefined; teamId?: string | undefined; active?: boolean | undefined },
  limit: number,
  after: { key: string; id: string } | null,
) {
  const words = (filters.q ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
  return tx
    .select(columns(viewer))
    .from(professionals)
    .where(
      and(
        after
          ? sql`(${sortKey}, ${professionals.id}) > (${after.key}, ${after.id}::uuid)`
          : undefined,
        filters.active === undefined ? undefined : eq(professionals.active, filters.active),
        filters.teamId
          ? sql`EXISTS (SELECT 1 FROM team_memberships m
                WHERE m.professional_id = ${professionals.id} AND m.team_id = ${filters.teamId})`
          : undefined,
        ...words.map(
          (word) => sql`caliu_fold(${professionals.givenName} || ' ' || ${professionals.surnames}
            || ' ' || ${professionals.username}) LIKE '%' || caliu_fold(${word}) || '%'`,
        ),
      ),
    )
    .orderBy(asc(sortKey), asc(professionals.id))
    .limit(limit + 1);
}

export async function findProfessional(tx: Tx, viewer: Viewer, id: string) {
  const [row] = await tx
    .select(columns(viewer))
    .from(professionals)
    .where(eq(professionals.id, id));
  return row ?? null;
}

/** Locks a professional for a change (the administrator's: anyone of the entity). */
export async function lockProfessional(tx: Tx, id: string) {
  const [row] = await tx
    .select({
      id: professionals.id,
      username: professionals.username,
      givenName: professionals.givenName,
      surnames: professionals.surnames,
      email: professionals.email,
      language: professionals.language,
      roles: professionals.roles,
      costCategory: professionals.costCategory,
      active: professionals.active,
      activatedAt: professionals.activatedAt,
    })
    .from(professionals)
    .where(eq(professionals.id, id))
    .limit(1)
    .for('update', { of: professionals });
  return row ?? null;
}

export type NewProfessionalRow = {
  username: string;
  givenName: string;
  surnames: string;
  documentType: 'dni' | 'nie' | 'passport';
  documentNumber: string;
  email: string;
  roles: Role[];
  costCategory: 'A' | 'B' | 'C' | null;
  sectorId: string | null;
  language: 'ca' | 'es' | 'it' | 'en' | null;
};

export async function insertProfessional(tx: Tx, entityId: string, values: NewProfessionalRow) {
  const [row] = await tx
    .insert(professionals)
    .values({ entityId, ...values, passwordHash: null, activatedAt: null })
    .returning({ id: professionals.id });
  return row!.id;
}

export async function updateProfessional(tx: Tx, id: string, patch: Partial<NewProfessionalRow>) {
  await tx
    .update(professionals)
    .set({ ...patch, updatedAt: sql`now()` })
    .where(eq(professionals.id, id));
}

export async function usernameTaken(tx: Tx, username: string) {
  const [row] = await tx
    .select({ id: professionals.id })
    .from(professionals)
    .where(eq(professionals.username, username))
    .limit(1);
  return Boolean(row);
}

/** Whether a professional of the entity has this email (the unique index is on its lower case). */
export async function emailTaken(tx: Tx, email: string) {
  const [row] = await tx
    .select({ id: professionals.id })
    .from(professionals)
    .where(sql`lower(${professionals.email}) = ${email.toLowerCase()}`)
    .limit(1);
  return Boolean(row);
}

/** Whether a professional of the entity has this identity document (stored normalized). */
export async function documentTaken(tx: Tx, type: DocumentType, normalized: string) {
  const [row] = await tx
    .select({ id: professionals.id })
    .from(professionals)
    .where(and(eq(professionals.documentType, type), eq(professionals.documentNumber, normalized)))
    .limit(1);
  return Boolean(row);
}

export async function replaceMemberships(
  tx: Tx,
  entityId: string,
  professionalId: string,
  teams: { teamId: string; isCoordinator: boolean }[],
) {
  await tx.delete(teamMemberships).where(eq(teamMemberships.professionalId, professionalId));
  if (teams.length) {
    await tx.insert(teamMemberships).values(teams.map((t) => ({ entityId, professionalId, ...t })));
  }
}

export async function setActive(tx: Tx, id: string, active: boolean, now: Date) {
  await tx
    .update(professionals)
    .set({ active, deactivatedAt: active ? null : now, updatedAt: sql`now()` })
    .where(eq(professionals.id, id));
}

const isAdministrator = sql`${professionals.active} AND 'administrator' = ANY(${professionals.roles})`;

/**
 * Locks the entity's active administrators, always in the same order, and answers their ids.
 * Taken before any change that could leave the entity without one, so that two administrators
 * removing each other at once are serialized (the second sees the first's change).
 */
export async function lockActiveAdministrators(tx: Tx): Promise<string[]> {
  const rows = await tx
    .select({ id: professionals.id })
    .from(professionals)
    .where(isAdministrator)
    .orderBy(asc(professionals.id))
    .for('update');
  return rows.map((r) => r.id);
}

/**
 * Whether the professional is an active administrator of the entity; `lock`: their record is
 * held (FOR SHARE) until the transaction ends, so a removal of the role waits for it.
 */
export async function isActiveAdministrator(tx: Tx, id: string, lock: boolean) {
  const query = tx
    .select({ id: professionals.id })
    .from(professionals)
    .where(and(eq(professionals.id, id), isAdministrator));
  const rows = lock ? await query.for('share') : await query;
  return rows.length > 0;
}

/** The active administrators but one, to tell them of a change. */
export async function otherAdministrators(tx: Tx, exceptId: string) {
  return tx
    .select({
      id: professionals.id,
      email: professionals.email,
      givenName: professionals.givenName,
      language: professionals.language,
    })
    .from(professionals)
    .where(and(isAdministrator, sql`${professionals.id} <> ${exceptId}`))
    .orderBy(asc(professionals.id));
}
