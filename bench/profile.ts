/**
 * `npx tsx bench/profile.ts <path> [--user t1-tech-ssb-1] [--entity code]`: records the
 * statements one request runs (DATABASE_URL, a loaded synthetic council) and prints each with its
 * time, slowest first, replayed 5 times — where an endpoint's time goes before reaching for EXPLAIN.
 */
import { parseArgs } from 'node:util';
import pg from 'pg';
import { APP_ROLE } from '../server/src/db/connect';
import { replayIn } from './harness/baseline';
import { defaultEntityCode, SYNTHETIC_PASSWORD } from './harness/population';
import { signIn, startServer } from './harness/server';
import { since } from './harness/stats';

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    user: { type: 'string', default: 't1-tech-ssb-1' },
    entity: { type: 'string', default: defaultEntityCode(1_000_000) },
    explain: { type: 'string', default: '0' },
  },
});
const url = process.env.DATABASE_URL;
if (!url || !positionals[0]) throw new Error('usage: DATABASE_URL=… tsx bench/profile.ts <path>');
const server = await startServer({ kind: 'postgres', url });
const client = new pg.Client({ connectionString: url, options: `-c role=${APP_ROLE}` });
await client.connect();
try {
  const session = await signIn(server, args.entity, args.user, SYNTHETIC_PASSWORD);
  const statements = await server.recorder.record(async () => {
    const response = await fetch(`${server.url}${positionals[0]}`, { headers: session.headers });
    console.log(`${response.status} ${(await response.text()).length} bytes`);
  });
  const times = statements.map(() => [] as number[]);
  for (let round = 0; round < 5; round++) {
    await client.query('BEGIN');
    let i = 0;
    await replayIn(async (text, params) => {
      while (statements[i]!.text !== text) i++;
      const t = process.hrtime.bigint();
      const result = await client.query(text, params);
      times[i++]!.push(since(t));
      return result;
    }, statements);
    await client.query('ROLLBACK');
  }
  const ranked = statements
    .map((s, i) => ({ s, ms: times[i]!.sort((a, b) => a - b)[2] ?? 0 }))
    .sort((a, b) => b.ms - a.ms);
  for (const { s, ms } of ranked) {
    console.log(`${ms.toFixed(2).padStart(8)} ms  ${s.text.replace(/\s+/g, ' ').slice(0, 160)}`);
  }
  // The plans of the slowest statements (as the application's role, in a transaction rolled back).
  const tenant = statements.find((s) => s.text.includes('app.entity_id') && s.params[0])!;
  for (const { s } of ranked.slice(0, Number(args.explain))) {
    await client.query('BEGIN');
    await client.query(tenant.text, tenant.params);
    const { rows } = await client.query<{ 'QUERY PLAN': string }>(
      `EXPLAIN (ANALYZE, BUFFERS) ${s.text}`,
      s.params,
    );
    await client.query('ROLLBACK');
    console.log(`\n${s.text}\n${rows.map((r) => r['QUERY PLAN']).join('\n')}`);
  }
} finally {
  await client.end();
  await server.close();
}
