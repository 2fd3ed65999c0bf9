import { type PlacementView, type SlotConstraints, slotAllowsChartType } from '@ocp/contract';
import { chartPlacements, charts, dashboardTemplateSlots, type OcpDatabase } from '@ocp/db';
import { TRPCError } from '@trpc/server';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import { publishDashboardEvents } from '../events/publish.js';
import { authorize, ownedRoleSql, ownerReadsChartSql } from './access.js';
import { PLACEMENT_JSON, PLACEMENT_READABLE_JOIN } from './dashboard-json.js';
import { badRequest, notFound, uniqueOr } from './errors.js';
import { parseJson, rows } from './sql.js';
import { authorizeTab } from './tabs.js';

const PLACEMENT = 'Placement';

/** A placement as the dashboard shows it, plus the tab it is on. */
export type PlacementResult = PlacementView & { tabId: string };

export type SlotRef = { slotKey: string; slotId?: undefined } | { slotId: string; slotKey?: undefined };

async function placementView(db: OcpDatabase, id: string): Promise<PlacementResult> {
  const [row] = await rows<{ doc: unknown; tab_id: string }>(
    db,
    sql`SELECT ${sql.raw(PLACEMENT_JSON)} AS doc, cp.dashboard_tab_id AS tab_id FROM chart_placements cp
          JOIN dashboard_template_slots s ON s.id = cp.template_slot_id
          JOIN charts c ON c.id = cp.chart_id
          JOIN dashboard_tabs pt ON pt.id = cp.dashboard_tab_id
          JOIN dashboards d ON d.id = pt.dashboard_id
          ${sql.raw(PLACEMENT_READABLE_JOIN)}
         WHERE cp.id = ${id}`,
  );
  return { ...parseJson<PlacementView>(row!.doc), tabId: row!.tab_id };
}

/** The slot, which must belong to the tab's template (BAD_REQUEST otherwise, whatever the id points at). */
async function slotOfTemplate(tx: OcpDatabase, templateId: string, ref: SlotRef) {
  const [slot] = await tx
    .select({
      id: dashboardTemplateSlots.id,
      slotKey: dashboardTemplateSlots.slotKey,
      constraints: dashboardTemplateSlots.constraints,
    })
    .from(dashboardTemplateSlots)
    .where(
      and(
        eq(dashboardTemplateSlots.templateId, templateId),
        ref.slotId !== undefined
          ? eq(dashboardTemplateSlots.id, ref.slotId)
          : eq(dashboardTemplateSlots.slotKey, ref.slotKey),
      ),
    );
  if (!slot) throw badRequest("The slot is not part of this tab's template");
  return slot;
}

function checkFits(constraints: SlotConstraints | null, chartType: string, slotKey: string) {
  if (!slotAllowsChartType(constraints, chartType)) {
    throw badRequest(`Slot "${slotKey}" does not accept ${chartType} charts`);
  }
}

/**
 * Puts a chart the caller can see into a slot of a tab they can edit. Placing never grants anything over the
 * chart: it stays owned by whoever owned it, and the dashboard's owner must be able to read it too (a team
 * dashboard cannot show another team's chart), else BAD_REQUEST. Occupied slot: CONFLICT, unless `replace`: then
 * the placement there is removed in the same transaction, so a failure leaves the old chart in place.
 */
export async function placeChart(
  db: OcpDatabase,
  user: OcpUser,
  input: { tabId: string; chartId: string; customizations?: Record<string, unknown>; replace?: boolean } & SlotRef,
): Promise<PlacementResult> {
  const id = await db.transaction(async (tx) => {
    const tab = await authorizeTab(tx, user.id, input.tabId, 'write');
    const [chart] = await tx
      .select({
        chartType: charts.chartType,
        role: ownedRoleSql(charts, user.id),
        ownerReads: sql<boolean>`(SELECT ${sql.raw(ownerReadsChartSql('d', 'charts'))} FROM dashboards d WHERE d.id = ${tab.dashboardId})`,
      })
      .from(charts)
      .where(eq(charts.id, input.chartId));
    const visible = authorize(chart, 'read', 'Chart');
    if (!visible.ownerReads) {
      throw badRequest(
        "The dashboard's owner cannot read this chart: a team dashboard shows the team's charts, its members' own " +
          'charts and public charts; a personal dashboard the charts its owner can read',
      );
    }
    const slot = await slotOfTemplate(tx, tab.templateId, input);
    checkFits(slot.constraints, visible.chartType, slot.slotKey);
    const replaced = input.replace
      ? await tx
          .delete(chartPlacements)
          .where(and(eq(chartPlacements.dashboardTabId, tab.id), eq(chartPlacements.templateSlotId, slot.id)))
          .returning({ id: chartPlacements.id })
      : [];
    const [row] = await uniqueOr(
      () =>
        tx
          .insert(chartPlacements)
          .values({
            dashboardTabId: tab.id,
            chartId: input.chartId,
            templateSlotId: slot.id,
            customizations: input.customizations ?? {},
          })
          .returning({ id: chartPlacements.id }),
      `Slot "${slot.slotKey}" is already occupied`,
    );
    const at = { type: 'placement', dashboardId: tab.dashboardId, tabId: tab.id } as const;
    await publishDashboardEvents(tx, [
      ...replaced.map((r) => ({ ...at, action: 'removed' as const, placementId: r.id })),
      { ...at, action: 'placed', placementId: row!.id },
    ]);
    return row!.id;
  });
  return placementView(db, id);
}

