/**
 * Loads a synthetic council: `npm run seed:synthetic -- --persons 1000000 [--case-files N]
 * [--seed 1] [--duplicates 0.02] [--content 3] [--entity code] [--data-dir ./data]`.
 *
 * Into DATABASE_URL (PostgreSQL, by COPY as the URL's role, which must bypass row-level
 * security: the owner in a development or CI database), else into the PGlite data directory
 * given (the one `npm start` uses is ./data; stop Caliu first). Writes the planted duplicate
 * pairs to `.bench/<entity>.duplicates.json` and prints what it loaded and how fast.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/src/db/connect';
import { todayIn } from '../server/src/modules/persons/rules';
import { loadSynthetic } from '../server/src/testing/synthetic/load';
import { copySink, insertSink } from '../server/src/testing/synthetic/sink';

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string', default: '10000' },
    'case-files': { type: 'string' },
    seed: { type: 'string', default: '1' },
    duplicates: { type: 'string', default: '0.02' },
    content: { type: 'string', default: '3' },
    entity: { type: 'string' },
    'data-dir': { type: 'string', default: 'data' },
    password: { type: 'string', default: 'caliu-synthetic' },
  },
});

const persons = Number(args.persons);
const seed = Number(args.seed);
const url = process.env.DATABASE_URL;
const entityCode = args.entity ?? `synthetic-${persons}-${seed}`;
const database = await openDatabase(
  url ? { kind: 'postgres', url, poolSize: 2 } : { kind: 'pglite', dataDir: args['data-dir'] },
);
const sink = url ? await copySink(url) : insertSink(database);
const started = Date.now();
const seconds = () => ((Date.now() - started) / 1000).toFixed(1);
let last = 0;
const result = await loadSynthetic(
  database,
  sink,
  {
    entityCode,
    persons,
    caseFiles: Number(args['case-files'] ?? 2 * persons),
    seed,
    duplicateRate: Number(args.duplicates),
    contentPerFile: Number(args.content),
    password: args.password,
    today: todayIn('Europe/Madrid', new Date()),
  },
  (what, done, total) => {
    if (Date.now() - last > 5000 || done === total) {
      last = Date.now();
      console.log(
        `  ${what}: ${done.toLocaleString('en')} of ${total.toLocaleString('en')} (${seconds()} s)`,
      );
    }
  },
);
const loadedIn = seconds();
console.log(`analysing the tables (${seconds()} s)`);
await sink.run(url ? 'VACUUM (ANALYZE)' : 'ANALYZE');
await sink.close();
await database.close();
mkdirSync('.bench', { recursive: true });
const manifest = join('.bench', `${entityCode}.duplicates.json`);
writeFileSync(manifest, JSON.stringify(result.duplicates, null, 0));
console.log(
  `\nentity ${entityCode} (${result.entityId}) loaded in ${loadedIn} s, analysed by ${seconds()} s`,
);
for (const [table, count] of Object.entries(result.counts)) {
  console.log(`  ${table.padEnd(28)} ${count.toLocaleString('en').padStart(12)}`);
}
console.log(`  planted duplicate pairs: ${result.duplicates.length} (${manifest})`);
console.log(`  professionals: ${result.professionals.size}, password "${args.password}"`);
