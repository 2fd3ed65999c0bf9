import { slotAllowsChartType } from '@ocp/contract';
import { chartPlacements, charts, dashboards, dashboardTabs, dashboardTemplateSlots, type OcpDatabase } from '@ocp/db';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import { publishDashboardEvents } from '../events/publish.js';
import { authorize, type Need } from './access.js';
import { saveDashboardVersion } from './dashboard-versions.js';
import { authorizeDashboard, dashboardRole } from './dashboards.js';
import { badRequest, conflict, notFound } from './errors.js';
import { iso } from './sql.js';
import { findTemplate } from './templates.js';

const TAB = 'Tab';

export interface TabRow {
  id: string;
  dashboardId: string;
  title: string;
  description: string | null;
  position: number;
  templateId: string;
  settings: Record<string, unknown>;
  updatedAt: string;
}

const tabColumns = {
  id: dashboardTabs.id,
  dashboardId: sql<string>`${dashboardTabs.dashboardId}`,
  title: dashboardTabs.title,
  description: dashboardTabs.description,
  position: dashboardTabs.position,
  templateId: dashboardTabs.templateId,
  settings: sql<Record<string, unknown>>`coalesce(${dashboardTabs.settings}, '{}'::jsonb)`,
  updatedAt: iso(dashboardTabs.updatedAt),
};

async function getTabRow(db: OcpDatabase, id: string): Promise<TabRow> {
  const [row] = await db.select(tabColumns).from(dashboardTabs).where(eq(dashboardTabs.id, id));
  return row!;
}

/**
 * A tab with the caller's role on its dashboard. The dashboard row is locked, which serialises structural changes
 * (positions, placements moving between tabs) of one dashboard.
 */
export async function authorizeTab(tx: OcpDatabase, userId: string, tabId: string, need: Need) {
  const [row] = await tx
    .select({
      id: dashboardTabs.id,
      dashboardId: sql<string>`${dashboardTabs.dashboardId}`,
      templateId: dashboardTabs.templateId,
      role: dashboardRole(userId),
    })
    .from(dashboardTabs)
    .innerJoin(dashboards, eq(dashboards.id, dashboardTabs.dashboardId))
    .where(eq(dashboardTabs.id, tabId))
    .for('update', { of: dashboards });
  return authorize(row, need, TAB);
}

export async function createTab(
  db: OcpDatabase,
  user: OcpUser,
  input: {
    dashboardId: string;
    title: string;
    description?: string | null;
    templateId?: string;
    settings?: Record<string, unknown>;
  },
): Promise<TabRow> {
  const id = await db.transaction(async (tx) => {
    await authorizeDashboard(tx, user.id, input.dashboardId, 'write', true);
    let templateId = input.templateId;
    if (templateId) {
      if (!(await findTemplate(tx, user.id, templateId))) throw notFound('Template');
    } else {
      const [dash] = await tx
        .select({ templateId: dashboards.templateId })
        .from(dashboards)
        .where(eq(dashboards.id, input.dashboardId));
      templateId = dash!.templateId;
    }
    const [tab] = await tx
      .insert(dashboardTabs)
      .values({
        dashboardId: input.dashboardId,
        title: input.title,
        description: input.description ?? null,
        templateId,
        settings: input.settings ?? {},
        position: sql`(SELECT coalesce(max(position) + 1, 0) FROM dashboard_tabs WHERE dashboard_id = ${input.dashboardId})`,
      })
      .returning({ id: dashboardTabs.id });
    await publishDashboardEvents(tx, [
      { type: 'tab', dashboardId: input.dashboardId, tabId: tab!.id, action: 'created' },
    ]);
    return tab!.id;
  });
  return getTabRow(db, id);
}

/**
 * Renames, re-describes or switches a tab's template. Switching keeps placements by slot key; a placement whose
 * key the new template lacks, or whose chart type the new slot refuses, is CONFLICT.
 */
export async function updateTab(
  db: OcpDatabase,
  user: OcpUser,
  input: {
    id: string;
    title?: string;
    description?: string | null;
    templateId?: string;
    settings?: Record<string, unknown>;
  },
): Promise<TabRow> {
  await db.transaction(async (tx) => {
    const tab = await authorizeTab(tx, user.id, input.id, 'write');
    if (input.templateId && input.templateId !== tab.templateId) {
      if (!(await findTemplate(tx, user.id, input.templateId))) throw notFound('Template');
      const slots = await tx
        .select({
          id: dashboardTemplateSlots.id,
          slotKey: dashboardTemplateSlots.slotKey,
          constraints: dashboardTemplateSlots.constraints,
        })
        .from(dashboardTemplateSlots)
        .where(eq(dashboardTemplateSlots.templateId, input.templateId));
      const byKey = new Map(slots.map((s) => [s.slotKey, s]));
      const placed = await tx
        .select({ id: chartPlacements.id, slotKey: dashboardTemplateSlots.slotKey, chartType: charts.chartType })
        .from(chartPlacements)
        .innerJoin(dashboardTemplateSlots, eq(dashboardTemplateSlots.id, chartPlacements.templateSlotId))
        .innerJoin(charts, eq(charts.id, chartPlacements.chartId))
        .where(eq(chartPlacements.dashboardTabId, tab.id));
      for (const p of placed) {
        const target = byKey.get(p.slotKey);
        if (!target) throw conflict(`The new template has no slot "${p.slotKey}"; remove that chart first`);
        if (!slotAllowsChartType(target.constraints, p.chartType)) {
          throw conflict(`Slot "${p.slotKey}" of the new template does not accept ${p.chartType} charts`);
        }
        await tx.update(chartPlacements).set({ templateSlotId: target.id }).where(eq(chartPlacements.id, p.id));
      }
    }
    await tx
      .update(dashboardTabs)
      .set({
        title: input.title ?? sql`${dashboardTabs.title}`,
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.templateId !== undefined ? { templateId: input.templateId } : {}),
        ...(input.settings !== undefined ? { settings: input.settings } : {}),
      })
      .where(eq(dashboardTabs.id, tab.id));
    await publishDashboardEvents(tx, [{ type: 'tab', dashboardId: tab.dashboardId, tabId: tab.id, action: 'updated' }]);
  });
  return getTabRow(db, input.id);
}

