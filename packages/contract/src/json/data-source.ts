import { z } from 'zod';

const columnName = z.string().min(1).max(128);
const cell = z.union([z.number(), z.string().max(10_000), z.boolean(), z.null()]);
/** A point in time: an ISO-8601 string or epoch milliseconds (numbers also compare as plain numbers). */
const isoOrNumber = z.union([z.string().max(64), z.number()]);
const range = z.strictObject({ from: isoOrNumber.optional(), to: isoOrNumber.optional() });

/** Which columns feed the chart's axes. */
export const mappingSchema = z.strictObject({
  x: columnName,
  y: z.array(columnName).min(1).max(64),
  series: columnName.optional(),
});
export type Mapping = z.infer<typeof mappingSchema>;

/** Time buckets, aligned in UTC (weeks start on Monday). */
export const TIME_BUCKETS = ['minute', '15min', 'hour', 'day', 'week', 'month'] as const;
export type TimeBucket = (typeof TIME_BUCKETS)[number];

const aggregateSchema = z
  .strictObject({
    type: z.literal('aggregate'),
    groupBy: z.array(columnName).max(8).default([]),
    /** Rows are grouped by the start of their time bucket; the column keeps its name and holds ISO strings. */
    bucket: z.strictObject({ column: columnName, every: z.enum(TIME_BUCKETS) }).optional(),
    measures: z
      .array(
        z.strictObject({
          column: columnName,
          op: z.enum(['sum', 'avg', 'min', 'max', 'count']),
          /** Output column name; defaults to the input column's name. */
          as: columnName.optional(),
        }),
      )
      .min(1)
      .max(32),
  })
  .superRefine((t, ctx) => {
    const seen = new Set([...t.groupBy, ...(t.bucket ? [t.bucket.column] : [])]);
    t.measures.forEach((m, i) => {
      const name = m.as ?? m.column;
      if (seen.has(name)) {
        ctx.addIssue({
          code: 'custom',
          path: ['measures', i, 'as'],
          message: `output column "${name}" is already used; give this measure another name with "as"`,
        });
      }
      seen.add(name);
    });
  });

/** Transforms applied in order after the source is read (SPEC §5). */
export const transformSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('timeRange'),
    column: columnName,
    from: isoOrNumber.optional(),
    to: isoOrNumber.optional(),
  }),
  aggregateSchema,
  /** Long to wide: one output column per distinct value of `columns`, filled from `values`, one row per `index`. */
  z.strictObject({ type: z.literal('pivot'), index: columnName, columns: columnName, values: columnName }),
  /** Overrides the automatic downsampling (MinMaxLTTB to about two points per pixel of `width`). */
  z.strictObject({
    type: z.literal('downsample'),
    method: z.enum(['minmaxlttb', 'lttb', 'none']).default('minmaxlttb'),
    /** A fixed upper bound on returned points, whatever the width. */
    points: z.number().int().min(4).max(100_000).optional(),
  }),
]);
export type Transform = z.infer<typeof transformSchema>;

const common = { mapping: mappingSchema, transforms: z.array(transformSchema).max(16).optional() };

export const inlineSourceSchema = z.strictObject({
  kind: z.literal('inline'),
  columns: z
    .record(columnName, z.array(cell).max(1_000_000))
    .refine((c) => Object.keys(c).length <= 256, 'at most 256 columns'),
  ...common,
});

/** A workspace item of type `dataset` (see importDataset in @ocp/server): columnar data in its `content`. */
export const datasetSourceSchema = z.strictObject({
  kind: z.literal('dataset'),
  datasetId: z.uuid(),
  ...common,
});

/** Headers the server sets itself or that only a proxy may set: a source cannot override them. */
const RESERVED_HEADERS = new Set([
  'host',
  'connection',
  'content-length',
  'transfer-encoding',
  'accept-encoding',
  'te',
  'trailer',
  'upgrade',
  'keep-alive',
  'expect',
  'proxy-authorization',
  'proxy-connection',
]);

/**
 * Request headers of an http source (`Authorization`, `X-Api-Key`…). Write-only: the server stores them apart from
 * the config, sends them only to the URL's origin, and never returns them.
 */
