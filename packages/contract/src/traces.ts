import type { Mapping } from './json/data-source.js';
import type { PlotlyConfig, PlotlyTrace } from './json/plotly.js';

export type Cell = number | string | boolean | null;
export type Columns = Record<string, Cell[]>;

/**
 * Turns columnar data into Plotly traces using the chart's trace templates (`plotly_config.data`):
 * template i styles the trace for `mapping.y[i]` (the last template is reused when there are fewer).
 * With `mapping.series`, each distinct series value becomes its own trace. Pie, indicator and heatmap
 * templates get the attributes those trace types read (labels/values, value, x/y/z); a histogram bins the y column's
 * values (x is not used); a candlestick reads its four y columns as open, high, low and close, one trace in all.
 */
export function buildTraces(config: Pick<PlotlyConfig, 'data'>, columns: Columns, mapping: Mapping): PlotlyTrace[] {
  const templates = config.data.length > 0 ? config.data : [{ type: 'scatter' }];
  const x = columns[mapping.x] ?? [];
  const traces: PlotlyTrace[] = [];
  if (templates[0]!.type === 'candlestick' || templates[0]!.type === 'ohlc') {
    const [open, high, low, close] = mapping.y.map((name) => columns[name] ?? []);
    return [{ ...templates[0]!, x, open: open ?? [], high: high ?? [], low: low ?? [], close: close ?? [] }];
  }
  mapping.y.forEach((yName, i) => {
    const template = templates[Math.min(i, templates.length - 1)]!;
    const y = columns[yName] ?? [];
    if (template.type === 'heatmap' && mapping.series) {
      traces.push({ ...template, x, y: columns[mapping.series] ?? [], z: y });
      return;
    }
    if (mapping.series) {
      for (const [key, rows] of groupRows(columns[mapping.series] ?? [])) {
        traces.push(shape({ ...template, name: String(key) }, pick(x, rows), pick(y, rows)));
      }
      return;
    }
    traces.push(shape({ name: yName, ...template }, x, y));
  });
  return traces;
}

function shape(template: PlotlyTrace, x: Cell[], y: Cell[]): PlotlyTrace {
  switch (template.type) {
    case 'pie':
    case 'funnelarea':
      return { ...template, labels: x, values: y };
    case 'indicator':
      return { ...template, value: lastNumber(y) };
    case 'histogram':
      return { ...template, x: y };
    default:
      return { ...template, x, y };
  }
}

function groupRows(series: Cell[]): Map<Cell, number[]> {
  const groups = new Map<Cell, number[]>();
  series.forEach((key, row) => {
    const rows = groups.get(key);
    if (rows) rows.push(row);
    else groups.set(key, [row]);
  });
  return groups;
}

function pick(values: Cell[], rows: number[]): Cell[] {
  return rows.map((r) => values[r] ?? null);
}

function lastNumber(values: Cell[]): number | null {
  for (let i = values.length - 1; i >= 0; i--) {
    const v = values[i];
    if (typeof v === 'number') return v;
  }
  return null;
}
