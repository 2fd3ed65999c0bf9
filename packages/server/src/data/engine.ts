import {
  buildTraces,
  type ChartData,
  type ChartDataParams,
  type Columns,
  type DataSourceConfig,
  dataSourceConfigSchema,
  type PlotlyConfig,
  type Transform,
} from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import { ResultCache } from './cache.js';
import { selectRows } from './downsample.js';
import { dataError, invalidConfig } from './errors.js';
import { chartOwner, datasetVersion, readDataset } from './sources/db-sources.js';
import { readEnergy } from './sources/energy.js';
import { type HttpSourceOptions, readHttpSource } from './sources/http.js';
import { readSourceSecrets, type SourceSecrets } from './sources/http-secrets.js';
import { type SqlConnectionRegistration, SqlConnections } from './sources/sql.js';
import { toMillis } from './time.js';
import { applyTransforms, pickRows, rowCount, timeRange } from './transforms.js';

/** What the data engine needs to know about a chart (already authorized by the caller). */
export interface ChartForData {
  id: string;
  /** The chart's version: changes on every update (trigger), so it keys the cache. */
  updatedAt: string;
  plotlyConfig: PlotlyConfig;
  /** As stored; validated again here (older rows may predate today's schema). */
  dataSourceConfig: DataSourceConfig;
  /** The chart's owner, when the caller has it at hand; otherwise it is read from `charts`. */
  ownerUserId?: string | null;
  ownerTeamId?: string | null;
  /** An http source's stored secrets, when the caller has them at hand; otherwise they are read from the database. */
  secrets?: SourceSecrets | null;
}

export interface DataEngineOptions {
  http?: HttpSourceOptions;
  cache?: {
    /** Default 256 results. */
    maxEntries?: number;
    /** How long results of http, sql and energy sources are reused (their data changes on its own; default 60 s). */
    ttlMs?: number;
  };
  /** Points returned per trace when the request gives no `width` (default 10,000). */
  maxPointsWithoutWidth?: number;
}

/** About two points per pixel: each pixel column can show the extremes of what falls into it. */
export const POINTS_PER_PIXEL = 2;
const MAX_TARGET = 100_000;
/** Above this, even an explicit `downsample: { method: 'none' }` is refused. */
const MAX_RETURNED_ROWS = 200_000;
/** Trace types whose points are categories or cells, not a series along x: never downsampled. */
const NOT_SERIES = new Set(['pie', 'funnelarea', 'indicator', 'heatmap', 'table', 'sunburst', 'treemap', 'sankey']);

/**
 * Turns a chart's data source into Plotly traces (SPEC §5): read the source, apply the transforms, filter to the
 * requested range, downsample to the requested width (MinMaxLTTB), build traces from the mapping; results are
 * cached per (chart, version, params) and concurrent identical requests share one computation.
 */
export class DataEngine {
  readonly sql = new SqlConnections();
  readonly cache: ResultCache<ChartData>;
  private http: HttpSourceOptions;
  private readonly ttlMs: number;
  private readonly maxPointsWithoutWidth: number;

  constructor(options: DataEngineOptions = {}) {
    this.http = { ...options.http };
    this.cache = new ResultCache({ maxEntries: options.cache?.maxEntries });
    this.ttlMs = options.cache?.ttlMs ?? 60_000;
    this.maxPointsWithoutWidth = options.maxPointsWithoutWidth ?? 10_000;
  }

  /** Registers (or replaces) a named read-only connection that `sql` sources of the users and teams it names query. */
  registerSqlConnection(registration: SqlConnectionRegistration): void {
    this.sql.register(registration);
    this.cache.clear();
  }

  /** Changes the http source policy (allowed origins, limits, and for tests the lookup/transport). */
  configureHttp(options: HttpSourceOptions): void {
    this.http = { ...this.http, ...options };
    this.cache.clear();
  }

