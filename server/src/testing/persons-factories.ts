import { randomUUID } from 'node:crypto';
import type { Database } from '../db/connect';
import {
  insertHistory,
  insertPerson,
  insertPersons,
  type NewPersonRow,
} from '../modules/persons/repository';
import type { TestEntity } from './factories';
import type { SyntheticPerson } from './persons-population';

/** Person factories: a fresh record in a test entity, or a whole synthetic population. */

export type TestPersonInput = Partial<Omit<NewPersonRow, 'entityId'>>;

/** A person in `entity` (north one, north team, no document unless given). */
export async function createTestPerson(
  database: Database,
  entity: TestEntity,
  input: TestPersonInput = {},
): Promise<string> {
  return database.tenant(entity.id, async (tx) => {
    const values: NewPersonRow = {
      givenName: 'Test',
      firstSurname: `Person ${randomUUID().slice(0, 8)}`,
      municipalityId: entity.municipalities.north1,
      teamId: entity.teams.north,
      ...input,
      entityId: entity.id,
    };
    const id = await insertPerson(tx, values);
    await insertHistory(tx, entity.id, id, null, [
      { field: 'municipality', newId: values.municipalityId },
      ...(values.teamId ? [{ field: 'team' as const, newId: values.teamId }] : []),
    ]);
    return id;
  });
}

export type PopulationTarget = {
  entityId: string;
  /** The municipality of index i of the population, and the team that serves it. */
  places: { municipalityId: string; teamId: string | null }[];
};

/** The stored row of a synthetic person. */
export function rowOf(person: SyntheticPerson, target: PopulationTarget, id: string): NewPersonRow {
  const place = target.places[person.municipality % target.places.length]!;
  return {
    id,
    entityId: target.entityId,
    givenName: person.givenName,
    firstSurname: person.firstSurname,
    secondSurname: person.secondSurname,
    sex: person.sex,
    birthDate: person.birthDate,
    nationality: person.nationality,
    documentType: person.documentType,
    documentNumber: person.documentNumber,
    mobilePhone: person.mobilePhone,
    email: person.email,
    consentSms: person.consentSms,
    preferredLanguage: person.preferredLanguage,
    address: person.address,
    municipalityId: place.municipalityId,
    teamId: place.teamId,
  };
}

/**
 * Loads a population with batched multi-row INSERTs behind the tenant wall (COPY is refused by
 * row-level security for the application role). Answers the ids, in the population's order.
 */
export async function loadPopulation(
  database: Database,
  target: PopulationTarget,
  people: SyntheticPerson[],
  options: { batchSize?: number; onProgress?: (done: number) => void } = {},
): Promise<string[]> {
  const batchSize = options.batchSize ?? 1000;
  const ids = people.map(() => randomUUID());
  for (let start = 0; start < people.length; start += batchSize) {
    const rows = people
      .slice(start, start + batchSize)
      .map((p, i) => rowOf(p, target, ids[start + i]!));
    await database.tenant(target.entityId, (tx) => insertPersons(tx, rows));
    options.onProgress?.(Math.min(start + batchSize, people.length));
  }
  return ids;
}
