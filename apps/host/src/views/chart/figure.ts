import type { ChartData, DataSourceConfig, PlotlyConfig, PlotlyTrace } from '@ocp/contract';
import { buildTraces } from '@ocp/contract/traces';

/** What a chart type needs to draw: the source kind and mapping it is given. */
export interface TypeInput {
  kind: string;
  x: string;
  y: string[];
  series: string;
}

/**
 * The chart types the editor offers: the Plotly trace template each one starts from, one sentence on what it draws,
 * and `problem`, which says in words why a draft cannot draw (instead of empty axes).
 */
export const CHART_TYPES: Record<
  string,
  { label: string; trace: PlotlyTrace; hint: string; problem?: (d: TypeInput) => string | null }
> = {
  bar: { label: 'Bar', trace: { type: 'bar' }, hint: 'One bar per X value for each Y column.' },
  line: { label: 'Line', trace: { type: 'scatter', mode: 'lines' }, hint: 'One line per Y column, along X.' },
  area: {
    label: 'Area',
    trace: { type: 'scatter', mode: 'lines', fill: 'tozeroy' },
    hint: 'Lines filled down to zero.',
  },
  scatter: { label: 'Scatter', trace: { type: 'scatter', mode: 'markers' }, hint: 'One dot per row.' },
  pie: {
    label: 'Pie',
    trace: { type: 'pie' },
    hint: 'X gives the slices’ names, the first Y column their sizes.',
    problem: (d) => (d.y.length > 1 ? 'A pie shows one Y column; remove the others.' : null),
  },
  histogram: {
    label: 'Histogram',
    trace: { type: 'histogram' },
    hint: 'Counts how often the values of each Y column occur, in bins (X is not used).',
  },
  box: { label: 'Box', trace: { type: 'box' }, hint: 'The spread of each Y column’s values, one box per X value.' },
  heatmap: {
    label: 'Heatmap',
    trace: { type: 'heatmap' },
    hint: 'X across, the series column down, the Y column’s values as colour.',
    problem: (d) =>
      !d.series
        ? 'A heatmap needs a series column for its rows (X across, series down, the Y column as colour).'
        : d.y.length > 1
          ? 'A heatmap colours one Y column; remove the others.'
          : null,
  },
  candlestick: {
    label: 'Candlestick',
    trace: { type: 'candlestick' },
    hint: 'Prices over X: four Y columns, in order open, high, low, close.',
    problem: (d) =>
      d.y.length !== 4
        ? `A candlestick needs four Y columns in order open, high, low, close (you gave ${d.y.length}).`
        : null,
  },
  metric: {
    label: 'Metric (KPI)',
    trace: { type: 'indicator', mode: 'number' },
    hint: 'The last value of the Y column as a big number, labelled with the chart heading (or the column).',
  },
  indicator: {
    label: 'Gauge',
    // The gauge leaves its top sixth to the label, which Plotly draws above the arc.
    trace: { type: 'indicator', mode: 'gauge+number', domain: { x: [0, 1], y: [0, 0.82] } },
    hint: 'The last value of the Y column on a gauge, labelled with the chart heading (or the column).',
  },
  energy: {
    label: 'Energy balance',
    trace: { type: 'scatter', mode: 'lines', stackgroup: 'generation' },
    hint: 'Generation stacked by source with demand, forecast band and anomalies, from the energy data.',
    problem: (d) =>
      d.kind !== 'energy' ? 'An energy balance reads the energy data: choose the energy source kind.' : null,
  },
};

/** Why the draft cannot draw as this type, or null. */
export function typeProblem(chartType: string, input: TypeInput): string | null {
  return CHART_TYPES[chartType]?.problem?.(input) ?? null;
}

/** The editor's layout options, read from and written into `plotly_config.layout`. */
export interface LayoutOptions {
  heading: string;
  xTitle: string;
  yTitle: string;
  showLegend: boolean;
  legendBelow: boolean;
  barMode: '' | 'group' | 'stack' | 'overlay';
  /** Anything else, as JSON (merged last). */
  advanced: Record<string, unknown>;
}

type Layout = Record<string, unknown>;
const text = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof (v as { text?: unknown })?.text === 'string'
      ? String((v as { text: string }).text)
      : '';

export function readLayout(layout: Layout = {}): LayoutOptions {
  const { title, xaxis, yaxis, showlegend, legend, barmode, ...advanced } = layout;
  const x = (xaxis ?? {}) as Layout;
  const y = (yaxis ?? {}) as Layout;
  const { title: xt, ...xRest } = x;
  const { title: yt, ...yRest } = y;
  if (Object.keys(xRest).length) advanced.xaxis = xRest;
  if (Object.keys(yRest).length) advanced.yaxis = yRest;
  const { orientation, ...legendRest } = (legend ?? {}) as Layout;
  if (Object.keys(legendRest).length) advanced.legend = legendRest;
  return {
    heading: text(title),
    xTitle: text(xt),
    yTitle: text(yt),
    showLegend: showlegend !== false,
    legendBelow: orientation === 'h',
    barMode: (['group', 'stack', 'overlay'].includes(String(barmode)) ? barmode : '') as LayoutOptions['barMode'],
    advanced,
  };
}

