#!/usr/bin/env node
// Runs a package's node:test files (test/**/*.test.ts) through tsx with the spec reporter on stdout and the
// counting reporter beside it, then prints this suite's `N passed, N failed` line.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readResults, summaryLine } from './results.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const pkg = JSON.parse(fs.readFileSync('package.json', 'utf8'));
const target = process.env.OCP_TEST_TARGET === 'postgres' ? 'postgres' : 'pglite';
const suite = `${pkg.name}:${target}`;
const filter = process.argv.slice(2);

const files = fs
  .readdirSync('test', { recursive: true })
  .map(String)
  .filter((f) => f.endsWith('.test.ts'))
  .filter((f) => filter.length === 0 || filter.some((x) => f.includes(x)))
  .sort()
  .map((f) => path.join('test', f));
if (files.length === 0) {
  console.error(`${suite}: no test files under test/`);
  process.exit(1);
}

const args = [
  '--conditions=development',
  '--import',
  'tsx',
  '--test',
  `--test-concurrency=${process.env.OCP_TEST_CONCURRENCY ?? 2}`,
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  `--test-reporter=${path.join(here, 'node-reporter.mjs')}`,
  '--test-reporter-destination=/dev/null',
  ...files,
];
const run = spawnSync(process.execPath, args, {
  stdio: 'inherit',
  env: { ...process.env, OCP_TEST_SUITE: suite, OCP_TEST_TARGET: target },
});
const mine = readResults().filter((r) => r.suite === suite);
const { line, failed } = summaryLine(mine);
console.log(`\n${suite}: ${line}`);
process.exit(run.status === 0 && failed === 0 && mine.length > 0 ? 0 : 1);
