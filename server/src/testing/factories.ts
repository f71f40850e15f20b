import { randomBytes } from 'node:crypto';
import type { Role } from '@caliu/common';
import {
  addMembership,
  createEntity,
  insertProfessional,
  insertTerritory,
  type NewEntity,
} from '../commands/create-entity';
import { eq } from 'drizzle-orm';
import type { Database } from '../db/connect';
import { professionals } from '../db/schema';
import { hashPassword } from '../platform/secrets';
import { TEST_PASSWORD } from './app';

const unique = () => randomBytes(5).toString('hex');

let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => (passwordHash ??= hashPassword(TEST_PASSWORD));

export type TestEntity = {
  id: string;
  code: string;
  domain: string;
  municipalities: { north1: string; north2: string; south: string };
  sectors: { north: string; south: string };
  teams: { north: string; south: string };
};

/** A fresh entity with a small territory: two sectors, three municipalities, two teams. */
export async function createTestEntity(
  database: Database,
  overrides: Partial<NewEntity> = {},
): Promise<TestEntity> {
  const code = `t-${unique()}`;
  const domain = `${code}.test.example`;
  const id = await createEntity(database, {
    code,
    name: `Test entity ${code}`,
    emailDomains: [domain],
    requiresSecondFactor: false,
    ...overrides,
  });
  const territory = await database.tenant(id, (tx) =>
    insertTerritory(tx, id, {
      municipalities: ['North One', 'North Two', 'South One'],
      sectors: [
        { name: 'North', municipalities: ['North One', 'North Two'] },
        { name: 'South', municipalities: ['South One'] },
      ],
      teams: [
        { name: 'North team', sectors: ['North'] },
        { name: 'South team', sectors: ['South'] },
      ],
    }),
  );
  return {
    id,
    code: overrides.code ?? code,
    domain,
    municipalities: {
      north1: territory.municipalityIds.get('North One')!,
      north2: territory.municipalityIds.get('North Two')!,
      south: territory.municipalityIds.get('South One')!,
    },
    sectors: { north: territory.sectorIds.get('North')!, south: territory.sectorIds.get('South')! },
    teams: {
      north: territory.teamIds.get('North team')!,
      south: territory.teamIds.get('South team')!,
    },
  };
}

export type TestProfessional = { id: string; username: string; email: string };

/** A professional who can log in with TEST_PASSWORD, member (or coordinator) of the given teams. */
export async function createTestProfessional(
  database: Database,
  entity: TestEntity,
  options: {
    roles: Role[];
    teams?: string[];
    coordinates?: string[];
    username?: string;
    active?: boolean;
    /** The sector they work in (where a coordinator may add them to a team). */
    sectorId?: string;
  },
): Promise<TestProfessional> {
  const username = options.username ?? `p-${unique()}`;
  const email = `${username}@${entity.domain}`;
  const hash = await testPasswordHash();
  const id = await database.tenant(entity.id, async (tx) => {
    const id = await insertProfessional(tx, entity.id, {
      username,
      givenName: 'Test',
      surnames: `Professional ${username}`,
      email,
      roles: options.roles,
      costCategory: options.roles.includes('tech_immigration') ? 'B' : undefined,
      passwordHash: hash,
    });
    for (const team of options.teams ?? []) await addMembership(tx, entity.id, team, id, false);
    for (const team of options.coordinates ?? [])
      await addMembership(tx, entity.id, team, id, true);
    if (options.sectorId || options.active === false) {
      await tx
        .update(professionals)
        .set({
          ...(options.sectorId ? { sectorId: options.sectorId } : {}),
          ...(options.active === false ? { active: false } : {}),
        })
        .where(eq(professionals.id, id));
    }
    return id;
  });
  return { id, username, email };
}