export function writeLayout(o: LayoutOptions): Layout {
  const adv = o.advanced as { xaxis?: Layout; yaxis?: Layout; legend?: Layout };
  const layout: Layout = { ...o.advanced };
  if (o.heading) layout.title = { text: o.heading };
  if (o.xTitle || adv.xaxis) layout.xaxis = { ...adv.xaxis, ...(o.xTitle ? { title: { text: o.xTitle } } : {}) };
  if (o.yTitle || adv.yaxis) layout.yaxis = { ...adv.yaxis, ...(o.yTitle ? { title: { text: o.yTitle } } : {}) };
  if (!o.showLegend) layout.showlegend = false;
  if (o.legendBelow || adv.legend) layout.legend = { ...adv.legend, ...(o.legendBelow ? { orientation: 'h' } : {}) };
  if (o.barMode) layout.barmode = o.barMode;
  return layout;
}

/**
 * Trace templates for a chart type: keep the chart's own while the type is unchanged (they may be hand-tuned). A
 * metric or gauge gets its label from the heading (else the Y column), so it never shows a bare number.
 */
export function traceTemplates(
  chartType: string,
  original: { chartType: string; data: PlotlyTrace[] } | null,
  label = '',
): PlotlyTrace[] {
  if (original && original.chartType === chartType && original.data.length && chartType !== 'energy') {
    if (chartType === 'metric' || chartType === 'indicator') return original.data.map((t) => withTitle(t, label));
    return original.data;
  }
  if (chartType === 'energy') return energyTraces();
  const trace = CHART_TYPES[chartType]?.trace ?? { type: 'scatter' };
  return [chartType === 'metric' || chartType === 'indicator' ? withTitle(trace, label) : trace];
}

function withTitle(t: PlotlyTrace, label: string): PlotlyTrace {
  return label ? { ...t, title: { text: label } } : t;
}

/** The energy source's columns (ENERGY_DEFAULT_MAPPING order) drawn as the demo's energy balance draws them. */
function energyTraces(): PlotlyTrace[] {
  const gen = (name: string, color: string): PlotlyTrace => ({
    type: 'scatter',
    mode: 'lines',
    stackgroup: 'generation',
    name,
    line: { width: 0.5, color },
  });
  const band = {
    type: 'scatter',
    mode: 'lines',
    line: { width: 0, color: '#9aa5b1' },
    hoverinfo: 'skip',
  } as PlotlyTrace;
  return [
    gen('Solar', '#f2b705'),
    gen('Wind', '#2a9d8f'),
    gen('Battery', '#8e6cce'),
    gen('Grid', '#8d99ae'),
    { type: 'scatter', mode: 'lines', name: 'Demand', line: { width: 2, color: '#1d3557' } },
    { ...band, name: 'Forecast low', showlegend: false },
    { ...band, name: 'Forecast range', fill: 'tonexty', fillcolor: 'rgba(154,165,177,0.25)' },
    { type: 'scatter', mode: 'lines', name: 'Forecast', line: { width: 1, dash: 'dot', color: '#6c757d' } },
    { type: 'scatter', mode: 'markers', name: 'Anomaly', marker: { size: 9, symbol: 'x', color: '#111' } },
  ];
}

/**
 * The preview figure. Inline data is mapped here with the same `buildTraces` the server uses, so every keystroke
 * shows; other sources reuse the saved chart's server-resolved traces, restyled with the draft's templates.
 */
export function previewFigure(
  plotlyConfig: PlotlyConfig,
  source: DataSourceConfig,
  saved: ChartData | null,
): { data: PlotlyTrace[]; layout?: Layout; config?: Layout } {
  let data: PlotlyTrace[];
  if (source.kind === 'inline') data = buildTraces(plotlyConfig, source.columns, source.mapping);
  else {
    const templates = plotlyConfig.data.length ? plotlyConfig.data : [{ type: 'scatter' }];
    data = (saved?.traces ?? []).map((t, i) => {
      const { type: _t, mode: _m, fill: _f, ...values } = t;
      return { ...values, ...templates[Math.min(i, templates.length - 1)] };
    });
  }
  return { data, layout: plotlyConfig.layout as Layout | undefined, config: plotlyConfig.config as Layout | undefined };
}