/**
 * Gives the dashboard's tabs the positions 0..n-1 in `orderedIds`. UNIQUE(dashboard_id, position) is not
 * deferrable and is checked row by row, so positions first move out of the way (to negatives), then to their place.
 */
async function renumber(tx: OcpDatabase, dashboardId: string, orderedIds: string[]) {
  await tx
    .update(dashboardTabs)
    .set({ position: sql`-1 - ${dashboardTabs.position}` })
    .where(eq(dashboardTabs.dashboardId, dashboardId));
  if (orderedIds.length === 0) return;
  const cases: SQL[] = orderedIds.map((id, i) => sql`WHEN ${id}::uuid THEN ${i}::int`);
  await tx
    .update(dashboardTabs)
    .set({ position: sql`CASE ${dashboardTabs.id} ${sql.join(cases, sql` `)} END` })
    .where(eq(dashboardTabs.dashboardId, dashboardId));
}

async function tabIdsInOrder(tx: OcpDatabase, dashboardId: string): Promise<string[]> {
  const tabs = await tx
    .select({ id: dashboardTabs.id })
    .from(dashboardTabs)
    .where(eq(dashboardTabs.dashboardId, dashboardId))
    .orderBy(asc(dashboardTabs.position));
  return tabs.map((t) => t.id);
}

/** `tabIds` must be exactly the dashboard's tabs, in the new order. */
export async function reorderTabs(
  db: OcpDatabase,
  user: OcpUser,
  input: { dashboardId: string; tabIds: string[] },
): Promise<TabRow[]> {
  await db.transaction(async (tx) => {
    await authorizeDashboard(tx, user.id, input.dashboardId, 'write', true);
    const current = await tabIdsInOrder(tx, input.dashboardId);
    const wanted = new Set(input.tabIds);
    if (
      wanted.size !== input.tabIds.length ||
      wanted.size !== current.length ||
      current.some((id) => !wanted.has(id))
    ) {
      throw badRequest("tabIds must list each of the dashboard's tabs exactly once");
    }
    await renumber(tx, input.dashboardId, input.tabIds);
    // One event for the whole new order, naming the tab that is now first.
    await publishDashboardEvents(tx, [
      { type: 'tab', dashboardId: input.dashboardId, tabId: input.tabIds[0]!, action: 'reordered' },
    ]);
  });
  return db
    .select(tabColumns)
    .from(dashboardTabs)
    .where(eq(dashboardTabs.dashboardId, input.dashboardId))
    .orderBy(asc(dashboardTabs.position));
}

/**
 * Deletes a tab and its placements; the others close ranks. A dashboard keeps at least one tab (CONFLICT). The
 * dashboard is saved as a version first ("Before deleting tab …"): restoring `versionId` is the undo, bringing the
 * tab back with its placements (ids kept).
 */
export async function deleteTab(
  db: OcpDatabase,
  user: OcpUser,
  id: string,
): Promise<{ id: string; versionId: string }> {
  const versionId = await db.transaction(async (tx) => {
    const tab = await authorizeTab(tx, user.id, id, 'write');
    const remaining = (await tabIdsInOrder(tx, tab.dashboardId)).filter((t) => t !== id);
    if (remaining.length === 0) throw conflict('A dashboard keeps at least one tab');
    const [{ title } = { title: '' }] = await tx
      .select({ title: dashboardTabs.title })
      .from(dashboardTabs)
      .where(eq(dashboardTabs.id, id));
    const version = await saveDashboardVersion(tx, user, tab.dashboardId, `Before deleting tab ${title}`);
    await tx.delete(dashboardTabs).where(and(eq(dashboardTabs.id, id)));
    await renumber(tx, tab.dashboardId, remaining);
    await publishDashboardEvents(tx, [{ type: 'tab', dashboardId: tab.dashboardId, tabId: id, action: 'deleted' }]);
    return version.id;
  });
  return { id, versionId };
}
