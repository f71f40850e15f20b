import { beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'drizzle-orm';
import type { OperationPreview } from '@caliu/common';
import { type Database, rowsOf } from '../../../db/connect';
import {
  CASE_FILE_REFERENCES,
  type CaseFileMergeFate,
  type CaseFileReferenceFate,
} from '../../../commands/record-references';
import { createTestAppointment } from '../../../testing/agenda-factories';
import { buildTestApp, login, type Session } from '../../../testing/app';
import { createTestAttachment } from '../../../testing/attachments-factories';
import { createTestCaseFile, createTestEntry } from '../../../testing/case-files-factories';
import { testDatabase } from '../../../testing/database';
import {
  createTestEntity,
  createTestProfessional,
  type TestEntity,
  type TestProfessional,
} from '../../../testing/factories';
import { createTestPerson } from '../../../testing/persons-factories';
import { foreignKeysTo } from '../../../testing/person-references';
import { insertTicket } from '../repository';

/**
 * What a case file's deletion does with every reference (docs/decisions/0010 "Nothing
 * forgotten"): the live schema's foreign keys to `case_files` are exactly those
 * commands/record-references.ts lists; for each, a factory inserts a referencing row, a ticket
 * asks to delete the case file, and the row's fate is the listed one — it blocks the deletion, goes
 * with the case file, or stays with its link cleared. A table added later with a key to
 * `case_files` fails here until it is listed and given a factory.
 */

type App = Awaited<ReturnType<typeof buildTestApp>>['app'];
type CaseFile = Awaited<ReturnType<typeof createTestCaseFile>>;

let app: App;
let db: Database;
let entity: TestEntity;
let provider: TestEntity;
let tech: TestProfessional;
let agentSession: Session;

beforeAll(async () => {
  ({ app } = await buildTestApp());
  db = await testDatabase();
  entity = await createTestEntity(db);
  provider = await createTestEntity(db, { kind: 'provider' });
  tech = await createTestProfessional(db, entity, {
    roles: ['tech_ssb'],
    teams: [entity.teams.north],
  });
  const agent = await createTestProfessional(db, provider, { roles: ['support_agent'] });
  agentSession = await login(app, provider.code, agent.username);
}, 120_000);

/** Inserts one row referencing the case file through `table`; answers its id. */
const FACTORIES: Record<string, (file: CaseFile) => Promise<string>> = {
  case_file_members: async (file) => {
    const person = await createTestPerson(db, entity);
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`INSERT INTO case_file_members (entity_id, case_file_id, person_id, role, added_on)
        VALUES (${entity.id}, ${file.id}, ${person}, 'household', current_date)`),
    );
    return person;
  },
  case_file_professionals: async (file) => {
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`INSERT INTO case_file_professionals (entity_id, case_file_id, professional_id)
        VALUES (${entity.id}, ${file.id}, ${tech.id})`),
    );
    return tech.id;
  },
  interventions: async (file) => {
    const [row] = await db.tenant(entity.id, (tx) =>
      rowsOf<{ id: string }>(
        tx,
        sql`INSERT INTO interventions (entity_id, case_file_id, event, occurred_on, author_id)
          VALUES (${entity.id}, ${file.id}, 'opened', current_date, ${tech.id}) RETURNING id`,
      ),
    );
    return row!.id;
  },
  demands: (file) =>
    createTestEntry(db, entity, file.id, 'demand', { personId: file.holderId, authorId: tech.id }),
  problems: (file) =>
    createTestEntry(db, entity, file.id, 'problem', { personId: file.holderId, authorId: tech.id }),
  resources: (file) =>
    createTestEntry(db, entity, file.id, 'resource', {
      personId: file.holderId,
      authorId: tech.id,
    }),
  procedures: (file) =>
    createTestEntry(db, entity, file.id, 'procedure', {
      personId: file.holderId,
      authorId: tech.id,
    }),
  intervention_plans: (file) =>
    createTestEntry(db, entity, file.id, 'plan', { personId: file.holderId, authorId: tech.id }),
  attachments: (file) =>
    createTestAttachment(db, entity, {
      owner: { type: 'case_file', caseFileId: file.id },
      uploadedBy: tech.id,
    }),
  appointments: (file) =>
    createTestAppointment(db, entity, {
      professionalId: tech.id,
      personIds: [file.holderId],
      caseFileId: file.id,
      startsAt: '2027-02-01T09:00:00Z',
      endsAt: '2027-02-01T10:00:00Z',
    }),
  // A tombstone of an earlier merge into the case file.
  case_files: async (file) => {
    const merged = await createTestCaseFile(db, entity, { referentId: tech.id });
    await db.tenant(entity.id, (tx) =>
      tx.execute(sql`UPDATE case_files SET state = 'closed', closed_on = opened_on,
          merged_into_id = ${file.id}
        WHERE entity_id = ${entity.id} AND id = ${merged.id}`),
    );
    return merged.id;
  },
};

/** The key column of each table's rows, to find the inserted row again. */
const KEY: Record<string, string> = {
  case_file_members: 'person_id',
  case_file_professionals: 'professional_id',
};

