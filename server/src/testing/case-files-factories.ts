import type { CaseScope, MemberRole } from '@caliu/common';
import type { Database } from '../db/connect';
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
