import { type DashboardDetail, type DashboardVersionView, slotAllowsChartType } from '@ocp/contract';
import {
  chartPlacements,
  charts,
  dashboards,
  dashboardTabs,
  dashboardTemplateSlots,
  dashboardTemplates,
  dashboardVersions,
  type OcpDatabase,
} from '@ocp/db';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import { publishDashboardEvents } from '../events/publish.js';
import { ownedRoleSql, ownerReadsChartSql } from './access.js';
import { loadDashboardDetail } from './dashboard-detail.js';
import { authorizeDashboard, getDashboard } from './dashboards.js';
import { notFound } from './errors.js';
import { iso, rows } from './sql.js';

const VERSION = 'Version';

const versionColumns = {
  id: dashboardVersions.id,
  dashboardId: sql<string>`${dashboardVersions.dashboardId}`,
  versionNumber: dashboardVersions.versionNumber,
  changeSummary: dashboardVersions.changeSummary,
  createdBy: dashboardVersions.createdBy,
  createdAt: iso(dashboardVersions.createdAt),
};

/** The snapshot is the full DashboardDetail (tabs, templates with slots, placements, customizations, charts). */
type Snapshot = Omit<DashboardDetail, 'role'>;

/**
 * Saves the dashboard's state as its next version inside the caller's transaction, which has already authorized the
 * write; changes that cannot be undone otherwise (deleting a tab) save one first and undo by restoring it.
 */
export async function saveDashboardVersion(
  tx: OcpDatabase,
  user: OcpUser,
  dashboardId: string,
  changeSummary: string | null,
) {
  const detail = await loadDashboardDetail(tx, dashboardId, { grant: 'public' });
  const { role: _role, ...state } = detail!;
  const [row] = await tx
    .insert(dashboardVersions)
    .values({ dashboardId, snapshot: state satisfies Snapshot, changeSummary, createdBy: user.id })
    .returning(versionColumns);
  return row!;
}

/** Saves the dashboard's current state as the next version (editor or above). */
export async function createDashboardVersion(
  db: OcpDatabase,
  user: OcpUser,
  input: { dashboardId: string; changeSummary?: string | null },
): Promise<DashboardVersionView> {
  return db.transaction(async (tx) => {
    await authorizeDashboard(tx, user.id, input.dashboardId, 'write', true);
    return saveDashboardVersion(tx, user, input.dashboardId, input.changeSummary ?? null);
  });
}

export async function listDashboardVersions(
  db: OcpDatabase,
  user: OcpUser,
  input: { dashboardId: string; limit?: number },
): Promise<DashboardVersionView[]> {
  await authorizeDashboard(db, user.id, input.dashboardId, 'write');
  return db
    .select(versionColumns)
    .from(dashboardVersions)
    .where(eq(dashboardVersions.dashboardId, input.dashboardId))
    .orderBy(desc(dashboardVersions.versionNumber))
    .limit(input.limit ?? 500);
}

/** Names a version by id, or by dashboard and version number. */
export type VersionRef = { id: string } | { dashboardId: string; versionNumber: number };

/**
 * A snapshot as it may be shown now: a placement keeps its chart (title, config) only while the dashboard's owner
 * may still read that chart, as in dashboards.get; an old snapshot never shows what the dashboard no longer may.
 */
async function redactSnapshot(db: OcpDatabase, dashboardId: string, snap: Snapshot): Promise<Snapshot> {
  const ids = [...new Set(snap.tabs.flatMap((t) => t.placements.map((p) => p.chartId)))];
  const readable = new Set(
    ids.length
      ? (
          await rows<{ id: string }>(
            db,
            sql`SELECT c.id FROM charts c JOIN dashboards d ON d.id = ${dashboardId}
                 WHERE c.id IN (SELECT jsonb_array_elements_text(${JSON.stringify(ids)}::jsonb)::uuid)
                   AND ${sql.raw(ownerReadsChartSql('d', 'c'))}`,
          )
        ).map((r) => r.id)
      : [],
  );
  return {
    ...snap,
    tabs: snap.tabs.map((tab) => ({
      ...tab,
      placements: tab.placements.map((p) => {
        const { chart, unavailable: _u, ...placement } = p;
        return chart && readable.has(p.chartId)
          ? { ...placement, unavailable: false as const, chart }
          : { ...placement, unavailable: true as const, chart: null };
      }),
    })),
  };
}

/** A version with its snapshot. A version of a dashboard the caller cannot see is NOT_FOUND, like a random id. */
async function readVersion(db: OcpDatabase, user: OcpUser, ref: VersionRef, lock: boolean) {
  const [row] = await db
    .select({ id: dashboardVersions.id, dashboardId: sql<string>`${dashboardVersions.dashboardId}` })
    .from(dashboardVersions)
    .where(
      'id' in ref
        ? eq(dashboardVersions.id, ref.id)
        : and(
            eq(dashboardVersions.dashboardId, ref.dashboardId),
            eq(dashboardVersions.versionNumber, ref.versionNumber),
          ),
    );
  if (!row) throw notFound(VERSION);
  const id = row.id;
  const [visible] = await db
    .select({ role: ownedRoleSql(dashboards, user.id) })
    .from(dashboards)
    .where(eq(dashboards.id, row.dashboardId));
  if (!visible?.role) throw notFound(VERSION);
  await authorizeDashboard(db, user.id, row.dashboardId, 'write', lock);
  const [version] = await db
    .select({ ...versionColumns, snapshot: dashboardVersions.snapshot })
    .from(dashboardVersions)
    .where(eq(dashboardVersions.id, id));
  return { ...version!, snapshot: await redactSnapshot(db, row.dashboardId, version!.snapshot as Snapshot) };
}

