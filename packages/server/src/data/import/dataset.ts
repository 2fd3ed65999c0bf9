import type { Cell } from '@ocp/contract';
import { datasetChunks, encodeCells, type OcpDatabase, workspaceItems } from '@ocp/db';
import { TRPCError } from '@trpc/server';
import { eq } from 'drizzle-orm';
import { dataError } from '../errors.js';

import { ColumnarBuilder, type ColumnarData } from './columnar.js';
import { type ChunkSink, type Chunks, DEFAULT_MAX_BYTES, type ParseOptions, streamCsv, streamJson } from './parse.js';
import { type DatasetQuota, remainingQuota } from './quota.js';

export interface ImportDatasetInput {
  title: string;
  format: 'csv' | 'json';
  /** The file as it arrives (a Readable, or any iterable of chunks). Preferred: it is never held whole. */
  stream?: Chunks;
  /** The file's text, when it is already in memory. */
  text?: string;
  folderPath?: string | null;
  tags?: string[];
}

export interface ImportOptions extends ParseOptions {
  /** The user's allowance for all their datasets; checked before reading and enforced while the file streams. */
  quota?: DatasetQuota;
}

export interface ImportedDataset {
  id: string;
  title: string;
  rowCount: number;
  schema: ColumnarData['schema'];
  bytes: number;
}

/**
 * What a dataset item's `content` holds. Imports store the cells in `dataset_chunks` (`storage: 'chunks'`: a row per
 * column per chunk of rows, in binary, see @ocp/db dataset-codec.ts), keep each column's first three cells in `head` (what
 * the chat's data catalogue samples), and mark the item `status: 'importing'` until the last chunk is written;
 * datasets written whole through the API keep `columns` in the content itself. `dataset` sources read either.
 */
export interface DatasetContent {
  format: 'columnar';
  storage?: 'chunks';
  status?: 'importing';
  columns?: ColumnarData['columns'];
  head?: ColumnarData['columns'];
  schema: ColumnarData['schema'];
  rowCount: number;
  source: { format: 'csv' | 'json'; bytes: number; importedAt: string };
}

/** Cells per chunk: about 2–3 MB of CSV, under 1 MB stored (8 bytes per number), whatever the file's width. */
const CHUNK_CELLS = 100_000;

/**
 * Imports a CSV or JSON file into a workspace item of type `dataset`, stored columnar (one array per column, types
 * inferred) for `{ kind: 'dataset', datasetId }` sources. The file is parsed as it streams and written a chunk of
 * rows at a time, so neither this process nor the database holds it whole, and the database is never busy with
 * one huge statement. No transaction spans the import (on PGlite it would hold every other request for its
 * duration): the item is created first, marked importing, and deleted again if the import fails.
 */
export async function importDataset(
  db: OcpDatabase,
  userId: string,
  input: ImportDatasetInput,
  options: ImportOptions = {},
): Promise<ImportedDataset> {
  const title = input.title.trim();
  if (!title || title.length > 200) throw dataError('BAD_REQUEST', 'title: 1 to 200 characters');
  const source = input.stream ?? (input.text === undefined ? undefined : [input.text]);
  if (!source) throw dataError('BAD_REQUEST', 'stream or text: one of them is required');
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const quota = options.quota ? await remainingQuota(db, userId, options.quota) : null;
  const quotaBinds = quota !== null && quota.bytes < maxBytes;

  const importedAt = new Date().toISOString();
  const content = (rest: Partial<DatasetContent>, bytes: number): Record<string, unknown> => ({
    format: 'columnar',
    storage: 'chunks',
    schema: [],
    rowCount: 0,
    ...rest,
    source: { format: input.format, bytes, importedAt },
  });
  const [row] = await db
    .insert(workspaceItems)
    .values({
      userId,
      itemType: 'dataset',
      title,
      content: content({ status: 'importing' }, 0),
      tags: input.tags ?? [],
      folderPath: input.folderPath ?? null,
    })
    .returning({ id: workspaceItems.id });
  const id = row!.id;
  try {
    /** Rows per chunk written so far, and the columns each chunk had (a JSON key can appear in a later chunk). */
    const written: Array<{ rows: number; names: Set<string> }> = [];
    let head: Record<string, Cell[]> | undefined;
    const sink: ChunkSink = {
      cells: CHUNK_CELLS,
      async write(builder) {
        const chunk = builder.drain();
        const chunkNo = written.length;
        head ??= Object.fromEntries(Object.entries(chunk.columns).map(([name, cells]) => [name, cells.slice(0, 3)]));
        written.push({ rows: chunk.rowCount, names: new Set(Object.keys(chunk.columns)) });
        const rows = Object.entries(chunk.columns).map(([name, cells]) => {
          const type = chunk.types[name]!;
          return { itemId: id, name, chunkNo, type, rowCount: chunk.rowCount, data: encodeCells(cells, type) };
        });
        if (rows.length > 0) await db.insert(datasetChunks).values(rows);
      },
    };
    const builder = new ColumnarBuilder(options);
    const stream = input.format === 'csv' ? streamCsv : streamJson;
    const bytes = await stream(
      source,
      builder,
      { ...options, maxBytes: Math.min(maxBytes, quota?.bytes ?? maxBytes) },
      sink,
    );
    const schema = builder.schema();
    if (schema.length === 0) throw dataError('BAD_REQUEST', `${input.format}: no columns found`);
    if (builder.heldRows > 0 || written.length === 0) await sink.write(builder);
    // Every column has a row in every chunk: a column first seen in a later chunk is empty in the earlier ones.
    const missing = written.flatMap(({ rows, names }, chunkNo) =>
      schema
        .filter((c) => !names.has(c.name))
        .map((c) => ({ itemId: id, name: c.name, chunkNo, type: 'empty', rowCount: rows, data: new Uint8Array(0) })),
    );
    for (let i = 0; i < missing.length; i += 1000) await db.insert(datasetChunks).values(missing.slice(i, i + 1000));
    await db
      .update(workspaceItems)
      .set({ content: content({ schema, rowCount: builder.rowCount, head: head ?? {} }, bytes) })
      .where(eq(workspaceItems.id, id));
    return { id, title, rowCount: builder.rowCount, schema, bytes };
  } catch (error) {
    await db
      .delete(workspaceItems)
      .where(eq(workspaceItems.id, id))
      .catch((cleanup: unknown) => console.error('[ocp] could not remove a failed import:', cleanup));
    if (
      quotaBinds &&
      error instanceof TRPCError &&
      error.code === 'PAYLOAD_TOO_LARGE' &&
      /^input is larger/.test(error.message)
    ) {
      throw dataError('PAYLOAD_TOO_LARGE', quota.message);
    }
    throw error;
  }
}
