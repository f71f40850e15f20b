// The end of `.ci/run`: every stage's time and counts (the JSON lines that `npm test` wrote to
// CALIU_TEST_SUMMARY, and .ci/run's own install steps), the slowest stages, the budget, and the
// one closing line `N passed, N failed` for the whole run.
//   node scripts/ci-report.mjs FILE --started EPOCH_SECONDS [--budget-minutes 45]
import { existsSync, readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { started: { type: 'string' }, 'budget-minutes': { type: 'string', default: '45' } },
});
const file = positionals[0];
const lines =
  file && existsSync(file)
    ? readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))
    : [];
const elapsed = values.started ? Date.now() / 1000 - Number(values.started) : null;
const budget = Number(values['budget-minutes']) * 60;

const minutes = (seconds) => {
  const s = Math.round(seconds);
  return `${Math.floor(s / 60)} min ${String(s % 60).padStart(2, '0')} s`;
};
const label = (l) => (l.engine ? `${l.stage} (${l.engine})` : l.stage);
const width = Math.max(20, ...lines.map((l) => label(l).length));

console.log('\n=== CI stages ===');
for (const l of lines) {
  const counts =
    l.passed === undefined
      ? ''
      : `  ${l.passed} passed, ${l.failed} failed${l.skipped ? `, ${l.skipped} skipped` : ''}`;
  console.log(`${label(l).padEnd(width)}  ${minutes(l.seconds).padStart(12)}${counts}`);
}
const slowest = [...lines].sort((a, b) => b.seconds - a.seconds).slice(0, 3);
console.log(`Slowest: ${slowest.map((l) => `${label(l)} ${minutes(l.seconds)}`).join('; ')}`);

const totals = { passed: 0, failed: 0, skipped: 0 };
for (const l of lines) for (const k of Object.keys(totals)) totals[k] += l[k] ?? 0;
let overBudget = false;
if (elapsed !== null) {
  console.log(`Whole run: ${minutes(elapsed)} (budget ${minutes(budget)})`);
  if (elapsed > budget) {
    overBudget = true;
    console.log(
      `Over budget: the run took ${minutes(elapsed)}, more than ${minutes(budget)}. ` +
        `Move long evidence to \`npm run test:long\`; the slowest stages are named above.`,
    );
  }
}
if (lines.length === 0) console.log('No stage reported: the suite did not run.');
console.log(
  `${totals.passed} passed, ${totals.failed} failed` +
    (totals.skipped ? `, ${totals.skipped} skipped` : ''),
);
process.exit(totals.failed > 0 || overBudget || lines.length === 0 ? 1 : 0);
