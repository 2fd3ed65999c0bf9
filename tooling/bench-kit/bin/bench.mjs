#!/usr/bin/env node
// `pnpm bench [--quick] [suite filters…]`: every package's `bench` task through turbo, one at a time. The options
// travel as environment variables (OCP_BENCH_QUICK, OCP_BENCH_FILTER), not as turbo pass-through arguments: those
// would enter the hash of every task, dependencies included, so the elements' build would miss turbo's cache
// whenever the arguments changed.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const args = process.argv.slice(2);
const env = { ...process.env, TURBO_TELEMETRY_DISABLED: '1' };
if (args.includes('--quick')) env.OCP_BENCH_QUICK = '1';
const filters = args.filter((a) => !a.startsWith('--'));
if (filters.length) env.OCP_BENCH_FILTER = filters.join(',');
const run = spawnSync('pnpm', ['exec', 'turbo', 'run', 'bench', '--concurrency=1'], {
  cwd: root,
  env,
  stdio: 'inherit',
});
process.exit(run.status ?? 1);
