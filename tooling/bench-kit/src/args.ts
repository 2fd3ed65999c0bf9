/** `--quick` (or OCP_BENCH_QUICK=1): small inputs and few rounds, to prove every suite still runs (CI). */
export function isQuick(argv: readonly string[] = process.argv.slice(2)): boolean {
  return argv.includes('--quick') || process.env.OCP_BENCH_QUICK === '1';
}

/** The other arguments, or OCP_BENCH_FILTER (comma-separated): suite-name filters (`pnpm bench throughput`). */
export function suiteFilters(argv: readonly string[] = process.argv.slice(2)): string[] {
  const fromEnv = (process.env.OCP_BENCH_FILTER ?? '').split(',').filter(Boolean);
  return [...argv.filter((a) => !a.startsWith('--')), ...fromEnv];
}

export function selected(name: string, filters: readonly string[]): boolean {
  return filters.length === 0 || filters.some((f) => name.includes(f));
}
