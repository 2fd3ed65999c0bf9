import type { Cell } from '@ocp/contract';
import { toMillis } from '../time.js';

/** A column's values as numbers by row (NaN where a cell is empty): epoch ms for times. */
export interface NumericView {
  values: Float64Array;
  /** The cells are ISO-8601 texts (a datetime column); otherwise they are these very numbers. */
  times: boolean;
}

/*
 * Columns read from stored datasets still go through the pipeline as the contract's cells, but downsampling, which
 * needs numbers, takes them from here: a number column's as decoded, a datetime column's parsed once, when a chart
 * first needs them, instead of a million Date.parse calls for every new chart on the dataset. Keyed by the cells
 * array itself, which the pipeline never writes into (the dataset cache shares it between charts); a transform or
 * filter makes new arrays, which have no view, so nothing stale is ever used.
 */
const views = new WeakMap<readonly Cell[], NumericView | 'times'>();

/** Registers a number column's values (NaN where a cell is null). */
export function withNumericView<T extends readonly Cell[]>(cells: T, values: Float64Array): T {
  views.set(cells, { values, times: false });
  return cells;
}

/** Marks a datetime column (ISO-8601 texts and nulls) whose epoch milliseconds are worked out when first asked for. */
export function withTimesView<T extends readonly Cell[]>(cells: T): T {
  views.set(cells, 'times');
  return cells;
}

export function numericView(cells: readonly Cell[] | undefined): NumericView | undefined {
  if (!cells) return undefined;
  const view = views.get(cells);
  if (view !== 'times') return view;
  const values = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) values[i] = toMillis(cells[i]);
  const parsed = { values, times: true };
  views.set(cells, parsed);
  return parsed;
}

/** Whether a stored column holds times or numbers (undefined: not a stored column), without parsing anything. */
export function storedKind(cells: readonly Cell[] | undefined): 'times' | 'numbers' | undefined {
  const view = cells ? views.get(cells) : undefined;
  return view === undefined ? undefined : view === 'times' || view.times ? 'times' : 'numbers';
}
