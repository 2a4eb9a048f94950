/**
 * `npm test`: the whole suite (unit, integration on PostgreSQL and PGlite, client components,
 * browser end-to-end), then one plain closing line "N passed, N failed" that CI reads.
 * Extra arguments go to Vitest (e.g. `npm test -- --project unit`).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const report = path.resolve('test-artifacts/vitest-report.json');
fs.mkdirSync(path.dirname(report), { recursive: true });
fs.rmSync(report, { force: true });

const vitest = path.resolve('node_modules/vitest/vitest.mjs');
const run = spawnSync(process.execPath, [vitest, 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`, ...process.argv.slice(2)], {
  stdio: 'inherit',
});

let passed = 0;
let failed = 0;
let skipped = 0;
if (fs.existsSync(report)) {
  const json = JSON.parse(fs.readFileSync(report, 'utf8')) as { numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number; numTotalTestSuites: number; testResults: { status: string; assertionResults: { status: string }[] }[] };
  passed = json.numPassedTests;
  // A file that failed without any failed test (an error while loading it, a failing hook) counts once.
  const brokenFiles = json.testResults.filter((r) => r.status === 'failed' && !r.assertionResults.some((a) => a.status === 'failed')).length;
  failed = json.numFailedTests + brokenFiles;
  skipped = json.numPendingTests + json.numTodoTests;
} else {
  failed = 1;
}
if (run.status !== 0 && failed === 0) failed = 1;
if (skipped) console.log(`\n${skipped} skipped`);
// CI reads this last line, exactly in this form.
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
