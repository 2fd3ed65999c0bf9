import { desc, eq, sql } from 'drizzle-orm';
import type { OcpDatabase } from '../client.js';
import { chartPlacements, charts } from '../schema/charts.js';
import { dashboards, dashboardTabs } from '../schema/dashboards.js';

/**
 * Seed example query 2: a user's charts with how often and where they are placed, most used first.
 * Differences from the seed, on purpose: unused charts get `[]` instead of `{NULL}`, and `id` breaks ties
 * so pages are stable.
 */
export function listChartsWithUsage(db: OcpDatabase, ownerUserId: string) {
  const placementCount = sql<number>`count(${chartPlacements.id})::int`.as('placement_count');
  return db
    .select({
      id: charts.id,
      title: charts.title,
      chartType: charts.chartType,
      placementCount,
      usedInDashboards: sql<string[]>`array_remove(array_agg(distinct ${dashboards.title}), null)`,
    })
    .from(charts)
    .leftJoin(chartPlacements, eq(charts.id, chartPlacements.chartId))
    .leftJoin(dashboardTabs, eq(chartPlacements.dashboardTabId, dashboardTabs.id))
    .leftJoin(dashboards, eq(dashboardTabs.dashboardId, dashboards.id))
    .where(eq(charts.ownerUserId, ownerUserId))
    .groupBy(charts.id, charts.title, charts.chartType)
    .orderBy(desc(placementCount), desc(charts.updatedAt), charts.id);
}

export type ChartUsageRow = Awaited<ReturnType<typeof listChartsWithUsage>>[number];
