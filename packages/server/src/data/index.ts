import { buildTraces, type ChartData, type ChartDataParams, type DataSourceConfig, type OcpDatabase, type PlotlyConfig } from '@ocp/db';
import { TRPCError } from '@trpc/server';

/** What the data engine needs to know about a chart (already authorized by the caller). */
export interface ChartForData {
  id: string;
  updatedAt: string;
  plotlyConfig: PlotlyConfig;
  dataSourceConfig: DataSourceConfig;
}

/**
 * The seam between the API and the data engine (SPEC §5): routers call this for charts.data and
 * sharing.chartData. This first version serves inline sources only; the engine (sources, transforms,
 * downsampling, cache) replaces its inside, not its signature.
 */
export async function resolveChartData(_db: OcpDatabase, chart: ChartForData, _params: ChartDataParams = {}): Promise<ChartData> {
  const source = chart.dataSourceConfig;
  if (source.kind !== 'inline') {
    throw new TRPCError({ code: 'BAD_REQUEST', message: `data source kind "${source.kind}" is not available yet` });
  }
  const traces = buildTraces(chart.plotlyConfig, source.columns, source.mapping);
  const points = (source.columns[source.mapping.x] ?? []).length;
  return { traces, meta: { sourcePoints: points, returnedPoints: points, downsampled: false } };
}