export async function getDashboardVersion(
  db: OcpDatabase,
  user: OcpUser,
  ref: VersionRef,
): Promise<DashboardVersionView> {
  return readVersion(db, user, ref, false);
}

export interface RestoreResult {
  dashboard: DashboardDetail;
  /** The version saved just before restoring, so the restore itself can be undone. */
  backupVersionId: string;
  /** What could not come back: tabs whose template is gone, placements whose chart or slot is gone or now invisible. */
  skipped: { tabs: number; placements: number };
}

/**
 * Puts the dashboard back to a version: title, description, default template, settings, and every tab with its
 * placements (ids kept). The current state is saved as a version first. Placements come back only for charts that
 * still exist, that the caller can still see and the dashboard's owner may still read, and whose slot (by key)
 * still exists and accepts them; is_public and ownership are not part of a restore.
 */
export async function restoreDashboardVersion(db: OcpDatabase, user: OcpUser, ref: VersionRef): Promise<RestoreResult> {
  const result = await db.transaction(async (tx) => {
    const version = await readVersion(tx, user, ref, true);
    const snap = version.snapshot;
    const dashboardId = version.dashboardId;
    const backup = await saveDashboardVersion(
      tx,
      user,
      dashboardId,
      `Before restoring version ${version.versionNumber}`,
    );

    const templateIds = [...new Set([snap.templateId, ...snap.tabs.map((t) => t.template.id)])];
    const liveTemplates = new Set(
      (
        await tx
          .select({ id: dashboardTemplates.id })
          .from(dashboardTemplates)
          .where(inArray(dashboardTemplates.id, templateIds))
      ).map((t) => t.id),
    );
    const slots = await tx
      .select({
        id: dashboardTemplateSlots.id,
        templateId: dashboardTemplateSlots.templateId,
        slotKey: dashboardTemplateSlots.slotKey,
        constraints: dashboardTemplateSlots.constraints,
      })
      .from(dashboardTemplateSlots)
      .where(inArray(dashboardTemplateSlots.templateId, templateIds.length ? templateIds : [snap.templateId]));
    const slotOf = new Map(slots.map((s) => [`${s.templateId}/${s.slotKey}`, s]));
    const chartIds = [...new Set(snap.tabs.flatMap((t) => t.placements.map((p) => p.chartId)))];
    const visibleCharts = new Map(
      chartIds.length
        ? (
            await tx
              .select({ id: charts.id, chartType: charts.chartType })
              .from(charts)
              .where(
                sql`${inArray(charts.id, chartIds)} AND ${ownedRoleSql(charts, user.id)} IS NOT NULL
                    AND EXISTS (SELECT 1 FROM dashboards d WHERE d.id = ${dashboardId}
                                   AND ${sql.raw(ownerReadsChartSql('d', 'charts'))})`,
              )
          ).map((c) => [c.id, c.chartType])
        : [],
    );

    await tx
      .update(dashboards)
      .set({
        title: snap.title,
        description: snap.description,
        settings: snap.settings,
        ...(liveTemplates.has(snap.templateId) ? { templateId: snap.templateId } : {}),
      })
      .where(eq(dashboards.id, dashboardId));
    await tx.delete(dashboardTabs).where(eq(dashboardTabs.dashboardId, dashboardId));

    const skipped = { tabs: 0, placements: 0 };
    let position = 0;
    for (const tab of snap.tabs) {
      if (!liveTemplates.has(tab.template.id)) {
        skipped.tabs += 1;
        skipped.placements += tab.placements.length;
        continue;
      }
      await tx.insert(dashboardTabs).values({
        id: tab.id,
        dashboardId,
        title: tab.title,
        description: tab.description,
        templateId: tab.template.id,
        position: position++,
        settings: tab.settings,
      });
      for (const p of tab.placements) {
        const slot = slotOf.get(`${tab.template.id}/${p.slotKey}`);
        const chartType = visibleCharts.get(p.chartId);
        if (!slot || !chartType || !slotAllowsChartType(slot.constraints, chartType)) {
          skipped.placements += 1;
          continue;
        }
        await tx.insert(chartPlacements).values({
          id: p.id,
          dashboardTabId: tab.id,
          chartId: p.chartId,
          templateSlotId: slot.id,
          customizations: p.customizations,
        });
      }
    }
    if (position === 0) {
      // Every tab's template is gone: keep the dashboard usable with one empty tab.
      const [dash] = await tx
        .select({ templateId: dashboards.templateId })
        .from(dashboards)
        .where(eq(dashboards.id, dashboardId));
      await tx
        .insert(dashboardTabs)
        .values({ dashboardId, title: 'Overview', templateId: dash!.templateId, position: 0 });
    }
    await publishDashboardEvents(tx, [{ type: 'dashboard', dashboardId, action: 'restored' }]);
    return { dashboardId, backupVersionId: backup.id, skipped };
  });
  return {
    dashboard: await getDashboard(db, user, result.dashboardId),
    backupVersionId: result.backupVersionId,
    skipped: result.skipped,
  };
}
