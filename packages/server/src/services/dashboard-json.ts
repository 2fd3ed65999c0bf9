import {
  dashboardDetailSchema,
  placedChartSchema,
  placementFieldsSchema,
  tabViewSchema,
  templateDetailSchema,
  templateSlotViewSchema,
} from '@ocp/contract';
import { type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { ownerReadsChartSql } from './access.js';

// JSON builders for the dashboard document of @ocp/contract (dashboard.ts), written against table aliases so they
// can be nested inside one statement (dashboards.get, sharing.resolve, dashboard snapshots, live events). Aliases
// are fixed strings.

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
export const isoRaw = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', ${ISO})`;

const snake = (key: string) => key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/**
 * `json_build_object(…)` with exactly the keys of a contract schema, in its order: each key is the column
 * `<alias>.<snake_case key>` unless `computed` gives its SQL. So the schema is the one definition: a new plain
 * column is one edit there, and a key the schema lacks cannot be sent.
 */
function jsonOf<S extends z.ZodObject>(
  schema: S,
  alias: string,
  computed: Partial<Record<keyof z.infer<S> & string, string>>,
): string {
  const pairs = Object.keys(schema.shape).map(
    (key) => `'${key}', ${(computed as Record<string, string | undefined>)[key] ?? `${alias}.${snake(key)}`}`,
  );
  return `json_build_object(${pairs.join(', ')})`;
}

/** TemplateSlotView[] of template alias `tpl`, in reading order (top to bottom, left to right). */
const SLOTS_JSON = `coalesce((SELECT json_agg(${jsonOf(templateSlotViewSchema, 's', {
  slotType: `coalesce(s.slot_type, 'chart')`,
  constraints: `coalesce(s.constraints, '{}'::jsonb)`,
})}
    ORDER BY (s.position_config->>'y')::int, (s.position_config->>'x')::int, s.slot_key)
  FROM dashboard_template_slots s WHERE s.template_id = tpl.id), '[]'::json)`;

/** TemplateDetail of alias `tpl`. */
export const TEMPLATE_DETAIL_JSON = jsonOf(templateDetailSchema, 'tpl', {
  isSystemTemplate: 'coalesce(tpl.is_system_template, false)',
  slots: SLOTS_JSON,
});

/** PlacedChart of alias `c` (what a placement or a chart sharing link shows). */
export const PLACED_CHART_JSON = jsonOf(placedChartSchema, 'c', {
  isPublic: 'coalesce(c.is_public, false)',
  tags: `coalesce(c.tags, '{}'::text[])`,
  updatedAt: isoRaw('c.updated_at'),
});

/**
 * PlacedChart of chart alias `c` in placement alias `cp`: a placement pinned to a version
 * (`customizations.pinnedVersion`) shows that version's figure; a floating one (or a pin to a version that does
 * not exist) the chart's latest.
 */
const PLACEMENT_CHART_JSON = jsonOf(placedChartSchema, 'c', {
  isPublic: 'coalesce(c.is_public, false)',
  tags: `coalesce(c.tags, '{}'::text[])`,
  updatedAt: isoRaw('c.updated_at'),
  plotlyConfig: `coalesce((SELECT v.plotly_config FROM chart_versions v WHERE v.chart_id = c.id
      AND v.version_number::text = cp.customizations->>'pinnedVersion'), c.plotly_config)`,
});

/**
 * Joined after chart alias `c` and dashboard alias `d`: `pa.readable` says whether the dashboard's owner may read
 * the chart now (see ownerReadsChartSql), which decides whether the placement shows it.
 */
export const PLACEMENT_READABLE_JOIN = `CROSS JOIN LATERAL (SELECT ${ownerReadsChartSql('d', 'c')} AS readable) pa`;

/**
 * PlacementView of aliases `cp` (placement), `s` (its slot), `c` (its chart) and `pa` (PLACEMENT_READABLE_JOIN):
 * an unavailable chart leaves only the placement itself (no title, no config).
 */
export const PLACEMENT_JSON = jsonOf(placementFieldsSchema, 'cp', {
  slotId: 's.id',
  slotKey: 's.slot_key',
  chartId: 'cp.chart_id',
  customizations: `coalesce(cp.customizations, '{}'::jsonb)`,
  unavailable: 'NOT pa.readable',
  chart: `CASE WHEN pa.readable THEN ${PLACEMENT_CHART_JSON} END`,
});

/** TabView of tab alias `tab` on dashboard alias `d`. */
export const TAB_JSON = jsonOf(tabViewSchema, 'tab', {
  settings: `coalesce(tab.settings, '{}'::jsonb)`,
  template: `(SELECT ${TEMPLATE_DETAIL_JSON} FROM dashboard_templates tpl WHERE tpl.id = tab.template_id)`,
  placements: `coalesce((SELECT json_agg(${PLACEMENT_JSON} ORDER BY s.slot_key, cp.id)
      FROM chart_placements cp
      JOIN dashboard_template_slots s ON s.id = cp.template_slot_id
      LEFT JOIN charts c ON c.id = cp.chart_id -- under row-level security, a chart the placement no longer shows is not even readable
      ${PLACEMENT_READABLE_JOIN}
      WHERE cp.dashboard_tab_id = tab.id), '[]'::json)`,
});

/** TabView[] of dashboard alias `d`, by position. */
const TABS_JSON = `coalesce((SELECT json_agg(${TAB_JSON} ORDER BY tab.position)
  FROM dashboard_tabs tab WHERE tab.dashboard_id = d.id), '[]'::json)`;

/** DashboardDetail of alias `d`, whose `role` column is the caller's role. */
const DASHBOARD_COMPUTED = {
  isPublic: 'coalesce(d.is_public, false)',
  updatedAt: isoRaw('d.updated_at'),
  settings: `coalesce(d.settings, '{}'::jsonb)`,
  createdAt: isoRaw('d.created_at'),
  tabs: TABS_JSON,
};
const DASHBOARD_JSON = jsonOf(dashboardDetailSchema, 'd', DASHBOARD_COMPUTED);
/** DASHBOARD_JSON less `role`, the one key that depends on who asks. */
const DOC_WITHOUT_ROLE_JSON = jsonOf(dashboardDetailSchema.omit({ role: true }), 'd', DASHBOARD_COMPUTED);

/**
 * The DashboardDetail of dashboard `id` without its `role` key, as JSON text exactly as PostgreSQL wrote it (never
 * parsed): the same for every caller, so it can be cached and served as bytes with each caller's role appended
 * (see dashboard-doc-cache.ts), with its owner (whose memberships decide which placements show). No row when the
 * dashboard does not exist.
 */
export function dashboardDocTextSql(dashboardId: string): SQL {
  return sql`SELECT ${sql.raw(DOC_WITHOUT_ROLE_JSON)}::text AS doc, d.owner_user_id AS "ownerUserId",
    d.owner_team_id AS "ownerTeamId" FROM dashboards d WHERE d.id = ${dashboardId}`;
}

/**
 * The whole DashboardDetail of the dashboard `id` as one JSON document, in one statement: the caller's role is
 * computed by `role` (an SQL expression over alias `dd`) and a NULL role returns no row at all.
 */
export function dashboardDetailSql(dashboardId: string, role: SQL): SQL {
  return sql`SELECT ${sql.raw(DASHBOARD_JSON)} AS doc
  FROM (SELECT dd.*, ${role} AS role FROM dashboards dd WHERE dd.id = ${dashboardId}) d
  WHERE d.role IS NOT NULL`;
}
