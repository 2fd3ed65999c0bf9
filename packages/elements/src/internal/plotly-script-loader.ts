/**
 * Stand-ins for `plotly.js-dist-min` and `plotly.js-basic-dist-min` in the standalone single-file build
 * (scripts/build.mjs aliases them to plotly-script-full.ts and plotly-script-basic.ts): a page that uses
 * `<script type="module" src="ocp-elements.js">` has no bundler to resolve the bare imports, so Plotly is loaded as
 * a classic script from `plotly.min.js` or `plotly-basic.min.js` next to the bundle, once, when the first chart that
 * needs it draws. `window.OCP_PLOTLY_SRC` / `window.OCP_PLOTLY_BASIC_SRC` load them from elsewhere (a page with its
 * own `window.Plotly` loads neither).
 *
 * The loader waits for `loaded()` before a chart takes its drawing turn, so evaluating the script (hundreds of
 * milliseconds) and the first drawing are separate tasks, not one long one.
 */
import type { PlotlyLike, PlotlyScript } from './plotly-loader.js';

type PlotlyWindow = { Plotly?: PlotlyLike } & Record<string, unknown>;

export function scriptPlotly(file: string, srcVariable: string): PlotlyScript {
  let loading: Promise<PlotlyLike> | undefined;
  let loaded: PlotlyLike | undefined;
  const load = (): Promise<PlotlyLike> => {
    loading ??= new Promise<PlotlyLike>((resolve, reject) => {
      const w = window as unknown as PlotlyWindow;
      const script = document.createElement('script');
      const src = w[srcVariable];
      script.src = typeof src === 'string' ? src : new URL(/* @vite-ignore */ `./${file}`, import.meta.url).href;
      script.async = true;
      // Both bundles set window.Plotly: each keeps the one its own script defined.
      script.onload = () => {
        loaded = w.Plotly;
        if (loaded) resolve(loaded);
        else reject(new Error(`${file} did not define Plotly`));
      };
      script.onerror = () => {
        loading = undefined;
        reject(new Error(`Could not load ${script.src}`));
      };
      document.head.append(script);
    });
    return loading;
  };
  return {
    newPlot: (...a) => load().then((p) => p.newPlot(...a)),
    react: (...a) => load().then((p) => p.react(...a)),
    purge: (root) => loaded?.purge(root),
    Plots: { resize: (root) => load().then((p) => p.Plots.resize(root)) },
    extendTraces: (...a) => load().then((p) => p.extendTraces!(...a)),
    loaded: load,
  };
}
