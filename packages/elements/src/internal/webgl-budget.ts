/**
 * Browsers cap live WebGL contexts (Chromium: 16 per page, fewer on mobile) and silently kill the oldest, which
 * blanks a chart. The elements hold at most {@link WEBGL_BUDGET} at once: a chart whose WebGL traces have SVG
 * equivalents falls back to them; one without (3D, maps) waits for a context to be released.
 */
export const WEBGL_BUDGET = 4;

/** Trace types that draw with WebGL, and the SVG type to use instead when there is one. */
const WEBGL_TYPES: Record<string, string | null> = {
  scattergl: 'scatter',
  scatterpolargl: 'scatterpolar',
  heatmapgl: 'heatmap',
  splom: null,
  parcoords: null,
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

export function usesWebgl(traces: readonly Trace[]): boolean {
  return traces.some((t) => typeof t.type === 'string' && t.type in WEBGL_TYPES);
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

const holders = new Set<object>();
const waiters = new Set<() => void>();

/** Takes a context slot for `holder` if one is free (or it already holds one). */
export function acquireWebgl(holder: object): boolean {
  if (holders.has(holder)) return true;
  if (holders.size >= WEBGL_BUDGET) return false;
  holders.add(holder);
  return true;
}

export function releaseWebgl(holder: object): void {
  if (!holders.delete(holder)) return;
  for (const wake of [...waiters]) wake();
}

/** Calls `wake` whenever a slot is released, until the returned function is called. */
export function onWebglReleased(wake: () => void): () => void {
  waiters.add(wake);
  return () => waiters.delete(wake);
}

export function liveWebglCount(): number {
  return holders.size;
}
