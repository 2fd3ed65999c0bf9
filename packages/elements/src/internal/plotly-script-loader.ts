/**
 * Stand-in for `plotly.js-dist-min` in the standalone single-file build (vite.standalone.config.ts aliases it here):
 * a page that uses `<script type="module" src="ocp-elements.js">` has no bundler to resolve the bare import, so
 * Plotly is loaded as a classic script from `plotly.min.js` next to the bundle, once, when the first chart draws.
 * Set `window.OCP_PLOTLY_SRC` (or give the page its own `window.Plotly`) to load it from elsewhere.
 */
import type { PlotlyLike } from './plotly-loader.js';

let loading: Promise<PlotlyLike> | undefined;

function load(): Promise<PlotlyLike> {
  const w = window as unknown as { Plotly?: PlotlyLike; OCP_PLOTLY_SRC?: string };
  if (w.Plotly) return Promise.resolve(w.Plotly);
  loading ??= new Promise<PlotlyLike>((resolve, reject) => {
    const script = document.createElement('script');
    script.src = w.OCP_PLOTLY_SRC ?? new URL(/* @vite-ignore */ './plotly.min.js', import.meta.url).href;
    script.async = true;
    script.onload = () => (w.Plotly ? resolve(w.Plotly) : reject(new Error('plotly.min.js did not define Plotly')));
    script.onerror = () => {
      loading = undefined;
      reject(new Error(`Could not load ${script.src}`));
    };
    document.head.append(script);
  });
  return loading;
}

export default {
  newPlot: (...a: Parameters<PlotlyLike['newPlot']>) => load().then((p) => p.newPlot(...a)),
  react: (...a: Parameters<PlotlyLike['react']>) => load().then((p) => p.react(...a)),
  purge: (root: HTMLElement) => (window as unknown as { Plotly?: PlotlyLike }).Plotly?.purge(root),
  Plots: { resize: (root: HTMLElement) => load().then((p) => p.Plots.resize(root)) },
} satisfies PlotlyLike;
