// Scans the server log of a whole test run for personal data of the test data (names, DNI/NIE
// numbers, phone numbers). Run the tests with CALIU_TEST_LOG_DIR=<dir> (every test app appends its
// log lines there), then: node --import tsx scripts/scan-test-logs.mjs <dir>. Exit 1 on a find.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { personalDataIn } from '../server/src/testing/log-scan.ts';

const dir = process.argv[2] ?? process.env.CALIU_TEST_LOG_DIR;
if (!dir) {
  console.error('usage: node --import tsx scripts/scan-test-logs.mjs <log directory>');
  process.exit(2);
}
let lines = 0;
const findings = [];
for (const file of readdirSync(dir).filter((f) => f.endsWith('.log'))) {
  for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
    if (!line) continue;
    lines++;
    const found = personalDataIn(line);
    if (found.length) findings.push(`${file}: ${found.join(', ')} in ${line.slice(0, 300)}`);
  }
}
console.log(`Scanned ${lines} log lines in ${dir}: ${findings.length} with personal data.`);
for (const f of findings.slice(0, 50)) console.log(`  ${f}`);
process.exit(findings.length ? 1 : 0);
