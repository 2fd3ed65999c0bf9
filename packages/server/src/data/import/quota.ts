import type { OcpDatabase } from '@ocp/db';
import { sql } from 'drizzle-orm';
import { dataError } from '../errors.js';
import { queryRows } from '../sources/db-sources.js';

/** What one user's datasets may hold in all: the bytes of the files imported, and how many datasets. */
export interface DatasetQuota {
  /** Default 200 MiB. */
  maxBytes: number;
  /** Default 100. */
  maxCount: number;
}

export const DEFAULT_DATASET_QUOTA: DatasetQuota = { maxBytes: 200 * 1024 * 1024, maxCount: 100 };

/**
 * A user's datasets now: how many, and their bytes (the imported file's size as recorded at import; for a dataset
 * item written through the API, its stored size).
 */
export async function datasetUsage(db: OcpDatabase, userId: string): Promise<{ count: number; bytes: number }> {
  const [row] = await queryRows<{ count: number; bytes: number }>(
    db,
    sql`SELECT count(*)::int AS count,
               coalesce(sum(CASE WHEN jsonb_typeof(w.content->'source'->'bytes') = 'number'
                                 THEN (w.content->'source'->>'bytes')::numeric
                                 ELSE pg_column_size(w.content) END), 0)::float8 AS bytes
          FROM workspace_items w WHERE w.user_id = ${userId} AND w.item_type = 'dataset'`,
  );
  return { count: Number(row?.count ?? 0), bytes: Number(row?.bytes ?? 0) };
}

const size = (bytes: number) =>
  bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MiB`
    : bytes >= 1024
      ? `${(bytes / 1024).toFixed(1)} KiB`
      : `${bytes} bytes`;

/**
 * How many bytes the user's next import may have under `quota` (PAYLOAD_TOO_LARGE when none, or when they already
 * have `maxCount` datasets), and the message for a file that turns out larger.
 */
export async function remainingQuota(
  db: OcpDatabase,
  userId: string,
  quota: DatasetQuota,
): Promise<{ bytes: number; message: string }> {
  const used = await datasetUsage(db, userId);
  if (used.count >= quota.maxCount) {
    throw dataError(
      'PAYLOAD_TOO_LARGE',
      `Dataset quota reached: you have ${used.count} of ${quota.maxCount} datasets; delete one to import another`,
    );
  }
  const bytes = quota.maxBytes - used.bytes;
  const message = `Dataset storage quota: ${size(used.bytes)} of ${size(quota.maxBytes)} used, and this file does not fit in the ${size(Math.max(0, bytes))} left; delete datasets to make room`;
  if (bytes <= 0) throw dataError('PAYLOAD_TOO_LARGE', message);
  return { bytes, message };
}
