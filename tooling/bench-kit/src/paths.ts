import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Where results go: bench/results/ (git-ignored) for full runs, bench/results/quick/ for `--quick` runs, so a quick
 * run in CI or on a laptop never replaces the numbers the docs are generated from.
 */
export function resultsDir(quick: boolean): string {
  const base = process.env.OCP_BENCH_RESULTS_DIR ?? path.join(repoRoot, 'bench', 'results');
  return quick ? path.join(base, 'quick') : base;
}
