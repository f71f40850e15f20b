import { sql } from 'drizzle-orm';
import type { OperationPreview, OperationRunResult, TicketCreate, TicketKind } from '@caliu/common';
import { rowsOf } from '../../server/src/db/connect';
import { insertTicket } from '../../server/src/modules/support/repository';
import { copySink } from '../../server/src/testing/synthetic/sink';
import { TEST_PASSWORD } from '../../server/src/testing/app';
import {
  createTestEntity,
  createTestProfessional,
  type TestEntity,
} from '../../server/src/testing/factories';
import type { Row } from '../harness/report';
import { type BenchServer, type BenchSession, call, signIn } from '../harness/server';
import { latencies, round, since } from '../harness/stats';

/**
 * Two support operations run from tickets (issue 21), each the way a support agent runs it: the
 * preview (untimed: it gives the fingerprint), then `POST …/operation/run`, timed from the request
 * to its answer — the service's run (server/src/modules/support/operations/service.ts): the
 * ticket locked, the plan computed again under the records' locks, the command's apply (the
 * change, its audit rows and the outbox row, set-based), the operation stored on the ticket, its
 * history entry and the requester's email, one transaction.
 *
 * Both run in a dedicated council created for the run (a fresh entity with two teams), not in the
 * synthetic council: its rows are created set-based, as the database's owner, so the scenarios
 * need no population loaded and measure the same work at any population size.
 *
 * - `mass-transfer`: one technician referent of `caseFiles` case files (each with its holder, a
 *   person of their own) moved to a colleague of the same team by a mass transfer ticket; against
 *   one set-based `UPDATE case_files SET referent_id = … WHERE referent_id = …` of the same rows,
 *   in its own transaction as the application's role (under row-level security), which moves
 *   them back: each repetition runs the operation, then the baseline, on the same rows in the same
 *   state (on PostgreSQL `case_files` is vacuumed before each, untimed: otherwise each would find
 *   the dead row versions of the one before, and the later runs of both grow slower). Target: the
 *   operation's median ≤ 1.5× the baseline's.
 * - `merge`: two person records, each holder of 5 case files and with 200 content rows (100
 *   demands, 100 problems), merged by a merge person records ticket; a fresh pair each
 *   repetition. Target: median ≤ 200 ms; no baseline.
 */

export type OperationsSizes = { caseFiles: number; transfers: number; merges: number };

const TRANSFER_RATIO = 1.5;
const MERGE_MS = 200;
const CONTENT_PER_PERSON = 200;
const FILES_PER_PERSON = 5;

/** The dedicated council, its professionals, and the provider's support agent signed in. */
async function operationsCouncil(server: BenchServer) {
  const database = server.database;
  const entity = await createTestEntity(database);
  const provider = await createTestEntity(database, { kind: 'provider' });
  const team = [entity.teams.north];
  const from = await createTestProfessional(database, entity, { roles: ['tech_ssb'], teams: team });
  const to = await createTestProfessional(database, entity, { roles: ['tech_ssb'], teams: team });
  const coordinator = await createTestProfessional(database, entity, {
    roles: ['coordinator'],
    coordinates: team,
  });
  const agent = await createTestProfessional(database, provider, { roles: ['support_agent'] });
  const session = await signIn(server, provider.code, agent.username, TEST_PASSWORD);
  return { entity, from, to, coordinator, session };
}
type Council = Awaited<ReturnType<typeof operationsCouncil>>;

/** A ticket of `kind` by the coordinator, written straight in; answers its API base. */
async function ticketOf<K extends TicketKind>(
  server: BenchServer,
  council: Council,
  kind: K,
  fields: Extract<TicketCreate, { kind: K }>['fields'],
) {
  const { entity, coordinator } = council;
  const { id } = await server.database.tenant(entity.id, (tx) =>
    insertTicket(tx, {
      entityId: entity.id,
      kind,
      fields,
      subject: `Benchmark: ${kind}`,
      requesterId: coordinator.id,
      now: new Date(),
    }),
  );
  return `/api/support/entities/${entity.id}/tickets/${id}`;
}

/** The agent's preview (untimed), then the run, timed: milliseconds and the run's answer. */
async function previewAndRun(server: BenchServer, session: BenchSession, base: string) {
  const post = (path: string, body: unknown) =>
    call(server, session, `${base}/operation/${path}`, { method: 'POST', body });
  const preview = (await post('preview', {})) as OperationPreview;
  if (!preview.ready) {
    throw new Error(`${base}: blocked: ${preview.blockers.map((b) => b.message).join(' ')}`);
  }
  const started = process.hrtime.bigint();
  const result = (await post('run', {
    fingerprint: preview.fingerprint,
    takeFromOther: [],
  })) as OperationRunResult;
  return { ms: since(started), result };
}

