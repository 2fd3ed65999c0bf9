import { expect } from '@esm-bundle/chai';
import './chart.js';
import type { OcpChartRenderEvent } from '../../events/chart-render.js';
import type { OcpErrorEvent } from '../../events/error.js';
import { expectAccessible } from '../../internal/testing/a11y.js';
import { chartByTitle, demoProvider } from '../../internal/testing/demo-provider.js';
import { cleanup, fixture, html, nextFrame, oneEvent, waitUntil } from '../../internal/testing/fixture.js';
import { spyPlotly } from '../../internal/testing/plotly-spy.js';
import type { OcpChart } from './chart.js';

const bars = (y: number[]) => ({ data: [{ type: 'bar', x: ['a', 'b', 'c'], y }], layout: { title: { text: 'Bars' } } });
const mainSvg = (el: OcpChart) => el.shadowRoot!.querySelector<SVGSVGElement>('svg.main-svg');

describe('<ocp-chart>', () => {
  afterEach(cleanup);

  it('appended points go through Plotly.extendTraces; any other change through react', async () => {
    const { calls, loader } = await spyPlotly();
    const line = (n: number, title = 'Live') => ({
      data: [0, 1].map((t) => ({
        type: 'scatter',
        name: `s${t}`,
        x: Array.from({ length: n }, (_, i) => i),
        y: Array.from({ length: n }, (_, i) => i * (t + 1)),
      })),
      layout: { title: { text: title } },
    });
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:300px" .plotlyLoader=${loader} .figure=${line(100)}></ocp-chart>`,
    );
    await oneEvent(el, 'ocp-chart-render');
    let rendered = oneEvent<OcpChartRenderEvent>(el, 'ocp-chart-render');
    el.figure = line(101);
    expect((await rendered).detail.initial).to.equal(false);
    expect(calls).to.include({ newPlot: 1, react: 0, extendTraces: 1 });
    const drawn = () => (el.plotElement as unknown as { _fullData: { x: number[] }[] })._fullData;
    expect(drawn().map((t) => t.x.length)).to.deep.equal([101, 101]);
    // A changed title is not an append.
    rendered = oneEvent<OcpChartRenderEvent>(el, 'ocp-chart-render');
    el.figure = line(102, 'Other');
    await rendered;
    expect(calls).to.include({ react: 1, extendTraces: 1 });
    // Nor is a changed point in the middle.
    const changed = line(103, 'Other');
    (changed.data[0]!.y as number[])[50] = -1;
    rendered = oneEvent<OcpChartRenderEvent>(el, 'ocp-chart-render');
    el.figure = changed;
    await rendered;
    expect(calls).to.include({ react: 2, extendTraces: 1 });
    expect(drawn().map((t) => t.x.length)).to.deep.equal([103, 103]);
  });

  it('max-points keeps a window of the last points: appends through extendTraces with maxPoints, other traces untouched', async () => {
    const { calls, loader } = await spyPlotly();
    const series = (n: number, from = 0) => ({
      x: Array.from({ length: n - from }, (_, i) => from + i),
      y: Array.from({ length: n - from }, (_, i) => (from + i) * 2),
    });
    const figure = (live: number, other = 8) => ({
      data: [
        { type: 'scatter', name: 'live', ...series(live) },
        { type: 'scatter', name: 'other', ...series(other) },
      ],
    });
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:300px" max-points="5" .plotlyLoader=${loader} .figure=${figure(8)}></ocp-chart>`,
    );
    await oneEvent(el, 'ocp-chart-render');
    const drawn = () => (el.plotElement as unknown as { data: { x: number[]; y: number[] }[] }).data;
    expect(drawn().map((t) => t.x)).to.deep.equal([
      [3, 4, 5, 6, 7],
      [3, 4, 5, 6, 7],
    ]);
    // Two more points on the live trace: drawn by extendTraces, its window slides; the other trace stays as it was.
    const rendered = oneEvent<OcpChartRenderEvent>(el, 'ocp-chart-render');
    el.figure = figure(10);
    await rendered;
    expect(calls).to.include({ newPlot: 1, react: 0, extendTraces: 1 });
    expect(drawn().map((t) => t.x)).to.deep.equal([
      [5, 6, 7, 8, 9],
      [3, 4, 5, 6, 7],
    ]);
    expect(drawn()[0]!.y).to.deep.equal([10, 12, 14, 16, 18]);
    expect(drawn()[1]!.y).to.deep.equal([6, 8, 10, 12, 14]);
    // The caller's arrays are not cut or extended in place.
    expect((el.figure!.data[0] as { x: number[] }).x).to.have.length(10);
  });

  it('draws a figure and names it for assistive technology', async () => {
    const el = await fixture<OcpChart>(html`<ocp-chart style="height:300px" .figure=${bars([1, 2, 3])}></ocp-chart>`);
    const event = await oneEvent<OcpChartRenderEvent>(el, 'ocp-chart-render');
    expect(event.detail).to.deep.equal({ renderer: 'svg', initial: true });
    expect(event.bubbles && event.composed).to.equal(true);
    expect(el.state).to.equal('ready');
    expect(el.getAttribute('state')).to.equal('ready');
    expect(mainSvg(el)).to.exist;
    expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-label')).to.equal('Bars');
    await expectAccessible(el);
  });

  it('offers export in its mode bar, but nothing that sends the figure off the page, whatever the config says', async () => {
    const figure = {
      ...bars([1, 2, 3]),
      config: {
        showSendToCloud: true,
        displaylogo: true,
        watermark: true,
        modeBarButtonsToAdd: ['sendChartToCloud', 'sendDataToCloud', 'toggleSpikelines'],
      },
    };
    const el = await fixture<OcpChart>(html`<ocp-chart style="height:300px" .figure=${figure}></ocp-chart>`);
    await oneEvent(el, 'ocp-chart-render');
    const buttons = Array.from(el.shadowRoot!.querySelectorAll('.modebar-btn')).map((b) =>
      b.getAttribute('data-title'),
    );
    expect(buttons).to.include('Download plot as a PNG');
    expect(buttons).to.include('Toggle Spike Lines');
    expect(buttons.filter((t) => /share|cloud|chart studio/i.test(t ?? ''))).to.deep.equal([]);
    expect(el.shadowRoot!.querySelectorAll('.modebar a[href], .modebar-btn--logo').length).to.equal(0);
    const gd = el.plotElement as unknown as { _context: Record<string, unknown> };
    expect(gd._context.showSendToCloud).to.equal(false);
    expect(gd._context.topojsonURL).to.equal('/topojson/');
  });

  it('shows its heading, and its description on demand; Plotly does not repeat the title', async () => {
    const figure = { ...bars([1, 2, 3]), layout: { title: { text: 'Revenue' } } };
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:300px" heading="Revenue" description="Monthly revenue, all regions." .figure=${figure}></ocp-chart>`,
    );
    await oneEvent(el, 'ocp-chart-render');
    const part = (name: string) => el.shadowRoot!.querySelector<HTMLElement>(`[part="${name}"]`)!;
    expect(part('title').textContent).to.equal('Revenue');
    expect(part('description').hidden).to.equal(true);
    const info = part('info-button');
    expect(info.getAttribute('aria-label')).to.equal('About Revenue');
    expect(info.getAttribute('aria-expanded')).to.equal('false');
    info.click();
    await el.updateComplete;
    expect(info.getAttribute('aria-expanded')).to.equal('true');
    expect(part('description').hidden).to.equal(false);
    expect(part('description').textContent).to.equal('Monthly revenue, all regions.');
    // The layout's own "Revenue" title is not drawn twice: the heading is the title.
    expect(el.shadowRoot!.querySelector('.gtitle') === null, 'no Plotly title').to.equal(true);
    // The plot sits below the heading.
    expect(part('plot').getBoundingClientRect().top).to.be.at.least(part('header').getBoundingClientRect().bottom);
    expect(part('base').getAttribute('aria-label')).to.equal('Revenue');
    await expectAccessible(el);
  });

  it('static-plot draws a picture: no mode bar, no hover', async () => {
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:300px" static-plot .figure=${bars([1, 2, 3])}></ocp-chart>`,
    );
    await oneEvent(el, 'ocp-chart-render');
    expect(el.shadowRoot!.querySelectorAll('.modebar-btn').length).to.equal(0);
    expect((el.plotElement as unknown as { _context: { staticPlot: boolean } })._context.staticPlot).to.equal(true);
  });

  it('calls newPlot once, then Plotly.react for every change', async () => {
    const { calls, loader } = await spyPlotly();
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:300px" .plotlyLoader=${loader} .figure=${bars([1, 2, 3])}></ocp-chart>`,
    );
    await oneEvent(el, 'ocp-chart-render');
    for (const y of [
      [4, 5, 6],
      [7, 8, 9],
      [1, 1, 1],
    ]) {
      const rendered = oneEvent<OcpChartRenderEvent>(el, 'ocp-chart-render');
      el.figure = bars(y);
      expect((await rendered).detail.initial).to.equal(false);
    }
    expect(calls.newPlot).to.equal(1);
    expect(calls.react).to.equal(3);
    // The drawn bars follow the last data.
    const gd = el.plotElement as unknown as { data: Array<{ y: number[] }> };
    expect(gd.data[0]!.y).to.deep.equal([1, 1, 1]);
  });

  it('fetches its data through the provider and redraws with react when the chart changes', async () => {
    const provider = demoProvider();
    const chart = chartByTitle('Monthly generation by source');
    const { calls, loader } = await spyPlotly();
    const el = await fixture<OcpChart>(html`<ocp-chart
      style="height:300px"
      chart-id=${chart.id}
      .chart=${chart}
      .provider=${provider}
      .plotlyLoader=${loader}
    ></ocp-chart>`);
    await oneEvent(el, 'ocp-chart-render');
    const gd = el.plotElement as unknown as {
      data: Array<{ type: string; name: string }>;
      layout: { barmode: string };
    };
    expect(gd.data.map((t) => t.name)).to.deep.equal(['Solar', 'Wind', 'Grid']);
    expect(gd.layout.barmode).to.equal('stack');
    const fetched = provider.calls.filter((c) => c.method === 'getChartData');
    expect(fetched).to.have.length(1);
    expect((fetched[0]!.args[1] as { width: number }).width).to.be.greaterThan(0);

    const rendered = oneEvent(el, 'ocp-chart-render');
    el.chart = { ...chart, plotlyConfig: { ...chart.plotlyConfig, layout: { barmode: 'group' } } };
    await rendered;
    expect(gd.layout.barmode).to.equal('group');
    expect(calls).to.include({ newPlot: 1, react: 1 });
  });

  it('uses sharing.chartData with a share token', async () => {
    const provider = demoProvider();
    const chart = chartByTitle('Generation mix');
    const dashboard = provider.data.dashboards[0]!;
    const { token } = await provider.createShare({ resourceType: 'dashboard', resourceId: dashboard.id });
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:300px" chart-id=${chart.id} share-token=${token} .chart=${chart} .provider=${provider}></ocp-chart>`,
    );
    await oneEvent(el, 'ocp-chart-render');
    expect(provider.calls.map((c) => c.method))
      .to.include('shareChartData')
      .and.not.include('getChartData');
  });

  it('resizes with its container through Plotly.Plots.resize', async () => {
    const { calls, loader } = await spyPlotly();
    const box = await fixture<HTMLDivElement>(
      html`<div style="width:400px;height:300px"><ocp-chart .plotlyLoader=${loader} .figure=${bars([1, 2, 3])}></ocp-chart></div>`,
    );
    const el = box.querySelector('ocp-chart')!;
    await oneEvent(el, 'ocp-chart-render');
    expect(Math.round(mainSvg(el)!.getBoundingClientRect().width)).to.equal(400);
    box.style.width = '700px';
    await waitUntil(() => Math.round(mainSvg(el)!.getBoundingClientRect().width) === 700, 'plot to widen to 700px');
    box.style.height = '420px';
    await waitUntil(() => Math.round(mainSvg(el)!.getBoundingClientRect().height) === 420, 'plot to grow to 420px');
    expect(calls.resize).to.be.greaterThanOrEqual(2);
    expect(calls.newPlot).to.equal(1);
  });

  it('fetches downsampled data again, with react, when its container grows past its width bucket', async () => {
    const provider = demoProvider();
    const widths: number[] = [];
    const fetchData = provider.getChartData.bind(provider);
    // The server downsamples to the requested width; the memory provider does not, so say it did.
    provider.getChartData = async (id, params) => {
      widths.push(params?.width ?? 0);
      const data = await fetchData(id, params);
      return { ...data, meta: { ...data.meta, downsampled: true } };
    };
    const chart = chartByTitle('Site load, week 44');
    const { calls, loader } = await spyPlotly();
    const box = await fixture<HTMLDivElement>(
      html`<div style="width:300px;height:300px"><ocp-chart chart-id=${chart.id} .chart=${chart} .provider=${provider} .plotlyLoader=${loader}></ocp-chart></div>`,
    );
    const el = box.querySelector('ocp-chart')!;
    await oneEvent(el, 'ocp-chart-render');
    expect(widths).to.deep.equal([300]);
    box.style.width = '380px'; // wider, but in the same 384 px bucket: the server would send the same points
    await waitUntil(() => Math.round(mainSvg(el)!.getBoundingClientRect().width) === 380, 'resize to 380px');
    await new Promise((r) => setTimeout(r, 400));
    expect(widths).to.deep.equal([300]);
    box.style.width = '900px';
    await waitUntil(() => widths.length === 2, 'a second fetch for the wider plot');
    expect(widths[1]).to.equal(900);
    await waitUntil(() => calls.react === 1, 'redrawn with react');
    expect(calls.newPlot).to.equal(1);
  });

  it('does not draw until scrolled near the viewport', async () => {
    const { calls, loader } = await spyPlotly();
    const page = await fixture<HTMLDivElement>(
      html`<div style="height:300px;overflow:auto" id="scroller">
        <div style="height:3000px"></div>
        <ocp-chart style="height:200px" .plotlyLoader=${loader} .figure=${bars([1, 2, 3])}></ocp-chart>
      </div>`,
    );
    const el = page.querySelector('ocp-chart')!;
    await new Promise((r) => setTimeout(r, 400));
    expect(calls.newPlot).to.equal(0);
    expect(el.state).to.equal('idle');
    expect(mainSvg(el)).to.equal(null);
    const rendered = oneEvent(el, 'ocp-chart-render');
    el.scrollIntoView();
    await rendered;
    expect(calls.newPlot).to.equal(1);
    expect(mainSvg(el)).to.exist;
  });

  it('purges the plot when removed from the page', async () => {
    const { calls, loader } = await spyPlotly();
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:300px" .plotlyLoader=${loader} .figure=${bars([1])}></ocp-chart>`,
    );
    await oneEvent(el, 'ocp-chart-render');
    const gd = el.plotElement!;
    el.remove();
    expect(calls.purge).to.equal(1);
    expect(gd.querySelector('.main-svg')).to.equal(null);
  });

  it('shows a loading state while data is on its way', async () => {
    const chart = chartByTitle('Generation mix');
    const el = await fixture<OcpChart>(html`<ocp-chart
      style="height:300px"
      chart-id=${chart.id}
      .chart=${chart}
      .provider=${demoProvider({ latency: Number.POSITIVE_INFINITY })}
    ></ocp-chart>`);
    await waitUntil(() => el.state === 'loading', 'loading state');
    await el.updateComplete;
    const loading = el.shadowRoot!.querySelector('[part="loading"]')!;
    expect(loading.getAttribute('role')).to.equal('status');
    expect(loading.getBoundingClientRect().height).to.be.greaterThan(0);
    expect(el.shadowRoot!.querySelector('[part="base"]')!.getAttribute('aria-busy')).to.equal('true');
  });

  it('animates its placeholder only while loading: a chart far from the viewport makes no frames', async () => {
    const chart = chartByTitle('Generation mix');
    const page = await fixture<HTMLDivElement>(
      html`<div style="height:300px;overflow:auto">
        <div style="height:3000px"></div>
        <ocp-chart style="height:200px" chart-id=${chart.id} .chart=${chart}
          .provider=${demoProvider({ latency: Number.POSITIVE_INFINITY })}></ocp-chart>
      </div>`,
    );
    const el = page.querySelector('ocp-chart')!;
    await new Promise((r) => setTimeout(r, 300));
    // Far from the viewport: idle, and nothing animates.
    expect(el.state).to.equal('idle');
    expect(el.shadowRoot!.getAnimations()).to.have.length(0);
    el.scrollIntoView();
    await waitUntil(() => el.state === 'loading', 'loading state');
    await el.updateComplete;
    expect(el.shadowRoot!.getAnimations().length).to.be.greaterThan(0);
  });

  it('shows an empty state for a figure without data', async () => {
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:300px" .figure=${{ data: [{ type: 'scatter', x: [], y: [] }] }}></ocp-chart>`,
    );
    await waitUntil(() => el.state === 'empty', 'empty state');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="empty"]')!.textContent).to.contain('No data');
    await expectAccessible(el);
  });

  it('shows an error state, reports ocp-error, and retries', async () => {
    let fail = true;
    const provider = demoProvider({ fail: (m) => (fail && m === 'getChartData' ? 'NOT_FOUND' : undefined) });
    const chart = chartByTitle('Generation mix');
    const errors: OcpErrorEvent[] = [];
    const container = await fixture<HTMLDivElement>(
      html`<div @ocp-error=${(e: OcpErrorEvent) => errors.push(e)}>
        <ocp-chart style="height:300px" chart-id=${chart.id} .chart=${chart} .provider=${provider}></ocp-chart>
      </div>`,
    );
    const el = container.querySelector('ocp-chart')!;
    await waitUntil(() => el.state === 'error', 'error state');
    await el.updateComplete;
    expect(errors).to.have.length(1);
    expect(errors[0]!.detail.error.code).to.equal('NOT_FOUND');
    expect(errors[0]!.detail.operation).to.equal('getChartData');
    const alert = el.shadowRoot!.querySelector('[part="error"]')!;
    expect(alert.getAttribute('role')).to.equal('alert');
    expect(alert.textContent).to.contain('Not found');
    await expectAccessible(el);
    fail = false;
    const rendered = oneEvent(el, 'ocp-chart-render');
    alert.querySelector('button')!.click();
    await rendered;
    expect(el.state).to.equal('ready');
  });

  it('follows the theme: text colour from the element, transparent background', async () => {
    const el = await fixture<OcpChart>(
      html`<ocp-chart theme="dark" style="height:300px" .figure=${bars([1, 2])}></ocp-chart>`,
    );
    await oneEvent(el, 'ocp-chart-render');
    const gd = el.plotElement as unknown as { _fullLayout: { font: { color: string }; paper_bgcolor: string } };
    expect(gd._fullLayout.font.color).to.equal(getComputedStyle(el).color);
    expect(gd._fullLayout.font.color).to.equal('rgb(230, 237, 243)');
    expect(gd._fullLayout.paper_bgcolor).to.equal('rgba(0,0,0,0)');
    const rendered = oneEvent(el, 'ocp-chart-render');
    el.theme = 'light';
    await rendered;
    await nextFrame();
    expect(gd._fullLayout.font.color).to.equal('rgb(31, 35, 40)');
  });

  it('reacts to attribute changes (chart-id)', async () => {
    const provider = demoProvider();
    const a = chartByTitle('Generation mix');
    const b = chartByTitle('Site load, week 44');
    const el = await fixture<OcpChart>(
      html`<ocp-chart style="height:300px" chart-id=${a.id} .provider=${provider}></ocp-chart>`,
    );
    await oneEvent(el, 'ocp-chart-render');
    const rendered = oneEvent(el, 'ocp-chart-render');
    el.setAttribute('chart-id', b.id);
    await rendered;
    const gd = el.plotElement as unknown as { data: Array<{ name: string }> };
    expect(gd.data.map((t) => t.name)).to.deep.equal(['North plant', 'South campus', 'East depot']);
  });
});
