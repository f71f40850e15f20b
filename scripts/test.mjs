// `npm test`: the whole suite on one engine — static checks (types, lint, format, the console's
// build), unit and integration tests, browser tests — ending with one line `N passed, N failed`
// (`, N skipped` when any test skipped). The engine is PGlite, or the PostgreSQL database named by
// TEST_DATABASE_URL.
//
//   npm test -- --stage integration,browser   only these stages (static, integration, browser)
//   npm run test:long                          the long-running evidence instead
//
// With CALIU_NO_SKIPS=1 (CI's PostgreSQL pass) a skipped test fails the run. With
// CALIU_TEST_SUMMARY=FILE each stage's counts and time are appended to FILE as a JSON line
// (.ci/run adds them up: scripts/ci-report.mjs).
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';

const STAGES = ['static', 'integration', 'browser'];
const root = path.resolve(import.meta.dirname, '..');
const results = path.join(root, '.test-results');
mkdirSync(results, { recursive: true });

const { values } = parseArgs({
  options: { long: { type: 'boolean', default: false }, stage: { type: 'string' } },
});
const stages = values.stage ? values.stage.split(',').map((s) => s.trim()) : STAGES;
for (const stage of stages) {
  if (!STAGES.includes(stage)) {
    console.error(`Unknown stage "${stage}": choose from ${STAGES.join(', ')}.`);
    process.exit(2);
  }
}
const engine = process.env.TEST_DATABASE_URL ? 'PostgreSQL' : 'PGlite';
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
  const seconds = (Date.now() - started) / 1000;
  console.log(`◀ ${label}: exit ${result.status} in ${seconds.toFixed(1)} s`);
  return { ok: result.status === 0, seconds };
}

const noSkips = process.env.CALIU_NO_SKIPS === '1';

/**
 * Adds a stage's counts to the totals, and to CALIU_TEST_SUMMARY's file when set. Where no test
 * may be skipped, a skipped one also counts as failed.
 */
function record(stage, counts, seconds) {
  if (noSkips && counts.skipped > 0) {
    counts.failed += counts.skipped;
    failures.push(`${stage}: ${counts.skipped} skipped, and this pass allows none`);
  }
  totals.passed += counts.passed;
  totals.failed += counts.failed;
  totals.skipped += counts.skipped;
  if (process.env.CALIU_TEST_SUMMARY) {
    const line = { stage, engine, seconds: Math.round(seconds * 10) / 10, ...counts };
    appendFileSync(process.env.CALIU_TEST_SUMMARY, `${JSON.stringify(line)}\n`);
  }
}

/** A step that is one test: it passes or fails as a whole. */
function step(label, command, args) {
  const { ok, seconds } = run(label, command, args);
  if (!ok) failures.push(label);
  record(label, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 }, seconds);
  return ok;
}

/**
 * Steps that do not depend on each other, run at once (each is mostly one core's work); each
 * one's output is printed whole when it ends, so that the log reads one step at a time.
 */
async function parallelSteps(list) {
  await Promise.all(
    list.map(
      ([label, command, args]) =>
        new Promise((resolve) => {
          const started = Date.now();
          const child = spawn(command, args, {
            cwd: root,
            env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' },
          });
          let output = '';
          child.stdout.on('data', (chunk) => (output += chunk));
          child.stderr.on('data', (chunk) => (output += chunk));
          child.on('close', (code) => {
            const seconds = (Date.now() - started) / 1000;
            const ok = code === 0;
            console.log(`\n▶ ${label}\n${output.trimEnd()}`);
            console.log(`◀ ${label}: exit ${code} in ${seconds.toFixed(1)} s`);
            if (!ok) failures.push(label);
            record(label, { passed: ok ? 1 : 0, failed: ok ? 0 : 1, skipped: 0 }, seconds);
            resolve();
          });
        }),
    ),
  );
}

/** A vitest run: its own counts, read from its JSON report. */
function vitest(label, config, env = {}) {
  const report = path.join(results, `${label.replace(/\W+/g, '-')}.json`);
  rmSync(report, { force: true });
  const { ok, seconds } = run(
    label,
    'npx',
    [
      'vitest',
      'run',
      ...(config ? ['--config', config] : []),
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
    ],
    env,
  );
  if (!existsSync(report)) {
    failures.push(`${label} (no report: the runner itself failed)`);
    record(label, { passed: 0, failed: 1, skipped: 0 }, seconds);
    return;
  }
  const json = JSON.parse(readFileSync(report, 'utf8'));
  const counts = {
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    skipped: json.numPendingTests + json.numTodoTests,
  };
  if (counts.failed > 0) failures.push(`${label}: ${counts.failed} failed`);
  if (!ok && counts.failed === 0) {
    counts.failed = 1;
    failures.push(`${label} (exited non-zero: a suite failed to load)`);
  }
  record(label, counts, seconds);
}

if (values.long) {
  vitest('long-running evidence', 'vitest.long.config.ts');
} else {
  if (stages.includes('static')) {
    await parallelSteps([
      ['type check', 'npm', ['run', '--silent', 'typecheck']],
      ['lint (zero warnings)', 'npm', ['run', '--silent', 'lint']],
      ['format check', 'npm', ['run', '--silent', 'format:check']],
    ]);
    step('build the console', 'npm', ['run', '--silent', 'build', '-w', 'web']);
  }
  if (stages.includes('integration')) {
    // Every test app appends its server log here; no name, document or phone of the test data
    // may be in it, whatever the tests made fail.
    const logs = path.join(results, `server-logs-${engine}`);
    rmSync(logs, { recursive: true, force: true });
    mkdirSync(logs, { recursive: true });
    vitest('unit and integration tests', undefined, { CALIU_TEST_LOG_DIR: logs });
    step('no personal data in the server log', 'node', [
      '--import',
      'tsx',
      'scripts/scan-test-logs.mjs',
      logs,
    ]);
  }
  if (stages.includes('browser')) {
    // The browser tests serve the built console (e2e/harness.ts builds it when missing).
    if (step('browser available', 'bash', ['scripts/ensure-chromium.sh'])) {
      vitest('browser tests', 'e2e/vitest.config.ts');
    }
  }
}

console.log(`\nDatabase: ${engine}`);
if (failures.length) console.log(`Failures:\n  ${failures.join('\n  ')}`);
console.log(
  `${totals.passed} passed, ${totals.failed} failed` +
    (totals.skipped ? `, ${totals.skipped} skipped` : ''),
);
process.exit(totals.failed > 0 ? 1 : 0);
