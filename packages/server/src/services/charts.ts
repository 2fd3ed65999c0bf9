import {
  type ChartData,
  type ChartDataParams,
  type ChartDetail,
  type ChartListItem,
  type ChartVersionView,
  chartTypeOfTraces,
  type DataSourceConfig,
  type PlotlyConfig,
  slotAllowsChartType,
} from '@ocp/contract';
import {
  chartPlacements,
  charts,
  chartVersions,
  dashboardTemplateSlots,
  escapeLike,
  type OcpDatabase,
  sharingLinks,
  workspaceItems,
} from '@ocp/db';
import { and, arrayContains, desc, eq, ilike, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { OcpUser } from '../context.js';
import type { DataEngine } from '../data/engine.js';
import {
  nextSecrets,
  readSourceSecrets,
  secretNames,
  separateSecrets,
  writeSourceSecrets,
} from '../data/sources/http-secrets.js';
import { dashboardsShowingChart, publishChartEvents } from '../events/publish.js';
import {
  authorize,
  can,
  myTeamIdsSql,
  type Need,
  ownedRoleSql,
  ownerReadsChartSql,
  placedOnVisibleDashboardSql,
} from './access.js';
import { dataParamsOf, loadChartForData, pinnedPlacementSql } from './chart-source.js';
import { resolveOwner } from './dashboards.js';
import { badRequest, conflict, notFound } from './errors.js';
import { iso, qualified } from './sql.js';

const CHART = 'Chart';
export const chartRole = (userId: string | null) => ownedRoleSql(charts, userId);

const summaryColumns = {
  id: charts.id,
  title: charts.title,
  description: charts.description,
  chartType: charts.chartType,
  ownerUserId: charts.ownerUserId,
  ownerTeamId: charts.ownerTeamId,
  isPublic: sql<boolean>`coalesce(${charts.isPublic}, false)`,
  tags: sql<string[]>`coalesce(${charts.tags}, '{}'::text[])`,
  updatedAt: iso(charts.updatedAt),
};

const detailColumns = {
  ...summaryColumns,
  plotlyConfig: charts.plotlyConfig,
  dataSourceConfig: charts.dataSourceConfig,
  createdAt: iso(charts.createdAt),
};

/**
 * Seed query 2 for everything the caller can see (own charts, their teams' charts, and with `includePublic` other
 * people's public ones), most placed first. `placementCount` counts every placement; `usedInDashboards` names only
 * dashboards the caller can see, so a chart's popularity never leaks someone else's dashboard titles.
 */
export async function listCharts(
  db: OcpDatabase,
  user: OcpUser,
  input: {
    ownerTeamId?: string;
    search?: string;
    tags?: string[];
    chartType?: string;
    includePublic?: boolean;
    limit?: number;
  },
): Promise<ChartListItem[]> {
  const visible: SQL[] = [eq(charts.ownerUserId, user.id), inArray(charts.ownerTeamId, myTeamIdsSql(user.id))];
  if (input.includePublic) visible.push(eq(charts.isPublic, true));
  // Every placement, also on dashboards the caller cannot see (row-level security hides those rows; the function counts them).
  const placementCount = sql<number>`ocp_private.placement_count(${qualified(charts.id)})`;
  return db
    .select({
      ...summaryColumns,
      placementCount,
      usedInDashboards: sql<string[]>`coalesce((SELECT array_agg(DISTINCT d.title ORDER BY d.title)
          FROM chart_placements p JOIN dashboard_tabs t ON t.id = p.dashboard_tab_id JOIN dashboards d ON d.id = t.dashboard_id
         WHERE p.chart_id = ${qualified(charts.id)}
           AND ${ownedRoleSql({ ownerUserId: sql`d.owner_user_id`, ownerTeamId: sql`d.owner_team_id`, isPublic: sql`d.is_public` }, user.id)} IS NOT NULL),
        '{}'::text[])`,
    })
    .from(charts)
    .where(
      and(
        or(...visible),
        input.ownerTeamId ? eq(charts.ownerTeamId, input.ownerTeamId) : undefined,
        input.search ? ilike(charts.title, `%${escapeLike(input.search)}%`) : undefined,
        input.tags?.length ? arrayContains(charts.tags, input.tags) : undefined,
        input.chartType ? eq(charts.chartType, input.chartType) : undefined,
      ),
    )
    .orderBy(desc(placementCount), desc(charts.updatedAt), charts.id)
    .limit(input.limit ?? 200);
}

async function readChart(db: OcpDatabase, userId: string, id: string, need: Need, lock = false) {
  const query = db
    .select({ ...detailColumns, role: chartRole(userId) })
    .from(charts)
    .where(eq(charts.id, id));
  const [row] = lock ? await query.for('update') : await query;
  return authorize(row, need, CHART);
}

/**
 * The chart as the caller may see it: how its data is fetched (`dataSourceConfig`, and the names of the secrets
 * stored apart) only for those who may edit it; readers get the chart without it.
 */
export async function getChart(db: OcpDatabase, user: OcpUser, id: string): Promise<ChartDetail> {
  const { role, ...chart } = await readChart(db, user.id, id, 'read');
  if (!can(role, 'write')) return { ...chart, dataSourceConfig: null, dataSourceSecrets: null };
  return { ...chart, dataSourceSecrets: secretNames(await readSourceSecrets(db, id)) };
}

export interface ChartInput {
  title: string;
  description?: string | null;
  chartType: string;
  plotlyConfig: PlotlyConfig;
  dataSourceConfig: DataSourceConfig;
  ownerUserId?: string | null;
  ownerTeamId?: string | null;
  isPublic?: boolean;
  tags?: string[];
  changeSummary?: string | null;
}

/**
 * A `dataset` source reads a workspace dataset, which belongs to the one user who imported it: the writer must be
 * that user (NOT_FOUND otherwise, so nobody charts someone else's upload by guessing its id), and the chart must
 * be that user's own, as the data engine requires when it reads: a team chart cannot read a member's dataset
 * (BAD_REQUEST). Every write of a config runs this: create, update and restoreVersion.
 */
async function checkDataSource(
  db: OcpDatabase,
  userId: string,
  owner: { ownerUserId: string | null },
  source: DataSourceConfig | undefined,
) {
  if (source?.kind !== 'dataset') return;
  const [item] = await db
    .select({ id: workspaceItems.id })
    .from(workspaceItems)
    .where(
      and(
        eq(workspaceItems.id, source.datasetId),
        eq(workspaceItems.userId, userId),
        eq(workspaceItems.itemType, 'dataset'),
      ),
    );
  if (!item) throw notFound('Dataset');
  if (owner.ownerUserId !== userId) {
    throw badRequest(
      'A team chart cannot read a dataset: datasets belong to the user who imported them, not to the team. ' +
        'Use inline data or an http or sql source, or keep the chart personal',
    );
  }
}

/**
 * Creates a chart and its version 1 in one transaction. Secrets of its data source are stored apart (see
 * http-secrets.ts); the chart and its versions keep the config without them.
 */
export async function createChart(db: OcpDatabase, user: OcpUser, input: ChartInput): Promise<ChartDetail> {
  const { config: dataSourceConfig, given } = separateSecrets(input.dataSourceConfig);
  const id = await db.transaction(async (tx) => {
    const owner = await resolveOwner(tx, user, input);
    await checkDataSource(tx, user.id, owner, dataSourceConfig);
    const [chart] = await tx
      .insert(charts)
      .values({
        title: input.title,
        description: input.description ?? null,
        chartType: input.chartType,
        plotlyConfig: input.plotlyConfig,
        dataSourceConfig,
        ...owner,
        isPublic: input.isPublic ?? false,
        tags: input.tags ?? [],
      })
      .returning({ id: charts.id });
    await tx.insert(chartVersions).values({
      chartId: chart!.id,
      chartType: input.chartType,
      title: input.title,
      plotlyConfig: input.plotlyConfig,
      dataSourceConfig,
      changeSummary: input.changeSummary ?? 'Created',
      createdBy: user.id,
    });
    await writeSourceSecrets(tx, chart!.id, nextSecrets(null, dataSourceConfig, given));
    return chart!.id;
  });
  return getChart(db, user, id);
}

export interface ChartUpdate {
  id: string;
  /** When given, a chart changed since is CONFLICT (like dashboards.update). */
  expectedUpdatedAt?: string;
  title?: string;
  description?: string | null;
  chartType?: string;
  plotlyConfig?: PlotlyConfig;
  dataSourceConfig?: DataSourceConfig;
  isPublic?: boolean;
  tags?: string[];
  changeSummary?: string | null;
}

/**
 * Workspace entries that point at a chart show its title and type (the type badge, and the type a slot judges when
 * the entry is dragged onto it): keep them in step whenever the chart's title or type changes.
 */
async function syncWorkspaceEntries(db: OcpDatabase, chartId: string, chart: { title: string; chartType: string }) {
  await db
    .update(workspaceItems)
    .set({
      title: chart.title,
      content: sql`${workspaceItems.content} || jsonb_build_object('chartType', ${chart.chartType}::text)`,
    })
    .where(
      and(
        eq(workspaceItems.itemType, 'chart'),
        eq(workspaceItems.referenceId, chartId),
        or(
          sql`${workspaceItems.title} IS DISTINCT FROM ${chart.title}`,
          sql`${workspaceItems.content}->>'chartType' IS DISTINCT FROM ${chart.chartType}`,
        ),
      ),
    );
}

/** A chart placed in a slot that refuses `chartType` cannot become one: CONFLICT naming the slot. */
async function checkSlotsAccept(db: OcpDatabase, chartId: string, chartType: string): Promise<void> {
  const slots = await db
    .select({ slotKey: dashboardTemplateSlots.slotKey, constraints: dashboardTemplateSlots.constraints })
    .from(chartPlacements)
    .innerJoin(dashboardTemplateSlots, eq(dashboardTemplateSlots.id, chartPlacements.templateSlotId))
    .where(eq(chartPlacements.chartId, chartId));
  const refusing = slots.find((s) => !slotAllowsChartType(s.constraints, chartType));
  if (refusing) throw conflict(`The chart is placed in slot "${refusing.slotKey}", which does not accept ${chartType}`);
}

/**
 * Updates the chart and writes its next chart_versions row in the same transaction. The chart row is locked first,
 * so concurrent updates of one chart queue up and each gets the next version number (the trigger's counter).
 * A new chart type that a slot holding the chart refuses is CONFLICT. Changing is_public is owner/admin only.
 */
export async function updateChart(db: OcpDatabase, user: OcpUser, input: ChartUpdate): Promise<ChartDetail> {
  await db.transaction(async (tx) => {
    const current = await readChart(tx, user.id, input.id, input.isPublic !== undefined ? 'manage' : 'write', true);
    // Making a chart private can make it unavailable on dashboards that showed it: they must hear of it.
    const showedOn = input.isPublic === false ? await dashboardsShowingChart(tx, input.id) : [];
    if (input.expectedUpdatedAt) {
      const [same] = await tx
        .select({ ok: sql<boolean>`${charts.updatedAt} = ${input.expectedUpdatedAt}::timestamptz` })
        .from(charts)
        .where(eq(charts.id, input.id));
      if (!same?.ok) throw conflict('The chart was changed by someone else since you loaded it; reload and try again');
    }
    const written = input.dataSourceConfig ? separateSecrets(input.dataSourceConfig) : null;
    await checkDataSource(tx, user.id, current, written?.config);
    if (input.chartType && input.chartType !== current.chartType) await checkSlotsAccept(tx, input.id, input.chartType);
    const plotlyConfig = input.plotlyConfig ?? current.plotlyConfig;
    const dataSourceConfig = written?.config ?? current.dataSourceConfig;
    if (written) {
      const previous = await readSourceSecrets(tx, input.id);
      await writeSourceSecrets(tx, input.id, nextSecrets(previous, written.config, written.given));
    }
    await tx
      .update(charts)
      .set({
        title: input.title ?? current.title,
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.chartType !== undefined ? { chartType: input.chartType } : {}),
        ...(input.isPublic !== undefined ? { isPublic: input.isPublic } : {}),
        ...(input.tags !== undefined ? { tags: input.tags } : {}),
        plotlyConfig,
        dataSourceConfig,
      })
      .where(eq(charts.id, input.id));
    await tx.insert(chartVersions).values({
      chartId: input.id,
      chartType: input.chartType ?? current.chartType,
      title: input.title ?? current.title,
      plotlyConfig,
      dataSourceConfig,
      changeSummary: input.changeSummary ?? null,
      createdBy: user.id,
    });
    if (input.title !== undefined || input.chartType !== undefined)
      await syncWorkspaceEntries(tx, input.id, {
        title: input.title ?? current.title,
        chartType: input.chartType ?? current.chartType,
      });
    // Its data changes with its source or its trace templates (the traces are built from both); a new title,
    // layout or config only redraws.
    const dataChanged =
      input.dataSourceConfig !== undefined ||
      JSON.stringify(plotlyConfig.data) !== JSON.stringify(current.plotlyConfig.data);
    await publishChartEvents(tx, input.id, 'updated', { showedOn, dataChanged });
  });
  return getChart(db, user, input.id);
}

