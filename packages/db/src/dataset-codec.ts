import type { Cell } from '@ocp/contract';

/** What a dataset column holds (an import infers it; `empty` when every cell is). */
export type StoredColumnType = 'number' | 'boolean' | 'datetime' | 'string' | 'empty';

/*
 * A dataset column's cells in the binary form stored in `dataset_chunks.data` (migration 0016 writes the same):
 *   number, datetime (epoch ms): a little-endian float64 per row, NaN for an empty cell;
 *   boolean: a byte per row, 0 false, 1 true, 2 empty;
 *   string: the cells' UTF-8 separated by NUL bytes (a cell never holds NUL, and an empty cell is the empty text:
 *           imports store '' as empty, so nothing else is);
 *   empty: no bytes.
 * Numbers and times decode into a Float64Array without a JSON parser or a value per cell in between.
 */

const TRUE = 1;
const FALSE = 0;
const NONE = 2;

/** The cells of one chunk of a column, as converted by the builder for `type`. */
export function encodeCells(cells: readonly Cell[], type: StoredColumnType): Uint8Array {
  const n = cells.length;
  if (type === 'number' || type === 'datetime') {
    const out = new Uint8Array(n * 8);
    const view = new DataView(out.buffer);
    for (let i = 0; i < n; i++) {
      const v = cells[i];
      const number = v === null || v === undefined ? Number.NaN : type === 'datetime' ? Date.parse(String(v)) : v;
      view.setFloat64(i * 8, typeof number === 'number' ? number : Number.NaN, true);
    }
    return out;
  }
  if (type === 'boolean') {
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = cells[i] === true ? TRUE : cells[i] === false ? FALSE : NONE;
    return out;
  }
  if (type === 'string') {
    const texts = new Array<string>(n);
    for (let i = 0; i < n; i++) texts[i] = cells[i] === null || cells[i] === undefined ? '' : String(cells[i]);
    return Buffer.from(texts.join('\u0000'), 'utf8');
  }
  return new Uint8Array(0);
}

/** Writes a number or datetime chunk's values into `out` from `offset` (NaN where a cell is empty). */
export function decodeFloats(data: Uint8Array, rows: number, out: Float64Array, offset: number): void {
  if (data.byteLength !== rows * 8)
    throw new Error(`a stored column chunk has ${data.byteLength} bytes for ${rows} rows`);
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  for (let i = 0; i < rows; i++) out[offset + i] = view.getFloat64(i * 8, true);
}

const decoder = new TextDecoder('utf-8', { fatal: true });

/** A chunk's cells as the contract's cells (times as ISO-8601 UTC text), each pushed onto `out`. */
export function decodeCells(data: Uint8Array, rows: number, type: StoredColumnType, out: Cell[]): void {
  if (type === 'number' || type === 'datetime') {
    const values = new Float64Array(rows);
    decodeFloats(data, rows, values, 0);
    for (let i = 0; i < rows; i++) {
      const v = values[i]!;
      out.push(Number.isNaN(v) ? null : type === 'number' ? v : new Date(v).toISOString());
    }
  } else if (type === 'boolean') {
    if (data.byteLength !== rows)
      throw new Error(`a stored column chunk has ${data.byteLength} bytes for ${rows} rows`);
    for (let i = 0; i < rows; i++) out.push(data[i] === TRUE ? true : data[i] === FALSE ? false : null);
  } else if (type === 'string') {
    if (rows === 0) return;
    const texts = decoder.decode(data).split('\u0000');
    if (texts.length !== rows) throw new Error(`a stored column chunk has ${texts.length} cells for ${rows} rows`);
    for (const text of texts) out.push(text === '' ? null : text);
  } else {
    for (let i = 0; i < rows; i++) out.push(null);
  }
}
