/** Five numbers that describe a set of samples: the median is the one to quote, the rest is its spread. */
export interface Spread {
  n: number;
  min: number;
  p25: number;
  median: number;
  p75: number;
  max: number;
}

/** Linear interpolation between the closest ranks (the usual "type 7" quantile), on sorted values. */
function quantile(sorted: readonly number[], q: number): number {
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

export function summarize(samples: readonly number[]): Spread {
  if (samples.length === 0) throw new Error('summarize: no samples');
  if (samples.some((v) => !Number.isFinite(v))) throw new Error(`summarize: not a finite number in ${samples}`);
  const sorted = [...samples].sort((a, b) => a - b);
  return {
    n: sorted.length,
    min: sorted[0]!,
    p25: quantile(sorted, 0.25),
    median: quantile(sorted, 0.5),
    p75: quantile(sorted, 0.75),
    max: sorted.at(-1)!,
  };
}

/**
 * The ratio ours ÷ baseline with its spread. Samples taken in rounds (one of each per round, same length) are
 * compared round by round: the ratio is the median of the per-round ratios and the spread their quartiles, so drift
 * on a shared machine, which hits both sides of a round alike, cancels out. Otherwise the ratio is the quotient of
 * the medians and the spread the widest the two sets allow (fastest of one against slowest of the other).
 */
export function ratioSpread(ours: readonly number[], baseline: readonly number[]): Spread & { paired: boolean } {
  const a = summarize(ours);
  const b = summarize(baseline);
  if (b.min === 0) throw new Error('ratioSpread: a baseline sample is 0');
  if (ours.length === baseline.length) {
    return { ...summarize(ours.map((v, i) => v / baseline[i]!)), paired: true };
  }
  return {
    n: Math.min(a.n, b.n),
    min: a.min / b.max,
    p25: a.p25 / b.p75,
    median: a.median / b.median,
    p75: a.p75 / b.p25,
    max: a.max / b.min,
    paired: false,
  };
}
