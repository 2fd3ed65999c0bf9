/**
 * What a viewer changed on a dashboard — time range, filters, cross-filter — as URL query parameters, so a view
 * can be shared as a link and the back button steps through changes (`<ocp-dashboard url-state>`):
 * `?from=now-7d&to=now&tz=Europe%2FParis&filter.site=["North"]&xf={"chartId":…,"column":"site","value":"North"}`.
 */
import type { Cell, DataFilter, TimeRangeSpec } from '@ocp/contract';

export interface CrossFilter {
  /** The chart clicked: it is not filtered by its own selection. */
  chartId: string;
  column: string;
  value: Cell;
}

export interface ViewState {
  range?: TimeRangeSpec;
  filters: DataFilter[];
  cross?: CrossFilter;
}

const FILTER = 'filter.';
const isCell = (v: unknown): v is Cell => v === null || ['string', 'number', 'boolean'].includes(typeof v);

function json(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** The view state in `search`; what is malformed is ignored (a hand-edited URL never breaks the dashboard). */
export function readViewState(search: string): ViewState & { present: boolean } {
  const params = new URLSearchParams(search);
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const tz = params.get('tz') ?? undefined;
  const range = from || to ? { from, to, ...(tz && { timezone: tz }) } : undefined;
  const filters: DataFilter[] = [];
  for (const [key, value] of params) {
    if (!key.startsWith(FILTER) || filters.length >= 16) continue;
    const values = json(value);
    if (Array.isArray(values) && values.length > 0 && values.length <= 500 && values.every(isCell)) {
      filters.push({ column: key.slice(FILTER.length).slice(0, 128), values });
    }
  }
  const xf = json(params.get('xf')) as Partial<CrossFilter> | undefined;
  const cross =
    xf && typeof xf.chartId === 'string' && typeof xf.column === 'string' && isCell(xf.value)
      ? { chartId: xf.chartId, column: xf.column, value: xf.value }
      : undefined;
  const present = !!range || filters.length > 0 || !!cross;
  return { range, filters, cross, present };
}

/** `search` with the view state's parameters replaced (other parameters of the host page are kept). */
export function writeViewState(search: string, state: ViewState): string {
  const params = new URLSearchParams(search);
  for (const key of [...params.keys()]) {
    if (key === 'from' || key === 'to' || key === 'tz' || key === 'xf' || key.startsWith(FILTER)) params.delete(key);
  }
  if (state.range?.from !== undefined) params.set('from', String(state.range.from));
  if (state.range?.to !== undefined) params.set('to', String(state.range.to));
  if (state.range?.timezone) params.set('tz', state.range.timezone);
  for (const f of state.filters) params.set(`${FILTER}${f.column}`, JSON.stringify(f.values));
  if (state.cross) params.set('xf', JSON.stringify(state.cross));
  const text = params.toString();
  return text ? `?${text}` : '';
}