/**
 * Deletes a chart (owner or team admin). Its placements and versions cascade; its sharing links and the
 * workspace entries pointing at it go in the same transaction, so nothing dangles.
 */
export async function deleteChart(db: OcpDatabase, user: OcpUser, id: string): Promise<{ id: string }> {
  await db.transaction(async (tx) => {
    await readChart(tx, user.id, id, 'manage', true);
    // Before the delete: the placements that say where the chart was go with it.
    await publishChartEvents(tx, id, 'deleted');
    await tx.delete(sharingLinks).where(and(eq(sharingLinks.resourceType, 'chart'), eq(sharingLinks.resourceId, id)));
    await tx
      .delete(workspaceItems)
      .where(and(eq(workspaceItems.itemType, 'chart'), eq(workspaceItems.referenceId, id)));
    await tx.delete(charts).where(eq(charts.id, id));
  });
  return { id };
}

const versionColumns = {
  id: chartVersions.id,
  chartId: sql<string>`${chartVersions.chartId}`,
  versionNumber: chartVersions.versionNumber,
  chartType: chartVersions.chartType,
  title: chartVersions.title,
  changeSummary: chartVersions.changeSummary,
  createdBy: chartVersions.createdBy,
  createdAt: iso(chartVersions.createdAt),
};

/** Version history, newest first (editor or above). With `includeConfig`, each version carries its configs. */
export async function listChartVersions(
  db: OcpDatabase,
  user: OcpUser,
  input: { chartId: string; includeConfig?: boolean; limit?: number },
): Promise<ChartVersionView[]> {
  await readChart(db, user.id, input.chartId, 'write');
  const columns = input.includeConfig
    ? { ...versionColumns, plotlyConfig: chartVersions.plotlyConfig, dataSourceConfig: chartVersions.dataSourceConfig }
    : versionColumns;
  return db
    .select(columns)
    .from(chartVersions)
    .where(eq(chartVersions.chartId, input.chartId))
    .orderBy(desc(chartVersions.versionNumber))
    .limit(input.limit ?? 500);
}

