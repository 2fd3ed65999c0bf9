import { expect } from '@esm-bundle/chai';
import './chart.js';
import { SVG_LINE_POINTS, SVG_MARKER_POINTS } from '../../internal/svg-when-small.js';
import { cleanup, fixture, html, waitUntil } from '../../internal/testing/fixture.js';
import { liveWebglCount, WEBGL_BUDGET } from '../../internal/webgl-budget.js';
import type { OcpChart } from './chart.js';

// Counts WebGL contexts that are still alive (their canvas is in a document), however Plotly creates them.
const contexts = new Set<HTMLCanvasElement>();
const original = HTMLCanvasElement.prototype.getContext;
HTMLCanvasElement.prototype.getContext = function (this: HTMLCanvasElement, type: string, ...rest: unknown[]) {
  const ctx = (original as (...a: unknown[]) => unknown).call(this, type, ...rest);
  if (ctx && /webgl/.test(type)) contexts.add(this);
  return ctx;
} as typeof original;
const liveContexts = () => [...contexts].filter((c) => c.isConnected).length;

// More markers than SVG draws sooner (SVG_MARKER_POINTS): these charts ask for WebGL.
const MARKERS = SVG_MARKER_POINTS + 200;
const gl = (i: number) => ({
  data: [
    {
      type: 'scattergl',
      mode: 'markers',
      x: Array.from({ length: MARKERS }, (_, k) => k),
      y: Array.from({ length: MARKERS }, (_, k) => Math.sin(k / 10 + i)),
    },
  ],
});

const line = (points: number, extra: Record<string, unknown> = {}) => ({
  data: [
    {
      type: 'scattergl',
      mode: 'lines',
      x: Array.from({ length: points }, (_, k) => k),
      y: Array.from({ length: points }, (_, k) => Math.sin(k / 100)),
      ...extra,
    },
  ],
});
const drawnType = (c: OcpChart) =>
  (c.plotElement as unknown as { _fullData: Array<{ type: string }> })._fullData[0]!.type;

