// `pnpm test`: every check CI runs, in order, with the time each stage took, ending with one line
// `tests: N passed, N failed, N skipped` counted by vitest.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const reportDir = mkdtempSync(join(tmpdir(), 'aftersale-test-'));
const report = join(reportDir, 'vitest.json');
const stages = [
  ['build', 'pnpm', ['run', 'build']],
  ['typecheck', 'pnpm', ['run', 'typecheck']],
  ['lint', 'pnpm', ['run', 'lint']],
  ['docs site (TypeDoc, VitePress)', 'pnpm', ['run', 'docs:build']],
  [
    'unit and integration tests',
    'pnpm',
    ['exec', 'vitest', 'run', '--config', '.ci/vitest.config.ts', '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
  ],
  ['package checks (publint, attw)', 'pnpm', ['run', 'test:packages']],
  ['demo (pnpm demo)', 'pnpm', ['run', 'demo']],
  ['examples', 'pnpm', ['run', 'examples']],
];

const timings = [];
let failed = null;
for (const [name, command, args] of stages) {
  const started = performance.now();
  console.log(`\n▶ ${name}`);
  const result = spawnSync(command, args, { stdio: 'inherit' });
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  timings.push(`${name}: ${seconds}s`);
  if (result.status !== 0) {
    failed = name;
    break;
  }
}

console.log('\nStage times:');
for (const line of timings) console.log(`  ${line}`);
let counts = null;
try {
  const json = JSON.parse(readFileSync(report, 'utf8'));
  counts = { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
} catch {
  // the test stage did not run (an earlier stage failed) or wrote no report
}
rmSync(reportDir, { recursive: true, force: true });
if (failed) console.error(`\nFAILED at stage: ${failed}`);
if (counts) console.log(`tests: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(failed ? 1 : 0);
