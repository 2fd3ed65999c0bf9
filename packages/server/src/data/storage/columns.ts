import type { Cell } from '@ocp/contract';
import { decodeCells, decodeFloats } from '@ocp/db';
import type { ColumnType } from '../import/columnar.js';
import { withNumericView } from './numeric-view.js';

/** One stored chunk of a column, in chunk order. */
export interface StoredChunk {
  type: string;
  rowCount: number;
  data: Uint8Array;
}

/**
 * A column's cells from its stored chunks, typed as the dataset's schema says now. A number or datetime column is
 * decoded into one Float64Array first (kept as the cells' numeric view); a column that turned to text after some
 * chunks were written reads those chunks' cells back as text, as they were in the file.
 */
export function columnFromChunks(chunks: readonly StoredChunk[], type: ColumnType): Cell[] {
  const rows = chunks.reduce((n, c) => n + c.rowCount, 0);
  if (type === 'number' || type === 'datetime') {
    const values = new Float64Array(rows);
    let at = 0;
    for (const chunk of chunks) {
      if (chunk.type === type) decodeFloats(chunk.data, chunk.rowCount, values, at);
      else values.fill(Number.NaN, at, at + chunk.rowCount);
      at += chunk.rowCount;
    }
    const cells = new Array<Cell>(rows);
    if (type === 'number') for (let i = 0; i < rows; i++) cells[i] = Number.isNaN(values[i]!) ? null : values[i]!;
    else for (let i = 0; i < rows; i++) cells[i] = Number.isNaN(values[i]!) ? null : new Date(values[i]!).toISOString();
    return withNumericView(cells, { values, times: type === 'datetime' });
  }
  const cells: Cell[] = [];
  for (const chunk of chunks) {
    const from = cells.length;
    decodeCells(chunk.data, chunk.rowCount, chunk.type as ColumnType, cells);
    if (type === 'string' && chunk.type !== 'string') {
      for (let i = from; i < cells.length; i++) if (cells[i] !== null) cells[i] = String(cells[i]);
    }
  }
  return cells;
}
