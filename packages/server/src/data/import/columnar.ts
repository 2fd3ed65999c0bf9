import type { Cell, Columns } from '@ocp/db';
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
  private readonly cells: unknown[][] = [];
  private readonly types: ColumnType[] = [];
  private rows = 0;
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

  /** Declares a column (CSV header order); empty or repeated names become column_N / name_2. */
  addColumn(wanted: string): number {
    let name = wanted.trim() || `column_${this.names.length + 1}`;
    for (let k = 2; this.index.has(name); k++) name = `${wanted.trim() || 'column'}_${k}`;
    if (this.names.length >= this.maxColumns) throw dataError('BAD_REQUEST', `more than ${this.maxColumns} columns`);
    this.index.set(name, this.names.length);
    this.names.push(name);
    this.cells.push(new Array(this.rows).fill(null));
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

  /** A record of JSON values (JSON import); unseen keys become new columns, earlier rows get nulls. */
  addRecord(record: Record<string, unknown>): void {
    this.nextRow();
    for (const [key, value] of Object.entries(record)) {
      const c = this.index.get(key) ?? this.addColumn(key);
      const cell = value !== null && typeof value === 'object' ? JSON.stringify(value) : value;
      if (typeof cell === 'string') this.checkLength(cell, c);
      this.types[c] = join(this.types[c]!, kindOfValue(cell));
      this.cells[c]![this.rows - 1] = cell;
    }
    for (const column of this.cells) if (column.length < this.rows) column.push(null);
  }

  finish(): ColumnarData {
    const columns: Columns = {};
    const schema: ColumnarData['schema'] = [];
    this.names.forEach((name, c) => {
      const type = this.types[c]!;
      const values = this.cells[c]!;
      for (let i = 0; i < values.length; i++) values[i] = convert(values[i], type);
      columns[name] = values as Cell[];
      schema.push({ name, type });
    });
    return { columns, schema, rowCount: this.rows };
  }

  private nextRow(): void {
    if (this.rows >= this.maxRows) throw dataError('PAYLOAD_TOO_LARGE', `more than ${this.maxRows} rows`);
    this.rows++;
  }

  private checkLength(text: string, c: number): void {
    if (text.length > this.maxCellLength) {
      throw dataError(
        'BAD_REQUEST',
        `row ${this.rows}, column "${this.names[c]}": a cell longer than ${this.maxCellLength} characters`,
      );
    }
  }
}

function convert(value: unknown, type: ColumnType): Cell {
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
  if (Array.isArray(value)) {
    value.forEach((record, i) => {
      if (record === null || typeof record !== 'object' || Array.isArray(record)) {
        throw dataError('BAD_REQUEST', `item ${i} is not an object (expected an array of records)`);
      }
      builder.addRecord(record as Record<string, unknown>);
    });
    return builder.finish();
  }
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (!entries.every(([, v]) => Array.isArray(v))) {
      throw dataError('BAD_REQUEST', 'expected an array of records or an object of column arrays');
    }
    const n = Math.max(0, ...entries.map(([, v]) => (v as unknown[]).length));
    for (let i = 0; i < n; i++) {
      builder.addRecord(Object.fromEntries(entries.map(([k, v]) => [k, (v as unknown[])[i] ?? null])));
    }
    return builder.finish();
  }
  throw dataError('BAD_REQUEST', 'expected an array of records or an object of column arrays');
}
