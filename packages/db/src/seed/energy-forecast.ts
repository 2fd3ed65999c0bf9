/**
 * The energy demo's baseline forecast and anomaly detector. Pure functions over plain arrays, so they are tested
 * on known inputs and reused by anything that writes energy_forecasts / energy_anomalies.
 *
 * Why seasonal naive and not Holt-Winters: load data at 15-minute resolution has a weekly cycle of 672 steps.
 * Holt-Winters would carry 672 seasonal states whose initialisation and smoothing constants must be fitted, and it
 * is known to be fragile with such long seasons (and it ignores the daily cycle inside the weekly one). The
 * seasonal naive forecast, the median of the same slot over the last few weeks, is the standard benchmark baseline
 * (Hyndman & Athanasopoulos, FPP3 §5.2): no parameters to fit, deterministic, O(n), and hard to beat on load
 * profiles. Its band comes from the robust spread of its own residuals.
 */

/** 1.4826 · MAD estimates the standard deviation of normally distributed data. */
const MAD_TO_SIGMA = 1.4826;

export interface SeasonalNaiveOptions {
  /** Steps per season (672 = one week of 15-minute steps). */
  season: number;
  /** How many past seasons to take the median of (default 4). */
  cycles?: number;
  /** Steps to forecast beyond the last value (at most one season; default 0). */
  horizon?: number;
  /** Band half-width in robust standard deviations of the residuals (default 1.96, about 95 %). */
  z?: number;
}

export interface SeasonalNaiveForecast {
  /** Length values.length + horizon; NaN where no past season exists yet (the first season). */
  predicted: Float64Array;
  lower: Float64Array;
  upper: Float64Array;
  /** Robust standard deviation of the in-sample residuals (1.4826 · MAD). */
  sigma: number;
}

/**
 * predicted[t] = median of values[t − k·season] for k = 1…cycles (those that exist). The median rather than the
 * mean, so that one anomalous week does not echo into the next weeks' forecasts (and get them flagged too).
 * In-sample this is a backtest that never looks at values[t] itself; beyond the end it repeats the last seasons.
 */
export function seasonalNaiveForecast(values: ArrayLike<number>, options: SeasonalNaiveOptions): SeasonalNaiveForecast {
  const { season } = options;
  const cycles = options.cycles ?? 4;
  const horizon = options.horizon ?? 0;
  const z = options.z ?? 1.96;
  if (!Number.isInteger(season) || season < 1) throw new RangeError('season must be a positive integer');
  if (horizon > season) throw new RangeError('horizon must not exceed one season');
  const n = values.length;
  const predicted = new Float64Array(n + horizon).fill(Number.NaN);
  const past = new Float64Array(cycles);
  for (let t = season; t < n + horizon; t++) {
    let count = 0;
    for (let k = 1; k <= cycles; k++) {
      const i = t - k * season;
      if (i < 0) break;
      if (i >= n) continue; // beyond the end, only seasons that were observed
      const v = values[i]!;
      if (Number.isFinite(v)) past[count++] = v;
    }
    if (count > 0) predicted[t] = middle(past.subarray(0, count).sort());
  }
  const residuals: number[] = [];
  for (let t = 0; t < n; t++) {
    const r = values[t]! - predicted[t]!;
    if (Number.isFinite(r)) residuals.push(r);
  }
  const { mad } = medianAndMad(residuals);
  const sigma = MAD_TO_SIGMA * mad;
  const lower = predicted.map((p) => p - z * sigma);
  const upper = predicted.map((p) => p + z * sigma);
  return { predicted, lower, upper, sigma };
}

export interface Anomaly {
  index: number;
  actual: number;
  expected: number;
  /** Robust z-score of the residual: (r − median) / (1.4826 · MAD). */
  score: number;
}

/**
 * Flags readings whose forecast residual lies more than `k` robust standard deviations from the median residual
 * (a Hampel-style rule on residuals). MAD, unlike the standard deviation, is not inflated by the anomalies
 * themselves. With a zero MAD (a perfectly predicted series) any non-zero residual counts as an anomaly.
 */
export function residualMadAnomalies(
  actual: ArrayLike<number>,
  expected: ArrayLike<number>,
  options: { k?: number } = {},
): Anomaly[] {
  const k = options.k ?? 5;
  const residuals: number[] = [];
  const indexes: number[] = [];
  const n = Math.min(actual.length, expected.length);
  for (let i = 0; i < n; i++) {
    const r = actual[i]! - expected[i]!;
    if (Number.isFinite(r)) {
      residuals.push(r);
      indexes.push(i);
    }
  }
  const { median, mad } = medianAndMad(residuals);
  const sigma = MAD_TO_SIGMA * mad;
  const out: Anomaly[] = [];
  residuals.forEach((r, j) => {
    const deviation = r - median;
    const score = sigma > 0 ? deviation / sigma : deviation === 0 ? 0 : Math.sign(deviation) * Number.POSITIVE_INFINITY;
    if (Math.abs(score) > k) {
      const i = indexes[j]!;
      out.push({ index: i, actual: actual[i]!, expected: expected[i]!, score });
    }
  });
  return out;
}

export function medianAndMad(values: ArrayLike<number>): { median: number; mad: number } {
  if (values.length === 0) return { median: Number.NaN, mad: Number.NaN };
  const sorted = Float64Array.from(values).sort();
  const median = middle(sorted);
  const deviations = sorted.map((v) => Math.abs(v - median)).sort();
  return { median, mad: middle(deviations) };
}

function middle(sorted: Float64Array): number {
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}
