import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'drizzle-orm';
import { openDatabase, rowsOf, type Database } from '../../server/src/db/connect';
import { todayIn } from '../../server/src/modules/persons/rules';
import { loadSynthetic, type SyntheticResult } from '../../server/src/testing/synthetic/load';
import { copySink, insertSink } from '../../server/src/testing/synthetic/sink';

/** The benchmark's professionals all share this password. */
export const SYNTHETIC_PASSWORD = 'caliu-synthetic';

export type PopulationSpec = {
  persons: number;
  caseFiles?: number;
  seed?: number;
  duplicateRate?: number;
  contentPerFile?: number;
  entityCode?: string;
  password?: string;
};

export const defaultEntityCode = (persons: number, seed = 1) => `synthetic-${persons}-${seed}`;

/**
 * Loads a synthetic council (server/src/testing/synthetic) into `database`: on PostgreSQL by COPY
 * through `url` (its role must bypass row-level security: the owner of a development or CI
 * database), else by INSERTs into PGlite. Then VACUUM/ANALYZE, as autovacuum would in time, and
 * the planted duplicate pairs written to .bench/<entity>.duplicates.json.
 */
export async function loadCouncil(
  database: Database,
  url: string | null,
  spec: PopulationSpec,
  log: (line: string) => void,
): Promise<SyntheticResult & { entityCode: string; seconds: number; manifest: string }> {
  const entityCode = spec.entityCode ?? defaultEntityCode(spec.persons, spec.seed);
  const sink = url ? await copySink(url) : insertSink(database);
  const started = Date.now();
  const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
  let last = 0;
  try {
    const result = await loadSynthetic(
      database,
      sink,
      {
        entityCode,
        persons: spec.persons,
        caseFiles: spec.caseFiles ?? 2 * spec.persons,
        seed: spec.seed ?? 1,
        duplicateRate: spec.duplicateRate ?? 0.02,
        contentPerFile: spec.contentPerFile ?? 3,
        password: spec.password ?? SYNTHETIC_PASSWORD,
        today: todayIn('Europe/Madrid', new Date()),
      },
      (what, done, total) => {
        if (Date.now() - last > 5000 || done === total) {
          last = Date.now();
          log(
            `  ${what}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} (${seconds()} s)`,
          );
        }
      },
    );
    log(`  analysing the tables (${seconds()} s)`);
    await sink.run(url ? 'VACUUM (ANALYZE)' : 'ANALYZE');
    mkdirSync('.bench', { recursive: true });
    const manifest = join('.bench', `${entityCode}.duplicates.json`);
    writeFileSync(manifest, JSON.stringify(result.duplicates));
    return { ...result, entityCode, seconds: (Date.now() - started) / 1000, manifest };
  } finally {
    await sink.close();
  }
}

/** The entity's id, if a council with this code is loaded. */
export async function findEntity(database: Database, code: string): Promise<string | null> {
  const [row] = await database.asOwner((tx) =>
    rowsOf<{ id: string }>(tx, sql`SELECT id FROM entities WHERE code = ${code}`),
  );
  return row?.id ?? null;
}

/**
 * A PGlite data directory holding a synthetic council of `persons` (loaded the first time,
 * reused after): the small scale's database, and what the startup scenario starts on.
 */
export async function pgliteWithPopulation(
  dataDir: string,
  persons: number,
  log: (line: string) => void,
): Promise<{ entityCode: string }> {
  const entityCode = defaultEntityCode(persons);
  const database = await openDatabase({ kind: 'pglite', dataDir });
  try {
    if (!(await findEntity(database, entityCode))) {
      log(`loading ${persons.toLocaleString('en')} persons into ${dataDir} (once; reused after)`);
      await loadCouncil(database, null, { persons, entityCode }, log);
    }
  } finally {
    await database.close();
  }
  return { entityCode };
}
