/// <reference path="./plotly-module.d.ts" />
/**
 * Plotly is big, so it is loaded only when the first chart is about to draw, through a pluggable loader, and only as
 * much of it as the page's charts need: the default loader takes `plotly.js-basic-dist-min` (scatter, bar, pie:
 * about a quarter of the full bundle's bytes and evaluation time) when every trace is of those types, and
 * `plotly.js-dist-min` otherwise; a page that needs both gets both, each chart drawing with one. A `window.Plotly`
 * the host already has is used as is. In the standalone build both are sibling files loaded as classic scripts.
 * A host can hand in any bundle with the same API (`setPlotlyLoader`); a chart whose trace types that bundle lacks
 * says so instead of drawing (see `missingTraceTypes`).
 */

/** The slice of the Plotly API the elements use. Any plotly.js bundle satisfies it. */
export interface PlotlyLike {
  newPlot(root: HTMLElement, data: unknown[], layout?: object, config?: object): Promise<unknown>;
  react(root: HTMLElement, data: unknown[], layout?: object, config?: object): Promise<unknown>;
  purge(root: HTMLElement): void;
  Plots: { resize(root: HTMLElement): Promise<unknown> | unknown };
  extendTraces?(root: HTMLElement, update: object, indices: number[], maxPoints?: number): Promise<unknown>;
}

/** A stand-in that loads the real Plotly on demand (the standalone build's script loader). */
export interface PlotlyScript extends PlotlyLike {
  loaded(): Promise<PlotlyLike>;
}

function isScript(plotly: PlotlyLike): plotly is PlotlyScript {
  return typeof (plotly as Partial<PlotlyScript>).loaded === 'function';
}

/** Which Plotly a chart needs: `basic` (scatter, bar, pie) or `full` (every trace type). */
export type PlotlyBundle = 'basic' | 'full';

/**
 * Returns Plotly, or a module whose default export is Plotly. `bundle` says what the chart about to draw needs; a
 * loader of one fixed bundle may ignore it.
 */
export type PlotlyLoader = (bundle: PlotlyBundle) => Promise<PlotlyLike | { default: PlotlyLike }>;

/** The trace types of `plotly.js-basic-dist-min`. */
export const BASIC_TRACE_TYPES: ReadonlySet<string> = new Set(['scatter', 'bar', 'pie']);

/** The trace types of a figure's traces (a trace without `type` is a scatter, as in Plotly). */
export function traceTypes(traces: readonly unknown[] | undefined): string[] {
  const types = new Set<string>();
  for (const t of traces ?? []) {
    const type = (t as { type?: unknown } | null)?.type;
    types.add(typeof type === 'string' ? type : 'scatter');
  }
  return [...types];
}

/** The smallest bundle that draws every one of `types`. */
export function bundleFor(types: readonly string[]): PlotlyBundle {
  return types.every((t) => BASIC_TRACE_TYPES.has(t)) ? 'basic' : 'full';
}

type Module = PlotlyLike | { default?: PlotlyLike };
const plotlyOf = (mod: Module): PlotlyLike | undefined => {
  // The UMD files set window.Plotly even when imported as plain ES modules (no default export then).
  const p = 'newPlot' in mod ? mod : (mod.default ?? (globalThis as { Plotly?: PlotlyLike }).Plotly);
  return p && typeof p.newPlot === 'function' ? p : undefined;
};

/** The page's own Plotly, as it was before we loaded any (ours set window.Plotly too); null when it had none. */
let hostPlotly: PlotlyLike | null | undefined;

/** One import at a time: a UMD file without a default export is found as window.Plotly right after it ran. */
let importing: Promise<unknown> = Promise.resolve();

const byNeed: PlotlyLoader = (bundle) => {
  if (hostPlotly === undefined) hostPlotly = (globalThis as { Plotly?: PlotlyLike }).Plotly ?? null;
  if (hostPlotly) return Promise.resolve(hostPlotly);
  const next = importing.then(async () => {
    const mod: Module =
      bundle === 'basic' ? await import('plotly.js-basic-dist-min') : await import('plotly.js-dist-min');
    const plotly = plotlyOf(mod);
    if (!plotly) throw new Error(`The ${bundle} Plotly bundle did not load`);
    return plotly;
  });
  importing = next.catch(() => undefined);
  return next;
};

/** The default: the smallest bundle each chart needs (or the page's own Plotly). */
export const plotlyByNeed: PlotlyLoader = byNeed;
/** Always the full bundle (every trace type), e.g. for pages that mostly show heatmaps, maps or 3-D. */
export const fullPlotly: PlotlyLoader = () => byNeed('full');

let pageLoader: PlotlyLoader = plotlyByNeed;
const cache = new WeakMap<PlotlyLoader, Map<PlotlyBundle, Promise<PlotlyLike>>>();

/** Replaces the page-wide loader (per-chart `plotlyLoader` properties still win); null restores the default. */
export function setPlotlyLoader(loader: PlotlyLoader | null): void {
  pageLoader = loader ?? plotlyByNeed;
}

/** Loads Plotly once per loader and bundle; a failed load is retried on the next call. */
export function loadPlotly(loader: PlotlyLoader = pageLoader, bundle: PlotlyBundle = 'full'): Promise<PlotlyLike> {
  const byBundle = cache.get(loader) ?? new Map<PlotlyBundle, Promise<PlotlyLike>>();
  cache.set(loader, byBundle);
  let pending = byBundle.get(bundle);
  if (!pending) {
    pending = loader(bundle).then((m) => {
      const plotly = plotlyOf(m);
      if (!plotly) throw new Error('The Plotly loader returned no Plotly');
      // A stand-in (the standalone build's script loader): the real Plotly, evaluated before any chart takes its
      // drawing turn, so that evaluating it and the first drawing are two tasks instead of one long one.
      return isScript(plotly) ? plotly.loaded() : plotly;
    });
    pending.catch(() => byBundle.delete(bundle));
    byBundle.set(bundle, pending);
  }
  return pending;
}

/**
 * Trace types the bundle that just drew into `root` does not have. Plotly draws a trace of an unregistered type as
 * an empty scatter, so the drawn trace's type differs from the one asked for. (Asking the bundle for its schema
 * up front would cost about 300 ms on the full bundle; this costs nothing.) Only loaders of the host's choosing can
 * get here: the default never hands a chart a bundle without its types.
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
