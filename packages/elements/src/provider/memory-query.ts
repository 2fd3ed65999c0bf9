import type { ChartData, ChartDataParams, Columns, Mapping, SharingPermissions } from '@ocp/contract';
import { applyFilters } from '@ocp/contract/filters';
import { resolveTimeRange } from '@ocp/contract/time-range';

/** A time as epoch ms (ISO strings without an offset are UTC), NaN when it is not one. */
function toMillis(v: unknown): number {
  if (typeof v === 'number') return v;
  if (typeof v !== 'string' || !v) return Number.NaN;
  return Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(v) || !v.includes('T') ? v : `${v}Z`);
}

/**
 * What the server's data engine does to inline data, in memory: filters, the range on a time x axis, and a
 * reduction to about two points per pixel of `width` (every k-th row here, where the server uses MinMaxLTTB), so
 * stories and tests see range, filter and zoom requests change the data as they would against the server.
 */
export function queryInline(
  columns: Columns,
  mapping: Mapping,
  params: ChartDataParams = {},
): { columns: Columns; meta: ChartData['meta'] } {
  const sourceColumns = Object.keys(columns);
  let rows = Math.max(0, ...Object.values(columns).map((c) => c.length));
  const sourcePoints = rows;
  const filtered = applyFilters(columns, params.filters);
  let out = filtered.columns;
  const x = out[mapping.x] ?? [];
  const timeBased = x.some((v) => typeof v === 'string' && !Number.isNaN(toMillis(v)));
  const keep = (pick: (i: number) => boolean) => {
    const idx: number[] = [];
    for (let i = 0; i < rows; i++) if (pick(i)) idx.push(i);
    out = Object.fromEntries(Object.entries(out).map(([k, v]) => [k, idx.map((i) => v[i] ?? null)]));
    rows = idx.length;
  };
  rows = Math.max(0, ...Object.values(out).map((c) => c.length));
  if (params.range && x.some((v) => !Number.isNaN(toMillis(v)))) {
    const r = resolveTimeRange(params.range);
    const from = r.from ? Date.parse(r.from) : Number.NEGATIVE_INFINITY;
    const to = r.to ? Date.parse(r.to) : Number.POSITIVE_INFINITY;
    const xs = out[mapping.x] ?? [];
    keep((i) => {
      const ms = toMillis(xs[i]);
      return ms >= from && ms <= to;
    });
  }
  let downsampled = false;
  if (params.width && rows > params.width * 2) {
    const step = Math.ceil(rows / (params.width * 2));
    keep((i) => i % step === 0);
    downsampled = true;
  }
  return {
    columns: out,
    meta: {
      sourcePoints,
      returnedPoints: rows,
      downsampled,
      columns: sourceColumns,
      timeBased,
      filtered: filtered.applied,
      x: mapping.x,
      ...(mapping.series && { series: mapping.series }),
    },
  };
}

/** The mapped columns (x, series, y…) as CSV, the way the server's export writes them. */
export function toCsv(columns: Columns, mapping: Mapping): string {
  const names = [...new Set([mapping.x, ...(mapping.series ? [mapping.series] : []), ...mapping.y])].filter(
    (c) => c in columns,
  );
  const cell = (v: unknown) => {
    const text = v === null || v === undefined ? '' : String(v);
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const n = Math.max(0, ...names.map((c) => columns[c]!.length));
  const lines = [names.map(cell).join(',')];
  for (let i = 0; i < n; i++) lines.push(names.map((c) => cell(columns[c]![i])).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * A sharing link's locks over what its viewer asked for, as the server applies them: the locked range wins (the
 * memory provider does not intersect, it replaces), and a locked filter keeps only the values it allows.
 */
export function withinLocks(permissions: SharingPermissions, params: ChartDataParams = {}): ChartDataParams {
  const out = { ...params };
  if (permissions.lockedRange) out.range = permissions.lockedRange;
  if (permissions.lockedFilters?.length) {
    const asked = params.filters ?? [];
    const locked = permissions.lockedFilters.map((lock) => {
      const wanted = asked.find((f) => f.column === lock.column);
      return {
        column: lock.column,
        values: wanted ? wanted.values.filter((v) => lock.values.includes(v)) : lock.values,
      };
    });
    out.filters = [...locked, ...asked.filter((f) => !locked.some((l) => l.column === f.column))];
  }
  return out;
}
