/**
 * 12 `scattergl` charts on one page: `<ocp-chart>` (which keeps at most its WebGL budget of contexts alive and
 * draws the rest with SVG twins) against bare `Plotly.newPlot` (two contexts per chart; Chromium keeps 16 per page
 * and silently drops the oldest, blanking their charts). Contexts are counted by wrapping `getContext` in the page
 * head, before Plotly or the elements load.
 */
import { frames, lineTraces, loadElements, PLOT_CONFIG, params, plotly, ready } from './shared.js';

const COUNT = Number(params.get('charts') ?? 12);
const POINTS = Number(params.get('points') ?? 12_000);
const layout = { margin: { t: 8, r: 8, b: 24, l: 32 }, showlegend: false };
const figure = (i: number) => ({ data: lineTraces(i + 1, 1, POINTS, 'scattergl'), layout });

interface GlCount {
  created: number;
  lost: number;
  canvases: HTMLCanvasElement[];
  lostSet: WeakSet<HTMLCanvasElement>;
}
const gl = (window as unknown as { __gl: GlCount }).__gl;

const elements = await loadElements();
const grid = document.createElement('div');
grid.style.cssText = 'display:grid;grid-template-columns:repeat(4,1fr);gap:8px;padding:8px';
document.body.append(grid);

async function counts() {
  // Context loss is reported asynchronously: give Chromium a moment before counting.
  await new Promise((r) => setTimeout(r, 500));
  const live = gl.canvases.filter((c) => c.isConnected && !gl.lostSet.has(c)).length;
  return { created: gl.created, lost: gl.lost, live };
}

ready({
  async elements() {
    const started = performance.now();
    const charts = Array.from({ length: COUNT }, (_, i) => {
      const chart = document.createElement('ocp-chart');
      chart.style.height = '200px';
      chart.toggleAttribute('eager', true);
      chart.figure = figure(i) as never;
      return chart;
    });
    grid.append(...charts);
    while (!charts.every((c) => c.state === 'ready')) {
      if (charts.some((c) => c.state === 'error')) throw new Error('a chart failed');
      if (performance.now() - started > 120_000) throw new Error('charts not drawn after 120 s');
      await new Promise((r) => setTimeout(r, 20));
    }
    await frames();
    const ms = performance.now() - started;
    return {
      ms,
      ...(await counts()),
      webglCharts: charts.filter((c) => c.renderer === 'webgl').length,
      budget: elements.WEBGL_BUDGET,
    };
  },
  async bare() {
    const started = performance.now();
    await Promise.all(
      Array.from({ length: COUNT }, (_, i) => {
        const div = document.createElement('div');
        div.style.height = '200px';
        grid.append(div);
        const f = figure(i);
        return plotly().newPlot(div, f.data, f.layout, PLOT_CONFIG);
      }),
    );
    await frames();
    const ms = performance.now() - started;
    return { ms, ...(await counts()), webglCharts: COUNT };
  },
});
