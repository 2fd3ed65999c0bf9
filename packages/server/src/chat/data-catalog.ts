import type { Cell, Columns } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import { type DataSummary as AgentDataSummary, type ColumnInfo, type ColumnType, columnType } from '@ocp/offline-agent';
import { sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import { readDataset } from '../data/sources/db-sources.js';
import { getChart } from '../services/charts.js';
import { notFound } from '../services/errors.js';
import { parseJson, rows } from '../services/sql.js';

/**
 * What data the caller can chart, described compactly for an agent: their workspace datasets and the inline data
 * of the charts they own or their teams own. Column names, types, a row count and a few sample values; never more
 * than a few kilobytes, whatever the size of the data.
 */

/**
 * The offline agent's summary (one shape for both agents), narrowed: `dataset`, a workspace dataset item; `chart`,
 * a chart's inline data. The energy tables are not in this catalogue.
 */
export type DataSummary = AgentDataSummary & { source: 'dataset' | 'chart' };

/** An import's declared type when it has one, else the type its sample reads as. */
function typeOf(sample: Cell[], declared?: string): ColumnType {
  if (declared === 'number' || declared === 'string' || declared === 'datetime' || declared === 'boolean')
    return declared;
  return columnType(sample);
}

/** `heads`: `{ column: [length, v0, v1, v2] }` as built in SQL below; `schema`: an import's declared types. */
function columnsOf(heads: unknown, schema: unknown): { columns: ColumnInfo[]; rowCount: number } {
  const h = (parseJson<Record<string, unknown[]>>(heads) ?? {}) as Record<string, unknown[]>;
  const declared = new Map<string, string>();
  const order: string[] = [];
  if (Array.isArray(schema)) {
    for (const s of schema as Array<{ name?: unknown; type?: unknown }>) {
      if (typeof s?.name === 'string' && s.name in h) {
        declared.set(s.name, String(s.type));
        order.push(s.name);
      }
    }
  }
  for (const name of Object.keys(h)) if (!declared.has(name)) order.push(name);
  let rowCount = 0;
  const columns = order.map((name) => {
    const [length, ...sample] = h[name]!;
    rowCount = Math.max(rowCount, Number(length) || 0);
    const cells = sample.filter((v) => v !== undefined) as Cell[];
    return { name, type: typeOf(cells, declared.get(name)), sample: cells };
  });
  return { columns, rowCount };
}

/** `{ column: [length, v0, v1, v2] }` of a jsonb object of column arrays, computed in the database. */
const headsOf = (columns: ReturnType<typeof sql>) =>
  sql`(SELECT jsonb_object_agg(c.key, jsonb_build_array(jsonb_array_length(c.value), c.value->0, c.value->1, c.value->2))
         FROM jsonb_each(CASE WHEN jsonb_typeof(${columns}) = 'object' THEN ${columns} ELSE '{}'::jsonb END) c
        WHERE jsonb_typeof(c.value) = 'array')`;

interface Row {
  id: string;
  title: string;
  heads: unknown;
  schema?: unknown;
  mapping?: unknown;
  row_count?: unknown;
}

/** Imports still in progress are not data yet. */
const READY = sql`coalesce(w.content->>'status', '') <> 'importing'`;

/** A dataset's columns to sample: the first cells an import kept in `head`, else the item's own columns. */
const DATASET_COLUMNS = sql`CASE WHEN w.content->>'storage' = 'chunks' THEN w.content->'head' ELSE w.content->'columns' END`;

/** The summary of a dataset row; a chunked import's row count is the one it recorded, not its first chunk's. */
function datasetSummary(r: Row): DataSummary {
  const summary = columnsOf(r.heads, r.schema);
  const recorded = parseJson<unknown>(r.row_count);
  if (typeof recorded === 'number' && Number.isInteger(recorded)) summary.rowCount = recorded;
  return { source: 'dataset', id: r.id, title: r.title, ...summary };
}

/** The caller's datasets, newest first. */
export async function listDatasets(db: OcpDatabase, user: OcpUser, limit = 20): Promise<DataSummary[]> {
  const found = await rows<Row>(
    db,
    sql`SELECT w.id, w.title, w.content->'schema' AS schema, w.content->'rowCount' AS row_count,
               ${headsOf(DATASET_COLUMNS)} AS heads
          FROM workspace_items w
         WHERE w.user_id = ${user.id} AND w.item_type = 'dataset' AND ${READY}
         ORDER BY w.updated_at DESC, w.id LIMIT ${limit}`,
  );
  return found.map(datasetSummary);
}

/** One of the caller's datasets (NOT_FOUND for anyone else's, like a missing one). */
export async function describeDataset(db: OcpDatabase, user: OcpUser, id: string): Promise<DataSummary> {
  const [r] = await rows<Row>(
    db,
    sql`SELECT w.id, w.title, w.content->'schema' AS schema, w.content->'rowCount' AS row_count,
               ${headsOf(DATASET_COLUMNS)} AS heads
          FROM workspace_items w
         WHERE w.id = ${id} AND w.user_id = ${user.id} AND w.item_type = 'dataset' AND ${READY}`,
  );
  if (!r) throw notFound('Dataset');
  return datasetSummary(r);
}

/**
 * Charts with inline data that the caller may edit (their own, or their teams' as editor or admin), newest first:
 * a chart's data source is shown only to its editors.
 */
export async function listInlineCharts(db: OcpDatabase, user: OcpUser, limit = 50): Promise<DataSummary[]> {
  const found = await rows<Row>(
    db,
    sql`SELECT c.id, c.title, c.data_source_config->'mapping' AS mapping,
               ${headsOf(sql`c.data_source_config->'columns'`)} AS heads
          FROM charts c
         WHERE c.data_source_config->>'kind' = 'inline'
           AND (c.owner_user_id = ${user.id}
                OR c.owner_team_id IN (SELECT m.team_id FROM user_team_memberships m
                                        WHERE m.user_id = ${user.id} AND m.role IN ('admin', 'editor')))
         ORDER BY c.updated_at DESC, c.id LIMIT ${limit}`,
  );
  // Columns in the chart's own order (x, then its series), which a JSON object in the database does not keep.
  return found.map((r) => {
    const mapping = parseJson<{ x?: unknown; y?: unknown }>(r.mapping) ?? {};
    const order = [mapping.x, ...(Array.isArray(mapping.y) ? mapping.y : [])].filter((n) => typeof n === 'string');
    return {
      source: 'chart',
      id: r.id,
      title: r.title,
      ...columnsOf(
        r.heads,
        order.map((name) => ({ name })),
      ),
    };
  });
}

/** Everything chartable, datasets first. */
export async function listData(db: OcpDatabase, user: OcpUser): Promise<DataSummary[]> {
  const [datasets, charts] = await Promise.all([listDatasets(db, user), listInlineCharts(db, user)]);
  return [...datasets, ...charts];
}

/**
 * A chart's data source as an agent needs it: kind, mapping, transforms, and its inline columns. Only for those
 * who may edit the chart; readers learn its title and type (`dataSource: null`).
 */
export async function describeChartData(db: OcpDatabase, user: OcpUser, chartId: string) {
  const chart = await getChart(db, user, chartId);
  const source = chart.dataSourceConfig as {
    kind: string;
    mapping?: unknown;
    transforms?: unknown;
    columns?: unknown;
  } | null;
  if (!source) return { chartId: chart.id, title: chart.title, chartType: chart.chartType, dataSource: null };
  const inline =
    source.kind === 'inline' && source.columns && typeof source.columns === 'object'
      ? columnsOf(
          Object.fromEntries(
            Object.entries(source.columns as Columns).map(([k, v]) => [k, [v.length, ...v.slice(0, 3)]]),
          ),
          null,
        )
      : null;
  return {
    chartId: chart.id,
    title: chart.title,
    chartType: chart.chartType,
    dataSource: {
      kind: source.kind,
      mapping: source.mapping ?? null,
      transforms: source.transforms ?? [],
      ...(source.kind === 'dataset' ? { datasetId: (source as { datasetId?: string }).datasetId } : {}),
    },
    ...(inline ? { rowCount: inline.rowCount, columns: inline.columns } : {}),
  };
}

/** The values of some columns of a summary's source (the caller may read it: it came from the lists above). */
export async function readColumns(
  db: OcpDatabase,
  user: OcpUser,
  summary: Pick<DataSummary, 'source' | 'id'>,
  names: string[],
): Promise<Columns> {
  if (summary.source === 'dataset') {
    await describeDataset(db, user, summary.id);
    return readDataset(db, summary.id, names);
  }
  const chart = await getChart(db, user, summary.id);
  const all = (chart.dataSourceConfig as { columns?: Columns } | null)?.columns ?? {};
  return Object.fromEntries(names.filter((n) => Array.isArray(all[n])).map((n) => [n, all[n]!]));
}
