import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import { type Database, rowsOf } from '../../../db/connect';
import { PERSON_REFERENCES } from '../../../commands/person-references';
import { createTestAppointment } from '../../../testing/agenda-factories';
import { createTestAttachment } from '../../../testing/attachments-factories';
import { createTestCaseFile, createTestEntry } from '../../../testing/case-files-factories';
import type { TestEntity, TestProfessional } from '../../../testing/factories';
import { foreignKeysTo } from '../../../testing/person-references';
import { createTestPerson } from '../../../testing/persons-factories';
import { type OperationsFixture, operationsFixture } from './testing';

/**
 * What a merge of person records does with every reference (docs/decisions/0010 "Nothing
 * forgotten"): the live schema's foreign keys to `persons` are exactly those
 * commands/person-references.ts lists; for each, a factory inserts a row naming the record to be
 * merged, a ticket merges it into another, and the row then names the survivor — or, on the list
 * with its reason, stays on the tombstone or goes. A table added later with a key to `persons`
 * fails here until it is listed, given a factory and moved by the command.
 */

let f: OperationsFixture;
let db: Database;
let entity: TestEntity;
let tech: TestProfessional;

beforeAll(async () => {
  f = await operationsFixture();
  ({ db, entity, tech } = f);
}, 120_000);

const insert = (statement: ReturnType<typeof sql>) =>
  db.tenant(entity.id, (tx) => tx.execute(statement));

/** Inserts one row naming `other` through the key; answers the row's key columns. */
type Factory = (other: string) => Promise<Record<string, string>>;

const entry =
  (kind: 'demand' | 'problem' | 'resource' | 'procedure'): Factory =>
  async (other) => {
    const file = await createTestCaseFile(db, entity, { referentId: tech.id, holderId: other });
    return {
      id: await createTestEntry(db, entity, file.id, kind, { personId: other, authorId: tech.id }),
    };
  };

/** A third person, in an order with `other` chosen by the key's column (low or high). */
async function dismissal(other: string, side: 'person_low' | 'person_high') {
  for (;;) {
    const x = await createTestPerson(db, entity);
    if ((side === 'person_low') === other < x) {
      const [low, high] = other < x ? [other, x] : [x, other];
      await insert(sql`INSERT INTO person_duplicate_dismissals
          (entity_id, person_low, person_high, dismissed_by)
        VALUES (${entity.id}, ${low}, ${high}, ${tech.id})`);
      return { third: x };
    }
  }
}