  /** Forgets a chart's cached results (an update already does this through the version; deletions may call it). */
  invalidateChart(chartId: string): void {
    this.cache.invalidateChart(chartId);
  }

  async close(): Promise<void> {
    this.cache.clear();
    await this.sql.closeAll();
  }

  async resolve(db: OcpDatabase, chart: ChartForData, params: ChartDataParams = {}): Promise<ChartData> {
    const target = this.targetPoints(params.width);
    const range = normalizeRange(params.range);
    const raw = chart.dataSourceConfig as { kind?: unknown };
    let version = chart.updatedAt;
    let ttl = Number.POSITIVE_INFINITY;
    let config: DataSourceConfig | undefined;
    if (raw?.kind === 'dataset') {
      // The dataset can change without the chart changing: its own version is part of the key.
      config = validate(chart.dataSourceConfig);
      const owner = await chartOwner(db, chart);
      version += `|${await datasetVersion(db, owner, (config as { datasetId: string }).datasetId)}`;
    } else if (raw?.kind === 'sql') {
      // Before the cache: who may use the connection is checked on every read, as memberships stand now.
      config = validate(chart.dataSourceConfig);
      const { connection } = config as { connection: string };
      await this.sql.authorize(db, connection, await chartOwner(db, chart));
      ttl = this.ttlMs;
    } else if (raw?.kind === 'http' || raw?.kind === 'energy') {
      ttl = this.ttlMs;
    }
    const key = JSON.stringify([chart.id, version, range ?? null, target]);
    return this.cache.get(key, chart.id, version, ttl, () =>
      this.compute(db, chart, config ?? validate(chart.dataSourceConfig), { range, width: params.width }, target),
    );
  }

  private targetPoints(width: number | undefined): number {
    if (width === undefined) return this.maxPointsWithoutWidth;
    if (!Number.isFinite(width) || width <= 0) throw dataError('BAD_REQUEST', 'width: a positive number of pixels');
    return Math.min(MAX_TARGET, Math.max(4, widthBucket(width) * POINTS_PER_PIXEL));
  }

  private async compute(
    db: OcpDatabase,
    chart: ChartForData,
    config: DataSourceConfig,
    params: ChartDataParams,
    target: number,
  ): Promise<ChartData> {
    let columns: Columns;
    let sourceRows: number | undefined;
    switch (config.kind) {
      case 'inline':
        columns = config.columns;
        break;
      case 'dataset':
        columns = await readDataset(db, config.datasetId, referencedColumns(config));
        break;
      case 'http':
        columns = await readHttpSource(
          config,
          this.http,
          chart.secrets !== undefined ? chart.secrets : await readSourceSecrets(db, chart.id),
        );
        break;
      case 'sql':
        columns = await this.sql.query(config.connection, config.query, sqlParams(config.params, params), db);
        break;
      case 'energy': {
        const energy = await readEnergy(db, await chartOwner(db, chart), config, params, target);
        columns = energy.columns;
        sourceRows = energy.sourceRows;
        break;
      }
    }
    sourceRows ??= rowCount(columns);
    columns = applyTransforms(columns, config.transforms);
    checkMapping(columns, config);
    // The energy source already applied the range in SQL; elsewhere it filters the x axis, when x holds times.
    if (
      params.range &&
      config.kind !== 'energy' &&
      (columns[config.mapping.x] ?? []).some((v) => !Number.isNaN(toMillis(v)))
    ) {
      columns = timeRange(columns, { column: config.mapping.x, ...params.range }, 'range');
    }

    const settings = config.transforms?.findLast(
      (t): t is Extract<Transform, { type: 'downsample' }> => t.type === 'downsample',
    );
    const method = settings?.method ?? 'minmaxlttb';
    const templates = chart.plotlyConfig.data.length > 0 ? chart.plotlyConfig.data : [{ type: 'scatter' }];
    let downsampled = false;
    if (method !== 'none' && !templates.some((t) => NOT_SERIES.has(t.type ?? 'scatter'))) {
      const rows = selectRows(columns, config.mapping, Math.min(target, settings?.points ?? target), method);
      if (rows) {
        columns = pickRows(columns, rows);
        downsampled = true;
      }
    }
    const returned = rowCount(columns);
    if (returned > MAX_RETURNED_ROWS) {
      throw dataError(
        'PAYLOAD_TOO_LARGE',
        `${returned} rows to return; aggregate or downsample below ${MAX_RETURNED_ROWS}`,
      );
    }
    return {
      traces: buildTraces(chart.plotlyConfig, columns, config.mapping),
      meta: { sourcePoints: sourceRows, returnedPoints: returned, downsampled },
    };
  }
}

