import type { ChatChangePreview, ChatChangeSet, ChatCreatedItem, PlotlyTrace } from '@ocp/contract';
import { pairIds, remapIds } from '@ocp/contract';
import { chatMessages, chatSessions, type OcpDatabase } from '@ocp/db';
import { TRPCError } from '@trpc/server';
import { and, eq, sql } from 'drizzle-orm';
import { replay, trial } from '../chat/drafts.js';
import { type OutputRoute, runWrite, type ToolScope } from '../chat/tools.js';
import type { OcpUser } from '../context.js';
import type { DataEngine } from '../data/engine.js';
import { chartData, deleteChart, restoreChartVersion, updateChart } from './charts.js';
import { createDashboardVersion, restoreDashboardVersion } from './dashboard-versions.js';
import { deleteDashboard, getDashboard } from './dashboards.js';
import { conflict, notFound } from './errors.js';
import { rows } from './sql.js';
import { deleteTab } from './tabs.js';
import { deleteTemplate } from './templates.js';

/**
 * chat.changes: the user's decision on what a reply proposed (a ChatChangeSet). Apply writes every change in one
 * transaction, as the user, with their rights as they stand now (a slot taken since, or a chart they lost, fails the
 * whole set: nothing is written); the dashboards it touches and the charts it changes get a version first, so undo
 * restores them in one step and deletes what the set created. Only the session's user decides.
 */

const CHANGES = 'Change set';

interface Found {
  messageId: string;
  set: ChatChangeSet;
  dashboardId: string | null;
}

async function findSet(db: OcpDatabase, user: OcpUser, sessionId: string, changeSetId: string, lock: boolean) {
  const [session] = await db
    .select({ id: chatSessions.id, contextType: chatSessions.contextType, contextId: chatSessions.contextId })
    .from(chatSessions)
    .where(and(eq(chatSessions.id, sessionId), eq(chatSessions.userId, user.id)));
  if (!session) throw notFound('Chat session');
  const [row] = await rows<{ id: string; change_set: unknown }>(
    db,
    sql`SELECT m.id, m.content->'changeSet' AS change_set FROM chat_messages m
         WHERE m.chat_session_id = ${session.id} AND m.role = 'assistant'
           AND m.content->'changeSet'->>'id' = ${changeSetId}
         ${lock ? sql`FOR UPDATE` : sql``}`,
  );
  if (!row) throw notFound(CHANGES);
  const set = (typeof row.change_set === 'string' ? JSON.parse(row.change_set) : row.change_set) as ChatChangeSet;
  return {
    messageId: row.id,
    set,
    dashboardId: session.contextType === 'dashboard' ? session.contextId : null,
  } satisfies Found;
}

const scopeFor = (
  db: OcpDatabase,
  user: OcpUser,
  messageId: string,
): ToolScope & { created: ChatCreatedItem[]; routes: OutputRoute[] } => ({
  db,
  user,
  messageId,
  created: [],
  routes: [],
});

/** The dashboards a change set touches (those that exist now), and the charts it changes. */
async function touched(db: OcpDatabase, set: ChatChangeSet) {
  const tabIds = new Set<string>();
  const placementIds = new Set<string>();
  const dashboardIds = new Set<string>();
  const chartIds = new Set<string>();
  for (const c of set.changes) {
    const a = c.arguments;
    if (c.tool === 'place_chart' && typeof a.tabId === 'string') tabIds.add(a.tabId);
    if ((c.tool === 'move_chart' || c.tool === 'remove_chart') && typeof a.id === 'string') placementIds.add(a.id);
    if (c.tool === 'move_chart' && typeof a.tabId === 'string') tabIds.add(a.tabId);
    if (c.tool === 'set_tab_template' && typeof a.id === 'string') tabIds.add(a.id);
    if (c.tool === 'create_tab' && typeof a.dashboardId === 'string') dashboardIds.add(a.dashboardId);
    if (c.tool === 'update_chart' && typeof a.id === 'string') chartIds.add(a.id);
  }
  const found = await rows<{ dashboard_id: string }>(
    db,
    sql`SELECT t.dashboard_id FROM dashboard_tabs t
         WHERE t.id IN (SELECT jsonb_array_elements_text(${JSON.stringify([...tabIds])}::jsonb)::uuid)
        UNION
        SELECT t.dashboard_id FROM chart_placements p JOIN dashboard_tabs t ON t.id = p.dashboard_tab_id
         WHERE p.id IN (SELECT jsonb_array_elements_text(${JSON.stringify([...placementIds])}::jsonb)::uuid)
        UNION
        SELECT d.id FROM dashboards d
         WHERE d.id IN (SELECT jsonb_array_elements_text(${JSON.stringify([...dashboardIds])}::jsonb)::uuid)`,
  );
  const versions = await rows<{ chart_id: string; version: number; title: string; chart_type: string }>(
    db,
    sql`SELECT v.chart_id, max(v.version_number)::int AS version, c.title, c.chart_type
          FROM chart_versions v JOIN charts c ON c.id = v.chart_id
         WHERE v.chart_id IN (SELECT jsonb_array_elements_text(${JSON.stringify([...chartIds])}::jsonb)::uuid)
         GROUP BY v.chart_id, c.title, c.chart_type`,
  );
  return {
    dashboards: found.map((r) => r.dashboard_id),
    charts: versions.map((v) => ({
      chartId: v.chart_id,
      versionNumber: v.version,
      title: v.title,
      chartType: v.chart_type,
    })),
  };
}

