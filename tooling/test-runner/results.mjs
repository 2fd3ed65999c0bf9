// Where each suite writes its counts, and how they are read back. Shared by the reporters and run-all.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function resultsDir() {
  return process.env.OCP_TEST_RESULTS_DIR ?? path.join(repoRoot, '.test-results');
}

/** Records one suite's counts: {suite, passed, failed, skipped}. */
export function writeResult(suite, counts) {
  const dir = resultsDir();
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${suite.replace(/[^a-z0-9.-]+/gi, '_')}.json`);
  fs.writeFileSync(file, JSON.stringify({ suite, ...counts }, null, 2));
}

export function readResults() {
  const dir = resultsDir();
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
}

export function summaryLine(results) {
  const passed = results.reduce((n, r) => n + r.passed, 0);
  const failed = results.reduce((n, r) => n + r.failed, 0);
  return { passed, failed, line: `${passed} passed, ${failed} failed` };
}