/**
 * Makes an old version current again, recorded as a new version ("Restored version N"): its configs, its chart type
 * and its title together, so the chart never draws one type while saying another. Versions written before they kept
 * a type get the one their trace templates draw. A type that a slot holding the chart refuses is CONFLICT, as on
 * update. The version's data source passes the same checks as an update (a dataset the restorer may not use is
 * refused), and the stored secrets stay only if the restored source still points at their origin.
 */
export async function restoreChartVersion(
  db: OcpDatabase,
  user: OcpUser,
  input: { chartId: string; versionNumber: number },
): Promise<ChartDetail> {
  await db.transaction(async (tx) => {
    const current = await readChart(tx, user.id, input.chartId, 'write', true);
    const [version] = await tx
      .select({
        chartType: chartVersions.chartType,
        title: chartVersions.title,
        plotlyConfig: chartVersions.plotlyConfig,
        dataSourceConfig: chartVersions.dataSourceConfig,
      })
      .from(chartVersions)
      .where(and(eq(chartVersions.chartId, input.chartId), eq(chartVersions.versionNumber, input.versionNumber)));
    if (!version) throw notFound('Version');
    const chartType =
      version.chartType ??
      (version.dataSourceConfig.kind === 'energy' ? 'energy' : chartTypeOfTraces(version.plotlyConfig.data)) ??
      current.chartType;
    const title = version.title ?? current.title;
    if (chartType !== current.chartType) await checkSlotsAccept(tx, input.chartId, chartType);
    await checkDataSource(tx, user.id, current, version.dataSourceConfig);
    const previous = await readSourceSecrets(tx, input.chartId);
    await writeSourceSecrets(tx, input.chartId, nextSecrets(previous, version.dataSourceConfig, { query: [] }));
    const restored = {
      chartType,
      title,
      plotlyConfig: version.plotlyConfig,
      dataSourceConfig: version.dataSourceConfig,
    };
    await tx.update(charts).set(restored).where(eq(charts.id, input.chartId));
    await syncWorkspaceEntries(tx, input.chartId, restored);
    await tx.insert(chartVersions).values({
      chartId: input.chartId,
      ...restored,
      changeSummary: `Restored version ${input.versionNumber}`,
      createdBy: user.id,
    });
    await publishChartEvents(tx, input.chartId, 'updated', { dataChanged: true });
  });
  return getChart(db, user, input.chartId);
}

