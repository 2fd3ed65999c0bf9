/**
 * 48 `<ocp-chart>` elements in a long page (a 1280×800 viewport shows about a quarter of them), drawn lazily (the
 * default: only charts near the viewport, Plotly loaded by the first one) or all at once (`eager`). The page
 * reports its total blocking time from navigation until it is quiet.
 */
import { blocking, loadElements, mixedFigure, params, ready } from './shared.js';

const COUNT = Number(params.get('charts') ?? 48);
const EAGER = params.get('eager') === '1';

await loadElements();
const grid = document.createElement('div');
grid.style.cssText = 'display:grid;grid-template-columns:repeat(4,1fr);gap:8px;padding:16px';
const charts = Array.from({ length: COUNT }, (_, i) => {
  const chart = document.createElement('ocp-chart');
  chart.style.height = '260px';
  chart.figure = mixedFigure(i) as never;
  chart.toggleAttribute('eager', EAGER);
  return chart;
});
grid.append(...charts);
document.body.append(grid);

/** Charts the page must draw: every one when eager, else those within the elements' default 200px root margin. */
function expected() {
  if (EAGER) return charts;
  return charts.filter((c) => {
    const r = c.getBoundingClientRect();
    return r.top < innerHeight + 200 && r.bottom > -200;
  });
}

ready({
  /**
   * Waits until every expected chart has drawn and no long task has run for `quietMs`; returns total blocking
   * time (TBT) up to then, the long tasks, and when the last chart was drawn (ms since navigation).
   */
  async settle({ quietMs, timeoutMs }: { quietMs: number; timeoutMs: number }) {
    const tasks = () => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks;
    let drawnAt = 0;
    for (;;) {
      const now = performance.now();
      if (now > timeoutMs) throw new Error(`not settled after ${timeoutMs} ms`);
      const want = expected();
      const failed = charts.find((c) => c.state === 'error');
      if (failed) throw new Error(`a chart failed: ${failed.shadowRoot?.textContent}`);
      const done = want.every((c) => c.state === 'ready');
      if (done && !drawnAt) drawnAt = now;
      if (!done) drawnAt = 0;
      const lastTask = tasks().reduce((m, t) => Math.max(m, t.start + t.duration), 0);
      if (drawnAt && now - Math.max(lastTask, drawnAt) >= quietMs) {
        return { ...blocking(now), drawnAt, drawn: charts.filter((c) => c.state === 'ready').length };
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  },
});
