import type { Cell, Columns, Mapping } from '@ocp/contract';
import { numericView } from './storage/numeric-view.js';
import { toMillis } from './time.js';
import { rowCount } from './transforms.js';

/**
 * Largest-Triangle-Three-Buckets (Steinarsson 2013) over the candidate points `idx` (indexes into x/y, increasing):
 * keeps the first and last candidate and, from each of n − 2 equal buckets between them, the point forming the
 * largest triangle with the previously kept point and the next bucket's average. Returns n indexes.
 */
export function lttb(x: ArrayLike<number>, y: ArrayLike<number>, n: number, idx?: Int32Array): Int32Array {
  const candidates = idx ?? identity(x.length);
  const m = candidates.length;
  if (n >= m) return candidates.slice();
  if (n <= 2) return n === 2 ? Int32Array.of(candidates[0]!, candidates[m - 1]!) : candidates.slice(0, n);
  const out = new Int32Array(n);
  const every = (m - 2) / (n - 2);
  let a = 0;
  out[0] = candidates[0]!;
  for (let i = 0; i < n - 2; i++) {
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, m);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += x[candidates[j]!]!;
      avgY += y[candidates[j]!]!;
    }
    const span = nextEnd - nextStart;
    avgX /= span;
    avgY /= span;
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const ax = x[candidates[a]!]!;
    const ay = y[candidates[a]!]!;
    let best = start;
    let bestArea = -1;
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (y[candidates[j]!]! - ay) - (ax - x[candidates[j]!]!) * (avgY - ay));
      if (area > bestArea) {
        bestArea = area;
        best = j;
      }
    }
    out[i + 1] = candidates[best]!;
    a = best;
  }
  out[n - 1] = candidates[m - 1]!;
  return out;
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}

/**
 * MinMaxLTTB (Van Der Donckt et al., 2023): a linear MinMax pass keeps each of n·ratio/2 equal bins' minimum and
 * maximum, then LTTB runs on those n·ratio candidates only, so the cost is one scan however large the input. On top
 * of the paper's algorithm the global minimum and maximum are guaranteed to survive: if LTTB dropped one, it takes
 * the place of the nearest kept point that is neither first, last, nor the other extreme. Returns exactly
 * min(n, x.length) increasing indexes (n ≥ 4 for the extremes guarantee).
 */
export function minMaxLttb(x: ArrayLike<number>, y: ArrayLike<number>, n: number, ratio = 4): Int32Array {
  const len = x.length;
  if (n >= len) return identity(len);
  let candidates: Int32Array;
  const bins = Math.floor((n * ratio) / 2);
  if (len - 2 <= n * ratio) {
    candidates = identity(len);
  } else {
    const picked: number[] = [0];
    const interior = len - 2;
    for (let b = 0; b < bins; b++) {
      const start = 1 + Math.floor((b * interior) / bins);
      const end = 1 + Math.floor(((b + 1) * interior) / bins);
      if (start >= end) continue;
      let lo = start;
      let hi = start;
      for (let i = start + 1; i < end; i++) {
        const v = y[i]!;
        if (v < y[lo]!) lo = i;
        else if (v > y[hi]!) hi = i;
      }
      if (lo === hi) picked.push(lo);
      else picked.push(Math.min(lo, hi), Math.max(lo, hi));
    }
    picked.push(len - 1);
    candidates = Int32Array.from(picked);
  }
  // Every bin's first minimum and maximum is a candidate, in order: the first global extremes are among them.
  let gMin = candidates[0]!;
  let gMax = gMin;
  for (const i of candidates) {
    if (y[i]! < y[gMin]!) gMin = i;
    if (y[i]! > y[gMax]!) gMax = i;
  }
  return keepExtremes(lttb(x, y, n, candidates), [gMin, gMax]);
}

function keepExtremes(selected: Int32Array, extremes: number[]): Int32Array {
  if (selected.length < 4) return selected;
  const out = [...selected];
  const protectedSet = new Set([out[0]!, out[out.length - 1]!, ...extremes]);
  for (const e of extremes) {
    if (out.includes(e)) continue;
    // Insertion point, then the nearest replaceable neighbour (searching outwards).
    let p = out.findIndex((v) => v > e);
    if (p < 0) p = out.length;
    for (let d = 0; d < out.length; d++) {
      const left = p - 1 - d;
      const right = p + d;
      const pick = [left, right].find((k) => k > 0 && k < out.length - 1 && !protectedSet.has(out[k]!));
      if (pick !== undefined) {
        out[pick] = e;
        break;
      }
    }
    out.sort((a, b) => a - b);
  }
  return Int32Array.from(out);
}

export type DownsampleMethod = 'minmaxlttb' | 'lttb';

/** x as numbers: times as epoch ms, numbers as they are; the row index when x is neither or not increasing. */
function numericX(values: Cell[], n: number): Float64Array {
  const stored = numericView(values)?.values;
  if (stored && stored.length === n) {
    // Read from a stored dataset as numbers already: only the order is checked (NaN, an empty cell, fails it).
    return scannedOnce(stored, 'increasing', increasing) ? stored : Float64Array.from({ length: n }, (_, j) => j);
  }
  const x = new Float64Array(n);
  let previous = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    const ms = toMillis(values[i]);
    if (!(ms >= previous)) return Float64Array.from({ length: n }, (_, j) => j);
    x[i] = ms;
    previous = ms;
  }
  return x;
}