async function save(db: OcpDatabase, messageId: string, set: ChatChangeSet, extra: Record<string, unknown> = {}) {
  await db
    .update(chatMessages)
    .set({ content: sql`jsonb_set(${chatMessages.content}, '{changeSet}', ${JSON.stringify(set)}::jsonb)`, ...extra })
    .where(eq(chatMessages.id, messageId));
}

async function apply(db: OcpDatabase, user: OcpUser, found: Found): Promise<ChatChangeSet> {
  const before = await touched(db, found.set);
  const dashboardVersions = [];
  for (const dashboardId of before.dashboards) {
    const v = await createDashboardVersion(db, user, { dashboardId, changeSummary: 'Before changes from chat' });
    dashboardVersions.push({ dashboardId, versionNumber: v.versionNumber });
  }
  const scope = scopeFor(db, user, found.messageId);
  const map = new Map<string, string>();
  const createdTabs: ChatCreatedItem[] = [];
  for (const change of found.set.changes) {
    const result = await runWrite(scope, change.tool, remapIds(change.arguments, map));
    pairIds(map, change.result, result);
    if (change.tool === 'create_tab')
      createdTabs.push({ type: 'tab', id: String((result as { tabId: string }).tabId) });
  }
  const set: ChatChangeSet = {
    ...found.set,
    status: 'applied',
    applied: { dashboardVersions, chartVersions: before.charts, created: [...scope.created, ...createdTabs] },
  };
  const placed = scope.routes.some((r) => r.to === 'slot');
  await save(db, found.messageId, set, {
    createdItems: scope.created.length ? scope.created : null,
    outputRouting: scope.routes.length ? { destination: placed ? 'slot' : 'workspace', routes: scope.routes } : null,
  });
  return set;
}

/** Deletes what an applied set created, when it is still there (the user may have deleted it since). */
async function deleteCreated(db: OcpDatabase, user: OcpUser, item: ChatCreatedItem) {
  const remove =
    item.type === 'tab'
      ? deleteTab
      : item.type === 'chart'
        ? deleteChart
        : item.type === 'dashboard'
          ? deleteDashboard
          : item.type === 'template'
            ? deleteTemplate
            : null;
  if (!remove) return;
  try {
    await db.transaction((tx) => remove(tx as unknown as OcpDatabase, user, item.id));
  } catch (e) {
    if (!(e instanceof TRPCError && e.code === 'NOT_FOUND')) throw e;
  }
}

async function undo(db: OcpDatabase, user: OcpUser, found: Found): Promise<ChatChangeSet> {
  const applied = found.set.applied!;
  for (const v of applied.dashboardVersions) await restoreDashboardVersion(db, user, v);
  for (const v of applied.chartVersions) {
    await restoreChartVersion(db, user, { chartId: v.chartId, versionNumber: v.versionNumber });
    if (v.title !== undefined || v.chartType !== undefined) {
      await updateChart(db, user, {
        id: v.chartId,
        title: v.title,
        chartType: v.chartType,
        changeSummary: 'Undone from chat',
      });
    }
  }
  const order = ['tab', 'dashboard', 'chart', 'template'];
  for (const item of [...applied.created].sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type))) {
    await deleteCreated(db, user, item);
  }
  const set: ChatChangeSet = { ...found.set, status: 'undone' };
  await save(db, found.messageId, set);
  return set;
}

