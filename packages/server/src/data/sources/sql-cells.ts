import type { Cell } from '@ocp/contract';

// int8, numeric: drivers hand them over as text to keep precision; a chart wants numbers.
const NUMERIC_TEXT = new Set([20, 1700]);
// date, timestamp, timestamptz: text when the driver leaves them unparsed (Drizzle's postgres-js setup does).
const DATE = 1082;
const TIMESTAMP = 1114;
const TIMESTAMPTZ = 1184;

/** '2026-01-01 00:00:00+00' (PostgreSQL's text form) → '2026-01-01T00:00:00.000Z'. */
function pgTimeText(value: string, type: number): string {
  let iso = value.replace(' ', 'T');
  if (type === DATE) iso += 'T00:00:00Z';
  else if (type === TIMESTAMP) iso += 'Z';
  else iso = iso.replace(/([+-]\d\d)$/, '$1:00');
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

/** A value from either driver as a chart cell, given its column's type OID. */
export function toCell(value: unknown, type: number): Cell {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
  if (typeof value === 'string') {
    if (NUMERIC_TEXT.has(type) && value.trim() !== '') return Number(value);
    return type === DATE || type === TIMESTAMP || type === TIMESTAMPTZ ? pgTimeText(value, type) : value;
  }
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return JSON.stringify(value);
}
