import { type SQL, sql } from 'drizzle-orm';
import { ownerReadsChartSql } from './access.js';

// JSON builders for the view shapes of @ocp/db's views.ts, written against table aliases so they can be nested
// inside one statement (dashboards.get, sharing.resolve, dashboard snapshots). Aliases are fixed strings.

const ISO = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;
export const isoRaw = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', ${ISO})`;

/** TemplateSlotView[] of template alias `tpl`, in reading order (top to bottom, left to right). */
const SLOTS_JSON = `coalesce((SELECT json_agg(json_build_object(
    'id', s.id, 'slotKey', s.slot_key, 'slotType', coalesce(s.slot_type, 'chart'),
    'positionConfig', s.position_config, 'constraints', coalesce(s.constraints, '{}'::jsonb))
    ORDER BY (s.position_config->>'y')::int, (s.position_config->>'x')::int, s.slot_key)
  FROM dashboard_template_slots s WHERE s.template_id = tpl.id), '[]'::json)`;

/** TemplateDetail of alias `tpl`. */
export const TEMPLATE_DETAIL_JSON = `json_build_object(
  'id', tpl.id, 'name', tpl.name, 'description', tpl.description, 'layoutConfig', tpl.layout_config,
  'previewImageUrl', tpl.preview_image_url, 'isSystemTemplate', coalesce(tpl.is_system_template, false),
  'createdBy', tpl.created_by, 'slots', ${SLOTS_JSON})`;

/** ChartSummary & { plotlyConfig } of alias `c` (what a placement or a chart sharing link shows). */
export const PLACED_CHART_JSON = `json_build_object(
  'id', c.id, 'title', c.title, 'description', c.description, 'chartType', c.chart_type,
  'ownerUserId', c.owner_user_id, 'ownerTeamId', c.owner_team_id, 'isPublic', coalesce(c.is_public, false),
  'tags', coalesce(c.tags, '{}'::text[]), 'updatedAt', ${isoRaw('c.updated_at')}, 'plotlyConfig', c.plotly_config)`;

/**
 * Joined after chart alias `c` and dashboard alias `d`: `pa.readable` says whether the dashboard's owner may read
 * the chart now (see ownerReadsChartSql), which decides whether the placement shows it.
 */
export const PLACEMENT_READABLE_JOIN = `CROSS JOIN LATERAL (SELECT ${ownerReadsChartSql('d', 'c')} AS readable) pa`;

/**
 * PlacementView of aliases `cp` (placement), `s` (its slot), `c` (its chart) and `pa` (PLACEMENT_READABLE_JOIN):
 * an unavailable chart leaves only the placement itself (no title, no config).
 */
export const PLACEMENT_JSON = `json_build_object(
  'id', cp.id, 'slotId', s.id, 'slotKey', s.slot_key, 'chartId', c.id,
  'customizations', coalesce(cp.customizations, '{}'::jsonb), 'unavailable', NOT pa.readable,
  'chart', CASE WHEN pa.readable THEN ${PLACED_CHART_JSON} END)`;

/** TabView of tab alias `tab` on dashboard alias `d`. */
export const TAB_JSON = `json_build_object(
    'id', tab.id, 'title', tab.title, 'description', tab.description, 'position', tab.position,
    'settings', coalesce(tab.settings, '{}'::jsonb),
    'template', (SELECT ${TEMPLATE_DETAIL_JSON} FROM dashboard_templates tpl WHERE tpl.id = tab.template_id),
    'placements', coalesce((SELECT json_agg(${PLACEMENT_JSON}
        ORDER BY s.slot_key, cp.id)
      FROM chart_placements cp
      JOIN dashboard_template_slots s ON s.id = cp.template_slot_id
      JOIN charts c ON c.id = cp.chart_id
      ${PLACEMENT_READABLE_JOIN}
      WHERE cp.dashboard_tab_id = tab.id), '[]'::json))`;

/** TabView[] of dashboard alias `d`, by position. */
const TABS_JSON = `coalesce((SELECT json_agg(${TAB_JSON} ORDER BY tab.position)
  FROM dashboard_tabs tab WHERE tab.dashboard_id = d.id), '[]'::json)`;

/**
 * The whole DashboardDetail of the dashboard `id` as one JSON document, in one statement: the caller's role is
 * computed by `role` (an SQL expression over alias `dd`) and a NULL role returns no row at all.
 */
export function dashboardDetailSql(dashboardId: string, role: SQL): SQL {
  return sql`SELECT json_build_object(
    'id', d.id, 'title', d.title, 'description', d.description, 'templateId', d.template_id,
    'ownerUserId', d.owner_user_id, 'ownerTeamId', d.owner_team_id, 'isPublic', coalesce(d.is_public, false),
    'updatedAt', ${sql.raw(isoRaw('d.updated_at'))}, 'settings', coalesce(d.settings, '{}'::jsonb),
    'createdAt', ${sql.raw(isoRaw('d.created_at'))}, 'role', d.role, 'tabs', ${sql.raw(TABS_JSON)}) AS doc
  FROM (SELECT dd.*, ${role} AS role FROM dashboards dd WHERE dd.id = ${dashboardId}) d
  WHERE d.role IS NOT NULL`;
}
