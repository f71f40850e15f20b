/**
 * Loads a synthetic council: `npm run seed:synthetic -- --persons 1000000 [--case-files N]
 * [--seed 1] [--duplicates 0.02] [--content 3] [--entity code] [--data-dir ./data]`.
 *
 * Into DATABASE_URL (PostgreSQL, by COPY as the URL's role, which must bypass row-level
 * security: the owner in a development or CI database), else into the PGlite data directory
 * given (the one `npm start` uses is ./data; stop Caliu first). Writes the planted duplicate
 * pairs to `.bench/<entity>.duplicates.json` and prints what it loaded and how fast.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/src/db/connect';
import { loadCouncil, SYNTHETIC_PASSWORD } from './harness/population';

const { values: args } = parseArgs({
  options: {
    persons: { type: 'string', default: '10000' },
    'case-files': { type: 'string' },
    seed: { type: 'string', default: '1' },
    duplicates: { type: 'string', default: '0.02' },
    content: { type: 'string', default: '3' },
    entity: { type: 'string' },
    'data-dir': { type: 'string', default: 'data' },
    password: { type: 'string', default: SYNTHETIC_PASSWORD },
  },
});

const url = process.env.DATABASE_URL || null;
const database = await openDatabase(
  url ? { kind: 'postgres', url, poolSize: 2 } : { kind: 'pglite', dataDir: args['data-dir'] },
);
try {
  const result = await loadCouncil(
    database,
    url,
    {
      persons: Number(args.persons),
      ...(args['case-files'] ? { caseFiles: Number(args['case-files']) } : {}),
      seed: Number(args.seed),
      duplicateRate: Number(args.duplicates),
      contentPerFile: Number(args.content),
      ...(args.entity ? { entityCode: args.entity } : {}),
      password: args.password,
    },
    (line) => console.log(line),
  );
  console.log(
    `\nentity ${result.entityCode} (${result.entityId}) loaded and analysed in ${result.seconds.toFixed(1)} s`,
  );
  for (const [table, count] of Object.entries(result.counts)) {
    console.log(`  ${table.padEnd(28)} ${count.toLocaleString('en').padStart(12)}`);
  }
  console.log(`  planted duplicate pairs: ${result.duplicates.length} (${result.manifest})`);
  console.log(`  professionals: ${result.professionals.size}, password "${args.password}"`);
} finally {
  await database.close();
}