const httpHeadersSchema = z
  .record(
    z.string().regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,128}$/, 'an HTTP header name'),
    z
      .string()
      .max(4096)
      .regex(/^[\t\x20-\x7e\x80-\xff]*$/, 'a header value without line breaks or control characters'),
  )
  .refine((h) => Object.keys(h).length <= 16, 'at most 16 headers')
  .refine((h) => !Object.keys(h).some((n) => RESERVED_HEADERS.has(n.toLowerCase())), {
    message: `headers: none of ${[...RESERVED_HEADERS].join(', ')}`,
  });

/** JSON or CSV fetched from an origin the host allow-listed; see docs/data-sources.md for the address policy. */
export const httpSourceSchema = z.strictObject({
  kind: z.literal('http'),
  url: z.url({ protocol: /^https?$/ }).max(2048),
  headers: httpHeadersSchema.optional(),
  format: z.enum(['json', 'csv']).default('json'),
  /** Dot path to the data inside a JSON response (an array of records or an object of columns). */
  path: z
    .string()
    .max(256)
    .regex(/^[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*$/, 'a dot path such as "data.rows"')
    .optional(),
  ...common,
});

/** A bound parameter: a literal, or the request's range (`charts.data {range}`) so the filter runs in SQL. */
export const sqlParamSchema = z.union([cell, z.strictObject({ ref: z.enum(['range.from', 'range.to']) })]);
export type SqlParam = z.infer<typeof sqlParamSchema>;

/** A query on a read-only connection the host registered by name; `$1`, `$2`… are bound from `params`. */
export const sqlSourceSchema = z.strictObject({
  kind: z.literal('sql'),
  connection: z.string().min(1).max(64),
  query: z.string().min(1).max(20_000),
  params: z.array(sqlParamSchema).max(100).optional(),
  ...common,
});

/** The columns an energy source produces (one row per time bucket). */
export const ENERGY_COLUMNS = [
  'time',
  'solar',
  'wind',
  'battery',
  'grid',
  'demand',
  'forecast',
  'forecast_lower',
  'forecast_upper',
  'anomaly',
] as const;
/** Stacked generation, demand, the forecast band (lower before upper, for fill: 'tonexty'), forecast, anomalies. */
export const ENERGY_DEFAULT_MAPPING: Mapping = {
  x: 'time',
  y: ['solar', 'wind', 'battery', 'grid', 'demand', 'forecast_lower', 'forecast_upper', 'forecast', 'anomaly'],
};

/**
 * The energy tables (energy_sites/series/readings/forecasts/anomalies), aggregated in SQL into time buckets.
 * A chart reads only sites its owner can see (the owner user's, or those of teams the owner belongs to).
 */
export const energySourceSchema = z.strictObject({
  kind: z.literal('energy'),
  /** Which sites; all the chart owner's sites when omitted. */
  siteIds: z.array(z.uuid()).min(1).max(100).optional(),
  /** Default time range; the request's `range` narrows it. Omitted: all readings. */
  range: range.optional(),
  /** `auto` picks the finest bucket that keeps the chart near two points per pixel. */
  bucket: z.enum(['auto', '15min', 'hour', 'day', 'week']).default('auto'),
  /** `power`: average kW over each bucket (comparable across zoom levels); `energy`: kWh summed per bucket. */
  measure: z.enum(['power', 'energy']).default('power'),
  /** Forecast model to draw (energy_forecasts.model); null hides the band. */
  forecastModel: z.string().min(1).max(64).nullable().default('seasonal-naive-4w'),
  /** Anomaly detector to mark (energy_anomalies.detector); null hides the markers. */
  anomalyDetector: z.string().min(1).max(64).nullable().default('residual-mad'),
  mapping: mappingSchema.default(ENERGY_DEFAULT_MAPPING),
  transforms: common.transforms,
});

/** `charts.data_source_config`. */
export const dataSourceConfigSchema = z.discriminatedUnion('kind', [
  inlineSourceSchema,
  datasetSourceSchema,
  httpSourceSchema,
  sqlSourceSchema,
  energySourceSchema,
]);
export type DataSourceConfig = z.infer<typeof dataSourceConfigSchema>;
/** What a caller may write: defaults (format, bucket, mapping of energy sources…) may be left out. */
export type DataSourceConfigInput = z.input<typeof dataSourceConfigSchema>;
