/**
 * Browsers cap live WebGL contexts (Chromium: 16 per page, fewer on mobile) and silently kill the oldest, which
 * blanks a chart. The elements keep at most {@link WEBGL_BUDGET} contexts alive at once. Plotly's 2D WebGL traces
 * (scattergl, splom, parcoords…) use two contexts per plot (drawing and focus canvases, measured in the tests),
 * 3D scenes and maps one, so the budget is counted in contexts, not charts. A chart that does not fit falls back
 * to SVG twins of its traces when they exist (scattergl → scatter); otherwise it waits until a context is released.
 */
export const WEBGL_BUDGET = 4;

/** Trace types that draw with WebGL, and the SVG type to use instead when there is one. */
const WEBGL_TYPES: Record<string, string | null> = {
  // 2D WebGL (regl): two contexts per plot
  scattergl: 'scatter',
  scatterpolargl: 'scatterpolar',
  heatmapgl: 'heatmap',
  splom: null,
  parcoords: null,
  // 3D scenes and maps: one context each
  scatter3d: null,
  surface: null,
  mesh3d: null,
  cone: null,
  streamtube: null,
  volume: null,
  isosurface: null,
  pointcloud: null,
  scattermapbox: null,
  choroplethmapbox: null,
  densitymapbox: null,
  scattermap: null,
  choroplethmap: null,
  densitymap: null,
};

type Trace = { type?: unknown } & Record<string, unknown>;

const TWO_CONTEXTS = new Set(['scattergl', 'scatterpolargl', 'heatmapgl', 'splom', 'parcoords', 'pointcloud']);

/** How many WebGL contexts Plotly will create for these traces (0 when all are SVG). */
export function webglCost(traces: readonly Trace[]): number {
  let cost = 0;
  for (const t of traces) {
    const type = typeof t.type === 'string' ? t.type : '';
    if (type in WEBGL_TYPES) cost = Math.max(cost, TWO_CONTEXTS.has(type) ? 2 : 1);
  }
  return cost;
}

/** The traces with every WebGL type replaced by its SVG twin, or null when some trace has none. */
export function svgFallback(traces: readonly Trace[]): Trace[] | null {
  const out: Trace[] = [];
  for (const t of traces) {
    const type = typeof t.type === 'string' ? t.type : '';
    if (!(type in WEBGL_TYPES)) {
      out.push(t);
      continue;
    }
    const svg = WEBGL_TYPES[type];
    if (!svg) return null;
    out.push({ ...t, type: svg });
  }
  return out;
}

const holders = new Map<object, number>();
const waiters = new Set<() => void>();
const used = () => [...holders.values()].reduce((a, b) => a + b, 0);

/** Reserves `cost` contexts for `holder` if they fit (or it already holds them). */
export function acquireWebgl(holder: object, cost: number): boolean {
  const held = holders.get(holder) ?? 0;
  if (held >= cost) return true;
  if (used() - held + cost > WEBGL_BUDGET) return false;
  holders.set(holder, cost);
  return true;
}

export function releaseWebgl(holder: object): void {
  if (!holders.delete(holder)) return;
  for (const wake of [...waiters]) wake();
}

/** Calls `wake` whenever contexts are released, until the returned function is called. */
export function onWebglReleased(wake: () => void): () => void {
  waiters.add(wake);
  return () => waiters.delete(wake);
}

/** WebGL contexts currently reserved by charts on the page. */
export function liveWebglCount(): number {
  return used();
}
