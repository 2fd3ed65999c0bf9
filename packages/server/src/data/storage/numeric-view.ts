import type { Cell } from '@ocp/contract';

/** A column's values as numbers by row (NaN where a cell is empty): epoch ms for times. */
export interface NumericView {
  values: Float64Array;
  /** The cells are ISO-8601 texts (a datetime column); otherwise they are these very numbers. */
  times: boolean;
}

/*
 * Columns read from stored datasets arrive as numbers already (@ocp/db dataset-codec.ts); their cells still go through the pipeline
 * as the contract's cells, but downsampling, which needs numbers, takes them from here instead of converting a
 * million cells (Date.parse per row for times) on every new chart. Keyed by the cells array itself: a transform or
 * filter makes new arrays, which have no view, so nothing stale is ever used.
 */
const views = new WeakMap<readonly Cell[], NumericView>();

export function withNumericView<T extends readonly Cell[]>(cells: T, view: NumericView): T {
  views.set(cells, view);
  return cells;
}

export function numericView(cells: readonly Cell[] | undefined): NumericView | undefined {
  return cells ? views.get(cells) : undefined;
}
