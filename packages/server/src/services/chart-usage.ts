import type { ChartUsage } from '@ocp/contract';
import type { OcpDatabase } from '@ocp/db';
import { sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import { authorize, ownedRoleSql } from './access.js';
import { chartRole } from './charts.js';
import { rows } from './sql.js';

/**
 * charts.usage: before an edit, where the chart is placed (the seed's usage query, charts-usage.ts, for one chart
 * and with each placement): dashboards the caller can see are named with their placements and pins; the others
 * are only counted, so an edit never reveals someone else's dashboard. Editors of the chart only.
 */
export async function chartUsage(db: OcpDatabase, user: OcpUser, chartId: string): Promise<ChartUsage> {
  const [chart] = await rows<{ role: string | null; version: number | null }>(
    db,
    sql`SELECT ${chartRole(user.id)} AS role,
               (SELECT max(v.version_number) FROM chart_versions v WHERE v.chart_id = charts.id) AS version
        FROM charts WHERE charts.id = ${chartId}`,
  );
  authorize(chart as { role: never } | undefined, 'write', 'Chart');
  const placed = await rows<{
    dashboardId: string;
    dashboardTitle: string;
    visible: boolean;
    placementId: string;
    tabTitle: string;
    customizations: Record<string, unknown> | null;
  }>(
    db,
    sql`SELECT d.id AS "dashboardId", d.title AS "dashboardTitle", t.title AS "tabTitle", p.id AS "placementId",
               p.customizations,
               ${ownedRoleSql({ ownerUserId: sql`d.owner_user_id`, ownerTeamId: sql`d.owner_team_id`, isPublic: sql`d.is_public` }, user.id)} IN ('owner', 'admin', 'editor') AS visible
        FROM chart_placements p JOIN dashboard_tabs t ON t.id = p.dashboard_tab_id JOIN dashboards d ON d.id = t.dashboard_id
        WHERE p.chart_id = ${chartId}
        ORDER BY d.title, d.id, t.position, p.id`,
  );
  const dashboards: ChartUsage['dashboards'] = [];
  let hiddenPlacements = 0;
  for (const r of placed) {
    if (!r.visible) {
      hiddenPlacements++;
      continue;
    }
    let d = dashboards.find((x) => x.id === r.dashboardId);
    if (!d) {
      d = { id: r.dashboardId, title: r.dashboardTitle, placements: [] };
      dashboards.push(d);
    }
    const customizations = r.customizations ?? {};
    const pin = customizations.pinnedVersion;
    d.placements.push({
      id: r.placementId,
      tabTitle: r.tabTitle,
      customizations,
      pinnedVersion: typeof pin === 'number' ? pin : null,
    });
  }
  return { chartId, currentVersion: chart!.version ?? 1, dashboards, hiddenPlacements };
}