/** `count` persons (named after `tag`), each holder of one case file of year `year`. */
async function caseFilesWithHolders(
  server: BenchServer,
  entity: TestEntity,
  tag: string,
  year: number,
  count: number,
  referentId: string,
) {
  const e = entity.id;
  // Ids from the tag and the position (the three statements agree without reading back), with
  // the version and variant digits of a random UUID, as the API's validation wants them.
  const idOf = (kind: string) =>
    sql`overlay(overlay(md5(${`${tag}:${kind}:`} || g) placing '4' from 13) placing '8' from 17)::uuid`;
  const series = sql`generate_series(1, ${count}::int) AS g`;
  await server.database.asOwner(async (tx) => {
    await tx.execute(sql`INSERT INTO persons (id, entity_id, given_name, first_surname,
        second_surname, municipality_id, team_id)
      SELECT ${idOf('person')}, ${e}, 'Bench', ${tag}, 'N' || g, ${entity.municipalities.north1},
        ${entity.teams.north}
      FROM ${series}`);
    await tx.execute(sql`INSERT INTO case_files (id, entity_id, year, seq, scope,
        municipality_id, team_id, referent_id, state, opened_on, created_by)
      SELECT ${idOf('file')}, ${e}, ${year}, g, 'ssb', ${entity.municipalities.north1},
        ${entity.teams.north}, ${referentId}, 'open', ${`${year}-01-15`}::date, ${referentId}
      FROM ${series}`);
    await tx.execute(sql`INSERT INTO case_file_members (entity_id, case_file_id, person_id, role,
        added_on)
      SELECT ${e}, ${idOf('file')}, ${idOf('person')}, 'holder', ${`${year}-01-15`}::date
      FROM ${series}`);
    await tx.execute(sql`ANALYZE persons, case_files, case_file_members`);
  });
}

/** The transfer of a caseload of `count` case files, against one UPDATE of the same rows. */
async function massTransferScenario(
  server: BenchServer,
  url: string | null,
  council: Council,
  count: number,
  repetitions: number,
  progress: (what: string) => void,
): Promise<Row> {
  const { entity, from, to, session } = council;
  const database = server.database;
  progress(`mass-transfer: creating ${count.toLocaleString('en')} case files (set-based)`);
  await caseFilesWithHolders(server, entity, `transfer-${entity.code}`, 2025, count, from.id);
  const timed: number[] = [];
  const baseline: number[] = [];
  // VACUUM runs outside a transaction, as the owner: on PostgreSQL only (PGlite's few thousand
  // rows leave little to vacuum).
  const owner = url ? await copySink(url, 1) : null;
  const vacuum = () => owner?.run('VACUUM (ANALYZE) case_files');
  try {
    for (let r = 0; r < repetitions; r++) {
      await vacuum();
      const base = await ticketOf(server, council, 'mass_transfer', {
        fromProfessionalId: from.id,
        toProfessionalId: to.id,
        caseFiles: 'open_and_closed',
        persons: false,
        agenda: false,
      });
      const { ms, result } = await previewAndRun(server, session, base);
      const moved = result.operation.lines.find((l) => l.key === 'case_files_moved')?.count;
      if (moved !== count) throw new Error(`mass-transfer moved ${moved} case files, not ${count}`);
      timed.push(ms);
      await vacuum();
      // The baseline: the same rows back to the source, one statement in its own transaction.
      const started = process.hrtime.bigint();
      const updated = await database.tenant(entity.id, (tx) =>
        rowsOf<{ n: number }>(
          tx,
          sql`WITH u AS (UPDATE case_files SET referent_id = ${from.id}
            WHERE entity_id = ${entity.id} AND referent_id = ${to.id} RETURNING 1)
          SELECT count(*)::int AS n FROM u`,
        ),
      );
      baseline.push(since(started));
      if (updated[0]?.n !== count)
        throw new Error(`the baseline moved ${updated[0]?.n} case files`);
      progress(
        `mass-transfer ${r + 1}/${repetitions}: ${ms.toFixed(0)} ms, ` +
          `baseline ${baseline.at(-1)!.toFixed(0)} ms`,
      );
    }
  } finally {
    await owner?.close();
  }
  const op = latencies(timed);
  const floor = latencies(baseline);
  const ratio = round(op.median_ms / floor.median_ms);
  return {
    name: `mass-transfer (${count.toLocaleString('en')} case files)`,
    median_ms: op.median_ms,
    p99_ms: op.p99_ms,
    throughput: round((count * 1000) / op.median_ms, 0),
    baseline: {
      median_ms: floor.median_ms,
      p99_ms: floor.p99_ms,
      throughput: round((count * 1000) / floor.median_ms, 0),
    },
    ratio,
    target: `≤ ${TRANSFER_RATIO}× baseline`,
    met: ratio <= TRANSFER_RATIO,
    note:
      `median of ${repetitions} runs (p99 = the slowest); per s = case files a second; ` +
      `each run: the case files, their ${count.toLocaleString('en')} audit rows with subjects, ` +
      'the outbox email, the ticket',
  };
}

