import type { Cell, Columns } from '@ocp/contract';
import { dataError } from '../errors.js';
import { parseTime } from '../time.js';

export type ColumnType = 'number' | 'boolean' | 'datetime' | 'string' | 'empty';

export interface ColumnarData {
  columns: Columns;
  schema: Array<{ name: string; type: ColumnType }>;
  rowCount: number;
}

export interface ColumnarLimits {
  maxColumns?: number;
  maxRows?: number;
  maxCellLength?: number;
}

const NUMBER = /^[+-]?(?:(?:0|[1-9]\d*)(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;

/** What a text cell looks like. Numbers with leading zeros ("007", zip codes) stay text. */
function kindOfText(text: string): ColumnType {
  if (text === '') return 'empty';
  if (NUMBER.test(text)) return 'number';
  const lower = text.toLowerCase();
  if (lower === 'true' || lower === 'false') return 'boolean';
  if (DATE_TIME.test(text) && !Number.isNaN(parseTime(text))) return 'datetime';
  return 'string';
}

function kindOfValue(value: unknown): ColumnType {
  if (value === null || value === undefined) return 'empty';
  if (typeof value === 'number') return Number.isFinite(value) ? 'number' : 'empty';
  if (typeof value === 'boolean') return 'boolean';
  if (typeof value === 'string') {
    const k = kindOfText(value);
    // A JSON string is text even when it spells a number; only dates are recognised inside strings.
    return k === 'datetime' || k === 'empty' ? k : 'string';
  }
  return 'string'; // nested objects/arrays are kept as their JSON text
}

function join(a: ColumnType, b: ColumnType): ColumnType {
  if (a === b || b === 'empty') return a;
  if (a === 'empty') return b;
  return 'string'; // mixed types
}

/**
 * Builds columnar data row by row and infers each column's type: number, boolean, datetime (normalised to
 * ISO-8601 UTC), or string when a column mixes types. Cells are kept as they arrived until the end, then converted
 * in place, so a mixed column keeps every cell's original text and no second copy of the data is ever made.
 */
export class ColumnarBuilder {
  private readonly names: string[] = [];
  private readonly index = new Map<string, number>();
  private cells: unknown[][] = [];
  private readonly types: ColumnType[] = [];
  private rows = 0;
  /** The first row still held in `cells` (rows before it were handed out by `drain`). */
  private held = 0;
  private readonly maxColumns: number;
  private readonly maxRows: number;
  private readonly maxCellLength: number;

  constructor(limits: ColumnarLimits = {}) {
    this.maxColumns = limits.maxColumns ?? 256;
    this.maxRows = limits.maxRows ?? 1_000_000;
    this.maxCellLength = limits.maxCellLength ?? 10_000;
  }

  get rowCount(): number {
    return this.rows;
  }

  get columnCount(): number {
    return this.names.length;
  }

  /** Rows added since the last `drain`. */
  get heldRows(): number {
    return this.rows - this.held;
  }

  /** Declares a column (CSV header order); empty or repeated names become column_N / name_2. */
  addColumn(wanted: string): number {
    if (wanted.includes('\u0000')) throw dataError('BAD_REQUEST', 'a column name contains a NUL character');
    let name = wanted.trim() || `column_${this.names.length + 1}`;
    for (let k = 2; this.index.has(name); k++) name = `${wanted.trim() || 'column'}_${k}`;
    if (this.names.length >= this.maxColumns) throw dataError('BAD_REQUEST', `more than ${this.maxColumns} columns`);
    this.index.set(name, this.names.length);
    this.names.push(name);
    this.cells.push(new Array(this.rows - this.held).fill(null));
    this.types.push('empty');
    return this.names.length - 1;
  }

  /** A row of text cells in column order (CSV). Missing trailing cells are empty. */
  addTextRow(values: string[]): void {
    if (values.length > this.names.length) {
      throw dataError(
        'BAD_REQUEST',
        `row ${this.rows + 1} has ${values.length} fields, the header has ${this.names.length}`,
      );
    }
    this.nextRow();
    for (let c = 0; c < this.names.length; c++) {
      const text = values[c] ?? '';
      this.checkLength(text, c);
      this.types[c] = join(this.types[c]!, kindOfText(text));
      this.cells[c]!.push(text);
    }
  }

  /**
   * A record of JSON values (JSON import); unseen keys become new columns, earlier rows get nulls. `keys`, when
   * given, is the record's key order in its text (see key-order.ts).
   */
  addRecord(record: Record<string, unknown>, keys: string[] = Object.keys(record)): void {
    this.nextRow();
    for (const key of keys) {
      const value = record[key];
      const c = this.index.get(key) ?? this.addColumn(key);
      const cell = value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
      if (typeof cell === 'string') this.checkLength(cell, c);
      this.types[c] = join(this.types[c]!, kindOfValue(cell));
      this.cells[c]![this.rows - 1 - this.held] = cell;
    }
    for (const column of this.cells) if (column.length < this.rows - this.held) column.push(null);
  }

  /**
   * Hands out the rows held so far, converted by each column's type as inferred up to now, and forgets them (a
   * streamed import writes them as one chunk). A column whose type changes later (a number column meeting text)
   * reads its earlier chunks' cells back as text.
   */
  drain(): { columns: Columns; types: Record<string, ColumnType>; rowCount: number } {
    const columns: Columns = {};
    const types: Record<string, ColumnType> = {};
    this.names.forEach((name, c) => {
      const type = this.types[c]!;
      const values = this.cells[c]!;
      for (let i = 0; i < values.length; i++) values[i] = convert(values[i], type);
      columns[name] = values as Cell[];
      types[name] = type;
    });
    const rowCount = this.heldRows;
    this.cells = this.names.map(() => []);
    this.held = this.rows;
    return { columns, types, rowCount };
  }

  /** Each column's name and type as inferred from every row so far. */
  schema(): ColumnarData['schema'] {
    return this.names.map((name, c) => ({ name, type: this.types[c]! }));
  }

  /** Every row (none drained), converted by the columns' final types. */
  finish(): ColumnarData {
    return { columns: this.drain().columns, schema: this.schema(), rowCount: this.rows };
  }

  private nextRow(): void {
    if (this.rows >= this.maxRows) throw dataError('PAYLOAD_TOO_LARGE', `more than ${this.maxRows} rows`);
    this.rows++;
  }

  private checkLength(text: string, c: number): void {
    // PostgreSQL text and jsonb cannot hold U+0000: refuse it here, with the cell, rather than fail on insert.
    if (text.includes('\u0000')) {
      throw dataError('BAD_REQUEST', `row ${this.rows}, column "${this.names[c]}": contains a NUL character`);
    }
    if (text.length > this.maxCellLength) {
      throw dataError(
        'BAD_REQUEST',
        `row ${this.rows}, column "${this.names[c]}": a cell longer than ${this.maxCellLength} characters`,
      );
    }
  }
}

export function convert(value: unknown, type: ColumnType): Cell {
  if (value === null || value === undefined || value === '') return null;
  switch (type) {
    case 'number':
      return typeof value === 'number' ? value : Number(value);
    case 'boolean':
      return typeof value === 'boolean' ? value : String(value).toLowerCase() === 'true';
    case 'datetime':
      return new Date(parseTime(String(value))).toISOString();
    default:
      return typeof value === 'string' ? value : String(value);
  }
}

/** Records (an array of objects) or columns (an object of arrays) from parsed JSON, typed like a CSV import. */
export function columnarFromJson(value: unknown, limits?: ColumnarLimits): ColumnarData {
  const builder = new ColumnarBuilder(limits);
  for (const record of recordsOfJson(value)) builder.addRecord(record);
  return builder.finish();
}

/** The records of parsed JSON: an array of objects as it is, an object of column arrays row by row. */
export function* recordsOfJson(value: unknown, keys?: string[]): Generator<Record<string, unknown>> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const record: unknown = value[i];
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        throw dataError('BAD_REQUEST', `item ${i} is not an object (expected an array of records)`);
      }
      yield record as Record<string, unknown>;
    }
    return;
  }
  if (value && typeof value === 'object') {
    const object = value as Record<string, unknown>;
    const entries = (keys ?? Object.keys(object)).map((k): [string, unknown] => [k, object[k]]);
    if (!entries.every(([, v]) => Array.isArray(v))) {
      throw dataError('BAD_REQUEST', 'expected an array of records or an object of column arrays');
    }
    const n = Math.max(0, ...entries.map(([, v]) => (v as unknown[]).length));
    for (let i = 0; i < n; i++) yield Object.fromEntries(entries.map(([k, v]) => [k, (v as unknown[])[i] ?? null]));
    return;
  }
  throw dataError('BAD_REQUEST', 'expected an array of records or an object of column arrays');
}
