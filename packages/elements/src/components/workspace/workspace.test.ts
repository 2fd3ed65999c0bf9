import { expect } from '@esm-bundle/chai';
import './workspace.js';
import type { OcpChartPickEvent } from '../../events/chart-pick.js';
import type { OcpFavoriteChangeEvent } from '../../events/favorite-change.js';
import type { OcpItemSelectEvent } from '../../events/item-select.js';
import { CHART_MIME, readDragData } from '../../internal/drag-data.js';
import { expectAccessible } from '../../internal/testing/a11y.js';
import { demoProvider } from '../../internal/testing/demo-provider.js';
import { cleanup, fixture, html, oneEvent, waitUntil } from '../../internal/testing/fixture.js';
import type { MemoryProvider } from '../../provider/memory-provider.js';
import type { OcpWorkspace } from './workspace.js';

const titles = (el: OcpWorkspace) =>
  Array.from(el.shadowRoot!.querySelectorAll('[part~="item"] .title')).map((t) => t.textContent);
const item = (el: OcpWorkspace, title: string) =>
  Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="item"]')).find(
    (li) => li.querySelector('.title')!.textContent === title,
  )!;

async function workspace(provider: MemoryProvider = demoProvider()) {
  const el = await fixture<OcpWorkspace>(html`<ocp-workspace .provider=${provider}></ocp-workspace>`, 'width: 700px');
  await waitUntil(() => el.state === 'ready', 'workspace');
  await el.updateComplete;
  return el;
}

describe('<ocp-workspace>', () => {
  afterEach(cleanup);

  it('lists items and the folder tree', async () => {
    const el = await workspace();
    expect(titles(el)).to.include('Generation mix').and.include('Site readings (sample)');
    const folders = Array.from(el.shadowRoot!.querySelectorAll('.folder')).map((f) => f.textContent!.trim());
    expect(folders).to.deep.equal(['All items', 'Energy', 'Generation', 'Demand', 'Reports']);
    await expectAccessible(el);
  });

  it('fits a narrow panel: the tree moves above the list and every item stays inside', async () => {
    const el = await fixture<OcpWorkspace>(
      html`<ocp-workspace .provider=${demoProvider()}></ocp-workspace>`,
      'width: 300px',
    );
    await waitUntil(() => el.state === 'ready', 'workspace');
    await el.updateComplete;
    const host = el.getBoundingClientRect();
    const tree = el.shadowRoot!.querySelector('[part="tree"]')!.getBoundingClientRect();
    const list = el.shadowRoot!.querySelector('[part="list"]')!.getBoundingClientRect();
    expect(tree.bottom).to.be.at.most(list.top);
    for (const li of el.shadowRoot!.querySelectorAll('[part~="item"]')) {
      for (const part of li.children) expect(part.getBoundingClientRect().right).to.be.at.most(host.right);
    }
  });

  it('filters by folder, search text (attribute), tag and favorites', async () => {
    const provider = demoProvider();
    const el = await workspace(provider);
    Array.from(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.folder'))
      .find((f) => f.textContent!.includes('Reports'))!
      .click();
    await waitUntil(() => titles(el).length === 3, 'Reports folder');
    expect(titles(el)).to.include('Peak demand').and.not.include('Generation mix');

    el.folder = '';
    el.setAttribute('query', 'battery');
    await waitUntil(() => provider.calls.some((c) => c.method === 'searchWorkspace'), 'search');
    await waitUntil(() => titles(el).length === 1, 'search results');
    expect(titles(el)).to.deep.equal(['Battery state of charge']);

    el.query = '';
    await waitUntil(() => titles(el).length > 2, 'all items again');
    Array.from(el.shadowRoot!.querySelectorAll<HTMLButtonElement>('.tag'))
      .find((t) => t.textContent === '#kpi')!
      .click();
    await waitUntil(() => titles(el).length === 2, 'kpi tag');
    expect(titles(el)).to.have.members(['Peak demand', 'Renewable share']);

    el.tags = [];
    el.favoritesOnly = true;
    await waitUntil(() => titles(el).includes('Generation mix') && titles(el).length === 2, 'favorites');
    expect(titles(el)).to.have.members(['Energy balance, week 44', 'Generation mix']);
  });

  it('toggles a favorite through the provider and emits ocp-favorite-change', async () => {
    const provider = demoProvider();
    const el = await workspace(provider);
    const star = item(el, 'Site load, week 44').querySelector<HTMLButtonElement>('.star')!;
    expect(star.getAttribute('aria-pressed')).to.equal('false');
    const change = oneEvent<OcpFavoriteChangeEvent>(el, 'ocp-favorite-change');
    star.click();
    expect((await change).detail.isFavorite).to.equal(true);
    await el.updateComplete;
    expect(item(el, 'Site load, week 44').querySelector('.star')!.getAttribute('aria-pressed')).to.equal('true');
    expect(provider.data.workspaceItems.find((i) => i.title === 'Site load, week 44')!.isFavorite).to.equal(true);
  });

  it('is a drag source for charts only', async () => {
    const el = await workspace();
    const chart = item(el, 'Generation mix');
    expect(chart.draggable).to.equal(true);
    expect(item(el, 'Site readings (sample)').draggable).to.equal(false);
    const dataTransfer = new DataTransfer();
    chart.dispatchEvent(new DragEvent('dragstart', { bubbles: true, dataTransfer }));
    expect(Array.from(dataTransfer.types)).to.include(CHART_MIME);
    expect(readDragData(dataTransfer)).to.deep.include({ chartType: 'pie', title: 'Generation mix' });
  });

  it('emits ocp-chart-pick from Place and ocp-item-select from the title', async () => {
    const el = await workspace();
    const pick = oneEvent<OcpChartPickEvent>(el, 'ocp-chart-pick');
    item(el, 'Generation mix').querySelector<HTMLButtonElement>('.place')!.click();
    expect((await pick).detail.chart).to.deep.include({ chartType: 'pie', title: 'Generation mix' });
    const select = oneEvent<OcpItemSelectEvent>(el, 'ocp-item-select');
    item(el, 'How to read the energy balance').querySelector<HTMLButtonElement>('.title')!.click();
    expect((await select).detail.item.itemType).to.equal('note');
  });

  it('shows loading, empty and error states', async () => {
    const loading = await fixture<OcpWorkspace>(
      html`<ocp-workspace .provider=${demoProvider({ latency: Number.POSITIVE_INFINITY })}></ocp-workspace>`,
    );
    await loading.updateComplete;
    expect(loading.state).to.equal('loading');
    const empty = await workspace();
    empty.query = 'no such thing anywhere';
    await waitUntil(() => empty.state === 'empty', 'empty');
    await empty.updateComplete;
    expect(empty.shadowRoot!.textContent).to.contain('Nothing matches');
    const failing = await fixture<OcpWorkspace>(
      html`<ocp-workspace .provider=${demoProvider({ fail: () => 'UNAUTHORIZED' })}></ocp-workspace>`,
    );
    await waitUntil(() => failing.state === 'error', 'error');
    await failing.updateComplete;
    expect(failing.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('sign in');
  });
});
