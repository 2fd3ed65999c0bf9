import type { DashboardChange, DashboardEvent, PlacedChart, PlacementView, TabView } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import { type SQL, sql } from 'drizzle-orm';
import { ownedRoleSql } from '../services/access.js';
import {
  isoRaw,
  PLACED_CHART_JSON,
  PLACEMENT_JSON,
  PLACEMENT_READABLE_JOIN,
  TAB_JSON,
} from '../services/dashboard-json.js';
import { parseJson, rows } from '../services/sql.js';
import type { DashboardNotice } from './publish.js';

/**
 * Turns a notice (ids, from NOTIFY) into the event one subscriber receives: the placement, tab, chart or dashboard
 * fields it names, read now and as that subscriber may see them (the same JSON builders and access rule as
 * dashboards.get). Null when the thing is gone by now (a later notice says so) or the subscriber may no longer read
 * the dashboard (their stream is ending). One small statement per event, instead of a dashboard reload per
 * subscriber and event.
 */
export async function deliverNotice(
  db: OcpDatabase,
  userId: string,
  notice: DashboardNotice,
): Promise<DashboardEvent | null> {
  const visible = sql`${ownedRoleSql(
    { ownerUserId: sql`d.owner_user_id`, ownerTeamId: sql`d.owner_team_id`, isPublic: sql`d.is_public` },
    userId,
  )} IS NOT NULL AND d.id = ${notice.dashboardId}::uuid`;
  const one = async <T>(query: SQL): Promise<T | null> => {
    const [row] = await rows<{ doc: unknown }>(db, query);
    return row ? parseJson<T>(row.doc) : null;
  };
  switch (notice.type) {
    case 'placement': {
      if (notice.action === 'removed') return { ...notice, action: 'removed' };
      const found = await rows<{ doc: unknown; tab_id: string }>(
        db,
        sql`SELECT ${sql.raw(PLACEMENT_JSON)} AS doc, cp.dashboard_tab_id AS tab_id FROM chart_placements cp
              JOIN dashboard_template_slots s ON s.id = cp.template_slot_id
              LEFT JOIN charts c ON c.id = cp.chart_id
              JOIN dashboard_tabs pt ON pt.id = cp.dashboard_tab_id
              JOIN dashboards d ON d.id = pt.dashboard_id
              ${sql.raw(PLACEMENT_READABLE_JOIN)}
             WHERE cp.id = ${notice.placementId}::uuid AND ${visible}`,
      );
      const row = found[0];
      if (!row) return null;
      return { ...notice, action: notice.action, tabId: row.tab_id, placement: parseJson<PlacementView>(row.doc) };
    }
    case 'tab': {
      if (notice.action === 'deleted') return { ...notice, action: 'deleted' };
      if (notice.action === 'reordered') {
        const order = await one<string[]>(
          sql`SELECT json_agg(t.id ORDER BY t.position) AS doc FROM dashboards d
                JOIN dashboard_tabs t ON t.dashboard_id = d.id WHERE ${visible} GROUP BY d.id`,
        );
        return order ? { ...notice, action: 'reordered', tabIds: order } : null;
      }
      const tab = await one<TabView>(
        sql`SELECT ${sql.raw(TAB_JSON)} AS doc FROM dashboard_tabs tab JOIN dashboards d ON d.id = tab.dashboard_id
             WHERE tab.id = ${notice.tabId}::uuid AND ${visible}`,
      );
      return tab ? { ...notice, action: notice.action, tab } : null;
    }
    case 'chart': {
      if (notice.action === 'deleted') return { ...notice, action: 'deleted' };
      const found = await rows<{ chart: unknown }>(
        db,
        // LEFT: a chart that no longer shows there is not even readable to the subscriber (row-level security).
        sql`SELECT CASE WHEN pa.readable THEN ${sql.raw(PLACED_CHART_JSON)} END AS chart
              FROM dashboards d LEFT JOIN charts c ON c.id = ${notice.chartId}::uuid ${sql.raw(PLACEMENT_READABLE_JOIN)}
             WHERE ${visible}`,
      );
      const row = found[0];
      if (!row) return null;
      return {
        type: 'chart',
        dashboardId: notice.dashboardId,
        chartId: notice.chartId,
        action: 'updated',
        chart: row.chart === null ? null : parseJson<PlacedChart>(row.chart),
        dataChanged: notice.dataChanged ?? false,
      };
    }
    case 'dashboard': {
      if (notice.action !== 'updated') return { ...notice, action: notice.action };
      const dashboard = await one<DashboardChange>(
        sql`SELECT json_build_object('id', d.id, 'title', d.title, 'description', d.description,
                 'templateId', d.template_id, 'ownerUserId', d.owner_user_id, 'ownerTeamId', d.owner_team_id,
                 'isPublic', coalesce(d.is_public, false), 'settings', coalesce(d.settings, '{}'::jsonb),
                 'updatedAt', ${sql.raw(isoRaw('d.updated_at'))}) AS doc
              FROM dashboards d WHERE ${visible}`,
      );
      return dashboard ? { ...notice, action: 'updated', dashboard } : null;
    }
    case 'resync':
      return notice;
  }
}
