import type { ChartData, DataSourceConfig, PlotlyConfig } from '@ocp/contract';
import { api } from '../../session.js';

const KEEP = 20;

/**
 * The server's data for drafts of a source it reads (dataset, http, sql, energy): charts.preview, once per distinct
 * draft (source and trace templates; layout edits restyle what is there). The saved chart's data, loaded with the
 * page, serves the first draft, which is the saved one. Failures are not kept, so fixing a field retries.
 */
export function serverPreview(
  chartId: string | undefined,
  saved: ChartData | null,
): (plotlyConfig: PlotlyConfig, source: DataSourceConfig) => Promise<ChartData> {
  const results = new Map<string, Promise<ChartData>>();
  let seed = saved;
  return (plotlyConfig, source) => {
    const key = JSON.stringify([source, plotlyConfig.data]);
    let result = results.get(key);
    if (!result) {
      result = seed
        ? Promise.resolve(seed)
        : api.charts.preview.mutate({
            ...(chartId ? { chartId } : {}),
            plotlyConfig,
            dataSourceConfig: source,
            width: 800,
          });
      seed = null;
      results.set(key, result);
      result.catch(() => results.delete(key));
      if (results.size > KEEP) results.delete(results.keys().next().value!);
    }
    return result;
  };
}