/** Two persons with 200 content rows each, merged; a fresh pair each repetition. */
async function mergeScenario(
  server: BenchServer,
  council: Council,
  repetitions: number,
  progress: (what: string) => void,
): Promise<Row> {
  const { entity, from, coordinator, session } = council;
  const e = entity.id;
  progress(`merge: creating ${repetitions} pairs of persons with ${CONTENT_PER_PERSON} rows each`);
  // Each person holder of FILES_PER_PERSON case files (year 2024), content spread over them. Their
  // referent is the coordinator, neither professional of the mass transfer: the merge runs first,
  // and its files must be none of the rows the transfer and its baseline move.
  const persons = 2 * repetitions;
  await caseFilesWithHolders(
    server,
    entity,
    `merge-${entity.code}`,
    2024,
    persons * FILES_PER_PERSON,
    coordinator.id,
  );
  const half = CONTENT_PER_PERSON / 2;
  const pairs = await server.database.asOwner(async (tx) => {
    // Person k (1-based) keeps the holder of file k and becomes holder of the next files too.
    const holders = await rowsOf<{ person_id: string; k: number }>(
      tx,
      sql`SELECT m.person_id, cf.seq AS k FROM case_files cf
        JOIN case_file_members m ON m.entity_id = cf.entity_id AND m.case_file_id = cf.id
        WHERE cf.entity_id = ${e} AND cf.year = 2024 AND cf.seq <= ${persons}
        ORDER BY cf.seq`,
    );
    await tx.execute(sql`UPDATE case_file_members m SET person_id = h.person_id
      FROM case_files cf, case_files hf, case_file_members h
      WHERE cf.entity_id = ${e} AND cf.year = 2024 AND cf.seq > ${persons}
        AND m.entity_id = cf.entity_id AND m.case_file_id = cf.id
        AND hf.entity_id = cf.entity_id AND hf.year = 2024
        AND hf.seq = 1 + (cf.seq - 1) % ${persons}
        AND h.entity_id = hf.entity_id AND h.case_file_id = hf.id`);
    for (const [table, day] of [
      ['demands', 'requested_on'],
      ['problems', 'started_on'],
    ] as const) {
      const catalogue = table === 'demands' ? 'demand' : 'problem';
      await tx.execute(sql`INSERT INTO ${sql.identifier(table)} (entity_id, case_file_id,
          person_id, type_id, ${sql.identifier(day)}, author_id)
        SELECT ${e}, m.case_file_id, m.person_id,
          (SELECT id FROM catalogue_items WHERE entity_id = ${e} AND catalogue = ${catalogue}
            ORDER BY position LIMIT 1),
          DATE '2024-02-01' + g, ${from.id}
        FROM case_files cf
        JOIN case_file_members m ON m.entity_id = cf.entity_id AND m.case_file_id = cf.id
        CROSS JOIN generate_series(1, ${half / FILES_PER_PERSON}::int) AS g
        WHERE cf.entity_id = ${e} AND cf.year = 2024`);
    }
    await tx.execute(sql`ANALYZE demands, problems, case_file_members`);
    return Array.from({ length: repetitions }, (_, i) => [
      holders[2 * i]!.person_id,
      holders[2 * i + 1]!.person_id,
    ]);
  });
  const timed: number[] = [];
  for (const [survivorId, otherId] of pairs) {
    const base = await ticketOf(server, council, 'merge_persons', {
      personIds: [survivorId!, otherId!],
      survivorId: survivorId!,
      reason: 'has_case_files',
    });
    const { ms, result } = await previewAndRun(server, session, base);
    const moved = result.operation.lines.find((l) => l.key === 'merge_content_moved')?.count;
    if (moved !== CONTENT_PER_PERSON) throw new Error(`merge moved ${moved} content rows`);
    timed.push(ms);
  }
  progress(`merge: ${timed.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  const op = latencies(timed);
  return {
    name: `merge (2 × ${CONTENT_PER_PERSON} content rows)`,
    median_ms: op.median_ms,
    p99_ms: op.p99_ms,
    throughput: null,
    baseline: null,
    baseline_note: 'none: the target alone decides',
    ratio: null,
    target: `≤ ${MERGE_MS} ms`,
    met: op.median_ms <= MERGE_MS,
    note:
      `median of ${repetitions} merges (p99 = the slowest), each moving ` +
      `${FILES_PER_PERSON} memberships and ${CONTENT_PER_PERSON} content rows`,
  };
}

/** The scenarios of `only` among `mass-transfer` and `merge`, in one dedicated council. */
export async function operationsScenarios(
  server: BenchServer,
  /** DATABASE_URL (its role the owner, as for loading the council); null on PGlite. */
  url: string | null,
  only: ReadonlySet<string>,
  sizes: OperationsSizes,
  progress: (what: string) => void,
): Promise<Row[]> {
  const council = await operationsCouncil(server);
  progress(`support operations in the dedicated council ${council.entity.code}`);
  const rows: Row[] = [];
  // The merge first: after the mass transfer's half a million row versions, the database's own
  // cleanup (autovacuum of case_files and the audit tables, the checkpoint) runs for a minute or
  // more, and a merge measured meanwhile times that cleanup (1,064 ms against 37 ms alone, at
  // full scale on PostgreSQL), not its own work.
  if (only.has('merge')) rows.push(await mergeScenario(server, council, sizes.merges, progress));
  if (only.has('mass-transfer')) {
    rows.push(
      await massTransferScenario(server, url, council, sizes.caseFiles, sizes.transfers, progress),
    );
  }
  return rows;
}