async function ticketFor(file: CaseFile, into?: CaseFile) {
  const { id } = await db.tenant(entity.id, (tx) =>
    insertTicket(tx, {
      entityId: entity.id,
      ...(into
        ? {
            kind: 'merge_case_files' as const,
            fields: { numbers: [file.number, into.number], survivorNumber: into.number },
            subject: 'Merge case files',
          }
        : {
            kind: 'delete_case_files' as const,
            fields: { numbers: [file.number], nothingAttached: true },
            subject: 'Delete case files',
          }),
      requesterId: tech.id,
      now: new Date(),
    }),
  );
  return `/api/support/entities/${entity.id}/tickets/${id}/operation`;
}

const post = (url: string, payload: unknown = {}) =>
  app.inject({
    method: 'POST',
    url,
    payload: payload as object,
    headers: agentSession.headers('en'),
  });

/** The inserted row now: gone, or there with its link to a case file (or none). */
async function fateOf(table: string, column: string, rowId: string, file: CaseFile) {
  const key = KEY[table] ?? 'id';
  const [row] = await db.tenant(entity.id, (tx) =>
    rowsOf<{ link: string | null }>(
      tx,
      sql`SELECT ${sql.identifier(column)}::text AS link FROM ${sql.identifier(table)}
        WHERE entity_id = ${entity.id} AND ${sql.identifier(key)} = ${rowId}
          AND (${sql.identifier(column)} = ${file.id} OR ${sql.identifier(column)} IS NULL)`,
    ),
  );
  if (!row) return 'gone';
  return row.link === null ? 'unlinked' : 'linked';
}

describe("what a case file's deletion does with every reference", () => {
  it('lists exactly the foreign keys to case_files of the live schema', async () => {
    const live = await foreignKeysTo(db, entity.id, 'case_files');
    const listed = CASE_FILE_REFERENCES.map((r) => `${r.table}.${r.column}`).sort();
    expect(live).toEqual(listed);
    expect(Object.keys(FACTORIES).sort()).toEqual(CASE_FILE_REFERENCES.map((r) => r.table).sort());
  });

  it.each(CASE_FILE_REFERENCES)('$table.$column: $fate', async ({ table, column, fate }) => {
    const file = await createTestCaseFile(db, entity, { referentId: tech.id });
    const rowId = await FACTORIES[table]!(file);
    const base = await ticketFor(file);
    const shown = (await post(`${base}/preview`)).json() as OperationPreview;
    const expected: Record<CaseFileReferenceFate, string> = {
      blocks: 'linked',
      cascade: 'gone',
      deleted_first: 'gone',
      unlinked: 'unlinked',
    };
    if (fate === 'blocks') {
      expect(shown.blockers.map((b) => b.code)).toEqual(['case_file_attached']);
      expect((await post(`${base}/run`, { fingerprint: shown.fingerprint })).statusCode).toBe(409);
    } else {
      expect(shown.blockers).toEqual([]);
      const ran = await post(`${base}/run`, { fingerprint: shown.fingerprint });
      expect(ran.statusCode, ran.body).toBe(200);
    }
    expect(await fateOf(table, column, rowId, file)).toBe(expected[fate]);
  });

  it('deletes an upload still in progress on the case file, audited', async () => {
    const file = await createTestCaseFile(db, entity, { referentId: tech.id });
    const upload = await createTestAttachment(db, entity, {
      owner: { type: 'case_file', caseFileId: file.id },
      uploadedBy: tech.id,
      state: 'uploading',
    });
    const base = await ticketFor(file);
    const shown = (await post(`${base}/preview`)).json() as OperationPreview;
    expect(shown.blockers).toEqual([]);
    expect((await post(`${base}/run`, { fingerprint: shown.fingerprint })).statusCode).toBe(200);
    expect(await fateOf('attachments', 'case_file_id', upload, file)).toBe('gone');
    const [trace] = await db.tenant(entity.id, (tx) =>
      rowsOf<{ reason: string }>(
        tx,
        sql`SELECT details->>'reason' AS reason FROM audit_log
          WHERE entity_id = ${entity.id} AND action = 'attachment.delete' AND record_id = ${upload}`,
      ),
    );
    expect(trace?.reason).toBe('case_file_deleted');
  });
});

describe('what a merge of case files does with every reference of the other', () => {
  it.each(CASE_FILE_REFERENCES)('$table.$column: $merge', async ({ table, column, merge }) => {
    // The survivor has no referent nor assigned: whoever the factory names is new to it.
    const survivor = await createTestCaseFile(db, entity);
    const other = await createTestCaseFile(db, entity, { referentId: tech.id });
    const rowId = await FACTORIES[table]!(other);
    const base = await ticketFor(other, survivor);
    const shown = (await post(`${base}/preview`)).json() as OperationPreview;
    expect(shown.blockers).toEqual([]);
    const ran = await post(`${base}/run`, { fingerprint: shown.fingerprint });
    expect(ran.statusCode, ran.body).toBe(200);
    const expected: Record<CaseFileMergeFate, [CaseFile, string]> = {
      moves: [survivor, 'linked'],
      combined: [survivor, 'linked'],
      stays: [other, 'linked'],
    };
    const [holder, fate] = expected[merge];
    expect(await fateOf(table, column, rowId, holder)).toBe(fate);
  });
});
