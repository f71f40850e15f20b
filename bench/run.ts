/**
 * `npm run bench`: Caliu's benchmarks (docs/PERFORMANCE.md), each against a baseline measured in
 * the same run where one exists, each line saying whether its target is met.
 *
 *   npm run bench                      full scale: DATABASE_URL, 1,000,000 persons (loaded the
 *                                      first time: npm run seed:synthetic's council)
 *   npm run bench -- --scale small     PGlite in .bench/, 10,000 persons, a few minutes
 *   options: --json <file>  --persons N  --entity <code>
 *            --only search,case-file,alerts,agenda,outbox,startup,mass-transfer,merge
 *
 * `mass-transfer` and `merge` (support operations run from tickets, bench/scenarios/operations.ts)
 * run in a dedicated council created for the run, with no population: a transfer of 100,000 case
 * files (2,000 at small scale) against one set-based UPDATE of the same rows, and a merge of two
 * persons with 200 content rows each.
 *
 * Exits with 1 when a target is not met.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import { rowsOf } from '../server/src/db/connect';
import { replayerFor } from './harness/baseline';
import {
  defaultEntityCode,
  findEntity,
  loadCouncil,
  pgliteWithPopulation,
  SYNTHETIC_PASSWORD,
} from './harness/population';
import { type Row, table } from './harness/report';
import { POOL_SIZE, signIn, startServer } from './harness/server';
import { agendaScenario } from './scenarios/agenda';
import { alertsScenario } from './scenarios/alerts';
import { caseFileScenario } from './scenarios/case-file';
import type { BenchContext } from './scenarios/context';
import { measureHttp, type Timing } from './scenarios/http';
import { outboxScenario } from './scenarios/outbox';
import { operationsScenarios } from './scenarios/operations';
import { searchScenario } from './scenarios/search';
import { startupScenario } from './scenarios/startup';

const SCENARIOS = [
  'search',
  'case-file',
  'alerts',
  'agenda',
  'outbox',
  'startup',
  'mass-transfer',
  'merge',
] as const;
const { values: args } = parseArgs({
  options: {
    scale: { type: 'string', default: 'full' },
    json: { type: 'string' },
    only: { type: 'string' },
    persons: { type: 'string' },
    entity: { type: 'string' },
  },
});
const small = args.scale === 'small';
if (!small && args.scale !== 'full') throw new Error('--scale is full or small');
const only = new Set(args.only ? args.only.split(',') : SCENARIOS);
for (const name of only) {
  if (!(SCENARIOS as readonly string[]).includes(name)) throw new Error(`unknown scenario ${name}`);
}
const url = process.env.DATABASE_URL || null;
if (!small && !url) {
  throw new Error(
    'The full scale runs on PostgreSQL: set DATABASE_URL (its role must bypass row-level ' +
      'security to load the synthetic council, e.g. postgres://postgres@127.0.0.1:5432/caliu_bench), ' +
      'or run --scale small on PGlite.',
  );
}
const scale = small
  ? {
      persons: 10_000,
      timing: { warmup: 2, fixed: 8, saturation: 6 } satisfies Timing,
      requests: 100,
      connections: 4,
      outbox: 300,
      alerts: 10,
      startupPersons: 10_000,
      operations: { caseFiles: 2_000, transfers: 5, merges: 9 },
    }
  : {
      persons: 1_000_000,
      timing: { warmup: 5, fixed: 30, saturation: 20 } satisfies Timing,
      requests: 400,
      connections: POOL_SIZE,
      outbox: 3_000,
      alerts: 100,
      startupPersons: 100_000,
      operations: { caseFiles: 100_000, transfers: 5, merges: 9 },
    };
const persons = Number(args.persons ?? scale.persons);
const started = Date.now();
const progress = (what: string) =>
  console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${what}`);
const rows: Row[] = [];
const pgliteDir = (n: number) => `.bench/pglite-${n}`;

console.log(
  `Caliu benchmark, ${small ? 'small scale on PGlite' : 'full scale on PostgreSQL'}: ` +
    `${persons.toLocaleString('en')} persons; scenarios ${[...only].join(', ')}\n`,
);

if (['search', 'case-file', 'alerts', 'agenda', 'outbox'].some((name) => only.has(name))) {
  let entityCode = args.entity ?? defaultEntityCode(persons);
  if (!url)
    entityCode = (await pgliteWithPopulation(pgliteDir(persons), persons, progress)).entityCode;
  const server = await startServer(
    url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: pgliteDir(persons) },
  );
  const replayer = replayerFor(server.database, url ? { url, poolSize: POOL_SIZE } : null);
  try {
    let entityId = await findEntity(server.database, entityCode);
    if (!entityId) {
      progress(`loading the synthetic council ${entityCode} (once; reused after)`);
      entityId = (await loadCouncil(server.database, url, { persons, entityCode }, progress))
        .entityId;
    }
    const technicians = await server.database.asOwner((tx) =>
      rowsOf<{ username: string }>(
        tx,
        sql`SELECT username FROM professionals
          WHERE entity_id = ${entityId} AND username LIKE 't%-tech-ssb-%'
          ORDER BY username LIMIT ${scale.connections}`,
      ),
    );
    const context: BenchContext = {
      database: server.database,
      entityId,
      entityCode,
      sessions: await Promise.all(
        technicians.map(async ({ username }) => ({
          username,
          session: await signIn(server, entityCode, username, SYNTHETIC_PASSWORD),
        })),
      ),
      requests: scale.requests,
      connections: scale.connections,
    };
    const http = { search: searchScenario, 'case-file': caseFileScenario };
    for (const [name, scenario] of Object.entries(http)) {
      if (!only.has(name)) continue;
      const prepared = await scenario(context);
      rows.push(...(await measureHttp(server, replayer.replay, prepared, scale.timing, progress)));
    }
    const [counted] = await server.database.asOwner((tx) =>
      rowsOf<{ teams: number }>(
        tx,
        sql`SELECT count(*)::int AS teams FROM teams WHERE entity_id = ${entityId}`,
      ),
    );
    if (only.has('alerts')) {
      rows.push(
        ...(await alertsScenario(
          server,
          replayer.replay,
          entityCode,
          counted!.teams,
          scale.alerts,
          progress,
        )),
      );
    }
    if (only.has('agenda')) {
      rows.push(
        ...(await agendaScenario(
          server,
          replayer.replay,
          entityId,
          entityCode,
          counted!.teams,
          scale.alerts,
          progress,
        )),
      );
    }
    if (only.has('outbox')) {
      rows.push(await outboxScenario(server.database, entityId, scale.outbox, progress));
    }
  } finally {
    await replayer.close();
    await server.close();
  }
}

if (only.has('mass-transfer') || only.has('merge')) {
  // A dedicated council, on the population's database where there is one (PGlite: its own
  // directory, so no population is loaded for these two).
  const server = await startServer(
    url ? { kind: 'postgres', url } : { kind: 'pglite', dataDir: '.bench/pglite-operations' },
  );
  try {
    rows.push(...(await operationsScenarios(server, url, only, scale.operations, progress)));
  } finally {
    await server.close();
  }
}

if (only.has('startup')) {
  const dir = pgliteDir(scale.startupPersons);
  await pgliteWithPopulation(dir, scale.startupPersons, progress);
  rows.push(await startupScenario(dir, scale.startupPersons, 3, progress));
}

console.log(`\n${table(rows)}\n`);
console.log(
  `${rows.filter((r) => r.met).length} of ${rows.length} targets met in ${((Date.now() - started) / 1000).toFixed(0)} s`,
);
if (args.json) writeFileSync(args.json, JSON.stringify(rows, null, 2) + '\n');
process.exitCode = rows.every((r) => r.met) ? 0 : 1;
