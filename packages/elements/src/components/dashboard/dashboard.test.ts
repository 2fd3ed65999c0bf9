import { expect } from '@esm-bundle/chai';
import type { DashboardDetail, PlacementView } from '@ocp/contract';
import { sendKeys } from '@web/test-runner-commands';
import '../../index.js';
import type { OcpChartPlacedEvent } from '../../events/chart-placed.js';
import type { OcpDashboardLoadEvent } from '../../events/dashboard-load.js';
import type { OcpErrorEvent } from '../../events/error.js';
import type { OcpPlaceRejectedEvent } from '../../events/place-rejected.js';
import type { OcpTabChangeEvent } from '../../events/tab-change.js';
import { expectAccessible } from '../../internal/testing/a11y.js';
import { demoProvider } from '../../internal/testing/demo-provider.js';
import { cleanup, fixture, html, oneEvent, waitUntil } from '../../internal/testing/fixture.js';
import type { MemoryProvider } from '../../provider/memory-provider.js';
import type { OcpChart } from '../chart/chart.js';
import type { OcpTemplateGrid } from '../template-grid/template-grid.js';
import type { OcpWorkspace } from '../workspace/workspace.js';
import type { OcpDashboard } from './dashboard.js';

const grid = (el: OcpDashboard) => el.shadowRoot!.querySelector<OcpTemplateGrid>('ocp-template-grid')!;
const tabButtons = (el: OcpDashboard) =>
  Array.from(el.shadowRoot!.querySelector('ocp-tabs')!.shadowRoot!.querySelectorAll<HTMLButtonElement>('[role="tab"]'));

async function loaded(provider: MemoryProvider, index = 0, mode: 'view' | 'edit' = 'view') {
  const id = provider.data.dashboards[index]!.id;
  const el = await fixture<OcpDashboard>(
    html`<ocp-dashboard dashboard-id=${id} mode=${mode} .provider=${provider}></ocp-dashboard>`,
    'width: 1200px',
  );
  await waitUntil(() => el.state === 'ready', 'dashboard to load');
  await el.updateComplete;
  return el;
}

