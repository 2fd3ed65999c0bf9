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

/** Origins http sources may fetch from, from `OCP_HTTP_SOURCE_ORIGINS` (comma-separated; the default of createOcpServer). */
export function httpSourceOriginsFromEnv(): string[] {
  return (process.env.OCP_HTTP_SOURCE_ORIGINS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
