import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parse } from 'csv-parse';
import { dataError } from '../errors.js';
import { ColumnarBuilder, type ColumnarData, type ColumnarLimits, recordsOfJson } from './columnar.js';
import { keysInTextOrder, keysMayBeReordered } from './key-order.js';

export type Chunks = AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>;

export interface ParseOptions extends ColumnarLimits {
  /** Largest input accepted, counted as it streams (default 64 MiB). */
  maxBytes?: number;
  /** Called with the number of data rows parsed so far, about every 10,000 rows. */
  onProgress?: (rows: number) => void;
}

/**
 * A streamed import's sink: whenever the builder holds `cells` cells or more, `write` is awaited (it drains the
 * builder), and the input waits meanwhile, so memory holds one chunk however large the file.
 */
export interface ChunkSink {
  cells: number;
  write: (builder: ColumnarBuilder) => Promise<void>;
}

export const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

function readable(input: Chunks): Readable {
  return input instanceof Readable ? input : Readable.from(input);
}

/** Passes chunks through, counting bytes, and fails as soon as the input is larger than allowed. */
function byteLimit(maxBytes: number, counted: { bytes: number }) {
  return async function* (chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<Uint8Array | string> {
    for await (const chunk of chunks) {
      counted.bytes += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.byteLength;
      if (counted.bytes > maxBytes) throw dataError('PAYLOAD_TOO_LARGE', `input is larger than ${maxBytes} bytes`);
      yield chunk;
    }
  };
}

/**
 * CSV to columnar data, streaming: csv-parse consumes the input chunk by chunk (with back-pressure) and each record
 * goes straight into the column builder, so the text is never held whole. Handles quotes, escaped quotes ("")
 * and line breaks inside quotes, a UTF-8 BOM, CRLF or LF, empty lines, and short rows (padded with empty cells).
 * The first record is the header.
 */
export async function parseCsv(input: Chunks, options: ParseOptions = {}): Promise<ColumnarData & { bytes: number }> {
  const builder = new ColumnarBuilder(options);
  const bytes = await streamCsv(input, builder, options);
  return { ...builder.finish(), bytes };
}

/** parseCsv into a given builder, handing chunks to `sink` as they fill; resolves with the bytes read. */
export async function streamCsv(
  input: Chunks,
  builder: ColumnarBuilder,
  options: ParseOptions = {},
  sink?: ChunkSink,
): Promise<number> {
  const counted = { bytes: 0 };
  let header = true;
  await pipeline(
    readable(input),
    byteLimit(options.maxBytes ?? DEFAULT_MAX_BYTES, counted),
    parse({ bom: true, skip_empty_lines: true, relax_column_count_less: true, max_record_size: 1_048_576 }),
    async (records: AsyncIterable<string[]>) => {
      for await (const record of records) {
        if (header) {
          for (const name of record) builder.addColumn(name);
          header = false;
          continue;
        }
        builder.addTextRow(record);
        if (options.onProgress && builder.rowCount % 10_000 === 0) options.onProgress(builder.rowCount);
        if (sink && builder.heldRows * builder.columnCount >= sink.cells) await sink.write(builder);
      }
    },
  ).catch((error: unknown) => {
    throw csvError(error);
  });
  return counted.bytes;
}

function csvError(error: unknown): unknown {
  const e = error as { code?: string; message?: string; lines?: number };
  if (typeof e?.code === 'string' && e.code.startsWith('CSV_')) {
    return dataError('BAD_REQUEST', `CSV line ${e.lines ?? '?'}: ${e.message ?? e.code}`);
  }
  return error;
}

/**
 * JSON to columnar data. A top-level array of records is split element by element as it streams (each element is
 * parsed on its own, so neither the whole text nor a parsed copy of it exists at once); a top-level object of
 * column arrays cannot be split that way and is read whole, within the byte limit.
 */
export async function parseJson(input: Chunks, options: ParseOptions = {}): Promise<ColumnarData & { bytes: number }> {
  const builder = new ColumnarBuilder(options);
  const bytes = await streamJson(input, builder, options);
  return { ...builder.finish(), bytes };
}

/** parseJson into a given builder, handing chunks to `sink` as they fill; resolves with the bytes read. */
export async function streamJson(
  input: Chunks,
  builder: ColumnarBuilder,
  options: ParseOptions = {},
  sink?: ChunkSink,
): Promise<number> {
  const counted = { bytes: 0 };
  let whole: JsonPiece | undefined;
  let isArray = false;
  const add = async (record: Record<string, unknown>, keys?: string[]) => {
    builder.addRecord(record, keys);
    if (options.onProgress && builder.rowCount % 10_000 === 0) options.onProgress(builder.rowCount);
    if (sink && builder.heldRows * builder.columnCount >= sink.cells) await sink.write(builder);
  };
  await pipeline(readable(input), byteLimit(options.maxBytes ?? DEFAULT_MAX_BYTES, counted), async (chunks) => {
    for await (const item of splitJson(chunks)) {
      if (item.kind === 'whole') {
        whole = item;
        continue;
      }
      isArray = true;
      if (item.value === null || typeof item.value !== 'object' || Array.isArray(item.value)) {
        throw dataError('BAD_REQUEST', `item ${builder.rowCount} is not an object (expected an array of records)`);
      }
      await add(item.value as Record<string, unknown>, item.keys);
    }
  });
  if (!isArray && whole !== undefined) {
    for (const record of recordsOfJson(whole.value, whole.keys)) await add(record, whole.keys);
  }
  return counted.bytes;
}

/** A parsed element and, when parsing may have moved its keys, their order in the text. */
type JsonPiece = { kind: 'item' | 'whole'; value: unknown; keys?: string[] };

/** Yields the elements of a top-level JSON array one at a time; anything else is yielded whole at the end. */
async function* splitJson(chunks: AsyncIterable<Uint8Array | string>): AsyncGenerator<JsonPiece> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let mode: 'start' | 'array' | 'whole' | 'end' = 'start';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let pending = ''; // text of the element being read (array mode) or of the whole document
  const parse = (text: string): { value: unknown; keys?: string[] } => {
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw dataError('BAD_REQUEST', `invalid JSON: ${(error as Error).message}`);
    }
    const reordered = value !== null && typeof value === 'object' && keysMayBeReordered(value);
    return reordered ? { value, keys: keysInTextOrder(text) } : { value };
  };
  const decode = async function* () {
    for await (const chunk of chunks) yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    yield decoder.decode();
  };
  for await (const text of decode()) {
    if (mode === 'whole') {
      pending += text;
      continue;
    }
    let from = 0;
    for (let i = 0; i < text.length; i++) {
      const ch = text.charCodeAt(i);
      if (mode === 'start') {
        if (ch === 0xfeff || ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09) continue;
        if (ch === 0x5b /* [ */) {
          mode = 'array';
          from = i + 1;
          continue;
        }
        mode = 'whole';
        from = i;
        break;
      }
      if (mode === 'end') {
        if (ch === 0x20 || ch === 0x0a || ch === 0x0d || ch === 0x09) continue;
        throw dataError('BAD_REQUEST', 'invalid JSON: text after the closing bracket');
      }
      if (inString) {
        if (escaped) escaped = false;
        else if (ch === 0x5c /* \ */) escaped = true;
        else if (ch === 0x22 /* " */) inString = false;
        continue;
      }
      if (ch === 0x22) inString = true;
      else if (ch === 0x7b || ch === 0x5b) depth++;
      else if (ch === 0x7d || ch === 0x5d) {
        if (depth === 0 && ch === 0x5d) {
          const last = pending + text.slice(from, i);
          pending = '';
          if (last.trim()) yield { kind: 'item', ...parse(last) };
          mode = 'end';
          continue;
        }
        depth--;
      } else if (ch === 0x2c /* , */ && depth === 0) {
        const element = pending + text.slice(from, i);
        pending = '';
        from = i + 1;
        yield { kind: 'item', ...parse(element) };
      }
    }
    if (mode === 'array' || mode === 'whole') pending += text.slice(from);
  }
  if (mode === 'whole') yield { kind: 'whole', ...parse(pending) };
  else if (mode === 'array') throw dataError('BAD_REQUEST', 'invalid JSON: unterminated array');
}
