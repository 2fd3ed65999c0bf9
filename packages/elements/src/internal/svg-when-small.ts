import { svgFallback, webglCost } from './webgl-budget.js';

/**
 * A 2D WebGL plot costs a fixed setup before its first point: two contexts, regl's shaders and buffers (measured in
 * headless Chromium's software renderer: ~150–180 ms for a `scattergl` line of 2,000 to 50,000 points, against
 * 18 ms for the same 2,000 points as an SVG `scatter` line and 29 ms for 10,000). An SVG line is one path whatever
 * its length, so below a few thousand points SVG draws sooner, and it takes no context from the page's budget. A
 * series the server downsampled to the plot's width (two points per pixel) is always that small.
 *
 * Points drawn one node each in SVG (markers, text, error bars) grow with their count (2,000 markers: about as slow
 * as WebGL; 10,000: slower), so their limit is lower.
 */
export const SVG_LINE_POINTS = 10_000;
export const SVG_MARKER_POINTS = 1_000;

/** WebGL trace types whose SVG twin draws the very same points (a WebGL heatmap's cells are not counted here). */
const POINT_TWINS = new Set(['scattergl', 'scatterpolargl']);
/** Plotly draws a trace without a `mode` as lines only from this many points on (markers too below it). */
const PTS_LINESONLY = 20;

type Trace = { type?: unknown } & Record<string, unknown>;

/**
 * The traces with their WebGL types replaced by their SVG twins when the chart has WebGL traces, every one of them
 * with a twin that draws the same points, and few enough points that SVG is the cheaper drawing; otherwise null.
 * `maxPoints` is the live window (only that many last points of each trace are drawn).
 */
export function svgWhenSmall(traces: readonly Trace[], maxPoints?: number): Trace[] | null {
  let lines = 0;
  let nodes = 0;
  let webgl = false;
  for (const t of traces) {
    // Which types draw with WebGL is the budget's knowledge; any other WebGL trace keeps the chart on WebGL.
    if (webglCost([t]) === 0) continue;
    if (!POINT_TWINS.has(t.type as string)) return null;
    webgl = true;
    const n = Math.min(pointCount(t), maxPoints ?? Number.POSITIVE_INFINITY);
    if (drawsNodes(t, n)) nodes += n;
    else lines += n;
  }
  if (!webgl || lines > SVG_LINE_POINTS || nodes > SVG_MARKER_POINTS) return null;
  return svgFallback(traces);
}

/** The longest of the trace's coordinate arrays. */
function pointCount(t: Trace): number {
  let n = 0;
  for (const k of ['x', 'y', 'r', 'theta']) {
    const v = t[k];
    if (Array.isArray(v) || ArrayBuffer.isView(v)) n = Math.max(n, (v as ArrayLike<unknown>).length);
  }
  return n;
}

/** Whether SVG would draw an element per point: markers or text (Plotly's default mode below 20 points), error bars. */
function drawsNodes(t: Trace, n: number): boolean {
  const mode = typeof t.mode === 'string' ? t.mode : n < PTS_LINESONLY ? 'lines+markers' : 'lines';
  if (mode.includes('markers') || mode.includes('text')) return true;
  return [t.error_x, t.error_y].some(
    (e) => e && typeof e === 'object' && (e as { visible?: unknown }).visible !== false,
  );
}
