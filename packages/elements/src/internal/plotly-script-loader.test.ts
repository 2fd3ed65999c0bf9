import { expect } from '@esm-bundle/chai';
import '../components/chart/chart.js';
import type { OcpChart } from '../components/chart/chart.js';
import { scriptPlotly } from './plotly-script-loader.js';
import { cleanup, fixture, html, oneEvent } from './testing/fixture.js';

/**
 * A stand-in for a Plotly bundle: a classic script whose evaluation takes 80 ms, and a Plotly whose newPlot takes
 * 80 ms too (both spin on the clock, as the real ones compute).
 */
const SCRIPT = `
const spin = (ms) => { const end = performance.now() + ms; while (performance.now() < end) {} };
spin(80);
window.Plotly = {
  newPlot(root) { spin(80); root._fullData = []; window.__drawnBy = 'script'; return Promise.resolve(root); },
  react(root) { return Promise.resolve(root); },
  purge() {},
  Plots: { resize() {} },
};`;

type TestWindow = Window & { __drawnBy?: string; Plotly?: unknown; OCP_TEST_PLOTLY_SRC?: string };

describe('standalone Plotly script loader', () => {
  const w = window as TestWindow;
  afterEach(() => {
    cleanup();
    delete w.Plotly;
    delete w.OCP_TEST_PLOTLY_SRC;
    delete w.__drawnBy;
  });

  it('evaluates the script and draws the first chart in separate tasks', async () => {
    const long: PerformanceEntry[] = [];
    const observer = new PerformanceObserver((list) => long.push(...list.getEntries()));
    observer.observe({ type: 'longtask' });
    w.OCP_TEST_PLOTLY_SRC = `data:text/javascript,${encodeURIComponent(SCRIPT)}`;
    const standIn = scriptPlotly('never-fetched.js', 'OCP_TEST_PLOTLY_SRC');
    const figure = { data: [{ type: 'scatter', x: [1, 2], y: [3, 4] }] };
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:200px" .plotlyLoader=${async () => standIn} .figure=${figure}></ocp-chart>`,
    );
    await oneEvent(el, 'ocp-chart-render');
    await new Promise((resolve) => setTimeout(resolve, 50));
    observer.disconnect();
    expect(w.__drawnBy).to.equal('script');
    expect(el.state).to.equal('ready');
    // Two tasks of about 80 ms, never one of 160 ms (evaluation with the first drawing chained onto it).
    expect(long.filter((e) => e.duration >= 150).map((e) => Math.round(e.duration))).to.deep.equal([]);
  });
});
