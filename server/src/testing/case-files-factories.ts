import type { CaseScope, MemberRole } from '@caliu/common';
import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../db/connect';
import * as repo from '../modules/case-files/repository';
import type { TestEntity } from './factories';
import { createTestPerson } from './persons-factories';

export type TestCaseFileInput = {
  scope?: CaseScope;
  municipalityId?: string;
  teamId?: string | null;
  referentId?: string | null;
  assignedIds?: string[];
  /** The holder; a new person of the case file's municipality when not given. */
  holderId?: string;
  members?: { personId: string; role: MemberRole }[];
  year?: number;
  /** Closed (with the first closing reason of the catalogue). */
  closed?: boolean;
  /** An interview recorded by this professional (its id is returned). */
  interviewBy?: string;
};

/**
 * A case file written straight into the database (numbered as the service numbers them), for
 * tests that need one in a given relation to the caller.
 */
export async function createTestCaseFile(
  database: Database,
  entity: TestEntity,
  input: TestCaseFileInput = {},
): Promise<{ id: string; holderId: string; number: string; interventionId: string | null }> {
  const municipalityId = input.municipalityId ?? entity.municipalities.north1;
  const teamId = input.teamId === undefined ? entity.teams.north : input.teamId;
  const holderId =
    input.holderId ??
    (await createTestPerson(database, entity, { municipalityId, teamId: teamId ?? null }));
  return database.tenant(entity.id, async (tx) => {
    const year = input.year ?? new Date().getFullYear();
    const seq = await repo.nextNumber(tx, entity.id, year);
    const today = new Date().toISOString().slice(0, 10);
    const id = await repo.insertCaseFile(tx, {
      entityId: entity.id,
      year,
      seq,
      scope: input.scope ?? 'ssb',
      municipalityId,
      teamId,
      referentId: input.referentId ?? null,
      openedOn: today,
    });
    for (const m of [{ personId: holderId, role: 'holder' as const }, ...(input.members ?? [])]) {
      await repo.insertMember(tx, {
        entityId: entity.id,
        caseFileId: id,
        personId: m.personId,
        role: m.role,
        addedOn: today,
      });
    }
    await repo.setAssigned(tx, entity.id, id, input.assignedIds ?? []);
    if (input.closed) {
      const [reason] = await repo.catalogue(tx, entity.id, 'closing_reason');
      await repo.updateCaseFile(tx, entity.id, id, {
        state: 'closed',
        closedOn: today,
        closingReasonId: reason!.id,
      });
    }
    let interventionId: string | null = null;
    if (input.interviewBy) {
      const types = await repo.catalogue(tx, entity.id, 'intervention_type');
      interventionId = await repo.insertIntervention(
        tx,
        {
          entityId: entity.id,
          caseFileId: id,
          typeId: types.find((t) => t.code === 'interview')!.id,
          occurredOn: today,
          notes: 'Confidential notes',
          authorId: input.interviewBy,
        },
        [input.interviewBy],
        [holderId],
      );
    }
    return { id, holderId, number: `${year}/${String(seq).padStart(6, '0')}`, interventionId };
  });
}

/**
 * An entry of a case file's content written straight into the database: a demand, problem,
 * resource (pre-assigned), procedure or intervention plan, for `personId` (a member), by
 * `authorId`. Answers its id.
 */
export async function createTestEntry(
  database: Database,
  entity: TestEntity,
  caseFileId: string,
  kind: 'demand' | 'problem' | 'resource' | 'procedure' | 'plan',
  input: { personId: string; authorId: string | null },
): Promise<string> {
  return database.tenant(entity.id, async (tx) => {
    const today = new Date().toISOString().slice(0, 10);
    if (kind === 'plan') {
      const [plan] = await rowsOf<{ id: string }>(
        tx,
        sql`INSERT INTO intervention_plans (entity_id, case_file_id, started_on, objectives, author_id)
          VALUES (${entity.id}, ${caseFileId}, ${today}, 'Objectives', ${input.authorId}) RETURNING id`,
      );
      return plan!.id;
    }
    const [type] = await repo.catalogue(tx, entity.id, kind);
    const table = {
      demand: 'demands',
      problem: 'problems',
      resource: 'resources',
      procedure: 'procedures',
    }[kind];
    const own = {
      demand: sql`requested_on`,
      problem: sql`started_on`,
      resource: sql`recorded_on`,
      procedure: sql`recorded_on, administration`,
    }[kind];
    const value = kind === 'procedure' ? sql`${today}, 'Generalitat'` : sql`${today}`;
    const [row] = await rowsOf<{ id: string }>(
      tx,
      sql`INSERT INTO ${sql.raw(table)} (entity_id, case_file_id, person_id, type_id, author_id, ${own})
        VALUES (${entity.id}, ${caseFileId}, ${input.personId}, ${type!.id}, ${input.authorId}, ${value})
        RETURNING id`,
    );
    return row!.id;
  });
}
