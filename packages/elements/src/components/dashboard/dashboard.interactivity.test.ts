import { expect } from '@esm-bundle/chai';
import type { ChartDataParams } from '@ocp/contract';
import { sendKeys, sendMouse, setViewport } from '@web/test-runner-commands';
import '../../index.js';
import { chartImage } from '../../internal/export/chart-image.js';
import { dashboardPdf, dashboardPng } from '../../internal/export/dashboard-image.js';
import { loadPlotly } from '../../internal/plotly-loader.js';
import { expectAccessible } from '../../internal/testing/a11y.js';
import { cleanup, fixture, html, waitUntil } from '../../internal/testing/fixture.js';
import { IDS, interactiveProvider, SITES } from '../../internal/testing/interactive-data.js';
import type { MemoryProvider } from '../../provider/memory-provider.js';
import type { OcpChart } from '../chart/chart.js';
import type { OcpChartMenu } from '../chart-menu/chart-menu.js';
import type { OcpTimeRange } from '../time-range/time-range.js';
import type { OcpDashboard } from './dashboard.js';

const charts = (el: OcpDashboard) => [...el.shadowRoot!.querySelectorAll<OcpChart>('ocp-chart')];
const chartOf = (el: OcpDashboard, id: string, nth = 0) => charts(el).filter((c) => c.chartId === id)[nth]!;
const names = (c: OcpChart) => c.data!.traces.map((t) => t.name ?? t.type);
const dataCalls = (p: MemoryProvider, id: string) =>
  p.calls
    .filter((c) => c.method === 'getChartData' && c.args[0] === id)
    .map((c) => (c.args[1] ?? {}) as ChartDataParams);

async function mount(provider: MemoryProvider, attrs = '') {
  const el = await fixture<OcpDashboard>(
    attrs === 'url-state'
      ? html`<ocp-dashboard dashboard-id=${IDS.dashboard} url-state timezone="UTC" .provider=${provider}></ocp-dashboard>`
      : html`<ocp-dashboard dashboard-id=${IDS.dashboard} timezone="UTC" .provider=${provider}></ocp-dashboard>`,
    'width: 1200px',
  );
  await waitUntil(() => el.state === 'ready', 'dashboard to load');
  await el.updateComplete;
  await settled(el);
  return el;
}

async function settled(el: OcpDashboard) {
  await waitUntil(() => charts(el).length > 0 && charts(el).every((c) => c.state === 'ready'), 'charts to draw');
  await Promise.all(charts(el).map((c) => c.settled()));
}

/** A real mouse click on the middle of `target` (inside a chart's shadow root). */
async function click(target: Element) {
  const box = target.getBoundingClientRect();
  const position: [number, number] = [Math.round(box.left + box.width / 2), Math.round(box.top + box.height / 2)];
  await sendMouse({ type: 'move', position });
  await sendMouse({ type: 'click', position });
}

