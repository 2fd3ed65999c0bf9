import type { DataSourceConfig, PlotlyConfig } from '@ocp/contract';
import { CHART_TYPES, readLayout } from './figure.js';

/** What a chart version holds that a person would compare. */
export interface ChartState {
  title: string | null;
  chartType: string | null;
  plotlyConfig?: PlotlyConfig;
  dataSourceConfig?: DataSourceConfig;
}

/** One readable difference: "Type: Line → Bar". */
export interface Change {
  what: string;
  from: string;
  to: string;
}

const typeLabel = (t: string | null) => (t ? (CHART_TYPES[t]?.label ?? t) : 'unknown (older version)');
const quoted = (s: string) => (s ? `“${s}”` : 'none');

function describeSource(s: DataSourceConfig | undefined): string {
  if (!s) return 'unknown';
  switch (s.kind) {
    case 'inline': {
      const cols = Object.keys(s.columns);
      const rows = Math.max(0, ...cols.map((c) => s.columns[c]!.length));
      return `inline table, ${cols.length} columns × ${rows} rows`;
    }
    case 'dataset':
      return `dataset ${s.datasetId.slice(0, 8)}…`;
    case 'http':
      return `web address ${s.url}`;
    case 'sql':
      return `SQL on “${s.connection}”`;
    case 'energy':
      return `energy data${s.siteIds ? ` (${s.siteIds.length} sites)` : ' (all sites)'}, ${s.bucket} buckets`;
  }
}

function describeMapping(s: DataSourceConfig | undefined): string {
  const m = s?.mapping;
  if (!m) return 'none';
  return `x ${m.x}; y ${m.y.join(', ')}${m.series ? `; series ${m.series}` : ''}`;
}

/**
 * The differences a person cares about between two chart versions (`from` is usually the chart as it is now, `to`
 * the version about to be restored), in words rather than JSON. Inline data that changed only in its values says so.
 */
export function diffChartVersions(from: ChartState, to: ChartState): Change[] {
  const changes: Change[] = [];
  const add = (what: string, a: string, b: string) => {
    if (a !== b) changes.push({ what, from: a, to: b });
  };
  add('Title', quoted(from.title ?? ''), quoted(to.title ?? ''));
  add('Type', typeLabel(from.chartType), typeLabel(to.chartType));
  add('Data source', describeSource(from.dataSourceConfig), describeSource(to.dataSourceConfig));
  if (
    from.dataSourceConfig?.kind === 'inline' &&
    to.dataSourceConfig?.kind === 'inline' &&
    describeSource(from.dataSourceConfig) === describeSource(to.dataSourceConfig) &&
    JSON.stringify(from.dataSourceConfig.columns) !== JSON.stringify(to.dataSourceConfig.columns)
  )
    changes.push({ what: 'Data', from: 'other values', to: 'these values' });
  add('Columns shown', describeMapping(from.dataSourceConfig), describeMapping(to.dataSourceConfig));
  const a = readLayout(from.plotlyConfig?.layout);
  const b = readLayout(to.plotlyConfig?.layout);
  add('Heading', quoted(a.heading), quoted(b.heading));
  add('X axis title', quoted(a.xTitle), quoted(b.xTitle));
  add('Y axis title', quoted(a.yTitle), quoted(b.yTitle));
  add(
    'Legend',
    a.showLegend ? (a.legendBelow ? 'below' : 'shown') : 'hidden',
    b.showLegend ? (b.legendBelow ? 'below' : 'shown') : 'hidden',
  );
  add('Bar mode', a.barMode || 'default', b.barMode || 'default');
  if (JSON.stringify(a.advanced) !== JSON.stringify(b.advanced))
    changes.push({ what: 'Advanced layout', from: 'other settings', to: 'these settings' });
  if (
    typeLabel(from.chartType) === typeLabel(to.chartType) &&
    JSON.stringify(from.plotlyConfig?.data) !== JSON.stringify(to.plotlyConfig?.data)
  )
    changes.push({ what: 'Trace style', from: 'other styling', to: 'this styling' });
  return changes;
}
