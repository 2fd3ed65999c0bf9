/**
 * Plotly is big (about 4.8 MB minified), so it is loaded only when the first chart is about to draw, through a
 * pluggable loader. The default uses a `window.Plotly` the host already has, else imports `plotly.js-dist-min`
 * (a lazy chunk in the host's bundle; a sibling file in the standalone build). A host can hand in any bundle with
 * the same API, e.g. `plotly.js-basic-dist-min`: `setPlotlyLoader(() => import('plotly.js-basic-dist-min'))`.
 * Charts whose trace types that bundle lacks say so instead of drawing (see `missingTraceTypes`).
 */

/** The slice of the Plotly API the elements use. Any plotly.js bundle satisfies it. */
export interface PlotlyLike {
  newPlot(root: HTMLElement, data: unknown[], layout?: object, config?: object): Promise<unknown>;
  react(root: HTMLElement, data: unknown[], layout?: object, config?: object): Promise<unknown>;
  purge(root: HTMLElement): void;
  Plots: { resize(root: HTMLElement): Promise<unknown> | unknown };
}

/** Returns Plotly, or a module whose default export is Plotly. */
export type PlotlyLoader = () => Promise<PlotlyLike | { default: PlotlyLike }>;

const defaultLoader: PlotlyLoader = async () => {
  const existing = (globalThis as { Plotly?: PlotlyLike }).Plotly;
  if (existing) return existing;
  const mod = (await import('plotly.js-dist-min')) as unknown as { default?: PlotlyLike };
  // The UMD file sets window.Plotly even when imported as a plain ES module (no default export then).
  return mod.default ?? (globalThis as { Plotly?: PlotlyLike }).Plotly ?? (mod as unknown as PlotlyLike);
};

let pageLoader: PlotlyLoader = defaultLoader;
const cache = new WeakMap<PlotlyLoader, Promise<PlotlyLike>>();

/** Replaces the page-wide loader (per-chart `plotlyLoader` properties still win). */
export function setPlotlyLoader(loader: PlotlyLoader | null): void {
  pageLoader = loader ?? defaultLoader;
}

/** Loads Plotly once per loader; a failed load is retried on the next call. */
export function loadPlotly(loader: PlotlyLoader = pageLoader): Promise<PlotlyLike> {
  let pending = cache.get(loader);
  if (!pending) {
    pending = loader().then((m) => {
      const plotly = 'newPlot' in m ? m : m.default;
      if (!plotly || typeof plotly.newPlot !== 'function') throw new Error('The Plotly loader returned no Plotly');
      return plotly;
    });
    pending.catch(() => cache.delete(loader));
    cache.set(loader, pending);
  }
  return pending;
}

/**
 * Trace types the bundle that just drew into `root` does not have. Plotly draws a trace of an unregistered type as
 * an empty scatter, so the drawn trace's type differs from the one asked for. (Asking the bundle for its schema
 * up front would cost about 300 ms on the full bundle; this costs nothing.)
 */
export function missingTraceTypes(root: HTMLElement): string[] {
  const drawn = (root as { _fullData?: Array<{ type?: unknown; _input?: { type?: unknown } }> })._fullData ?? [];
  const missing = new Set<string>();
  for (const trace of drawn) {
    const asked = trace._input?.type;
    if (typeof asked === 'string' && asked !== trace.type) missing.add(asked);
  }
  return [...missing];
}
