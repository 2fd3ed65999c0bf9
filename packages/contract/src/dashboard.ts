/**
 * The dashboard document (dashboards.get, sharing.resolve, live tab and placement events), defined once: these zod
 * schemas give the TypeScript types, the keys of the server's one-statement SQL builder (a plain column is the
 * snake_case of its key, so adding one is an edit here only), and the strict shape tests check responses against.
 */
import { z } from 'zod';
import { layoutConfigSchema, positionConfigSchema, slotConstraintsSchema } from './json/layout.js';
import { type PlotlyConfig, plotlyConfigSchema } from './json/plotly.js';

const id = z.string();
const nullableText = z.string().nullable();
const timestamp = z.string();
const jsonObject = z.record(z.string(), z.unknown());
/** A stored Plotly config, typed as the rest of the contract types it. */
const plotlyConfig = plotlyConfigSchema as unknown as z.ZodType<PlotlyConfig>;

export const ROLES = ['owner', 'admin', 'editor', 'viewer', 'public'] as const;
export type Role = (typeof ROLES)[number];

export const templateSlotViewSchema = z.strictObject({
  id,
  slotKey: z.string(),
  slotType: z.string(),
  positionConfig: positionConfigSchema,
  constraints: slotConstraintsSchema,
});
export type TemplateSlotView = z.infer<typeof templateSlotViewSchema>;

export const templateDetailSchema = z.strictObject({
  id,
  name: z.string(),
  description: nullableText,
  layoutConfig: layoutConfigSchema,
  previewImageUrl: nullableText,
  isSystemTemplate: z.boolean(),
  createdBy: id.nullable(),
  /** The team it is shared with; null (or absent, in older snapshots): the creator's, used by their teammates. */
  ownerTeamId: id.nullable().optional(),
  slots: z.array(templateSlotViewSchema),
});
export type TemplateDetail = z.infer<typeof templateDetailSchema>;

/** templates.list rows (seed query 3). */
export const templateSummarySchema = templateDetailSchema.omit({ slots: true }).extend({ slotCount: z.number() });
export type TemplateSummary = z.infer<typeof templateSummarySchema>;

export const chartSummarySchema = z.strictObject({
  id,
  title: z.string(),
  description: nullableText,
  chartType: z.string(),
  ownerUserId: id.nullable(),
  ownerTeamId: id.nullable(),
  isPublic: z.boolean(),
  tags: z.array(z.string()),
  updatedAt: timestamp,
});
export type ChartSummary = z.infer<typeof chartSummarySchema>;

/** A chart as a placement or a chart sharing link shows it (config only; its data comes from charts.data / sharing.chartData). */
export const placedChartSchema = chartSummarySchema.extend({ plotlyConfig });
export type PlacedChart = z.infer<typeof placedChartSchema>;

const placementBase = {
  id,
  slotId: id,
  slotKey: z.string(),
  chartId: id,
  customizations: jsonObject,
};

/** Every key of a placement (the SQL builder's list); {@link placementViewSchema} is the exact shape. */
export const placementFieldsSchema = z.strictObject({
  ...placementBase,
  unavailable: z.boolean(),
  chart: placedChartSchema.nullable(),
});

/**
 * A chart in a slot. While the dashboard's owner (its user, or its team) may read the chart, `chart` holds it;
 * otherwise (the owner left the chart's team, the chart went private or to another team) the slot is
 * `unavailable`: no title, no config, and no data through the dashboard or its links.
 */
export const placementViewSchema = z.discriminatedUnion('unavailable', [
  z.strictObject({ ...placementBase, unavailable: z.literal(false), chart: placedChartSchema }),
  z.strictObject({ ...placementBase, unavailable: z.literal(true), chart: z.null() }),
]);
export type PlacementView = z.infer<typeof placementViewSchema>;

export const tabViewSchema = z.strictObject({
  id,
  title: z.string(),
  description: nullableText,
  position: z.number().int(),
  settings: jsonObject,
  template: templateDetailSchema,
  placements: z.array(placementViewSchema),
});
export type TabView = z.infer<typeof tabViewSchema>;

/** dashboards.get: the whole dashboard in one response (one SQL round trip on the server). */
export const dashboardDetailSchema = z.strictObject({
  id,
  title: z.string(),
  description: nullableText,
  templateId: id,
  ownerUserId: id.nullable(),
  ownerTeamId: id.nullable(),
  isPublic: z.boolean(),
  updatedAt: timestamp,
  settings: jsonObject,
  createdAt: timestamp,
  /** The caller's effective role; 'public' for is_public or sharing-link access (read-only). */
  role: z.enum(ROLES),
  tabs: z.array(tabViewSchema),
});
export type DashboardDetail = z.infer<typeof dashboardDetailSchema>;

/** dashboards.list rows. */
export const dashboardSummarySchema = dashboardDetailSchema.pick({
  id: true,
  title: true,
  description: true,
  templateId: true,
  ownerUserId: true,
  ownerTeamId: true,
  isPublic: true,
  updatedAt: true,
});
export type DashboardSummary = z.infer<typeof dashboardSummarySchema>;
