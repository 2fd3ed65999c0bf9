import type { Cell, ChartDataParams, DataFilter, SharingPermissions } from '@ocp/contract';
import { normalizeRange } from '../data/engine.js';

/**
 * What a viewer of a sharing link asked for, held inside what the link locks: the range is the intersection of
 * the requested and the locked range (zooming in narrows it; nothing widens it), and each locked filter keeps
 * only values it allows (a viewer's filter on a locked column narrows it; a value outside it matches nothing).
 * The server applies this to every read through the link: data, filter options and CSV export alike.
 */
export function withinLocks(
  permissions: SharingPermissions,
  params: ChartDataParams,
  now = Date.now(),
): ChartDataParams {
  const out: ChartDataParams = { ...params };
  if (permissions.lockedRange) {
    const locked = normalizeRange(permissions.lockedRange, now) ?? {};
    const asked = normalizeRange(params.range, now) ?? {};
    const later = (a?: string | number, b?: string | number) =>
      a === undefined ? b : b === undefined ? a : Date.parse(String(a)) >= Date.parse(String(b)) ? a : b;
    const earlier = (a?: string | number, b?: string | number) =>
      a === undefined ? b : b === undefined ? a : Date.parse(String(a)) <= Date.parse(String(b)) ? a : b;
    out.range = { from: later(locked.from, asked.from), to: earlier(locked.to, asked.to) };
  }
  if (permissions.lockedFilters?.length) {
    const keyOf = (v: Cell) => JSON.stringify(v);
    const asked = params.filters ?? [];
    const lockedColumns = new Set(permissions.lockedFilters.map((f) => f.column));
    const merged: DataFilter[] = permissions.lockedFilters.map((lock) => {
      const allowed = new Set(lock.values.map(keyOf));
      let values = lock.values;
      for (const f of asked.filter((a) => a.column === lock.column)) {
        values = f.values.filter((v) => allowed.has(keyOf(v)));
      }
      return { column: lock.column, values };
    });
    out.filters = [...merged, ...asked.filter((f) => !lockedColumns.has(f.column))];
  }
  return out;
}
