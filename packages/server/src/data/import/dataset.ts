import { datasetChunks, type OcpDatabase, workspaceItems } from '@ocp/db';
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
 * What a dataset item's `content` holds. Imports store the cells in `dataset_chunks` (`storage: 'chunks'`) and
 * mark the item `status: 'importing'` until the last chunk is written; datasets written whole through the API keep
 * `columns` in the content itself. `dataset` sources read either.
 */
export interface DatasetContent {
  format: 'columnar';
  storage?: 'chunks';
  status?: 'importing';
  columns?: ColumnarData['columns'];
  schema: ColumnarData['schema'];
  rowCount: number;
  source: { format: 'csv' | 'json'; bytes: number; importedAt: string };
}

/** Cells per chunk: about 2–3 MB of CSV, a few MB of JSON in the database, whatever the file's width. */
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
    let chunkNo = 0;
    const sink: ChunkSink = {
      cells: CHUNK_CELLS,
      async write(builder) {
        const chunk = builder.drain();
        await db.insert(datasetChunks).values({ itemId: id, chunkNo: chunkNo++, ...chunk });
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
    if (builder.heldRows > 0 || chunkNo === 0) await sink.write(builder);
    await db
      .update(workspaceItems)
      .set({ content: content({ schema, rowCount: builder.rowCount }, bytes) })
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
