/**
 * Person search benchmark: loads N synthetic persons into a fresh entity and times the search
 * (the same code path as GET /api/persons, without HTTP) against an indexed document look-up
 * measured in the same run.
 *
 *   npx tsx bench/persons-search.ts [--persons 100000] [--queries 300] [--seed 1] [--reuse]
 *
 * On PostgreSQL when DATABASE_URL is set (createdb -h 127.0.0.1 -U postgres caliu_bench_persons),
 * else on PGlite in memory. --reuse keeps the loaded entity (code bench-<persons>-<seed>) for the
 * next run instead of loading again.
 */
import { parseArgs } from 'node:util';
import { sql } from 'drizzle-orm';
import pg from 'pg';
import { createEntity, insertTerritory } from '../server/src/commands/create-entity';
import { openDatabase, rowsOf, type Database } from '../server/src/db/connect';
import { findEntityByCode } from '../server/src/modules/auth/repository';
import { searchPersons } from '../server/src/modules/persons/search/service';
import { loadPopulation } from '../server/src/testing/persons-factories';
import {
  generatePopulation,
  seededRandom,
  type SyntheticPerson,
} from '../server/src/testing/persons-population';
import { fullName, typo } from '../server/src/testing/persons-variants';

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string', default: '100000' },
    queries: { type: 'string', default: '300' },
    seed: { type: 'string', default: '1' },
    reuse: { type: 'boolean', default: false },
  },
});
const N = Number(args.persons);
const Q = Number(args.queries);
const SEED = Number(args.seed);

async function prepareEntity(database: Database, people: SyntheticPerson[]): Promise<string> {
  const code = `bench-${N}-${SEED}`;
  const existing = await database.anonymous((tx) => findEntityByCode(tx, code));
  if (existing && args.reuse) {
    console.log(`reusing entity ${code}`);
    await settle(database);
    return existing.id;
  }
  const entityId = await createEntity(database, {
    code: existing ? `${code}-${Date.now().toString(36)}` : code,
    name: `Benchmark ${N}`,
    emailDomains: ['bench.example'],
  });
  const territory = await database.tenant(entityId, (tx) =>
    insertTerritory(tx, entityId, {
      municipalities: ['Nord', 'Centre', 'Sud'],
      sectors: [{ name: 'Tot', municipalities: ['Nord', 'Centre', 'Sud'] }],
      teams: [{ name: 'Equip', sectors: ['Tot'] }],
    }),
  );
  const teamId = territory.teamIds.get('Equip')!;
  const started = Date.now();
  await loadPopulation(
    database,
    {
      entityId,
      places: ['Nord', 'Centre', 'Sud'].map((m) => ({
        municipalityId: territory.municipalityIds.get(m)!,
        teamId,
      })),
    },
    people,
    {
      batchSize: 2000,
      onProgress: (done) => {
        if (done % 50_000 === 0 || done === people.length) {
          console.log(`  loaded ${done} persons (${((Date.now() - started) / 1000).toFixed(1)} s)`);
        }
      },
    },
  );
  await settle(database);
  return entityId;
}

const TABLES = ['persons', 'person_name_terms', 'person_name_words', 'person_name_word_deletions'];

/**
 * After a bulk load, as autovacuum would in time: statistics for the planner and, on a server,
 * the visibility map that lets the word index answer without visiting the table.
 */
async function settle(database: Database) {
  const url = process.env.DATABASE_URL;
  if (url) {
    const owner = new pg.Client({ connectionString: url });
    await owner.connect();
    for (const table of TABLES) await owner.query(`VACUUM (ANALYZE) ${table}`);
    await owner.end();
  } else {
    await database.asOwner(async (tx) => {
      for (const table of TABLES) await tx.execute(sql.raw(`ANALYZE ${table}`));
    });
  }
}

function stats(samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { median: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1]! };
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const start = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

async function main() {
  const url = process.env.DATABASE_URL;
  const database = await openDatabase(
    url ? { kind: 'postgres', url, poolSize: 2 } : { kind: 'pglite-memory' },
  );
  console.log(`persons search benchmark: ${N} persons on ${url ? 'PostgreSQL' : 'PGlite'}`);
  const people = generatePopulation(N, { seed: SEED });
  const entityId = await prepareEntity(database, people);

  const random = seededRandom(SEED + 1);
  const sample = Array.from({ length: Q }, () => people[Math.floor(random() * N)]!);
  const withDocument = sample.filter((p) => p.documentNumber);
  const search = (q: string) =>
    database.tenant(entityId, (tx) => searchPersons(tx, entityId, q, { limit: 20, offset: 0 }));
  const kinds: Record<string, string[]> = {
    'document (search box)': withDocument.map((p) => p.documentNumber!),
    'document without letter': withDocument
      .filter((p) => p.documentType !== 'passport')
      .map((p) => p.documentNumber!.slice(0, -1)),
    'exact name': sample.map((p) => fullName(p)),
    'reordered name': sample.map((p) =>
      [p.firstSurname, p.secondSurname, p.givenName].filter(Boolean).join(' '),
    ),
    'second surname missing': sample.map((p) => `${p.givenName} ${p.firstSurname}`),
    'one typo': sample.map((p) => {
      const words = fullName(p).split(' ');
      const i = words.findIndex((w) => w.length >= 4);
      if (i >= 0) words[i] = typo(words[i]!.toLowerCase(), random);
      return words.join(' ');
    }),
    'one common surname': ['garcia', 'martinez', 'lopez', 'puig', 'ferrer'],
  };

  // Warm up caches and plans.
  for (const q of kinds['exact name']!.slice(0, 20)) await search(q);

  const baseline: number[] = [];
  for (const p of withDocument) {
    baseline.push(
      await timed(() =>
        database.tenant(entityId, (tx) =>
          rowsOf(
            tx,
            sql`SELECT id FROM persons WHERE entity_id = ${entityId}
              AND document_number = ${p.documentNumber}`,
          ),
        ),
      ),
    );
  }
  const rows: [string, ReturnType<typeof stats>, number][] = [
    ['baseline: indexed document look-up', stats(baseline), baseline.length],
  ];
  for (const [kind, queries] of Object.entries(kinds)) {
    const times: number[] = [];
    for (const q of queries) times.push(await timed(() => search(q)));
    rows.push([kind, stats(times), times.length]);
  }
  console.log('\nkind                                  median ms    p99 ms    max ms   queries');
  for (const [kind, s, n] of rows) {
    console.log(
      `${kind.padEnd(36)} ${s.median.toFixed(2).padStart(9)} ${s.p99.toFixed(2).padStart(9)} ${s.max.toFixed(2).padStart(9)} ${String(n).padStart(9)}`,
    );
  }
  await database.close();
}

await main();