const FACTORIES: Record<string, Factory> = {
  'case_file_members.person_id': async (other) => ({
    case_file_id: (await createTestCaseFile(db, entity, { referentId: tech.id, holderId: other }))
      .id,
  }),
  'intervention_persons.person_id': async (other) => {
    const file = await createTestCaseFile(db, entity, {
      referentId: tech.id,
      holderId: other,
      interviewBy: tech.id,
    });
    return { intervention_id: file.interventionId! };
  },
  'demands.person_id': entry('demand'),
  'problems.person_id': entry('problem'),
  'resources.person_id': entry('resource'),
  'procedures.person_id': entry('procedure'),
  'attachments.person_id': async (other) => ({
    id: await createTestAttachment(db, entity, {
      owner: { type: 'person', personId: other },
      uploadedBy: tech.id,
    }),
  }),
  'appointment_persons.person_id': async (other) => ({
    appointment_id: await createTestAppointment(db, entity, {
      professionalId: tech.id,
      personIds: [other],
      startsAt: '2027-04-01T09:00:00Z',
      endsAt: '2027-04-01T10:00:00Z',
    }),
  }),
  'person_duplicate_dismissals.person_low': (other) => dismissal(other, 'person_low'),
  'person_duplicate_dismissals.person_high': (other) => dismissal(other, 'person_high'),
  'persons.merged_into_id': async (other) => {
    const earlier = await createTestPerson(db, entity);
    await insert(sql`UPDATE persons SET merged_into_id = ${other}, merged_at = now()
      WHERE entity_id = ${entity.id} AND id = ${earlier}`);
    return { id: earlier };
  },
  'help_requests.person_id': async (other) => {
    const [row] = await db.tenant(entity.id, (tx) =>
      rowsOf<{ id: string }>(
        tx,
        sql`INSERT INTO help_requests (entity_id, reference, name, phone, address,
            municipality_id, help_type, urgency, description, language, consent_at, person_id,
            submitted_at, imported_at, imported_by, updated_at)
          VALUES (${entity.id}, ${`A-1999-${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`},
            'Joan Garcia', '600000000', 'Carrer Major 1', ${entity.municipalities.north1},
            'shopping', 'low', 'Shopping', 'ca', now(), ${other}, now(), now(), ${tech.id}, now())
          RETURNING id`,
      ),
    );
    return { id: row!.id };
  },
  'person_history.person_id': async () => ({}),
  'person_name_terms.person_id': async () => ({}),
};

/** The persons the row of `table` found by `keys` names now through `column` (or dismissals). */
async function namedBy(table: string, column: string, keys: Record<string, string>) {
  if (table === 'person_duplicate_dismissals') {
    const rows = await db.tenant(entity.id, (tx) =>
      rowsOf<{ low: string; high: string }>(
        tx,
        sql`SELECT person_low::text AS low, person_high::text AS high
          FROM person_duplicate_dismissals
          WHERE entity_id = ${entity.id} AND ${keys.third!} IN (person_low, person_high)`,
      ),
    );
    return rows.flatMap((r) => [r.low, r.high]).filter((id) => id !== keys.third);
  }
  const where = Object.entries(keys).map(([k, v]) => sql`AND ${sql.identifier(k)} = ${v}`);
  const rows = await db.tenant(entity.id, (tx) =>
    rowsOf<{ person: string }>(
      tx,
      sql`SELECT ${sql.identifier(column)}::text AS person FROM ${sql.identifier(table)}
        WHERE entity_id = ${entity.id} ${sql.join(where, sql` `)}`,
    ),
  );
  return rows.map((r) => r.person);
}

const countOn = (table: string, column: string, person: string) =>
  f.count(table, sql`${sql.identifier(column)} = ${person}`);

describe('what a merge of person records does with every reference', () => {
  it('lists exactly the foreign keys to persons of the live schema', async () => {
    const live = await foreignKeysTo(db, entity.id, 'persons');
    const listed = PERSON_REFERENCES.map((r) => `${r.table}.${r.column}`).sort();
    expect(live).toEqual(listed);
    expect(Object.keys(FACTORIES).sort()).toEqual(listed);
  });

  it.each(PERSON_REFERENCES)('$table ($column): $fate', async ({ table, column, fate }) => {
    const survivor = await createTestPerson(db, entity, {
      givenName: `S${randomUUID().slice(0, 6)}`,
    });
    const other = await createTestPerson(db, entity, { givenName: `O${randomUUID().slice(0, 6)}` });
    const keys = await FACTORIES[`${table}.${column}`]!(other);
    const before = await countOn(table, column, other);
    expect(before, 'the factory wrote a row naming the record merged').toBeGreaterThan(0);
    const base = await f.ticketOf('merge_persons', {
      personIds: [survivor, other],
      survivorId: survivor,
      reason: 'has_document',
    });
    const shown = await f.preview(base);
    expect(shown.blockers).toEqual([]);
    const ran = await f.run(base, { fingerprint: shown.fingerprint });
    expect(ran.statusCode, ran.body).toBe(200);
    if (fate === 'stays') {
      expect(await countOn(table, column, other)).toBeGreaterThanOrEqual(before);
      return;
    }
    expect(await countOn(table, column, other)).toBe(0);
    if (fate === 'deleted') return;
    expect(await namedBy(table, column, keys)).toEqual([survivor]);
  });

  it('folds the other’s place into the survivor’s where both already hold it', async () => {
    const survivor = await createTestPerson(db, entity);
    const other = await createTestPerson(db, entity);
    // Both members of two case files (one holder each, one of them the other), both at an
    // intervention and at an appointment.
    const held = await createTestCaseFile(db, entity, {
      referentId: tech.id,
      holderId: other,
      interviewBy: tech.id,
      members: [{ personId: survivor, role: 'household' }],
    });
    const theirs = await createTestCaseFile(db, entity, {
      referentId: tech.id,
      holderId: survivor,
      members: [{ personId: other, role: 'child' }],
    });
    const intervention = held.interventionId!;
    await insert(sql`INSERT INTO intervention_persons (entity_id, intervention_id, person_id)
      VALUES (${entity.id}, ${intervention}, ${survivor}), (${entity.id}, ${intervention}, ${other})
      ON CONFLICT DO NOTHING`);
    const appointment = await createTestAppointment(db, entity, {
      professionalId: tech.id,
      personIds: [survivor, other],
      startsAt: '2027-04-02T09:00:00Z',
      endsAt: '2027-04-02T10:00:00Z',
    });
    const base = await f.ticketOf('merge_persons', {
      personIds: [survivor, other],
      survivorId: survivor,
      reason: 'has_document',
    });
    const shown = await f.preview(base);
    expect(shown.lines.find((l) => l.key === 'merge_memberships_combined')?.count).toBe(2);
    const ran = await f.run(base, { fingerprint: shown.fingerprint });
    expect(ran.statusCode, ran.body).toBe(200);

    const members = (caseFileId: string) =>
      db.tenant(entity.id, (tx) =>
        rowsOf<{ person_id: string; role: string }>(
          tx,
          sql`SELECT person_id::text AS person_id, role FROM case_file_members
            WHERE entity_id = ${entity.id} AND case_file_id = ${caseFileId}`,
        ),
      );
    // One membership each, the survivor's, holding the file either record held.
    expect(await members(held.id)).toEqual([{ person_id: survivor, role: 'holder' }]);
    expect(await members(theirs.id)).toEqual([{ person_id: survivor, role: 'holder' }]);
    expect(
      await namedBy('intervention_persons', 'person_id', { intervention_id: intervention }),
    ).toEqual([survivor]);
    expect(
      await namedBy('appointment_persons', 'person_id', { appointment_id: appointment }),
    ).toEqual([survivor]);
    for (const { table, column } of PERSON_REFERENCES) {
      if (table === 'person_history') continue;
      expect(await countOn(table, column, other), `${table}.${column}`).toBe(0);
    }
  });
});
