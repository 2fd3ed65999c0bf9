import type { ChartData, DataSourceConfig, PlotlyConfig, PlotlyTrace } from '@ocp/contract';
import { buildTraces } from '@ocp/contract/traces';

/** The chart types the editor offers, with the Plotly trace template each one starts from. */
export const CHART_TYPES: Record<string, { label: string; trace: PlotlyTrace }> = {
  bar: { label: 'Bar', trace: { type: 'bar' } },
  line: { label: 'Line', trace: { type: 'scatter', mode: 'lines' } },
  area: { label: 'Area', trace: { type: 'scatter', mode: 'lines', fill: 'tozeroy' } },
  scatter: { label: 'Scatter', trace: { type: 'scatter', mode: 'markers' } },
  pie: { label: 'Pie', trace: { type: 'pie' } },
  histogram: { label: 'Histogram', trace: { type: 'histogram' } },
  heatmap: { label: 'Heatmap', trace: { type: 'heatmap' } },
  metric: { label: 'Metric (KPI)', trace: { type: 'indicator', mode: 'number' } },
};

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

/** Trace templates for a chart type: keep the chart's own while the type is unchanged (they may be hand-tuned). */
export function traceTemplates(
  chartType: string,
  original: { chartType: string; data: PlotlyTrace[] } | null,
): PlotlyTrace[] {
  if (original && original.chartType === chartType && original.data.length) return original.data;
  return [CHART_TYPES[chartType]?.trace ?? { type: 'scatter' }];
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
