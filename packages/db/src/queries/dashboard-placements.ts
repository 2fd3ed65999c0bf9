import { asc, eq } from 'drizzle-orm';
import type { OcpDatabase } from '../client.js';
import { chartPlacements, charts } from '../schema/charts.js';
import { dashboards, dashboardTabs } from '../schema/dashboards.js';
import { dashboardTemplateSlots, dashboardTemplates } from '../schema/templates.js';

/**
 * Seed example query 1: a dashboard with its template and every chart placement, ordered by tab then slot.
 * (The seed selects `dt.title`, a column dashboard_templates does not have; we return its `name`.)
 */
export function getDashboardPlacements(db: OcpDatabase, dashboardId: string) {
  return db
    .select({
      dashboardTitle: dashboards.title,
      templateName: dashboardTemplates.name,
      templateLayout: dashboardTemplates.layoutConfig,
      tabTitle: dashboardTabs.title,
      slotKey: dashboardTemplateSlots.slotKey,
      positionConfig: dashboardTemplateSlots.positionConfig,
      chartTitle: charts.title,
      chartType: charts.chartType,
      customizations: chartPlacements.customizations,
    })
    .from(dashboards)
    .innerJoin(dashboardTemplates, eq(dashboards.templateId, dashboardTemplates.id))
    .innerJoin(dashboardTabs, eq(dashboards.id, dashboardTabs.dashboardId))
    .innerJoin(chartPlacements, eq(dashboardTabs.id, chartPlacements.dashboardTabId))
    .innerJoin(dashboardTemplateSlots, eq(chartPlacements.templateSlotId, dashboardTemplateSlots.id))
    .innerJoin(charts, eq(chartPlacements.chartId, charts.id))
    .where(eq(dashboards.id, dashboardId))
    .orderBy(asc(dashboardTabs.position), asc(dashboardTemplateSlots.slotKey));
}

export type DashboardPlacementRow = Awaited<ReturnType<typeof getDashboardPlacements>>[number];
