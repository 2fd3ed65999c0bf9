/** One variant of a comparison; `rounds` times it (ms), whatever it returns. */
export type Variant = () => unknown;
/** A variant that measures itself (e.g. in the browser, or requests per second) and returns its sample. */
export type MeasuringVariant = () => Promise<number> | number;

async function run<K extends string>(
  count: number,
  variants: Record<K, () => unknown>,
  warmup: number,
  sample: (fn: () => unknown) => Promise<number>,
): Promise<Record<K, number[]>> {
  const names = Object.keys(variants) as K[];
  const samples = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < warmup + count; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(round + k) % names.length]!;
      const value = await sample(variants[name]);
      if (round >= warmup) samples[name].push(value);
    }
  }
  return samples;
}

/**
 * Runs every variant once per round, `warmup` untimed rounds first, and returns each variant's times (ms) in
 * round order (so `ratioSpread` can pair them). The order rotates from round to round, so no variant always goes
 * first on a machine that warms up or slows down as it runs.
 */
export function rounds<K extends string>(
  count: number,
  variants: Record<K, Variant>,
  { warmup = 0 }: { warmup?: number } = {},
): Promise<Record<K, number[]>> {
  return run(count, variants, warmup, async (fn) => {
    const started = performance.now();
    await fn();
    return performance.now() - started;
  });
}

/** The same, for variants that return their own measurement. */
export function measuredRounds<K extends string>(
  count: number,
  variants: Record<K, MeasuringVariant>,
  { warmup = 0 }: { warmup?: number } = {},
): Promise<Record<K, number[]>> {
  return run(count, variants, warmup, async (fn) => {
    const value = await fn();
    if (typeof value !== 'number') throw new Error(`a measuring variant returned ${typeof value}`);
    return value;
  });
}