describe('<ocp-dashboard> interactivity', () => {
  // Room for the 1200 px dashboard: real mouse clicks only reach what is inside the viewport.
  before(() => setViewport({ width: 1280, height: 1000 }));
  afterEach(() => {
    cleanup();
    history.replaceState(null, '', location.pathname);
  });

  it('a time-range change redraws every time-based chart; the range lives in the URL and Back restores it', async () => {
    const provider = interactiveProvider();
    const el = await mount(provider, 'url-state');
    const load = chartOf(el, IDS.load);
    expect(load.data!.meta.timeBased).to.equal(true);
    expect(chartOf(el, IDS.bars).data!.meta.timeBased).to.equal(false);
    const before = dataCalls(provider, IDS.load).length;
    const renders: boolean[] = [];
    load.addEventListener('ocp-chart-render', (e) => renders.push(e.detail.initial));

    // Through the control, as a viewer does it: open, type a custom range, apply.
    const picker = el.shadowRoot!.querySelector<OcpTimeRange>('ocp-time-range')!;
    picker.shadowRoot!.querySelector<HTMLButtonElement>('[part="trigger"]')!.click();
    await picker.updateComplete;
    const [from, to] = picker.shadowRoot!.querySelectorAll<HTMLInputElement>('input');
    from!.value = '2026-10-05T00:00:00Z';
    to!.value = '2026-10-06T00:00:00Z';
    picker.shadowRoot!.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();

    await waitUntil(() => renders.length > 0, 'the time series to redraw');
    await settled(el);
    const after = dataCalls(provider, IDS.load);
    expect(after.length).to.equal(before + 1);
    expect(after.at(-1)!.range).to.deep.include({ from: '2026-10-05T00:00:00Z', to: '2026-10-06T00:00:00Z' });
    expect(renders).to.deep.equal([false], 'redrawn with Plotly.react, not a new plot');
    const xs = load.data!.traces.flatMap((t) => t.x as string[]);
    expect(xs.length).to.equal(25 * SITES.length);
    expect(xs.every((x) => x >= '2026-10-05T00:00:00' && x <= '2026-10-06T00:00:00.000Z')).to.equal(true);
    // Every chart got the range (the server applies it where x holds times).
    for (const id of [IDS.bars, IDS.pie])
      expect(dataCalls(provider, id).at(-1)!.range?.from).to.equal('2026-10-05T00:00:00Z');
    expect(new URLSearchParams(location.search).get('from')).to.equal('2026-10-05T00:00:00Z');

    // Back: the previous (default, all-time) view, redrawn.
    const popped = new Promise((r) => window.addEventListener('popstate', r, { once: true }));
    history.back();
    await popped;
    await el.updateComplete;
    await waitUntil(() => load.data!.traces.flatMap((t) => t.x as string[]).length > 75, 'the full range again');
    expect(el.range).to.equal(undefined);
    await expectAccessible(el);
  });

  it('a click on a bar filters the other charts by its site; the chip shows it and clears it in one click', async () => {
    const provider = interactiveProvider();
    const el = await mount(provider);
    const bars = chartOf(el, IDS.bars);
    const south = [...bars.shadowRoot!.querySelectorAll('.point path')][1]!;
    await click(south);
    await waitUntil(() => el.crossFilter !== undefined, 'the cross-filter');
    expect(el.crossFilter).to.deep.equal({ chartId: IDS.bars, column: 'site', value: 'South' });
    await waitUntil(() => names(chartOf(el, IDS.load)).join() === 'South', 'the time series to show South only');
    await waitUntil(() => (chartOf(el, IDS.pie).data!.traces[0]!.labels as string[]).join() === 'South', 'the pie');
    expect((bars.data!.traces[0]!.x as string[]).length).to.equal(3, 'the clicked chart itself is not filtered');
    const chip = el.shadowRoot!.querySelector<HTMLButtonElement>('[part="chip"]')!;
    expect(chip.getAttribute('aria-label')).to.equal('Clear the cross-filter site: South');
    chip.click();
    await waitUntil(() => names(chartOf(el, IDS.load)).length === 3, 'every site again');
    expect(el.shadowRoot!.querySelector('[part="chip"]')).to.equal(null);
  });

  it('keyboard equivalent: the chart menu\'s "Filter others by site…" sets the same cross-filter', async () => {
    const provider = interactiveProvider();
    const el = await mount(provider);
    const menu = chartOf(el, IDS.bars).querySelector<OcpChartMenu>('ocp-chart-menu')!;
    menu.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await menu.updateComplete;
    const item = [...menu.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="item"]')].find((b) =>
      b.textContent!.includes('Filter others'),
    )!;
    item.focus();
    await sendKeys({ press: 'Enter' });
    await menu.updateComplete;
    const values = [...menu.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="item"]')].map((b) =>
      b.textContent!.trim(),
    );
    expect(values).to.deep.equal([...SITES]);
    expect((menu.shadowRoot!.activeElement as HTMLElement).textContent!.trim()).to.equal('North');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Enter' });
    await waitUntil(() => el.crossFilter?.value === 'East', 'the cross-filter from the keyboard');
    await waitUntil(() => names(chartOf(el, IDS.load)).join() === 'East', 'the others filtered');
  });

  it('cross-filtering can be turned off per chart or for the whole dashboard', async () => {
    const clicked = async (el: OcpDashboard, chart: OcpChart, selector: string) => {
      const selected = new Promise((r) => chart.addEventListener('ocp-chart-select', r, { once: true }));
      await click(chart.shadowRoot!.querySelector(selector)!);
      await selected; // the click reached the chart…
      await el.updateComplete;
      expect(el.crossFilter).to.equal(undefined); // …and filtered nothing
      expect(el.shadowRoot!.querySelector('[part="chip"]')).to.equal(null);
    };
    const offForBars = await mount(interactiveProvider({}, { bars: { crossFilter: false } }));
    await clicked(offForBars, chartOf(offForBars, IDS.bars), '.point path');
    cleanup();
    const offForAll = await mount(interactiveProvider({ crossFilter: false }));
    await clicked(offForAll, chartOf(offForAll, IDS.pie), '.slice path');
  });

  it('drill-down: a slice opens the time series filtered by its site; the breadcrumb leads back', async () => {
    const provider = interactiveProvider({}, { pie: { drill: { chartId: IDS.load } } });
    const el = await mount(provider);
    const slice = chartOf(el, IDS.pie).shadowRoot!.querySelectorAll('.slice path')[0]!;
    await click(slice);
    await waitUntil(() => el.drill.length === 1, 'the drill-down');
    await el.updateComplete;
    const crumbs = el.shadowRoot!.querySelector('[part="breadcrumbs"]')!;
    expect(crumbs.getAttribute('aria-label')).to.equal('Drill-down');
    const level = charts(el);
    expect(level).to.have.length(1);
    await waitUntil(() => level[0]!.state === 'ready' && level[0]!.data !== undefined, 'the drilled chart');
    const site = el.drill[0]!.filters[0]!.values[0] as string;
    expect(names(level[0]!)).to.deep.equal([site]);
    expect(crumbs.querySelector('[aria-current="page"]')!.textContent).to.contain(`site: ${site}`);
    crumbs.querySelector('button')!.click();
    await el.updateComplete;
    expect(el.drill).to.deep.equal([]);
    expect(charts(el)).to.have.length(3);
    await settled(el);
  });

  it('zoom to detail: zooming a time axis makes one debounced request for the visible range, with finer points', async () => {
    const provider = interactiveProvider();
    const el = await mount(provider);
    const load = chartOf(el, IDS.load);
    expect(load.data!.meta.downsampled).to.equal(true, 'a month of hours is reduced to the plot width');
    const from = '2026-10-10T00:00:00.000Z';
    const to = '2026-10-11T00:00:00.000Z';
    const inView = () => (load.data!.traces[0]!.x as string[]).filter((x) => x >= from && x <= to).length;
    const coarse = inView();
    const before = dataCalls(provider, IDS.load).length;
    // The bundle that drew the chart (scatter: the basic one), as a person's zoom goes through it.
    const Plotly = (await loadPlotly(undefined, 'basic')) as unknown as {
      relayout(el: HTMLElement, update: object): Promise<void>;
    };
    // A drag makes several relayouts; only the last one is fetched.
    await Plotly.relayout(load.plotElement!, { 'xaxis.range': ['2026-10-08 00:00', '2026-10-13 00:00'] });
    await Plotly.relayout(load.plotElement!, { 'xaxis.range': ['2026-10-09 00:00', '2026-10-12 00:00'] });
    await Plotly.relayout(load.plotElement!, { 'xaxis.range': ['2026-10-10 00:00', '2026-10-11 00:00'] });
    expect(load.state).to.equal('ready', 'the previous data stays visible meanwhile');
    await waitUntil(() => dataCalls(provider, IDS.load).length > before, 'the zoom request');
    await load.settled();
    await new Promise((r) => setTimeout(r, 400));
    const calls = dataCalls(provider, IDS.load).slice(before);
    expect(calls).to.have.length(1);
    expect(calls[0]!.range).to.deep.equal({ from, to });
    expect(calls[0]!.width).to.be.greaterThan(0);
    expect(inView()).to.equal(25, 'every hour of the zoomed day');
    expect(inView()).to.be.greaterThan(coarse);
    const axis = (load.plotElement as unknown as { layout: { xaxis: { range: string[] } } }).layout.xaxis.range;
    expect(axis[0]).to.contain('2026-10-10', 'the zoom is kept when the finer data is drawn');
    // Double-click (autorange) returns to the whole range.
    await Plotly.relayout(load.plotElement!, { 'xaxis.autorange': true });
    await waitUntil(() => dataCalls(provider, IDS.load).length === before + 2, 'the request for the whole range');
    expect(dataCalls(provider, IDS.load).at(-1)!.range).to.equal(undefined);
  });

  it('exports: chart PNG and SVG, dashboard PNG and PDF, and the chart CSV are valid files', async () => {
    const provider = interactiveProvider();
    const el = await mount(provider);
    const load = chartOf(el, IDS.load);
    const bytes = async (b: Blob) => new Uint8Array(await b.arrayBuffer());
    const png = await bytes(await chartImage(load, 'png'));
    expect([...png.slice(0, 8)]).to.deep.equal([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const svg = await (await chartImage(load, 'svg')).text();
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.documentElement.localName).to.equal('svg');
    expect(doc.querySelector('parsererror')).to.equal(null);
    expect(doc.querySelectorAll('.trace').length).to.be.greaterThan(0);
    const area = el.shadowRoot!.querySelector<HTMLElement>('ocp-template-grid')!;
    const picture = { title: 'Sites', area, charts: charts(el), background: '#fff', color: '#000' };
    const page = await bytes(await dashboardPng(picture));
    expect([...page.slice(1, 4)]).to.deep.equal([0x50, 0x4e, 0x47]);
    const decoded = await createImageBitmap(new Blob([page], { type: 'image/png' }));
    expect(decoded.width).to.be.greaterThan(1000);
    const pdf = await dashboardPdf(picture);
    const text = new TextDecoder('latin1').decode(await bytes(pdf));
    expect(text.startsWith('%PDF-1.4')).to.equal(true);
    expect(text.trimEnd().endsWith('%%EOF')).to.equal(true);
    // The cross-reference table points at each object.
    const xref = Number(/startxref\n(\d+)/.exec(text)![1]);
    expect(text.slice(xref, xref + 4)).to.equal('xref');
    for (const [i, offset] of [...text.matchAll(/^(\d{10}) 00000 n $/gm)].entries()) {
      const head = `${i + 1} 0 obj`;
      expect(text.slice(Number(offset[1]), Number(offset[1]) + head.length)).to.equal(head);
    }
    const csv = await (
      await provider.exportChartCsv({
        chartId: IDS.load,
        range: { from: '2026-10-05T00:00:00Z', to: '2026-10-05T02:00:00Z' },
      })
    ).text();
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).to.equal('time,site,kw');
    expect(lines.length).to.equal(1 + 3 * SITES.length);
    // The menu offers them.
    const menu = load.querySelector<OcpChartMenu>('ocp-chart-menu')!;
    menu.shadowRoot!.querySelector<HTMLButtonElement>('[part="button"]')!.click();
    await menu.updateComplete;
    const items = [...menu.shadowRoot!.querySelectorAll('[part="item"]')].map((i) => i.textContent!.trim());
    expect(items).to.include.members(['Download PNG', 'Download SVG', 'Download data (CSV)']);
  });

  it('a pinned placement keeps its version after the chart changes; a floating one follows', async () => {
    const provider = interactiveProvider({}, { pie: {} });
    // The same chart twice: floating top-left, pinned to version 1 bottom-right.
    provider.data.dashboards[0]!.tabs[0]!.placements.push({
      id: '00000000-0000-4000-b000-000000000099',
      slotKey: 'bottom-right',
      chartId: IDS.bars,
      customizations: { pinnedVersion: 1 },
    });
    const el = await mount(provider);
    const [floating, pinned] = [chartOf(el, IDS.bars, 0), chartOf(el, IDS.bars, 1)];
    expect(pinned.query?.version).to.equal(1);
    provider.updateChart(IDS.bars, { plotlyConfig: { data: [{ type: 'scatter', mode: 'markers' }] } });
    await waitUntil(() => floating.data?.traces[0]?.type === 'scatter', 'the floating placement to follow');
    await settled(el);
    expect(pinned.data!.traces[0]!.type).to.equal('bar');
    expect(pinned.chart!.plotlyConfig.data[0]!.type).to.equal('bar');
    expect(dataCalls(provider, IDS.bars).filter((c) => c.version === 1).length).to.be.greaterThan(0);
  });
});
