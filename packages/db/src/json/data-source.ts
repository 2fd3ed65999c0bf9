import { z } from 'zod';

const columnName = z.string().min(1).max(128);
const cell = z.union([z.number(), z.string().max(10_000), z.boolean(), z.null()]);
const isoOrNumber = z.union([z.string().max(64), z.number()]);

/** Which columns feed the chart's axes. */
export const mappingSchema = z.strictObject({
  x: columnName,
  y: z.array(columnName).min(1).max(64),
  series: columnName.optional(),
});
export type Mapping = z.infer<typeof mappingSchema>;

/** Transforms applied in order after the source is read (SPEC §5). */
export const transformSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('timeRange'),
    column: columnName,
    from: isoOrNumber.optional(),
    to: isoOrNumber.optional(),
  }),
  z.strictObject({
    type: z.literal('aggregate'),
    groupBy: z.array(columnName).max(8),
    bucket: z
      .strictObject({ column: columnName, every: z.enum(['minute', '15min', 'hour', 'day', 'week', 'month']) })
      .optional(),
    measures: z
      .array(
        z.strictObject({
          column: columnName,
          op: z.enum(['sum', 'avg', 'min', 'max', 'count']),
          as: columnName.optional(),
        }),
      )
      .min(1)
      .max(32),
  }),
  z.strictObject({ type: z.literal('pivot'), index: columnName, columns: columnName, values: columnName }),
  z.strictObject({
    type: z.literal('downsample'),
    method: z.enum(['minmaxlttb', 'lttb']).default('minmaxlttb'),
    points: z.number().int().min(2).max(100_000).optional(),
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

export const datasetSourceSchema = z.strictObject({
  kind: z.literal('dataset'),
  datasetId: z.uuid(),
  ...common,
});

export const httpSourceSchema = z.strictObject({
  kind: z.literal('http'),
  url: z.url({ protocol: /^https?$/ }).max(2048),
  format: z.enum(['json', 'csv']).default('json'),
  /** Dot path to the array of records inside a JSON response. */
  path: z.string().max(256).optional(),
  ...common,
});

export const sqlSourceSchema = z.strictObject({
  kind: z.literal('sql'),
  connection: z.string().min(1).max(64),
  query: z.string().min(1).max(20_000),
  params: z.array(cell).max(100).optional(),
  ...common,
});

/** `charts.data_source_config`. */
export const dataSourceConfigSchema = z.discriminatedUnion('kind', [
  inlineSourceSchema,
  datasetSourceSchema,
  httpSourceSchema,
  sqlSourceSchema,
]);
export type DataSourceConfig = z.infer<typeof dataSourceConfigSchema>;