/**
 * Which rows to keep so that every trace has at most `target` points, keeping each y column's shape and extremes.
 * Traces that share x (several y columns, e.g. a stacked area) must keep the same x values, so each y column
 * picks its share of the target (an equal share; what sparse columns leave goes to the others) and the union is kept; with `mapping.series`, each series does the same among
 * its own rows. Rows where a y value is null or not a number are never chosen for that column.
 * Returns null when nothing needs to go.
 */
export function selectRows(
  columns: Columns,
  mapping: Mapping,
  target: number,
  method: DownsampleMethod,
): number[] | null {
  const n = rowCount(columns);
  // Each group: its rows (null = all rows, the common case, without an index array of n entries).
  const groups: Array<Int32Array | null> = [];
  if (mapping.series) {
    const series = columns[mapping.series] ?? [];
    const byKey = new Map<Cell, number[]>();
    for (let i = 0; i < n; i++) {
      const key = series[i] ?? null;
      const rows = byKey.get(key);
      if (rows) rows.push(i);
      else byKey.set(key, [i]);
    }
    for (const rows of byKey.values()) groups.push(Int32Array.from(rows));
  } else {
    groups.push(null);
  }
  if (groups.every((rows) => (rows ? rows.length : n) <= target)) return null;

  const xAll = numericX(columns[mapping.x] ?? [], n);
  const kept: number[] = [];
  for (const rows of groups) {
    const size = rows ? rows.length : n;
    if (size <= target) {
      for (let j = 0; j < size; j++) kept.push(rows ? rows[j]! : j);
      continue;
    }
    // Fair shares of the budget, sparsest column first, so that what a sparse column (or an empty one) leaves
    // unused goes to the others.
    const usable = mapping.y
      .map((name) => numericPoints(xAll, columns[name] ?? [], rows, size))
      .filter((p) => p.y.length > 0)
      .sort((a, b) => a.y.length - b.y.length);
    let budget = target;
    usable.forEach(({ index, x, y }, k) => {
      const share = Math.max(4, Math.floor(budget / (usable.length - k)));
      const chosen = method === 'lttb' ? lttb(x, y, share) : minMaxLttb(x, y, share);
      for (const c of chosen) kept.push(index ? index[c]! : c);
      budget -= chosen.length;
    });
  }
  return increasingUnique(kept, n);
}

/** The rows kept, in order, each once: sorted when they are few (the usual case), else through a mask of all rows. */
function increasingUnique(kept: number[], n: number): number[] {
  const out: number[] = [];
  if (kept.length * 16 > n) {
    const keep = new Uint8Array(n);
    for (const r of kept) keep[r] = 1;
    for (let i = 0; i < n; i++) if (keep[i]) out.push(i);
    return out;
  }
  const sorted = Int32Array.from(kept).sort();
  for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) out.push(sorted[i]!);
  return out;
}

/**
 * The rows of a group where the column holds a finite number, as typed arrays (one pass, no copies of cells); `index`
 * maps a point to its row (null when they are the same).
 */
function numericPoints(
  xAll: Float64Array,
  values: Cell[],
  rows: Int32Array | null,
  size: number,
): { index: Int32Array | null; x: Float64Array; y: Float64Array } {
  const stored = numericView(values);
  // A stored number column: its values without looking at a cell (NaN is an empty cell); when it is the whole
  // column and every value is a number, the stored arrays themselves (nothing is written into them), and nothing
  // is allocated (three arrays of a million zeroed entries would cost more than the downsampling's first pass).
  const whole = stored && !stored.times && !rows && stored.values.length === size && xAll.length === size;
  if (whole && scannedOnce(stored.values, 'finite', allFinite)) return { index: null, x: xAll, y: stored.values };
  const index = new Int32Array(size);
  const x = new Float64Array(size);
  const y = new Float64Array(size);
  let k = 0;
  if (stored && !stored.times && stored.values.length >= size) {
    const v = stored.values;
    for (let j = 0; j < size; j++) {
      const r = rows ? rows[j]! : j;
      if (Number.isFinite(v[r]!)) {
        index[k] = r;
        x[k] = xAll[r]!;
        y[k] = v[r]!;
        k++;
      }
    }
    return { index: index.subarray(0, k), x: x.subarray(0, k), y: y.subarray(0, k) };
  }
  for (let j = 0; j < size; j++) {
    const r = rows ? rows[j]! : j;
    const v = values[r];
    if (typeof v === 'number' && Number.isFinite(v)) {
      index[k] = r;
      x[k] = xAll[r]!;
      y[k] = v;
      k++;
    }
  }
  return { index: index.subarray(0, k), x: x.subarray(0, k), y: y.subarray(0, k) };
}

/**
 * What a scan of a stored column's values found, kept per array: a stored column's values are never written into
 * (the dataset cache shares them between charts, see numeric-view.ts), so every new chart on a dataset would scan
 * the same million values again (a third of a cold chart's downsampling).
 */
const scans = new WeakMap<Float64Array, { increasing?: boolean; finite?: boolean }>();

function scannedOnce(
  values: Float64Array,
  fact: 'increasing' | 'finite',
  scan: (values: Float64Array) => boolean,
): boolean {
  let known = scans.get(values);
  if (!known) {
    known = {};
    scans.set(values, known);
  }
  known[fact] ??= scan(values);
  return known[fact];
}

/** Non-decreasing, with no NaN (an empty cell) anywhere. */
function increasing(values: Float64Array): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i]! >= values[i - 1]!)) return false;
  return !(values.length > 0 && Number.isNaN(values[0]!));
}

function allFinite(values: Float64Array): boolean {
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i]!)) return false;
  return true;
}