describe('<ocp-chart> WebGL budget', () => {
  afterEach(cleanup);

  it('renders 12 scattergl charts with at most 4 live WebGL contexts; the rest fall back to SVG', async () => {
    const grid = await fixture<HTMLDivElement>(
      html`<div style="display:grid;grid-template-columns:repeat(4,1fr);gap:4px">
        ${Array.from({ length: 12 }, (_, i) => html`<ocp-chart style="height:150px;--min-height:150px" .figure=${gl(i)}></ocp-chart>`)}
      </div>`,
      'width: 1000px',
    );
    const charts = Array.from(grid.querySelectorAll<OcpChart>('ocp-chart'));
    await waitUntil(() => charts.every((c) => c.state === 'ready'), 'all 12 charts to render', 30_000);
    const webgl = charts.filter((c) => c.renderer === 'webgl');
    const svg = charts.filter((c) => c.renderer === 'svg');
    // A scattergl plot takes two contexts (drawing + focus canvases), so two charts fill the budget of four.
    expect(webgl).to.have.length(WEBGL_BUDGET / 2);
    expect(svg).to.have.length(12 - WEBGL_BUDGET / 2);
    expect(liveWebglCount()).to.equal(WEBGL_BUDGET);
    // What Plotly really drew: WebGL traces only in the budgeted charts, SVG scatter points in the others.
    for (const c of webgl) {
      const gd = c.plotElement as unknown as { _fullData: Array<{ type: string }> };
      expect(gd._fullData[0]!.type).to.equal('scattergl');
    }
    for (const c of svg) {
      const gd = c.plotElement as unknown as { _fullData: Array<{ type: string }> };
      expect(gd._fullData[0]!.type).to.equal('scatter');
      expect(c.shadowRoot!.querySelectorAll('.scatterlayer .point').length).to.equal(MARKERS);
    }
    // The contexts the browser really created and that are still on the page.
    expect(liveContexts()).to.equal(WEBGL_BUDGET);
    expect(charts.every((c) => c.shadowRoot!.querySelector('.main-svg'))).to.equal(true);
  });

  it('a chart with no SVG twin waits for a context, and draws when one is released', async () => {
    const grid = await fixture<HTMLDivElement>(
      html`<div style="display:grid;grid-template-columns:repeat(4,1fr)">
        ${Array.from({ length: 2 }, (_, i) => html`<ocp-chart style="height:150px" .figure=${gl(i)}></ocp-chart>`)}
      </div>`,
      'width: 1000px',
    );
    const charts = Array.from(grid.querySelectorAll<OcpChart>('ocp-chart'));
    await waitUntil(() => charts.every((c) => c.state === 'ready'), 'two WebGL charts');
    expect(liveWebglCount()).to.equal(4);
    const splom = await fixture<OcpChart>(
      html`<ocp-chart style="height:200px" .figure=${{
        data: [
          {
            type: 'splom',
            dimensions: [
              { label: 'a', values: [1, 2, 3] },
              { label: 'b', values: [3, 1, 2] },
            ],
          },
        ],
      }}></ocp-chart>`,
    );
    await waitUntil(() => splom.state === 'waiting', 'splom to wait for a context');
    await new Promise((r) => setTimeout(r, 200));
    expect(splom.state).to.equal('waiting');
    charts[0]!.remove();
    await waitUntil(() => splom.state === 'ready', 'splom to draw after a context was released');
    expect(splom.renderer).to.equal('webgl');
    expect(liveWebglCount()).to.equal(4);
    expect(liveContexts()).to.be.at.most(WEBGL_BUDGET);
  });

  it('releases contexts when charts leave the page', async () => {
    const el = await fixture<OcpChart>(html`<ocp-chart style="height:150px" .figure=${gl(0)}></ocp-chart>`);
    await waitUntil(() => el.state === 'ready', 'chart');
    expect(liveWebglCount()).to.equal(2);
    cleanup();
    expect(liveWebglCount()).to.equal(0);
    expect(liveContexts()).to.equal(0);
  });
  it('draws a downsampled scattergl line (2,048 points) as SVG scatter, taking no WebGL context', async () => {
    const el = await fixture<OcpChart>(html`<ocp-chart style="height:200px" .figure=${line(2048)}></ocp-chart>`);
    await waitUntil(() => el.state === 'ready', 'chart');
    expect(el.renderer).to.equal('svg');
    expect(drawnType(el)).to.equal('scatter');
    expect(el.shadowRoot!.querySelector('.scatterlayer .js-line')).to.not.equal(null);
    expect(liveWebglCount()).to.equal(0);
    expect(liveContexts()).to.equal(0);
  });

  it('draws a scattergl line longer than SVG_LINE_POINTS with WebGL', async () => {
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:200px" .figure=${line(SVG_LINE_POINTS + 1)}></ocp-chart>`,
    );
    await waitUntil(() => el.state === 'ready', 'chart');
    expect(el.renderer).to.equal('webgl');
    expect(drawnType(el)).to.equal('scattergl');
    expect(liveWebglCount()).to.equal(2);
  });

  it('counts only the live window (max-points) of a long line', async () => {
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:200px" max-points="500" .figure=${line(SVG_LINE_POINTS * 2)}></ocp-chart>`,
    );
    await waitUntil(() => el.state === 'ready', 'chart');
    expect(el.renderer).to.equal('svg');
    expect(drawnType(el)).to.equal('scatter');
  });

  it('switches to WebGL when new data makes the line long', async () => {
    const el = await fixture<OcpChart>(html`<ocp-chart style="height:200px" .figure=${line(100)}></ocp-chart>`);
    await waitUntil(() => el.state === 'ready', 'chart');
    expect(el.renderer).to.equal('svg');
    el.figure = line(SVG_LINE_POINTS + 1);
    await waitUntil(() => el.renderer === 'webgl', 'redrawn with WebGL');
    expect(drawnType(el)).to.equal('scattergl');
  });
});
