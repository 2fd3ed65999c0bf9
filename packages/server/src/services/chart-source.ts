import type { ChartDataParams } from '@ocp/contract';
import { charts, chartVersions, type OcpDatabase } from '@ocp/db';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import type { ChartForData } from '../data/engine.js';
import { notFound } from './errors.js';
import { iso } from './sql.js';

/**
 * The chart `chartId` as the data engine needs it, if `allowed` (an SQL condition over `charts`) holds; with a
 * `version`, that version's configs (a pinned placement draws them), if `versionAllowed` holds too. Unauthorized
 * is NOT_FOUND like missing: the authorization decision comes before anything is read.
 */
export async function loadChartForData(
  db: OcpDatabase,
  chartId: string,
  allowed: SQL,
  version?: { number: number; allowed: SQL },
): Promise<ChartForData> {
  if (!version) {
    const [chart] = await db
      .select({
        id: charts.id,
        updatedAt: iso(charts.updatedAt),
        plotlyConfig: charts.plotlyConfig,
        dataSourceConfig: charts.dataSourceConfig,
      })
      .from(charts)
      .where(and(eq(charts.id, chartId), allowed));
    if (!chart) throw notFound('Chart');
    return chart;
  }
  const [row] = await db
    .select({
      id: charts.id,
      plotlyConfig: chartVersions.plotlyConfig,
      dataSourceConfig: chartVersions.dataSourceConfig,
    })
    .from(charts)
    .innerJoin(
      chartVersions,
      and(eq(chartVersions.chartId, charts.id), eq(chartVersions.versionNumber, version.number)),
    )
    .where(and(eq(charts.id, chartId), allowed, version.allowed));
  if (!row) throw notFound('Chart');
  // A version never changes: its number is its cache version (the chart's later edits do not touch it).
  return { ...row, updatedAt: `v${version.number}` };
}

/** A placement of `charts.id` pinned to `version` on a dashboard matching `dashboard` (SQL over alias `pd`). */
export function pinnedPlacementSql(version: number, dashboard: SQL): SQL {
  return sql`EXISTS (SELECT 1 FROM chart_placements pp JOIN dashboard_tabs pt ON pt.id = pp.dashboard_tab_id
      JOIN dashboards pd ON pd.id = pt.dashboard_id
     WHERE pp.chart_id = ${charts.id} AND pp.customizations->>'pinnedVersion' = ${String(version)} AND ${dashboard})`;
}

/** The request's parameters without the chart's id, the token and the version. */
export function dataParamsOf<T extends ChartDataParams>(input: T): ChartDataParams {
  const { range, width, filters } = input;
  return { range, width, filters };
}
