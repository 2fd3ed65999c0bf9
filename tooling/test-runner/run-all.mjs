#!/usr/bin/env node
// `pnpm test`: every package's tests on embedded PGlite, then the database suites again on a real PostgreSQL
// server (each test file in its own throwaway database), then one closing `N passed, N failed` line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { readResults, repoRoot, resultsDir, summaryLine } from './results.mjs';

const pgUrl = process.env.OCP_TEST_PG_URL ?? 'postgres://root@127.0.0.1:5432/postgres';
const env = {
  ...process.env,
  TURBO_TELEMETRY_DISABLED: '1',
  OCP_TEST_PG_URL: pgUrl,
  OCP_TEST_RESULTS_DIR: resultsDir(),
};
delete env.DATABASE_URL; // tests pick their database from OCP_TEST_TARGET, never from a developer's DATABASE_URL

fs.rmSync(resultsDir(), { recursive: true, force: true });
fs.mkdirSync(resultsDir(), { recursive: true });

function turbo(task, target) {
  console.log(`\n=== ${task} on ${target} ===\n`);
  const r = spawnSync('pnpm', ['exec', 'turbo', 'run', task, '--concurrency=1', '--continue', '--output-logs=full'], {
    cwd: repoRoot,
    stdio: 'inherit',
    env: { ...env, OCP_TEST_TARGET: target },
  });
  return r.status === 0;
}

function reachable(url) {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect({ host: hostname, port: Number(port || 5432) });
    socket.setTimeout(2000);
    socket.once('connect', () => resolve(socket.end() && true));
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => resolve(socket.destroy() && false));
  });
}

let ok = turbo('test', 'pglite');
let pgNote = '';
if (await reachable(pgUrl)) {
  ok = turbo('test:pg', 'postgres') && ok;
} else if (process.env.CI) {
  pgNote = `PostgreSQL at ${pgUrl} is not reachable; CI requires it.`;
  ok = false;
} else {
  pgNote = `PostgreSQL at ${pgUrl} is not reachable: the PostgreSQL suites were not run (set OCP_TEST_PG_URL).`;
}

const results = readResults().sort((a, b) => a.suite.localeCompare(b.suite));
console.log('\n=== summary ===');
for (const r of results) {
  console.log(
    `${r.suite.padEnd(32)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(4)} failed ${String(r.skipped ?? 0).padStart(3)} skipped`,
  );
  for (const f of r.failures ?? []) console.log(`    ✗ ${f}`);
}
if (pgNote) console.log(pgNote);
const { passed, failed } = summaryLine(results);
// A suite that crashed outside any test still counts as a failure in the closing line.
const crashed = !ok && failed === 0 ? 1 : 0;
if (crashed) console.log('A test command exited with an error outside any test (see the log above).');
console.log(`${passed} passed, ${failed + crashed} failed`);
process.exit(ok && failed === 0 ? 0 : 1);