/**
 * Loads the chart `chartId` if `allowed` (an SQL condition over `charts`) holds, and hands it to the data engine:
 * the authorization decision always comes first, and an unauthorized chart is NOT_FOUND like a missing one.
 */
export async function dataOfChart(
  db: OcpDatabase,
  engine: DataEngine,
  chartId: string,
  allowed: SQL,
  params: ChartDataParams,
  version?: { number: number; allowed: SQL },
): Promise<ChartData> {
  return engine.resolve(db, await loadChartForData(db, chartId, allowed, version), params);
}

/** Who may read a chart's data: those who see it, and readers of a dashboard it is placed on. */
export const chartDataVisibleSql = (userId: string) =>
  sql`(${chartRole(userId)} IS NOT NULL OR ${placedOnVisibleDashboardSql(charts.id, userId)})`;

/**
 * Who may read version N's data: editors of the chart (they see its history), and readers of a dashboard where a
 * placement pins version N. Nobody reaches an old version's data by guessing its number.
 */
export const versionVisibleSql = (userId: string, version: number) =>
  sql`(${chartRole(userId)} IN ('owner', 'admin', 'editor') OR ${pinnedPlacementSql(
    version,
    sql`${ownedRoleSql({ ownerUserId: sql`pd.owner_user_id`, ownerTeamId: sql`pd.owner_team_id`, isPublic: sql`pd.is_public` }, userId)} IS NOT NULL
        AND ${sql.raw(ownerReadsChartSql('pd', 'charts'))}`,
  )})`;

/**
 * charts.data: readable when the chart is visible to the caller, or placed on a dashboard they can read (a team
 * dashboard may show a teammate's personal chart). `version`: a pinned placement's version.
 */
export async function chartData(
  db: OcpDatabase,
  user: OcpUser,
  input: { chartId: string; version?: number } & ChartDataParams,
  engine: DataEngine,
): Promise<ChartData> {
  const version =
    input.version === undefined
      ? undefined
      : { number: input.version, allowed: versionVisibleSql(user.id, input.version) };
  return dataOfChart(db, engine, input.chartId, chartDataVisibleSql(user.id), dataParamsOf(input), version);
}
