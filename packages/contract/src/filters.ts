/**
 * Dashboard filters on a column's values (site, source, category…): a row stays when its cell equals one of the
 * filter's values. Zod-free, so the server's data engine and the in-memory provider filter with the same code.
 */
import type { Cell, Columns } from './traces.js';

export interface DataFilter {
  column: string;
  /** The values to keep (OR within a filter; filters on different columns combine with AND). */
  values: Cell[];
}

/** Distinct values `charts.filterValues` returns at most (the input's `limit` may ask for fewer). */
export const MAX_FILTER_VALUES = 1000;

function keyOf(v: Cell | undefined): string {
  return v === undefined || v === null ? 'null' : `${typeof v}:${String(v)}`;
}

/**
 * The rows of `columns` that every applicable filter keeps. A filter on a column the data does not have does not
 * apply (the chart does not "have" that column), and is left out of `applied`.
 */
export function applyFilters(
  columns: Columns,
  filters: readonly DataFilter[] | undefined,
): { columns: Columns; applied: string[] } {
  const active = (filters ?? []).filter((f) => f.column in columns);
  if (active.length === 0) return { columns, applied: [] };
  const sets = active.map((f) => ({ values: columns[f.column]!, keep: new Set(f.values.map(keyOf)) }));
  let n = 0;
  for (const values of Object.values(columns)) n = Math.max(n, values.length);
  const rows: number[] = [];
  for (let i = 0; i < n; i++) if (sets.every((s) => s.keep.has(keyOf(s.values[i])))) rows.push(i);
  const out: Columns = {};
  for (const [name, values] of Object.entries(columns)) out[name] = rows.map((r) => values[r] ?? null);
  return { columns: out, applied: active.map((f) => f.column) };
}

/**
 * The distinct values of `column`, most frequent first (ties by value), at most `limit`; `search` keeps values whose
 * text contains it (case-insensitive). `truncated` says there were more.
 */
export function distinctValues(
  columns: Columns,
  column: string,
  limit = 200,
  search?: string,
): { values: Cell[]; truncated: boolean } {
  const counts = new Map<string, { value: Cell; n: number }>();
  const needle = search?.trim().toLowerCase();
  for (const v of columns[column] ?? []) {
    if (
      needle &&
      !String(v ?? '')
        .toLowerCase()
        .includes(needle)
    )
      continue;
    const k = keyOf(v);
    const entry = counts.get(k);
    if (entry) entry.n++;
    else counts.set(k, { value: v ?? null, n: 1 });
  }
  const sorted = [...counts.values()].sort((a, b) => b.n - a.n || String(a.value).localeCompare(String(b.value)));
  const max = Math.min(limit, MAX_FILTER_VALUES);
  return { values: sorted.slice(0, max).map((e) => e.value), truncated: sorted.length > max };
}
