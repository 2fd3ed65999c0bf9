import { type OcpDatabase, workspaceItems } from '@ocp/db';
import { dataError } from '../errors.js';
import type { ColumnarData } from './columnar.js';
import { type Chunks, type ParseOptions, parseCsv, parseJson } from './parse.js';

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

export interface ImportedDataset {
  id: string;
  title: string;
  rowCount: number;
  schema: ColumnarData['schema'];
  bytes: number;
}

/** What a dataset item's `content` holds; `dataset` sources read `columns` from it. */
export interface DatasetContent {
  format: 'columnar';
  columns: ColumnarData['columns'];
  schema: ColumnarData['schema'];
  rowCount: number;
  source: { format: 'csv' | 'json'; bytes: number; importedAt: string };
}

/**
 * Imports a CSV or JSON file into a workspace item of type `dataset`, stored columnar (one array per column,
 * types inferred) in the item's `content`, ready for `{ kind: 'dataset', datasetId }` sources. The input is
 * parsed as it streams; the only full copy is the columnar result that gets stored.
 */
export async function importDataset(
  db: OcpDatabase,
  userId: string,
  input: ImportDatasetInput,
  options: ParseOptions = {},
): Promise<ImportedDataset> {
  const title = input.title.trim();
  if (!title || title.length > 200) throw dataError('BAD_REQUEST', 'title: 1 to 200 characters');
  const source = input.stream ?? (input.text === undefined ? undefined : [input.text]);
  if (!source) throw dataError('BAD_REQUEST', 'stream or text: one of them is required');
  const parsed = input.format === 'csv' ? await parseCsv(source, options) : await parseJson(source, options);
  if (parsed.schema.length === 0) throw dataError('BAD_REQUEST', `${input.format}: no columns found`);
  const content: DatasetContent = {
    format: 'columnar',
    columns: parsed.columns,
    schema: parsed.schema,
    rowCount: parsed.rowCount,
    source: { format: input.format, bytes: parsed.bytes, importedAt: new Date().toISOString() },
  };
  const [row] = await db
    .insert(workspaceItems)
    .values({
      userId,
      itemType: 'dataset',
      title,
      content: content as unknown as Record<string, unknown>,
      tags: input.tags ?? [],
      folderPath: input.folderPath ?? null,
    })
    .returning({ id: workspaceItems.id });
  return { id: row!.id, title, rowCount: parsed.rowCount, schema: parsed.schema, bytes: parsed.bytes };
}
