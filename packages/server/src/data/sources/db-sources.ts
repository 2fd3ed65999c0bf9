import type { Cell, Columns } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import { type SQL, sql } from 'drizzle-orm';
import { dataError } from '../errors.js';
import type { ColumnarData } from '../import/columnar.js';
import { columnFromChunks, type StoredChunk } from '../storage/columns.js';

/** Plain rows from db.execute on either driver (PGlite returns { rows }, postgres.js an array). */
export async function queryRows<T>(db: OcpDatabase, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as T[] | { rows: T[] };
  return Array.isArray(result) ? result : result.rows;
}

export interface ChartOwner {
  ownerUserId: string | null;
  ownerTeamId: string | null;
}

/**
 * Whose data a chart may read: its owner's. Sources that read tables (dataset, energy) never reach past the
 * chart's owner, whoever is looking at the chart (a viewer of a shared chart sees what its owner published).
 */
export async function chartOwner(
  db: OcpDatabase,
  chart: { id: string; ownerUserId?: string | null; ownerTeamId?: string | null },
): Promise<ChartOwner> {
  if (chart.ownerUserId !== undefined || chart.ownerTeamId !== undefined) {
    return { ownerUserId: chart.ownerUserId ?? null, ownerTeamId: chart.ownerTeamId ?? null };
  }
  const [row] = await queryRows<{ owner_user_id: string | null; owner_team_id: string | null }>(
    db,
    sql`SELECT owner_user_id, owner_team_id FROM charts WHERE id = ${chart.id}`,
  );
  return { ownerUserId: row?.owner_user_id ?? null, ownerTeamId: row?.owner_team_id ?? null };
}

/**
 * A dataset item's version (its updated_at) if the chart's owner may use it. A dataset belongs to the user who
 * imported it, so only that user's own charts read it; a team chart reads only datasets of its team, and no
 * dataset belongs to a team (a member's dataset is not the team's: it would stay readable after they leave).
 * NOT_FOUND otherwise (as for a missing item: the same answer).
 */
export async function datasetVersion(db: OcpDatabase, owner: ChartOwner, datasetId: string): Promise<string> {
  const [row] = await queryRows<{ version: string; status: string | null }>(
    db,
    sql`SELECT w.updated_at::text AS version, w.content->>'status' AS status FROM workspace_items w
        WHERE w.id = ${datasetId} AND w.item_type = 'dataset' AND w.user_id = ${owner.ownerUserId}`,
  );
  if (!row) throw dataError('NOT_FOUND', `dataSourceConfig.datasetId: dataset ${datasetId} not found`);
  if (row.status === 'importing') throw dataError('CONFLICT', 'The dataset is still importing; try again shortly');
  return row.version;
}

/** Whether `userId` belongs to one of `teamIds` now (a connection's `allowedTeams`). */
export async function memberOfAnyTeam(db: OcpDatabase, userId: string, teamIds: string[]): Promise<boolean> {
  const rows = await queryRows<{ one: number }>(
    db,
    // ocp_private.is_member (migration 0014): the chart owner's memberships, which row-level security hides from a
    // reader outside the owner's teams.
    sql`SELECT 1 AS one FROM jsonb_array_elements_text(${JSON.stringify(teamIds)}::jsonb) AS t(team_id)
        WHERE ocp_private.is_member(${userId}::uuid, t.team_id::uuid)
        LIMIT 1`,
  );
  return rows.length > 0;
}

interface ChunkRow {
  name: string;
  type: string;
  row_count: number;
  data: Uint8Array;
}

const json = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);

/**
 * Only the named columns of a dataset: from its stored column chunks when it was imported (`storage: 'chunks'`,
 * binary, decoded straight into typed arrays: @ocp/db dataset-codec.ts), else from the item's own `content.columns`.
 */
export async function readDataset(db: OcpDatabase, datasetId: string, names: string[]): Promise<Columns> {
  const wanted = JSON.stringify(names);
  const [item] = await queryRows<{ storage: string | null; schema: ColumnarData['schema'] | string | null }>(
    db,
    sql`SELECT w.content->>'storage' AS storage, w.content->'schema' AS schema FROM workspace_items w
         WHERE w.id = ${datasetId}`,
  );
  if (item?.storage === 'chunks') {
    const chunks = await queryRows<ChunkRow>(
      db,
      sql`SELECT d.name, d.type, d.row_count, d.data FROM dataset_chunks d
           WHERE d.item_id = ${datasetId} AND d.name IN (SELECT jsonb_array_elements_text(${wanted}::jsonb))
           ORDER BY d.name, d.chunk_no`,
    );
    const byName = new Map<string, StoredChunk[]>();
    for (const c of chunks) {
      const stored = { type: c.type, rowCount: c.row_count, data: c.data };
      const list = byName.get(c.name);
      if (list) list.push(stored);
      else byName.set(c.name, [stored]);
    }
    const types = new Map(json(item.schema ?? []).map((c) => [c.name, c.type]));
    const columns: Columns = {};
    for (const name of names) {
      const type = types.get(name);
      if (type) columns[name] = columnFromChunks(byName.get(name) ?? [], type);
    }
    return columns;
  }
  const rows = await queryRows<{ key: string; value: Cell[] | string }>(
    db,
    sql`SELECT c.key, c.value FROM workspace_items w, jsonb_each(w.content -> 'columns') AS c
        WHERE w.id = ${datasetId}
          AND c.key IN (SELECT jsonb_array_elements_text(${wanted}::jsonb))`,
  );
  const columns: Columns = {};
  for (const r of rows) {
    const value = typeof r.value === 'string' ? (JSON.parse(r.value) as unknown) : r.value;
    if (Array.isArray(value)) columns[r.key] = value as Cell[];
  }
  return columns;
}

/**
 * The first `rows` rows of every column in `names` (a dataset's schema, in its order): from each column's first
 * stored chunk only (one holds at least 390 rows at 256 columns), or from the item's `content.columns`.
 */
export async function readDatasetHead(
  db: OcpDatabase,
  datasetId: string,
  names: string[],
  rows: number,
): Promise<Cell[][]> {
  const [item] = await queryRows<{ storage: string | null; schema: ColumnarData['schema'] | string | null }>(
    db,
    sql`SELECT w.content->>'storage' AS storage, w.content->'schema' AS schema FROM workspace_items w
         WHERE w.id = ${datasetId}`,
  );
  if (item?.storage !== 'chunks') {
    const columns = await readDataset(db, datasetId, names);
    return names.map((name) => (columns[name] ?? []).slice(0, rows));
  }
  const first = await queryRows<ChunkRow>(
    db,
    sql`SELECT DISTINCT ON (d.name) d.name, d.type, d.row_count, d.data FROM dataset_chunks d
         WHERE d.item_id = ${datasetId} AND d.name IN (SELECT jsonb_array_elements_text(${JSON.stringify(names)}::jsonb))
         ORDER BY d.name, d.chunk_no`,
  );
  const byName = new Map(first.map((c) => [c.name, c]));
  const types = new Map(json(item.schema ?? []).map((c) => [c.name, c.type]));
  return names.map((name) => {
    const c = byName.get(name);
    const type = types.get(name);
    if (!c || !type) return [];
    return columnFromChunks([{ type: c.type, rowCount: c.row_count, data: c.data }], type).slice(0, rows);
  });
}
