import { z } from 'zod';
import { filterValuesParams, versionNumber } from './charts.js';
import { dataFilters, dataParams, id, timeRange, timestamp } from './common.js';
import { FRAME_ORIGIN_HINT, isFrameOrigin } from './frame-origins.js';

export const sharedResourceType = z.enum(['dashboard', 'chart', 'template']);

/** An origin allowed to frame the shared view (CSP frame-ancestors); see isFrameOrigin. */
const origin = z.string().max(255).refine(isFrameOrigin, FRAME_ORIGIN_HINT);

const permissions = z.strictObject({
  view: z.literal(true).default(true),
  interact: z.boolean().optional(),
  allowedOrigins: z.array(origin).max(20).optional(),
  /** Viewers may download the data (CSV) and images (PNG, SVG, PDF); the server refuses CSV without it. */
  allowExport: z.boolean().optional(),
  /** The time range every chart of the link is held to; a viewer may narrow it (zoom) but never widen it. */
  lockedRange: timeRange.optional(),
  /** Filters always applied; a viewer's filter on a locked column can only narrow its values. */
  lockedFilters: dataFilters.optional(),
});

/** Raw tokens are 43 base64url characters; anything shaped otherwise cannot match. */
const token = z
  .string()
  .min(16)
  .max(128)
  .regex(/^[A-Za-z0-9_-]+$/, 'not a sharing token');

export const createShareInput = z.strictObject({
  resourceType: sharedResourceType,
  resourceId: id,
  permissions: permissions.optional(),
  expiresAt: timestamp.nullable().optional(),
});
export const listSharesInput = z
  .strictObject({ resourceType: sharedResourceType.optional(), resourceId: id.optional() })
  .default({});
export const resolveShareInput = z.strictObject({ token });
export const sharedChartDataInput = z.strictObject({
  token,
  chartId: id,
  ...dataParams,
  version: versionNumber.optional(),
});
export const sharedFilterValuesInput = z.strictObject({ token, chartId: id, ...filterValuesParams });
