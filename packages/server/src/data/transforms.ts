import type { Cell, Columns, Transform } from '@ocp/contract';
import { dataError } from './errors.js';
import { bucketStart, toMillis } from './time.js';

type Of<T extends Transform['type']> = Extract<Transform, { type: T }>;

export function rowCount(columns: Columns): number {
  let n = 0;
  for (const values of Object.values(columns)) n = Math.max(n, values.length);
  return n;
}

/** The same rows of every column, in the order given. */
export function pickRows(columns: Columns, rows: ArrayLike<number>): Columns {
  const out: Columns = {};
  for (const [name, values] of Object.entries(columns)) {
    const picked = new Array<Cell>(rows.length);
    for (let i = 0; i < rows.length; i++) picked[i] = values[rows[i]!] ?? null;
    out[name] = picked;
  }
  return out;
}

function column(columns: Columns, name: string, where: string): Cell[] {
  const values = columns[name];
  if (!values) {
    const known = Object.keys(columns).slice(0, 20).join(', ');
    throw dataError('BAD_REQUEST', `${where}: no column "${name}" (columns: ${known || 'none'})`);
  }
  return values;
}

/**
 * Applies the row transforms in order (`downsample` only configures the final downsampling step and is skipped
 * here). `where` prefixes error messages with the transform's position, e.g. `transforms.2`.
 */
export function applyTransforms(columns: Columns, transforms: Transform[] = []): Columns {
  let current = columns;
  transforms.forEach((t, i) => {
    const where = `dataSourceConfig.transforms.${i}`;
    if (t.type === 'timeRange') current = timeRange(current, t, where);
    else if (t.type === 'aggregate') current = aggregate(current, t, where);
    else if (t.type === 'pivot') current = pivot(current, t, where);
  });
  return current;
}

/** Keeps the rows whose `column` lies in [from, to] (both ends included; either may be left open). */
export function timeRange(columns: Columns, t: Omit<Of<'timeRange'>, 'type'>, where = 'timeRange'): Columns {
  const values = column(columns, t.column, where);
  const from = t.from === undefined ? Number.NEGATIVE_INFINITY : toMillis(t.from);
  const to = t.to === undefined ? Number.POSITIVE_INFINITY : toMillis(t.to);
  if (Number.isNaN(from) || Number.isNaN(to)) throw dataError('BAD_REQUEST', `${where}: from/to is not a time`);
  const keep: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const ms = toMillis(values[i]);
    if (ms >= from && ms <= to) keep.push(i);
  }
  return keep.length === values.length ? columns : pickRows(columns, keep);
}

interface Accumulator {
  sum: number;
  count: number;
  numeric: number;
  min: number;
  max: number;
}

/**
 * Groups rows by `groupBy` (and the start of their time bucket), computing each measure per group. Numeric measures
 * ignore cells that are not numbers; `count` counts non-null cells. Groups come out in bucket order (first-seen
 * order within a bucket, and without a bucket); bucket values are ISO-8601 strings.
 */
export function aggregate(columns: Columns, t: Omit<Of<'aggregate'>, 'type'>, where = 'aggregate'): Columns {
  const keys = t.groupBy.map((name) => column(columns, name, where));
  const bucketValues = t.bucket ? column(columns, t.bucket.column, where) : null;
  const measured = t.measures.map((m) => column(columns, m.column, where));
  const groups = new Map<string, { bucket: number; key: Cell[]; acc: Accumulator[] }>();
  const n = rowCount(columns);
  for (let row = 0; row < n; row++) {
    let bucket = 0;
    if (bucketValues) {
      const ms = toMillis(bucketValues[row]);
      if (Number.isNaN(ms)) continue;
      bucket = bucketStart(ms, t.bucket!.every);
    }
    const key = keys.map((k) => k[row] ?? null);
    const id = JSON.stringify([bucket, key]);
    let group = groups.get(id);
    if (!group) {
      group = {
        bucket,
        key,
        acc: t.measures.map(() => ({ sum: 0, count: 0, numeric: 0, min: Infinity, max: -Infinity })),
      };
      groups.set(id, group);
    }
    for (let m = 0; m < measured.length; m++) {
      const v = measured[m]![row];
      if (v === null || v === undefined) continue;
      const acc = group.acc[m]!;
      acc.count++;
      if (typeof v === 'number' && Number.isFinite(v)) {
        acc.numeric++;
        acc.sum += v;
        if (v < acc.min) acc.min = v;
        if (v > acc.max) acc.max = v;
      }
    }
  }
  const ordered = [...groups.values()];
  if (bucketValues) ordered.sort((a, b) => a.bucket - b.bucket); // stable: first-seen order within a bucket
  const out: Columns = {};
  if (t.bucket) out[t.bucket.column] = ordered.map((g) => new Date(g.bucket).toISOString());
  t.groupBy.forEach((name, k) => {
    out[name] = ordered.map((g) => g.key[k]!);
  });
  t.measures.forEach((m, i) => {
    out[m.as ?? m.column] = ordered.map((g) => measure(g.acc[i]!, m.op));
  });
  return out;
}

function measure(acc: Accumulator, op: Of<'aggregate'>['measures'][number]['op']): Cell {
  if (op === 'count') return acc.count;
  if (acc.numeric === 0) return null;
  if (op === 'sum') return acc.sum;
  if (op === 'avg') return acc.sum / acc.numeric;
  return op === 'min' ? acc.min : acc.max;
}

const MAX_PIVOT_COLUMNS = 256;

/**
 * Long to wide: one row per distinct `index` value (first-seen order), one column per distinct value of
 * `columns` (named by its text), holding `values` (the last one wins when a pair repeats; null where none).
 */
export function pivot(columns: Columns, t: Omit<Of<'pivot'>, 'type'>, where = 'pivot'): Columns {
  const index = column(columns, t.index, where);
  const names = column(columns, t.columns, where);
  const values = column(columns, t.values, where);
  const rowOf = new Map<Cell, number>();
  const wide = new Map<string, Cell[]>();
  const indexOut: Cell[] = [];
  for (let i = 0; i < index.length; i++) {
    const key = index[i] ?? null;
    let row = rowOf.get(key);
    if (row === undefined) {
      row = indexOut.length;
      rowOf.set(key, row);
      indexOut.push(key);
    }
    const name = String(names[i] ?? null);
    let target = wide.get(name);
    if (!target) {
      if (name === t.index) throw dataError('BAD_REQUEST', `${where}: pivot column "${name}" clashes with the index`);
      if (wide.size >= MAX_PIVOT_COLUMNS) {
        throw dataError('BAD_REQUEST', `${where}: more than ${MAX_PIVOT_COLUMNS} distinct values in "${t.columns}"`);
      }
      target = [];
      wide.set(name, target);
    }
    target[row] = values[i] ?? null;
  }
  const out: Columns = { [t.index]: indexOut };
  for (const [name, cells] of wide) out[name] = Array.from({ length: indexOut.length }, (_, r) => cells[r] ?? null);
  return out;
}
