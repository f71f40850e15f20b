// `npm test`: the whole suite — check (types, lint, format), unit and integration tests, browser
// tests — ending with one line `N passed, N failed` (`, N skipped` when any test skipped).
// `--long` runs the long-running evidence instead (`npm run test:long`).
// With CALIU_NO_SKIPS=1 (CI's PostgreSQL pass) a skipped test fails the run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, '.test-results');
mkdirSync(results, { recursive: true });
const long = process.argv.includes('--long');
const totals = { passed: 0, failed: 0, skipped: 0 };
const failures = [];

function run(label, command, args, env = {}) {
  console.log(`\n▶ ${label}`);
  const started = Date.now();
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1', ...env },
  });
  console.log(
    `◀ ${label}: exit ${result.status} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  return result.status === 0;
}

/** A step that is one test: it passes or fails as a whole. */
function step(label, command, args) {
  if (run(label, command, args)) totals.passed++;
  else {
    totals.failed++;
    failures.push(label);
  }
}

/** A vitest run: its own counts, read from its JSON report. */
function vitest(label, config) {
  const report = path.join(results, `${label.replace(/\W+/g, '-')}.json`);
  rmSync(report, { force: true });
  const ok = run(label, 'npx', [
    'vitest',
    'run',
    ...(config ? ['--config', config] : []),
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${report}`,
  ]);
  if (!existsSync(report)) {
    totals.failed++;
    failures.push(`${label} (no report: the runner itself failed)`);
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  totals.passed += json.numPassedTests;
  totals.failed += json.numFailedTests;
  totals.skipped += json.numPendingTests + json.numTodoTests;
  if (json.numFailedTests > 0) failures.push(`${label}: ${json.numFailedTests} failed`);
  if (!ok && json.numFailedTests === 0) {
    totals.failed++;
    failures.push(`${label} (exited non-zero: a suite failed to load)`);
  }
}

if (long) {
  vitest('long-running evidence', 'vitest.long.config.ts');
} else {
  step('type check', 'npm', ['run', '--silent', 'typecheck']);
  step('lint (zero warnings)', 'npm', ['run', '--silent', 'lint']);
  step('format check', 'npm', ['run', '--silent', 'format:check']);
  vitest('unit and integration tests');
  if (run('build the console', 'npm', ['run', 'build', '-w', 'web'])) {
    if (run('browser available', 'bash', ['scripts/ensure-chromium.sh'])) {
      vitest('browser tests', 'e2e/vitest.config.ts');
    } else {
      totals.failed++;
      failures.push('browser tests (Chromium could not be installed)');
    }
  } else {
    totals.failed++;
    failures.push('build the console');
  }
}

const where = process.env.TEST_DATABASE_URL ? 'PostgreSQL server' : 'PGlite';
console.log(`\nDatabase: ${where}`);
if (failures.length) console.log(`Failures:\n  ${failures.join('\n  ')}`);
const noSkips = process.env.CALIU_NO_SKIPS === '1';
if (noSkips && totals.skipped > 0)
  console.log(`${totals.skipped} skipped, and this pass allows none.`);
console.log(
  `${totals.passed} passed, ${totals.failed} failed` +
    (totals.skipped ? `, ${totals.skipped} skipped` : ''),
);
process.exit(totals.failed > 0 || (noSkips && totals.skipped > 0) ? 1 : 0);
