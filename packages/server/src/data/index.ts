import type { ChartData, ChartDataParams } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import { type ChartForData, DataEngine } from './engine.js';
import type { SqlConnectionRegistration } from './sources/sql.js';

export { ResultCache } from './cache.js';
export { lttb, minMaxLttb, selectRows } from './downsample.js';
export { type ChartForData, DataEngine, type DataEngineOptions, POINTS_PER_PIXEL, widthBucket } from './engine.js';
export type { ColumnarData, ColumnType } from './import/columnar.js';
export { type DatasetContent, type ImportDatasetInput, type ImportedDataset, importDataset } from './import/dataset.js';
export { parseCsv, parseJson } from './import/parse.js';
export { type DatasetQuota, DEFAULT_DATASET_QUOTA, datasetUsage } from './import/quota.js';
export { type AddressPolicy, addressChecker } from './sources/address-policy.js';
export type { HttpSourceOptions, Lookup, Transport, TransportRequest, TransportResponse } from './sources/http.js';
export type { SqlConnectionRegistration } from './sources/sql.js';

/** Origins http sources may fetch from, comma-separated (e.g. `https://data.example.com,https://*.example.org`). */
function originsFromEnv(): string[] {
  return (process.env.OCP_HTTP_SOURCE_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The process-wide engine the API uses; hosts configure it through the functions below. */
export const defaultDataEngine = new DataEngine({ http: { allowedOrigins: originsFromEnv() } });

/**
 * Lets `{ kind: 'sql', connection: name }` sources of the users and teams it names query this connection (its own
 * pool, read-only, as its role, with a statement timeout). `createOcpServer({ sqlConnections })` calls this.
 */
export function registerSqlConnection(registration: SqlConnectionRegistration): void {
  defaultDataEngine.registerSqlConnection(registration);
}

/** Origins `http` sources may fetch from (replaces OCP_HTTP_SOURCE_ORIGINS). */
export function allowHttpSourceOrigins(origins: string[]): void {
  defaultDataEngine.configureHttp({ allowedOrigins: origins });
}

/**
 * The seam between the API and the data engine (SPEC §5): routers call this for charts.data and
 * sharing.chartData after their own authorization. `options.engine` selects another engine (tests, hosts
 * running several configurations).
 */
export async function resolveChartData(
  db: OcpDatabase,
  chart: ChartForData,
  params: ChartDataParams = {},
  options: { engine?: DataEngine } = {},
): Promise<ChartData> {
  return (options.engine ?? defaultDataEngine).resolve(db, chart, params);
}
