import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm';
import type { Tx } from '../../db/connect';
import {
  entities,
  municipalities,
  professionals,
  sectorMunicipalities,
  sectors,
  teamMunicipalities,
  teamSectors,
} from '../../db/schema';

/** After the keyset position (name, id), in alphabetical order. */
const afterName = (
  column: typeof municipalities.name | typeof sectors.name,
  idColumn: typeof municipalities.id | typeof sectors.id,
  after: { key: string; id: string } | null,
) =>
  after ? or(gt(column, after.key), and(eq(column, after.key), gt(idColumn, after.id))) : undefined;

// ─── Entity settings ─────────────────────────────────────────────────────────────────────────

export async function findEntity(tx: Tx, entityId: string) {
  const [row] = await tx.select().from(entities).where(eq(entities.id, entityId)).limit(1);
  return row ?? null;
}

export async function updateEntity(
  tx: Tx,
  entityId: string,
  patch: Partial<
    Pick<
      typeof entities.$inferInsert,
      | 'name'
      | 'emailDomains'
      | 'timeZone'
      | 'defaultLanguage'
      | 'requiresSecondFactor'
      | 'appointmentReminderHours'
    >
  >,
) {
  await tx.update(entities).set(patch).where(eq(entities.id, entityId));
}

// ─── Municipalities ──────────────────────────────────────────────────────────────────────────

export async function listMunicipalities(
  tx: Tx,
  limit: number,
  after: { key: string; id: string } | null,
) {
  return tx
    .select({
      id: municipalities.id,
      name: municipalities.name,
      ineCode: municipalities.ineCode,
      sortKey: municipalities.name,
    })
    .from(municipalities)
    .where(afterName(municipalities.name, municipalities.id, after))
    .orderBy(asc(municipalities.name), asc(municipalities.id))
    .limit(limit + 1);
}

export async function findMunicipality(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: municipalities.id, name: municipalities.name, ineCode: municipalities.ineCode })
    .from(municipalities)
    .where(eq(municipalities.id, id))
    .limit(1)
    .for('update');
  return row ?? null;
}

export async function insertMunicipality(
  tx: Tx,
  entityId: string,
  input: { name: string; ineCode: string | null },
) {
  const [row] = await tx
    .insert(municipalities)
    .values({ entityId, ...input })
    .returning({ id: municipalities.id });
  return row!.id;
}

export async function updateMunicipality(
  tx: Tx,
  id: string,
  input: { name?: string; ineCode?: string | null },
) {
  await tx.update(municipalities).set(input).where(eq(municipalities.id, id));
}

export async function deleteMunicipality(tx: Tx, id: string) {
  await tx.delete(municipalities).where(eq(municipalities.id, id));
}

/** How many sectors and teams list a municipality. */
export async function municipalityUse(tx: Tx, id: string) {
  const [inSectors] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(sectorMunicipalities)
    .where(eq(sectorMunicipalities.municipalityId, id));
  const [inTeams] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(teamMunicipalities)
    .where(eq(teamMunicipalities.municipalityId, id));
  return { sectors: inSectors?.n ?? 0, teams: inTeams?.n ?? 0 };
}

/** The ids among `ids` that name municipalities of the entity. */
export async function existingMunicipalities(tx: Tx, ids: string[]) {
  if (!ids.length) return [];
  const rows = await tx
    .select({ id: municipalities.id })
    .from(municipalities)
    .where(inArray(municipalities.id, ids));
  return rows.map((r) => r.id);
}

// ─── Sectors ─────────────────────────────────────────────────────────────────────────────────

const sectorMunicipalityIds = sql<string[]>`coalesce((
  SELECT array_agg(sm.municipality_id ORDER BY sm.municipality_id)
  FROM sector_municipalities sm WHERE sm.sector_id = ${sectors.id}), '{}')`;

export async function listSectors(
  tx: Tx,
  limit: number,
  after: { key: string; id: string } | null,
) {
  return tx
    .select({
      id: sectors.id,
      name: sectors.name,
      municipalityIds: sectorMunicipalityIds,
      sortKey: sectors.name,
    })
    .from(sectors)
    .where(afterName(sectors.name, sectors.id, after))
    .orderBy(asc(sectors.name), asc(sectors.id))
    .limit(limit + 1);
}

export async function findSector(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: sectors.id, name: sectors.name, municipalityIds: sectorMunicipalityIds })
    .from(sectors)
    .where(eq(sectors.id, id))
    .limit(1);
  return row ?? null;
}

export async function lockSector(tx: Tx, id: string) {
  const [row] = await tx
    .select({ id: sectors.id })
    .from(sectors)
    .where(eq(sectors.id, id))
    .limit(1)
    .for('update');
  return Boolean(row);
}

export async function insertSector(tx: Tx, entityId: string, name: string) {
  const [row] = await tx.insert(sectors).values({ entityId, name }).returning({ id: sectors.id });
  return row!.id;
}

export async function renameSector(tx: Tx, id: string, name: string) {
  await tx.update(sectors).set({ name }).where(eq(sectors.id, id));
}

export async function replaceSectorMunicipalities(
  tx: Tx,
  entityId: string,
  sectorId: string,
  municipalityIds: string[],
) {
  await tx.delete(sectorMunicipalities).where(eq(sectorMunicipalities.sectorId, sectorId));
  if (municipalityIds.length) {
    await tx
      .insert(sectorMunicipalities)
      .values(municipalityIds.map((municipalityId) => ({ entityId, sectorId, municipalityId })));
  }
}

/** How many teams serve a sector and how many professionals are assigned to it. */
export async function sectorUse(tx: Tx, id: string) {
  const [teams] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(teamSectors)
    .where(eq(teamSectors.sectorId, id));
  const [pros] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(professionals)
    .where(eq(professionals.sectorId, id));
  return { teams: teams?.n ?? 0, professionals: pros?.n ?? 0 };
}

export async function deleteSector(tx: Tx, id: string) {
  await tx.delete(sectors).where(eq(sectors.id, id));
}

export async function existingSectors(tx: Tx, ids: string[]) {
  if (!ids.length) return [];
  const rows = await tx.select({ id: sectors.id }).from(sectors).where(inArray(sectors.id, ids));
  return rows.map((r) => r.id);
}
