import {
  applyFilters,
  buildTraces,
  type Cell,
  type ChartData,
  type ChartDataParams,
  type Columns,
  type DataFilter,
  type DataSourceConfig,
  dataSourceConfigSchema,
  distinctValues,
  type FilterValues,
  type PlotlyConfig,
  resolveTimeRange,
  type Transform,
  widthBucket,
} from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import { ResultCache } from './cache.js';
import { DatasetColumnCache } from './dataset-cache.js';
import { selectRows } from './downsample.js';
import { dataError, invalidConfig } from './errors.js';
import { chartOwner, datasetVersion, readDataset } from './sources/db-sources.js';
import { readEnergy } from './sources/energy.js';
import { type HttpSourceOptions, readHttpSource } from './sources/http.js';
import { readSourceSecrets, type SourceSecrets } from './sources/http-secrets.js';
import { type SqlConnectionRegistration, SqlConnections } from './sources/sql.js';
import { numericView } from './storage/numeric-view.js';
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
/** Rows a CSV export may hold (docs/interactivity.md): beyond it the export is refused, never silently cut. */
export const MAX_EXPORT_ROWS = 1_000_000;
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
  private readonly valuesCache = new ResultCache<FilterValues>({ maxEntries: 256 });
  /** Datasets' columns as read and parsed, per dataset version: a new chart on a dataset skips the database. */
  readonly datasets = new DatasetColumnCache();
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
    this.valuesCache.invalidateChart(chartId);
  }

  async close(): Promise<void> {
    this.cache.clear();
    this.valuesCache.clear();
    this.datasets.clear();
    await this.sql.closeAll();
  }

  async resolve(db: OcpDatabase, chart: ChartForData, params: ChartDataParams = {}): Promise<ChartData> {
    const target = this.targetPoints(params.width);
    const range = normalizeRange(params.range);
    const filters = normalizeFilters(params.filters);
    const { version, ttl, config, datasetAt } = await this.prepare(db, chart);
    const key = JSON.stringify([chart.id, version, range ?? null, target, filters ?? null]);
    return this.cache.get(key, chart.id, version, ttl, () =>
      this.compute(
        db,
        chart,
        config ?? validate(chart.dataSourceConfig),
        { range, width: params.width, filters },
        target,
        datasetAt,
      ),
    );
  }

  /**
   * A draft's data (charts.preview, before it is saved): read and checked exactly as `resolve` would, but never
   * cached, since a draft has no version to key it by.
   */
  async draft(db: OcpDatabase, chart: ChartForData, params: Pick<ChartDataParams, 'width'> = {}): Promise<ChartData> {
    const target = this.targetPoints(params.width);
    const { config, datasetAt } = await this.prepare(db, chart);
    const source = config ?? validate(chart.dataSourceConfig);
    return this.compute(db, chart, source, { width: params.width }, target, datasetAt);
  }

  /**
   * The chart's rows at full resolution (no downsampling) for the range and filters: what a CSV export streams.
   * More than `MAX_EXPORT_ROWS` is PAYLOAD_TOO_LARGE (narrow the range). Not cached: exports are rare and large.
   */
  async rows(
    db: OcpDatabase,
    chart: ChartForData,
    params: ChartDataParams = {},
  ): Promise<{ columns: Columns; names: string[] }> {
    const range = normalizeRange(params.range);
    const filters = normalizeFilters(params.filters);
    const { config, datasetAt } = await this.prepare(db, chart);
    const source = config ?? validate(chart.dataSourceConfig);
    const read = await this.columnsOf(db, chart, source, { range, filters }, MAX_EXPORT_ROWS, datasetAt);
    const n = rowCount(read.columns);
    if (n > MAX_EXPORT_ROWS) {
      throw dataError(
        'PAYLOAD_TOO_LARGE',
        `${n} rows; a CSV export holds at most ${MAX_EXPORT_ROWS}: narrow the range`,
      );
    }
    const { x, y, series } = source.mapping;
    const names = [...new Set([x, ...(series ? [series] : []), ...y])].filter((c) => c in read.columns);
    return { columns: read.columns, names };
  }

  /**
   * charts.filterValues: distinct values of a source column (before transforms: where filters apply). `filters`
   * and `range` (on the x column, when the source has it and it holds times) restrict the rows first: a sharing
   * link's locks, so its options never name values the link hides.
   */
  async filterValues(
    db: OcpDatabase,
    chart: ChartForData,
    input: {
      column: string;
      search?: string;
      limit?: number;
      filters?: DataFilter[];
      range?: ChartDataParams['range'];
    },
  ): Promise<FilterValues> {
    const { version, ttl, config, datasetAt } = await this.prepare(db, chart);
    const source = config ?? validate(chart.dataSourceConfig);
    const range = normalizeRange(input.range);
    const filters = normalizeFilters(input.filters);
    const key = JSON.stringify([
      'values',
      chart.id,
      version,
      input.column,
      input.search ?? '',
      input.limit ?? 200,
      range ?? null,
      filters ?? null,
    ]);
    return this.valuesCache.get(key, chart.id, version, ttl, async () => {
      if (source.kind === 'energy') return { values: [], truncated: false };
      let columns = applyFilters(await this.readSource(db, chart, source, { range }, datasetAt), filters).columns;
      const x = columns[source.mapping.x];
      if (range && x?.some((v) => !Number.isNaN(toMillis(v)))) {
        columns = timeRange(columns, { column: source.mapping.x, ...range }, 'range');
      }
      return distinctValues(columns, input.column, input.limit ?? 200, input.search);
    });
  }

  /** Cache version and lifetime of the chart's results, and the validated config when reading it needed one. */
  private async prepare(db: OcpDatabase, chart: ChartForData) {
    const raw = chart.dataSourceConfig as { kind?: unknown };
    let version = chart.updatedAt;
    let ttl = Number.POSITIVE_INFINITY;
    let config: DataSourceConfig | undefined;
    let datasetAt: string | undefined;
    if (raw?.kind === 'dataset') {
      // The dataset can change without the chart changing: its own version is part of the key.
      config = validate(chart.dataSourceConfig);
      const owner = await chartOwner(db, chart);
      datasetAt = await datasetVersion(db, owner, (config as { datasetId: string }).datasetId);
      version += `|${datasetAt}`;
    } else if (raw?.kind === 'sql') {
      // Before the cache: who may use the connection is checked on every read, as memberships stand now.
      config = validate(chart.dataSourceConfig);
      const { connection } = config as { connection: string };
      await this.sql.authorize(db, connection, await chartOwner(db, chart));
      ttl = this.ttlMs;
    } else if (raw?.kind === 'http' || raw?.kind === 'energy') {
      ttl = this.ttlMs;
    }
    return { version, ttl, config, datasetAt };
  }

  private targetPoints(width: number | undefined): number {
    if (width === undefined) return this.maxPointsWithoutWidth;
    if (!Number.isFinite(width) || width <= 0) throw dataError('BAD_REQUEST', 'width: a positive number of pixels');
    return Math.min(MAX_TARGET, Math.max(4, widthBucket(width) * POINTS_PER_PIXEL));
  }

  private async readSource(
    db: OcpDatabase,
    chart: ChartForData,
    config: Exclude<DataSourceConfig, { kind: 'energy' }>,
    params: ChartDataParams = {},
    datasetAt?: string,
  ): Promise<Columns> {
    switch (config.kind) {
      case 'inline':
        return config.columns;
      case 'dataset':
        return this.datasets.get(config.datasetId, datasetAt ?? '', referencedColumns(config), (names) =>
          readDataset(db, config.datasetId, names),
        );
      case 'http':
        return readHttpSource(
          config,
          this.http,
          chart.secrets !== undefined ? chart.secrets : await readSourceSecrets(db, chart.id),
        );
      case 'sql':
        return this.sql.query(config.connection, config.query, sqlParams(config.params, params), db);
    }
  }

  /** Source → filters → transforms → range: the rows a chart shows, before downsampling. */
  private async columnsOf(
    db: OcpDatabase,
    chart: ChartForData,
    config: DataSourceConfig,
    params: ChartDataParams,
    target: number,
    datasetAt?: string,
  ) {
    let columns: Columns;
    let sourceRows: number | undefined;
    let applied: string[] = [];
    if (config.kind === 'energy') {
      const energy = await readEnergy(db, await chartOwner(db, chart), config, params, target);
      columns = energy.columns;
      sourceRows = energy.sourceRows;
    } else {
      columns = await this.readSource(db, chart, config, params, datasetAt);
      // Filters apply to the source's columns (site, source, category…), before any aggregate drops them.
      ({ columns, applied } = applyFilters(columns, params.filters));
    }
    const sourceColumns = Object.keys(columns).slice(0, 256);
    sourceRows ??= rowCount(columns);
    columns = applyTransforms(columns, config.transforms);
    checkMapping(columns, config);
    // The energy source already applied the range in SQL; elsewhere it filters the x axis, when x holds times.
    const x = columns[config.mapping.x];
    const xView = numericView(x);
    const timeBased =
      config.kind === 'energy' ||
      (xView ? xView.times : (x ?? []).some((v) => typeof v === 'string' && !Number.isNaN(toMillis(v))));
    if (
      params.range &&
      config.kind !== 'energy' &&
      (columns[config.mapping.x] ?? []).some((v) => !Number.isNaN(toMillis(v)))
    ) {
      columns = timeRange(columns, { column: config.mapping.x, ...params.range }, 'range');
    }
    return { columns, sourceRows, sourceColumns, applied, timeBased };
  }

  private async compute(
    db: OcpDatabase,
    chart: ChartForData,
    config: DataSourceConfig,
    params: ChartDataParams,
    target: number,
    datasetAt?: string,
  ): Promise<ChartData> {
    const read = await this.columnsOf(db, chart, config, params, target, datasetAt);
    let { columns } = read;

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
      meta: {
        sourcePoints: read.sourceRows,
        returnedPoints: returned,
        downsampled,
        columns: read.sourceColumns,
        timeBased: read.timeBased,
        filtered: read.applied,
        x: config.mapping.x,
        ...(config.mapping.series && { series: config.mapping.series }),
      },
    };
  }
}