/**
 * The width a result is computed (and cached) for: rounded up to a multiple of 128 px, and above 2048 px to a power
 * of two. Charts resized by a pixel, and callers walking through widths to defeat the cache (an anonymous sharing
 * link costs a full computation per miss), land on one of about twenty results per chart version. Rounding up keeps
 * at least two points per pixel actually drawn.
 */
export function widthBucket(width: number): number {
  if (width <= WIDTH_STEP * 16) return Math.ceil(width / WIDTH_STEP) * WIDTH_STEP;
  return 2 ** Math.ceil(Math.log2(width));
}
const WIDTH_STEP = 128;

function validate(raw: unknown): DataSourceConfig {
  const parsed = dataSourceConfigSchema.safeParse(raw);
  if (!parsed.success) throw invalidConfig(parsed.error);
  return parsed.data;
}

function normalizeRange(range: ChartDataParams['range']): ChartDataParams['range'] {
  if (!range || (range.from === undefined && range.to === undefined)) return undefined;
  for (const key of ['from', 'to'] as const) {
    const v = range[key];
    if (v !== undefined && Number.isNaN(toMillis(v))) throw dataError('BAD_REQUEST', `range.${key}: not a time`);
  }
  return { ...(range.from !== undefined && { from: range.from }), ...(range.to !== undefined && { to: range.to }) };
}

/** Every column a config names: a dataset source reads only these from the database. */
export function referencedColumns(config: DataSourceConfig): string[] {
  const names = new Set([config.mapping.x, ...config.mapping.y]);
  if (config.mapping.series) names.add(config.mapping.series);
  for (const t of config.transforms ?? []) {
    if (t.type === 'timeRange') names.add(t.column);
    else if (t.type === 'aggregate') {
      for (const g of t.groupBy) names.add(g);
      if (t.bucket) names.add(t.bucket.column);
      for (const m of t.measures) names.add(m.column);
    } else if (t.type === 'pivot') {
      names.add(t.index).add(t.columns).add(t.values);
    }
  }
  return [...names];
}

function checkMapping(columns: Columns, config: DataSourceConfig): void {
  if (rowCount(columns) === 0 && Object.keys(columns).length === 0) return;
  const { x, y, series } = config.mapping;
  const missing = (name: string) => !(name in columns);
  const at = missing(x) ? 'x' : series && missing(series) ? 'series' : null;
  const yIndex = y.findIndex(missing);
  if (at === null && yIndex < 0) return;
  const field = at ?? `y.${yIndex}`;
  const name = at === 'x' ? x : at === 'series' ? series : y[yIndex];
  const known = Object.keys(columns).slice(0, 20).join(', ');
  throw dataError('BAD_REQUEST', `dataSourceConfig.mapping.${field}: no column "${name}" (columns: ${known})`);
}

function sqlParams(
  params: Extract<DataSourceConfig, { kind: 'sql' }>['params'],
  request: ChartDataParams,
): Array<string | number | boolean | null> {
  return (params ?? []).map((p) => {
    if (p === null || typeof p !== 'object') return p;
    const value = p.ref === 'range.from' ? request.range?.from : request.range?.to;
    return value ?? null;
  });
}