/**
 * A placement, authorized for writing through its dashboard. The dashboard row is locked before the placement is
 * (re-)read, the same order as every other structural change, so concurrent moves queue instead of deadlocking.
 */
async function authorizePlacement(tx: OcpDatabase, userId: string, id: string) {
  const read = () =>
    tx
      .select({
        id: chartPlacements.id,
        tabId: sql<string>`${chartPlacements.dashboardTabId}`,
        slotId: chartPlacements.templateSlotId,
        chartType: charts.chartType,
      })
      .from(chartPlacements)
      .innerJoin(charts, eq(charts.id, chartPlacements.chartId))
      .where(eq(chartPlacements.id, id));
  const [before] = await read();
  if (!before?.tabId) throw notFound(PLACEMENT);
  let tab: Awaited<ReturnType<typeof authorizeTab>>;
  try {
    tab = await authorizeTab(tx, userId, before.tabId, 'write');
  } catch (error) {
    // An invisible tab makes the placement invisible: the same answer as a random id.
    if (error instanceof TRPCError && error.code === 'NOT_FOUND') throw notFound(PLACEMENT);
    throw error;
  }
  const [row] = await read();
  if (!row?.tabId) throw notFound(PLACEMENT);
  return { ...row, templateId: tab.templateId, dashboardId: tab.dashboardId };
}

/**
 * Moves a placement to another slot, of the same tab or another tab of the same dashboard. When the target slot
 * is taken, the two placements swap, atomically: the occupant steps aside (tab NULL frees its unique key), the
 * placement moves, the occupant takes the old place.
 */
export async function movePlacement(
  db: OcpDatabase,
  user: OcpUser,
  input: { id: string; tabId?: string } & SlotRef,
): Promise<PlacementResult & { swappedWith: string | null }> {
  const swappedWith = await db.transaction(async (tx) => {
    const moving = await authorizePlacement(tx, user.id, input.id);
    const targetTab = input.tabId ? await authorizeTab(tx, user.id, input.tabId, 'write') : null;
    if (targetTab && targetTab.dashboardId !== moving.dashboardId) {
      throw badRequest('A placement moves between tabs of the same dashboard only');
    }
    const tabId = targetTab?.id ?? moving.tabId;
    const slot = await slotOfTemplate(tx, targetTab?.templateId ?? moving.templateId, input);
    if (tabId === moving.tabId && slot.id === moving.slotId) return null;
    checkFits(slot.constraints, moving.chartType, slot.slotKey);

    const [occupant] = await tx
      .select({ id: chartPlacements.id, chartType: charts.chartType })
      .from(chartPlacements)
      .innerJoin(charts, eq(charts.id, chartPlacements.chartId))
      .where(and(eq(chartPlacements.dashboardTabId, tabId), eq(chartPlacements.templateSlotId, slot.id)))
      .for('update', { of: chartPlacements });
    if (occupant) {
      const [source] = await tx
        .select({ slotKey: dashboardTemplateSlots.slotKey, constraints: dashboardTemplateSlots.constraints })
        .from(dashboardTemplateSlots)
        .where(eq(dashboardTemplateSlots.id, moving.slotId));
      checkFits(source!.constraints, occupant.chartType, source!.slotKey);
      await tx.update(chartPlacements).set({ dashboardTabId: null }).where(eq(chartPlacements.id, occupant.id));
    }
    await tx
      .update(chartPlacements)
      .set({ dashboardTabId: tabId, templateSlotId: slot.id })
      .where(eq(chartPlacements.id, moving.id));
    if (occupant) {
      await tx
        .update(chartPlacements)
        .set({ dashboardTabId: moving.tabId, templateSlotId: moving.slotId })
        .where(and(eq(chartPlacements.id, occupant.id), isNull(chartPlacements.dashboardTabId)));
    }
    const moved = { type: 'placement', dashboardId: moving.dashboardId, action: 'moved' } as const;
    await publishDashboardEvents(tx, [
      { ...moved, tabId, placementId: moving.id },
      ...(occupant ? [{ ...moved, tabId: moving.tabId, placementId: occupant.id }] : []),
    ]);
    return occupant?.id ?? null;
  });
  return { ...(await placementView(db, input.id)), swappedWith };
}

export async function updatePlacement(
  db: OcpDatabase,
  user: OcpUser,
  input: { id: string; customizations: Record<string, unknown> },
): Promise<PlacementResult> {
  await db.transaction(async (tx) => {
    const placement = await authorizePlacement(tx, user.id, input.id);
    await tx
      .update(chartPlacements)
      .set({ customizations: input.customizations })
      .where(eq(chartPlacements.id, input.id));
    await publishDashboardEvents(tx, [
      {
        type: 'placement',
        dashboardId: placement.dashboardId,
        tabId: placement.tabId,
        action: 'updated',
        placementId: placement.id,
      },
    ]);
  });
  return placementView(db, input.id);
}

/** Takes a chart off a dashboard; the chart itself is untouched. */
export async function removePlacement(db: OcpDatabase, user: OcpUser, id: string): Promise<{ id: string }> {
  await db.transaction(async (tx) => {
    const placement = await authorizePlacement(tx, user.id, id);
    await tx.delete(chartPlacements).where(eq(chartPlacements.id, id));
    await publishDashboardEvents(tx, [
      {
        type: 'placement',
        dashboardId: placement.dashboardId,
        tabId: placement.tabId,
        action: 'removed',
        placementId: id,
      },
    ]);
  });
  return { id };
}