/*
 * widthBucket (from @ocp/contract, which the charts use too): the width a result is computed (and cached) for.
 * Charts resized by a pixel, and callers walking through widths to defeat the cache (an anonymous sharing link
 * costs a full computation per miss), land on one of about twenty results per chart version. Rounding up keeps at
 * least two points per pixel actually drawn.
 */
export { widthBucket };

function validate(raw: unknown): DataSourceConfig {
  const parsed = dataSourceConfigSchema.safeParse(raw);
  if (!parsed.success) throw invalidConfig(parsed.error);
  return parsed.data;
}

/**
 * The range with relative ends (`now-7d`, `now/y` in the range's time zone) resolved to ISO-8601 times, so the
 * sources and the cache see absolute times only.
 */
export function normalizeRange(range: ChartDataParams['range'], now = Date.now()): ChartDataParams['range'] {
  if (!range || (range.from === undefined && range.to === undefined)) return undefined;
  try {
    const resolved = resolveTimeRange(range, now);
    return resolved.from === undefined && resolved.to === undefined ? undefined : resolved;
  } catch (e) {
    throw dataError('BAD_REQUEST', e instanceof Error ? e.message : 'range: not a time');
  }
}

/** Filters in one order (by column, values deduplicated) so equal requests share a cache entry. */
function normalizeFilters(filters: DataFilter[] | undefined): DataFilter[] | undefined {
  if (!filters?.length) return undefined;
  const byColumn = new Map<string, Set<Cell>>();
  for (const f of filters) {
    // Two filters on one column keep what both keep.
    const values = new Set(f.values);
    const before = byColumn.get(f.column);
    byColumn.set(f.column, before ? new Set([...before].filter((v) => values.has(v))) : values);
  }
  return [...byColumn.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([column, values]) => ({ column, values: [...values] }));
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