describe('<ocp-dashboard>', () => {
  afterEach(cleanup);

  it('loads a dashboard through the provider: title, tabs, and each placement in its slot', async () => {
    const provider = demoProvider();
    const id = provider.data.dashboards[0]!.id;
    const container = await fixture<HTMLDivElement>(html`<div></div>`, 'width: 1200px');
    const load = oneEvent<OcpDashboardLoadEvent>(container, 'ocp-dashboard-load');
    const el = document.createElement('ocp-dashboard');
    el.provider = provider;
    el.setAttribute('dashboard-id', id);
    container.append(el);
    expect((await load).detail.dashboard.title).to.equal('Energy overview');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part="title"]')!.textContent).to.equal('Energy overview');
    expect(tabButtons(el).map((b) => b.textContent)).to.deep.equal(['Overview', 'Patterns']);
    const charts = Array.from(grid(el).querySelectorAll<OcpChart>('ocp-chart'));
    expect(charts.map((c) => c.slot).sort()).to.deep.equal(['bottom-center', 'bottom-left', 'bottom-right', 'hero']);
    await waitUntil(() => charts.every((c) => c.state === 'ready'), 'charts to draw', 20_000);
    // The hero chart sits inside the hero slot.
    const heroSlot = grid(el).slotElement('hero')!.getBoundingClientRect();
    const heroChart = charts.find((c) => c.slot === 'hero')!.getBoundingClientRect();
    expect(heroChart.top).to.be.within(heroSlot.top, heroSlot.top + 2);
    expect(Math.round(heroChart.width)).to.be.closeTo(Math.round(heroSlot.width) - 2, 2);
  });

  it('switches tabs on click and with the keyboard, emitting ocp-tab-change', async () => {
    const provider = demoProvider();
    const el = await loaded(provider);
    const change = oneEvent<OcpTabChangeEvent>(el, 'ocp-tab-change');
    tabButtons(el)[1]!.click();
    const e = await change;
    expect(e.detail.index).to.equal(1);
    await el.updateComplete;
    expect(el.tab).to.equal(provider.data.dashboards[0]!.tabs[1]!.id);
    expect(el.getAttribute('tab')).to.equal(el.tab);
    await waitUntil(() => grid(el).slots.length === 4 && grid(el).slotElement('top-left'), '2×2 grid');
    expect(grid(el).querySelector('[slot="top-left"]')!.tagName).to.equal('OCP-CHART');
    tabButtons(el)[1]!.focus();
    await sendKeys({ press: 'ArrowLeft' });
    await el.updateComplete;
    expect(el.tab).to.equal(provider.data.dashboards[0]!.tabs[0]!.id);
  });

  it('renders metric charts as <ocp-metric> and reacts to a new dashboard-id', async () => {
    const provider = demoProvider();
    const el = await loaded(provider);
    el.setAttribute('dashboard-id', provider.data.dashboards[1]!.id);
    await waitUntil(() => el.dashboard?.title === 'Site operations', 'second dashboard');
    await el.updateComplete;
    const metric = await waitUntil(() => grid(el).querySelector('ocp-metric[slot="kpi-1"]'), 'kpi metric');
    await waitUntil(() => metric.getAttribute('state') === 'ready', 'metric value');
    expect(metric.shadowRoot!.querySelector('[part="value"]')!.textContent).to.match(/kW$/);
  });

  it('loads a shared dashboard read-only through its token', async () => {
    const provider = demoProvider();
    const d = provider.data.dashboards[0]!;
    const { token } = await provider.createShare({ resourceType: 'dashboard', resourceId: d.id });
    const el = await fixture<OcpDashboard>(
      html`<ocp-dashboard share-token=${token} mode="edit" .provider=${provider}></ocp-dashboard>`,
      'width: 1200px',
    );
    await waitUntil(() => el.state === 'ready', 'shared dashboard');
    await el.updateComplete;
    expect(el.dashboard!.role).to.equal('public');
    expect(grid(el).mode).to.equal('view');
    expect(el.shadowRoot!.querySelector('.badge')).to.equal(null);
    const charts = Array.from(grid(el).querySelectorAll<OcpChart>('ocp-chart'));
    await waitUntil(() => charts.every((c) => c.state === 'ready'), 'shared charts');
    const methods = provider.calls.map((c) => c.method);
    expect(methods).to.include('resolveShare').and.include('shareChartData');
    expect(methods).to.not.include('getDashboard');
    expect(methods).to.not.include('getChartData');
  });

  it('shows "Chart not available" for a chart the dashboard may no longer show, in every mode', async () => {
    /** The hero chart as the server now sends it: the placement without its chart. */
    const withoutHero = (d: DashboardDetail): DashboardDetail => {
      const tab = d.tabs[0]!;
      const placements = tab.placements.map((p): PlacementView => {
        if (p.slotKey !== 'hero') return p;
        const { chart: _c, unavailable: _u, ...rest } = p;
        return { ...rest, unavailable: true, chart: null };
      });
      return { ...d, tabs: [{ ...tab, placements }, ...d.tabs.slice(1)] };
    };
    for (const how of ['view', 'edit', 'share'] as const) {
      const provider = demoProvider();
      const getDashboard = provider.getDashboard.bind(provider);
      const resolveShare = provider.resolveShare.bind(provider);
      provider.getDashboard = async (id) => withoutHero(await getDashboard(id));
      provider.resolveShare = async (token) => {
        const shared = await resolveShare(token);
        return shared.resourceType === 'dashboard' ? { ...shared, dashboard: withoutHero(shared.dashboard) } : shared;
      };
      const d = provider.data.dashboards[0]!;
      const hero = d.tabs[0]!.placements.find((p) => p.slotKey === 'hero')!;
      const title = provider.data.charts.find((c) => c.id === hero.chartId)!.title;
      let el: OcpDashboard;
      if (how === 'share') {
        const { token } = await provider.createShare({ resourceType: 'dashboard', resourceId: d.id });
        el = await fixture<OcpDashboard>(
          html`<ocp-dashboard share-token=${token} .provider=${provider}></ocp-dashboard>`,
          'width: 1200px',
        );
        await waitUntil(() => el.state === 'ready', 'shared dashboard');
        await el.updateComplete;
      } else el = await loaded(provider, 0, how);
      const placeholder = grid(el).querySelector<HTMLElement>('[slot="hero"][role="note"]')!;
      expect(placeholder, how).to.exist;
      expect(placeholder.getAttribute('aria-label')).to.equal('Chart not available');
      expect(placeholder.textContent).to.contain('Chart not available');
      expect(placeholder.getBoundingClientRect().height, 'visible').to.be.greaterThan(40);
      // No chart element and no data request for it; the other slots draw as usual.
      expect(grid(el).querySelector('ocp-chart[slot="hero"]')).to.equal(null);
      const charts = Array.from(grid(el).querySelectorAll<OcpChart>('ocp-chart'));
      expect(charts.length).to.equal(3);
      await waitUntil(() => charts.every((c) => c.state === 'ready'), 'the other charts', 20_000);
      expect(provider.calls.some((c) => c.args[0] === hero.chartId || c.args[1] === hero.chartId)).to.equal(false);
      expect(el.shadowRoot!.textContent + grid(el).textContent).to.not.contain(title);
      if (how === 'edit') {
        const remove = grid(el).querySelector<HTMLButtonElement>('[slot="hero"] button.remove')!;
        expect(remove.getAttribute('aria-label')).to.equal('Remove unavailable chart');
      }
      await expectAccessible(el);
      cleanup();
    }
  });

  it('shows every placed chart with its title; a placement title and description override the chart', async () => {
    const provider = demoProvider();
    const tab = provider.data.dashboards[0]!.tabs[0]!;
    const hero = tab.placements.find((p) => p.slotKey === 'hero')!;
    hero.customizations = { title: 'Demand this week', description: 'Average kW per 15 minutes.' };
    const el = await loaded(provider);
    const charts = Array.from(grid(el).querySelectorAll<OcpChart>('ocp-chart'));
    await waitUntil(() => charts.every((c) => c.state === 'ready'), 'charts to draw', 20_000);
    for (const chart of charts) {
      const title = chart.shadowRoot!.querySelector<HTMLElement>('[part="title"]');
      const placement = tab.placements.find((p) => p.slotKey === chart.slot)!;
      const expected =
        placement === hero ? 'Demand this week' : provider.data.charts.find((c) => c.id === placement.chartId)!.title;
      expect(title?.textContent, chart.slot).to.equal(expected);
      expect(title!.getBoundingClientRect().height, chart.slot).to.be.greaterThan(0);
    }
    const heroChart = charts.find((c) => c.slot === 'hero')!;
    heroChart.shadowRoot!.querySelector<HTMLButtonElement>('[part="info-button"]')!.click();
    await heroChart.updateComplete;
    expect(heroChart.shadowRoot!.querySelector<HTMLElement>('[part="description"]')!.hidden).to.equal(false);
    expect(heroChart.shadowRoot!.querySelector('[part="description"]')!.textContent).to.equal(
      'Average kW per 15 minutes.',
    );
  });

  it('view mode is for readers: no remove buttons, no slot placeholders; static-plots keeps tabs working', async () => {
    const provider = demoProvider();
    const tab = provider.data.dashboards[0]!.tabs[0]!;
    tab.placements = tab.placements.filter((p) => p.slotKey !== 'bottom-left'); // one empty slot
    const el = await loaded(provider, 0, 'view');
    el.staticPlots = true;
    await el.updateComplete;
    expect(grid(el).querySelectorAll('button.remove').length).to.equal(0);
    const empty = grid(el).slotElement('bottom-left')!;
    expect(empty.shadowRoot!.querySelector('[part="empty"]') === null, 'no placeholder').to.equal(true);
    expect(empty.shadowRoot!.textContent!.trim()).to.equal('');
    const charts = Array.from(grid(el).querySelectorAll<OcpChart>('ocp-chart'));
    expect(charts.every((c) => c.staticPlot)).to.equal(true);
    tabButtons(el)[1]!.click();
    await waitUntil(() => el.tab === provider.data.dashboards[0]!.tabs[1]!.id, 'second tab');
  });

  it('shows an error state for an unknown dashboard and reports ocp-error', async () => {
    const provider = demoProvider();
    const container = await fixture<HTMLDivElement>(html`<div></div>`);
    const error = oneEvent<OcpErrorEvent>(container, 'ocp-error');
    const el = document.createElement('ocp-dashboard');
    el.provider = provider;
    el.dashboardId = '00000000-0000-4000-8000-00000000dead';
    container.append(el);
    expect((await error).detail.error.code).to.equal('NOT_FOUND');
    await el.updateComplete;
    expect(el.state).to.equal('error');
    const alert = el.shadowRoot!.querySelector('[role="alert"]')!;
    expect(alert.textContent).to.contain('Not found');
    await expectAccessible(el);
  });

  it('shows a loading state', async () => {
    const provider = demoProvider({ latency: Number.POSITIVE_INFINITY });
    const el = await fixture<OcpDashboard>(
      html`<ocp-dashboard dashboard-id="x" .provider=${provider}></ocp-dashboard>`,
    );
    await el.updateComplete;
    expect(el.state).to.equal('loading');
    expect(el.shadowRoot!.querySelector('[role="status"]')!.getAttribute('aria-label')).to.equal('Loading dashboard');
  });

  describe('edit mode', () => {
    async function editor() {
      const provider = demoProvider();
      const page = await fixture<HTMLDivElement>(
        html`<div style="display:grid;grid-template-columns:300px 1fr;gap:8px">
          <ocp-workspace .provider=${provider}></ocp-workspace>
          <ocp-dashboard dashboard-id=${provider.data.dashboards[1]!.id} mode="edit" .provider=${provider}></ocp-dashboard>
        </div>`,
        'width: 1500px',
      );
      const el = page.querySelector('ocp-dashboard')!;
      const ws = page.querySelector<OcpWorkspace>('ocp-workspace')!;
      await waitUntil(() => el.state === 'ready' && ws.state === 'ready', 'editor');
      await el.updateComplete;
      await ws.updateComplete;
      return { provider, el, ws };
    }
    const wsItem = (ws: OcpWorkspace, title: string) =>
      Array.from(ws.shadowRoot!.querySelectorAll<HTMLElement>('[part~="chart-item"]')).find((li) =>
        li.querySelector('.title')!.textContent!.includes(title),
      )!;

    function dragFromWorkspace(item: HTMLElement, slot: HTMLElement) {
      const dataTransfer = new DataTransfer();
      const fire = (target: Element, type: string) => {
        const e = new DragEvent(type, { bubbles: true, composed: true, cancelable: true, dataTransfer });
        target.dispatchEvent(e);
        return e;
      };
      fire(item, 'dragstart');
      fire(slot, 'dragenter');
      const over = fire(slot, 'dragover');
      if (over.defaultPrevented) fire(slot, 'drop');
      fire(item, 'dragend');
      return over.defaultPrevented;
    }

    it('places a chart dragged from the workspace through the provider', async () => {
      const { provider, el, ws } = await editor();
      const tab = provider.data.dashboards[1]!.tabs[0]!;
      const slot = grid(el).slotElement('kpi-3')!;
      const placed = oneEvent<OcpChartPlacedEvent>(el, 'ocp-chart-placed');
      expect(dragFromWorkspace(wsItem(ws, 'Peak demand'), slot)).to.equal(true);
      const e = await placed;
      expect(e.detail).to.deep.include({ tabId: tab.id, slotKey: 'kpi-3' });
      const call = provider.calls.find((c) => c.method === 'placeChart')!;
      expect(call.args[0]).to.deep.equal({
        tabId: tab.id,
        slotKey: 'kpi-3',
        chartId: e.detail.chartId,
        replace: false,
      });
      expect(tab.placements.some((p) => p.slotKey === 'kpi-3')).to.equal(true);
      await el.updateComplete;
      await waitUntil(() => grid(el).querySelector('ocp-metric[slot="kpi-3"]'), 'metric in kpi-3');
    });

    it('refuses a disallowed chart type with visible feedback and never calls the provider', async () => {
      const { provider, el, ws } = await editor();
      const slot = grid(el).slotElement('kpi-3')!;
      const rejected = oneEvent<OcpPlaceRejectedEvent>(el, 'ocp-place-rejected', 1000).catch(() => null);
      expect(dragFromWorkspace(wsItem(ws, 'Battery state of charge'), slot)).to.equal(false);
      await slot.updateComplete;
      expect(slot.dropState).to.equal('reject');
      const feedback = slot.shadowRoot!.querySelector<HTMLElement>('[part="feedback"]')!;
      expect(feedback.hidden).to.equal(false);
      expect(feedback.textContent).to.contain("Line charts can't go here");
      // The browser never fires drop on a refusing target; a drop forced anyway is refused too.
      const dt = new DataTransfer();
      ws.shadowRoot!.querySelector('li')!; // workspace item exists
      wsItem(ws, 'Battery state of charge').dispatchEvent(
        new DragEvent('dragstart', { bubbles: true, dataTransfer: dt }),
      );
      slot.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: dt }));
      expect((await rejected)?.detail.chart.chartType).to.equal('line');
      expect(provider.calls.some((c) => c.method === 'placeChart')).to.equal(false);
    });

    it('places a chart with the keyboard: Place in the workspace, arrows, Enter — announced in a live region', async () => {
      const { provider, el, ws } = await editor();
      const place = wsItem(ws, 'Renewable share').querySelector<HTMLButtonElement>('.place')!;
      place.focus();
      await sendKeys({ press: 'Enter' });
      const g = grid(el);
      await waitUntil(() => g.placing, 'placement to start');
      const live = () => g.shadowRoot!.querySelector('[part="live-region"]')!.textContent!;
      expect(live()).to.contain('Placing Renewable share');
      expect(g.slotElements.find((s) => s.armed)!.slotKey).to.equal('kpi-1');
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'ArrowRight' });
      expect(g.slotElements.find((s) => s.armed)!.slotKey).to.equal('kpi-3');
      expect(live()).to.contain('Slot kpi-3, accepts this chart');
      const placed = oneEvent<OcpChartPlacedEvent>(el, 'ocp-chart-placed');
      await sendKeys({ press: 'Enter' });
      expect((await placed).detail.slotKey).to.equal('kpi-3');
      await waitUntil(() => live().includes('placed in slot kpi-3'), 'announcement');
      expect(provider.calls.filter((c) => c.method === 'placeChart')).to.have.length(1);
    });

    it('replaces the chart of an occupied slot, and shows the provider refusal on the slot', async () => {
      const { provider, el } = await editor();
      const tab = provider.data.dashboards[1]!.tabs[0]!;
      const chart = provider.data.charts.find((c) => c.title === 'Renewable share')!;
      await el.startPlacement({ chartId: chart.id, chartType: chart.chartType, title: chart.title });
      const placed = oneEvent<OcpChartPlacedEvent>(el, 'ocp-chart-placed');
      await sendKeys({ press: 'Enter' }); // kpi-1 holds "Peak demand"
      await placed;
      expect(tab.placements.filter((p) => p.slotKey === 'kpi-1').map((p) => p.chartId)).to.deep.equal([chart.id]);
      // One atomic call: never a remove then a place (a failure in between would lose the old chart).
      expect(
        provider.calls
          .filter((c) => c.method === 'placeChart')
          .map((c) => (c.args[0] as { replace?: boolean }).replace),
      ).to.deep.equal([true]);
      expect(provider.calls.some((c) => c.method === 'removePlacement')).to.equal(false);
      // A stale chart type (the server knows better) is refused by the provider and shown on the slot.
      const errors = oneEvent<OcpErrorEvent>(el, 'ocp-error');
      const line = provider.data.charts.find((c) => c.chartType === 'line')!;
      await el.startPlacement({ chartId: line.id, chartType: 'metric', title: 'Stale' });
      await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Enter' });
      expect((await errors).detail.error.code).to.equal('BAD_REQUEST');
      const slot = grid(el).slotElement('kpi-2')!;
      await slot.updateComplete;
      expect(slot.shadowRoot!.querySelector('[part="feedback"]')!.textContent).to.contain('does not accept line');
    });

    it('removes a placement from the slot toolbar, which leaves the chart and its axes visible, and says what to undo', async () => {
      const { provider, el } = await editor();
      const tab = provider.data.dashboards[1]!.tabs[0]!;
      const toolbar = grid(el).querySelector<HTMLElement>('[slot="chart-left"][role="toolbar"]')!;
      expect(toolbar.getAttribute('aria-label')).to.equal('Slot chart-left');
      const button = toolbar.querySelector<HTMLButtonElement>('button.remove')!;
      const box = button.getBoundingClientRect();
      expect(box.width).to.be.lessThan(90);
      // In the title row: above the plot area, so never over the y axis labels.
      const plot = grid(el)
        .querySelector<HTMLElement>('ocp-chart[slot="chart-left"]')!
        .shadowRoot!.querySelector<HTMLElement>('[part="plot"]');
      if (plot) expect(box.bottom).to.be.at.most(plot.getBoundingClientRect().top + 1);
      const removed = oneEvent(el, 'ocp-placement-removed');
      const chart = grid(el).querySelector<HTMLElement>('ocp-chart[slot="chart-left"]')!;
      chart.scrollIntoView({ block: 'center', inline: 'center' });
      const c = chart.getBoundingClientRect();
      // What a user clicking the middle of the chart hits is the chart, not the button.
      expect(el.shadowRoot!.elementFromPoint(c.left + c.width / 2, c.top + c.height / 2)).to.equal(chart);
      button.click();
      await waitUntil(() => !tab.placements.some((p) => p.slotKey === 'chart-left'), 'placement removed');
      await el.updateComplete;
      expect(grid(el).querySelector('[slot="chart-left"]')).to.equal(null);
      expect(provider.calls.some((x) => x.method === 'removePlacement')).to.equal(true);
      const { detail } = (await removed) as CustomEvent<{ tabId: string; slotKey: string; chartId: string }>;
      expect([detail.tabId, detail.slotKey]).to.deep.equal([tab.id, 'chart-left']);
    });

    it('updates live when another client places a chart (subscribeDashboard)', async () => {
      const { provider, el } = await editor();
      const tab = provider.data.dashboards[1]!.tabs[0]!;
      const chart = provider.data.charts.find((c) => c.title === 'Peak demand')!;
      await provider.placeChart({ tabId: tab.id, slotKey: 'kpi-4', chartId: chart.id });
      await waitUntil(() => grid(el).querySelector('[slot="kpi-4"]'), 'live update');
    });

    it('applies live events in place: a renamed chart fetches nothing, a chart whose data changed fetches only its own', async () => {
      const provider = demoProvider();
      const el = await loaded(provider, 0, 'view');
      const tab = el.dashboard!.tabs[0]!;
      const charts = () => [...grid(el).querySelectorAll<OcpChart>('ocp-chart')];
      await waitUntil(() => charts().length >= 2 && charts().every((c) => c.state === 'ready'), 'charts drawn');
      const placed = tab.placements.filter(
        (p) => p.chart && grid(el).querySelector(`ocp-chart[chart-id="${p.chartId}"]`),
      );
      expect(placed.length).to.be.at.least(2);
      const [renamed, other] = placed.map((p) => p.chartId);
      const count = (method: string, chartId?: string) =>
        provider.calls.filter((c) => c.method === method && (chartId === undefined || c.args[0] === chartId)).length;
      const before = { dashboards: count('getDashboard'), data: count('getChartData') };
      const elements = charts();

      provider.updateChart(renamed!, { title: 'Renamed live' });
      await waitUntil(() => el.dashboard!.tabs[0]!.placements.some((p) => p.chart?.title === 'Renamed live'), 'title');
      await el.updateComplete;
      const label = grid(el)
        .querySelector<OcpChart>(`ocp-chart[chart-id="${renamed}"]`)!
        .shadowRoot!.querySelector('[part="base"]')!;
      await waitUntil(() => label.getAttribute('aria-label') === 'Renamed live', 'the chart shows the new title');
      await Promise.all(charts().map((c) => c.settled()));
      expect(count('getDashboard')).to.equal(before.dashboards, 'no dashboard reload');
      expect(count('getChartData')).to.equal(before.data, 'no data fetch for a rename');
      expect(charts()).to.deep.equal(elements, 'the same chart elements');

      const config = provider.data.charts.find((c) => c.id === other)!.plotlyConfig;
      provider.updateChart(other!, { plotlyConfig: { ...config, data: [{ type: 'bar' }] } });
      await waitUntil(() => count('getChartData') > before.data, 'a data fetch');
      await Promise.all(charts().map((c) => c.settled()));
      expect(count('getDashboard')).to.equal(before.dashboards);
      expect(count('getChartData') - before.data).to.equal(1, 'only the chart whose data changed');
      expect(provider.calls.filter((c) => c.method === 'getChartData').at(-1)!.args[0]).to.equal(other);

      // A new data source (same trace templates): the event says the data changed, and only that chart fetches.
      const source = provider.data.charts.find((c) => c.id === renamed)!.dataSourceConfig;
      provider.updateChart(renamed!, { dataSourceConfig: { ...source } });
      await waitUntil(() => count('getChartData') > before.data + 1, 'a data fetch');
      await Promise.all(charts().map((c) => c.settled()));
      expect(count('getChartData') - before.data).to.equal(2);
      expect(provider.calls.filter((c) => c.method === 'getChartData').at(-1)!.args[0]).to.equal(renamed);
      expect(count('getDashboard')).to.equal(before.dashboards);
    });

    it('keeps one live subscription while events change the dashboard (no reconnect, no gap)', async () => {
      const provider = demoProvider();
      const subscribe = provider.subscribeDashboard.bind(provider);
      const opened: string[] = [];
      let closed = 0;
      provider.subscribeDashboard = (dashboardId, onEvent) => {
        opened.push(dashboardId);
        const stop = subscribe(dashboardId, onEvent);
        return () => {
          closed += 1;
          stop();
        };
      };
      const el = await loaded(provider, 1, 'edit');
      const tab = provider.data.dashboards[1]!.tabs[0]!;
      const chart = provider.data.charts.find((c) => c.title === 'Peak demand')!;
      let loads = 0;
      let changes = 0;
      el.addEventListener('ocp-dashboard-load', () => loads++);
      el.addEventListener('ocp-dashboard-change', () => changes++);
      await provider.placeChart({ tabId: tab.id, slotKey: 'kpi-4', chartId: chart.id });
      await waitUntil(() => changes === 1, 'the first event applied');
      provider.updateChart(chart.id, { title: 'Peak demand (kW)' });
      await waitUntil(() => changes === 2, 'the second event applied');
      expect(loads).to.equal(0, 'applied in place, no reload');
      expect(opened).to.deep.equal([provider.data.dashboards[1]!.id]);
      expect(closed).to.equal(0);

      // Another dashboard: the old subscription closes, a new one opens. Moved in the DOM: it resumes.
      el.dashboardId = provider.data.dashboards[0]!.id;
      await waitUntil(() => opened.length === 2, 'subscribed to the new dashboard');
      expect(closed).to.equal(1);
      const parent = el.parentElement!;
      el.remove();
      expect(closed).to.equal(2);
      parent.append(el);
      expect(opened).to.deep.equal([
        provider.data.dashboards[1]!.id,
        ...Array(2).fill(provider.data.dashboards[0]!.id),
      ]);
    });
  });

  it('has no serious accessibility violations with the full demo dashboard', async () => {
    const provider = demoProvider();
    const el = await loaded(provider, 0, 'edit');
    const charts = Array.from(grid(el).querySelectorAll<OcpChart>('ocp-chart'));
    await waitUntil(() => charts.every((c) => c.state === 'ready'), 'charts', 20_000);
    await expectAccessible(el);
    el.theme = 'dark';
    await el.updateComplete;
    await expectAccessible(el);
  });
});
