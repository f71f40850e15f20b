import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import type { Language, Role } from '@caliu/common';
import type { Database, Tx } from '../db/connect';
import {
  entities,
  municipalities,
  professionals,
  sectorMunicipalities,
  sectors,
  teamMemberships,
  teamSectors,
  teams,
} from '../db/schema';
import { writeAudit } from '../platform/audit';
import { hashPassword } from '../platform/secrets';

export type NewEntity = {
  code: string;
  name: string;
  kind?: 'council' | 'provider';
  emailDomains: string[];
  defaultLanguage?: Language;
  timeZone?: string;
  requiresSecondFactor?: boolean;
  isDemo?: boolean;
};

export type NewProfessional = {
  username: string;
  givenName: string;
  surnames: string;
  email: string;
  roles: Role[];
  password?: string;
  language?: Language;
  costCategory?: 'A' | 'B' | 'C';
  documentType?: 'dni' | 'nie' | 'passport';
  documentNumber?: string;
};

/**
 * Creates an entity. Its row is written behind its own wall: the transaction's tenant is the new
 * entity's id, chosen here before the insert.
 */
export async function createEntity(database: Database, input: NewEntity): Promise<string> {
  const id = randomUUID();
  await database.tenant(id, async (tx) => {
    await tx.insert(entities).values({ id, ...input, code: input.code.toLowerCase() });
    // A council's catalogues start with the defaults (intervention types, closing reasons…).
    if ((input.kind ?? 'council') === 'council') {
      await tx.execute(sql`SELECT caliu_seed_catalogues(${id}::uuid)`);
    }
    await writeAudit(
      tx,
      { entityId: id, actorId: null, requestId: null, ip: null },
      {
        action: 'entity.create',
        recordType: 'entity',
        recordId: id,
        details: { code: input.code },
      },
    );
  });
  return id;
}

/** Inserts a professional (hashing the password first, outside the transaction). */
export async function insertProfessional(
  tx: Tx,
  entityId: string,
  input: NewProfessional & { passwordHash: string | null },
): Promise<string> {
  const [row] = await tx
    .insert(professionals)
    .values({
      entityId,
      username: input.username.toLowerCase(),
      givenName: input.givenName,
      surnames: input.surnames,
      email: input.email,
      roles: input.roles,
      language: input.language ?? null,
      costCategory: input.costCategory ?? null,
      documentType: input.documentType ?? null,
      documentNumber: input.documentNumber ?? null,
      passwordHash: input.passwordHash,
      activatedAt: input.passwordHash ? new Date() : null,
    })
    .returning({ id: professionals.id });
  return row!.id;
}

export async function createProfessional(
  database: Database,
  entityId: string,
  input: NewProfessional,
): Promise<string> {
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return database.tenant(entityId, async (tx) => {
    const id = await insertProfessional(tx, entityId, { ...input, passwordHash });
    await writeAudit(
      tx,
      { entityId, actorId: null, requestId: null, ip: null },
      { action: 'professional.create', recordType: 'professional', recordId: id },
    );
    return id;
  });
}

export async function insertTerritory(
  tx: Tx,
  entityId: string,
  territory: {
    municipalities: string[];
    sectors: { name: string; municipalities: string[] }[];
    teams: { name: string; sectors: string[] }[];
  },
) {
  const municipalityIds = new Map<string, string>();
  for (const name of territory.municipalities) {
    const [row] = await tx.insert(municipalities).values({ entityId, name }).returning();
    municipalityIds.set(name, row!.id);
  }
  const sectorIds = new Map<string, string>();
  for (const sector of territory.sectors) {
    const [row] = await tx.insert(sectors).values({ entityId, name: sector.name }).returning();
    sectorIds.set(sector.name, row!.id);
    for (const m of sector.municipalities) {
      await tx
        .insert(sectorMunicipalities)
        .values({ entityId, sectorId: row!.id, municipalityId: municipalityIds.get(m)! });
    }
  }
  const teamIds = new Map<string, string>();
  for (const team of territory.teams) {
    const [row] = await tx.insert(teams).values({ entityId, name: team.name }).returning();
    teamIds.set(team.name, row!.id);
    for (const s of team.sectors) {
      await tx
        .insert(teamSectors)
        .values({ entityId, teamId: row!.id, sectorId: sectorIds.get(s)! });
    }
  }
  return { municipalityIds, sectorIds, teamIds };
}

export async function addMembership(
  tx: Tx,
  entityId: string,
  teamId: string,
  professionalId: string,
  isCoordinator = false,
) {
  await tx.insert(teamMemberships).values({ entityId, teamId, professionalId, isCoordinator });
}
