/**
 * What a drawn `<ocp-chart>` does with Plotly's own events: a click on a bar, slice or point becomes an
 * `ocp-chart-select` (cross-filter, drill-down), and zooming or panning a time axis asks the chart for data of the
 * visible range at the plot's width (zoom to detail), debounced so a drag makes one request, not dozens.
 */
import type { Cell, ChartData, TimeRangeSpec } from '@ocp/contract';

/** The part of `<ocp-chart>` these handlers use. */
export interface InteractiveChart extends HTMLElement {
  chartId?: string;
  readonly data: ChartData | undefined;
  zoomTo(range: TimeRangeSpec | undefined): void;
}

interface PlotlyPoint {
  x?: Cell;
  y?: Cell;
  label?: Cell;
  data?: { type?: string; name?: string };
}
interface PlotlyEmitter {
  on(event: string, handler: (e: unknown) => void): void;
  removeAllListeners?(event: string): void;
}

/** Zoom requests wait for the drag or wheel to settle this long. */
export const ZOOM_DEBOUNCE_MS = 300;

/** Plotly's date axis values ("2026-01-03 12:34:56.789", UTC) as ISO-8601. */
function axisTime(v: unknown): string | undefined {
  if (typeof v === 'number') return new Date(v).toISOString();
  if (typeof v !== 'string') return undefined;
  const ms = Date.parse(/[zZ]|[+-]\d\d:\d\d$/.test(v) ? v : `${v.replace(' ', 'T')}Z`);
  return Number.isNaN(ms) ? undefined : new Date(ms).toISOString();
}

/** What a click on `point` selects: the slice's or bar's category, the line's series, or the point's x. */
export function selectionOf(
  point: PlotlyPoint,
  meta: ChartData['meta'] | undefined,
): { column: string; value: Cell } | null {
  if (!meta?.x) return null;
  const type = point.data?.type ?? 'scatter';
  if (type === 'pie' || type === 'funnelarea') return { column: meta.x, value: point.label ?? null };
  if (meta.series && point.data?.name !== undefined) return { column: meta.series, value: point.data.name };
  // On a time axis the x value is a time: a drill-down can use it; a dashboard does not cross-filter by it.
  return { column: meta.x, value: point.x ?? null };
}

/** Wires Plotly's hover (for clicks) and relayout events of `plot` to `chart`; returns a function that unwires them. */
export function wireInteractions(
  chart: InteractiveChart,
  plot: HTMLElement,
  emitSelect: (detail: { column: string; value: Cell; x?: Cell }) => void,
): () => void {
  const emitter = plot as unknown as PlotlyEmitter;
  if (typeof emitter.on !== 'function') return () => {};
  let timer = 0;
  // Plotly's own plotly_click picks the wrong point inside a shadow root (plotly.js#6108: its drag cover on
  // document.body shifts the coordinates); its hover is right. So a click selects the point hovered under it.
  let hovered: PlotlyPoint | undefined;
  emitter.on('plotly_hover', (e) => {
    hovered = (e as { points?: PlotlyPoint[] }).points?.[0];
  });
  emitter.on('plotly_unhover', () => {
    hovered = undefined;
  });
  // The click event itself never reaches the plot either: Plotly's cover takes the mouseup. A press and release
  // within a few pixels (not a zoom drag) is the click.
  const onDown = (down: PointerEvent) => {
    if (down.button !== 0) return;
    const point = hovered;
    window.addEventListener(
      'pointerup',
      (up) => {
        if (!point || Math.hypot(up.clientX - down.clientX, up.clientY - down.clientY) > 4) return;
        const selection = selectionOf(point, chart.data?.meta);
        if (selection) emitSelect({ ...selection, x: point.x });
      },
      { once: true, capture: true },
    );
  };
  plot.addEventListener('pointerdown', onDown);
  emitter.on('plotly_relayout', (e) => {
    const change = e as Record<string, unknown>;
    if (!chart.data?.meta.timeBased) return;
    const range = (change['xaxis.range'] as unknown[] | undefined) ?? [
      change['xaxis.range[0]'],
      change['xaxis.range[1]'],
    ];
    const from = axisTime(range[0]);
    const to = axisTime(range[1]);
    const reset = change['xaxis.autorange'] === true;
    if (!reset && !(from && to)) return;
    clearTimeout(timer);
    timer = window.setTimeout(() => chart.zoomTo(reset ? undefined : { from, to }), ZOOM_DEBOUNCE_MS);
  });
  return () => {
    clearTimeout(timer);
    plot.removeEventListener('pointerdown', onDown);
    emitter.removeAllListeners?.('plotly_hover');
    emitter.removeAllListeners?.('plotly_unhover');
    emitter.removeAllListeners?.('plotly_relayout');
  };
}
