#!/usr/bin/env node
import { execFileSync } from 'node:child_process';
// Totals the JSON reports that vitest writes under CI (see tooling/vitest) into one closing
// line, "N passed, N failed, N skipped", and fails when a package ran no test at all.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dirs = execFileSync('pnpm', ['-r', '--silent', 'exec', 'pwd'], { encoding: 'utf8' })
  .split('\n')
  .map((d) => d.trim())
  .filter((d) => d && existsSync(join(d, 'vitest.config.ts')));

let passed = 0;
let failed = 0;
let skipped = 0;
const empty = [];
for (const dir of dirs) {
  const file = join(dir, '.test-results', 'vitest.json');
  if (!existsSync(file)) {
    empty.push(dir);
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
  if (report.numTotalTests === 0) empty.push(dir);
}
for (const dir of empty) console.error(`no test report (or no test) in ${dir}`);
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || empty.length > 0 ? 1 : 0);