export async function decideChanges(
  db: OcpDatabase,
  user: OcpUser,
  input: { sessionId: string; changeSetId: string; decision: 'apply' | 'discard' | 'undo' },
): Promise<ChatChangeSet> {
  return db.transaction(async (txn) => {
    const tx = txn as unknown as OcpDatabase;
    const found = await findSet(tx, user, input.sessionId, input.changeSetId, true);
    const { status } = found.set;
    if (input.decision === 'undo') {
      if (status !== 'applied' || !found.set.applied) throw conflict('Only applied changes can be undone');
      return undo(tx, user, found);
    }
    if (status !== 'pending') throw conflict(`These changes were already ${status}`);
    if (input.decision === 'discard') {
      const set: ChatChangeSet = { ...found.set, status: 'discarded' };
      await save(tx, found.messageId, set);
      return set;
    }
    return apply(tx, user, found);
  });
}

/** The figure of a chart as the dashboard would show it, from a trial run's database handle. */
async function figureOf(db: OcpDatabase, user: OcpUser, engine: DataEngine, chartId: string) {
  const [chart] = await rows<{ plotly_config: unknown }>(
    db,
    sql`SELECT plotly_config FROM charts WHERE id = ${chartId}::uuid`,
  );
  const config = (
    typeof chart?.plotly_config === 'string' ? JSON.parse(chart.plotly_config) : chart?.plotly_config
  ) as {
    layout?: Record<string, unknown>;
  } | null;
  const data = await chartData(db, user, { chartId, width: 480 }, engine).catch(() => null);
  return { data: (data?.traces ?? []) as PlotlyTrace[], layout: config?.layout ?? {} };
}

/**
 * The dashboard as a pending change set would leave it (the chat's dashboard, or the one the set creates), with the
 * slots it changes marked and the figures of the charts it makes or changes: the set applied in a trial run.
 */
export async function previewChanges(
  db: OcpDatabase,
  user: OcpUser,
  engine: DataEngine,
  input: { sessionId: string; changeSetId: string },
): Promise<ChatChangePreview> {
  const found = await findSet(db, user, input.sessionId, input.changeSetId, false);
  const before = found.dashboardId ? await getDashboard(db, user, found.dashboardId).catch(() => null) : null;
  return trial(db, async (tx) => {
    const scope = scopeFor(tx, user, found.messageId);
    const map = await replay(scope, found.set.changes, runWrite);
    const created = found.set.changes.find((c) => c.tool === 'create_dashboard');
    const dashboardId =
      found.dashboardId ??
      (created ? (map.get(String(created.result.dashboardId)) ?? String(created.result.dashboardId)) : null);
    const dashboard = dashboardId ? await getDashboard(tx, user, dashboardId).catch(() => null) : null;
    const marks: ChatChangePreview['marks'] = [];
    const figures: ChatChangePreview['figures'] = {};
    for (const c of found.set.changes) {
      const r = remapIds(c.result, map);
      const mark = (tabId: unknown, slotKey: unknown, change: ChatChangePreview['marks'][number]['change']) =>
        marks.push({ tabId: String(tabId), slotKey: String(slotKey), change, summary: c.summary });
      if (c.tool === 'place_chart') mark(r.tabId, r.slotKey, 'added');
      if (c.tool === 'move_chart') mark(r.tabId, r.slotKey, 'moved');
      if (c.tool === 'remove_chart') {
        for (const t of before?.tabs ?? [])
          for (const p of t.placements) if (p.id === c.arguments.id) mark(t.id, p.slotKey, 'removed');
      }
      if (c.tool === 'update_chart') {
        const chartId = String(c.arguments.id);
        for (const t of dashboard?.tabs ?? [])
          for (const p of t.placements) if (p.chartId === chartId) mark(t.id, p.slotKey, 'changed');
      }
    }
    const chartIds = new Set(
      found.set.changes.flatMap((c) =>
        c.tool === 'create_chart'
          ? [String(remapIds(c.result, map).chartId)]
          : c.tool === 'update_chart'
            ? [String(c.arguments.id)]
            : [],
      ),
    );
    for (const id of chartIds) figures[id] = await figureOf(tx, user, engine, id);
    return { dashboard, marks, figures };
  });
}
