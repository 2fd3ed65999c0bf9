import { expect } from '@esm-bundle/chai';
import './version-history.js';
import type { OcpVersionRestoreEvent } from '../../events/version-restore.js';
import { expectAccessible } from '../../internal/testing/a11y.js';
import { chartByTitle, demoProvider } from '../../internal/testing/demo-provider.js';
import { cleanup, fixture, html, oneEvent, waitUntil } from '../../internal/testing/fixture.js';
import type { OcpVersionHistory } from './version-history.js';

const rows = (el: OcpVersionHistory) =>
  Array.from(el.shadowRoot!.querySelectorAll<HTMLElement>('[part~="version"]')).map(
    (r) => r.querySelector('.number')!.textContent,
  );

describe('<ocp-version-history>', () => {
  afterEach(cleanup);

  it("lists a chart's versions newest first and restores an older one", async () => {
    const provider = demoProvider();
    const chart = chartByTitle('Monthly generation by source');
    provider.updateChart(chart.id, { title: 'Monthly generation (edited)' });
    const el = await fixture<OcpVersionHistory>(
      html`<ocp-version-history chart-id=${chart.id} .provider=${provider}></ocp-version-history>`,
    );
    await waitUntil(() => el.state === 'ready', 'versions');
    await el.updateComplete;
    expect(rows(el)).to.deep.equal(['v2', 'v1']);
    await expectAccessible(el);
    const restore = oneEvent<OcpVersionRestoreEvent>(el, 'ocp-version-restore');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="restore"]')!.click();
    expect((await restore).detail).to.deep.equal({ kind: 'chart', id: chart.id, versionNumber: 1 });
    await waitUntil(() => rows(el).length === 3, 'new version');
    expect(rows(el)).to.deep.equal(['v3', 'v2', 'v1']);
    expect(el.shadowRoot!.querySelector('[part~="version-current"] .summary')!.textContent).to.equal(
      'Restored version 1',
    );
  });

  it('saves and restores dashboard versions', async () => {
    const provider = demoProvider();
    const d = provider.data.dashboards[0]!;
    const el = await fixture<OcpVersionHistory>(
      html`<ocp-version-history dashboard-id=${d.id} .provider=${provider}></ocp-version-history>`,
    );
    await waitUntil(() => el.state === 'empty', 'no versions');
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('No versions saved yet');
    const form = el.shadowRoot!.querySelector('form')!;
    (form.elements.namedItem('summary') as HTMLInputElement).value = 'Before cleanup';
    form.requestSubmit();
    await waitUntil(() => rows(el).length === 1, 'saved version');
    // The dashboard may change after a snapshot, so even the latest dashboard version can be restored.
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[part~="version-current"] [part="restore"]')).to.exist;
    expect(el.shadowRoot!.querySelector('[part~="version-current"]')!.textContent).to.contain('Latest');
    const removed = d.tabs[0]!.placements.length;
    await provider.removePlacement(d.tabs[0]!.placements[0]!.id);
    form.requestSubmit();
    await waitUntil(() => rows(el).length === 2, 'second version');
    const restore = oneEvent<OcpVersionRestoreEvent>(el, 'ocp-version-restore');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Restore version 1"]')!.click();
    expect((await restore).detail).to.deep.include({ kind: 'dashboard', versionNumber: 1 });
    expect(provider.data.dashboards[0]!.tabs[0]!.placements).to.have.length(removed);
  });

  it('reacts to attribute changes and shows loading and error states', async () => {
    const provider = demoProvider({ fail: (m) => (m === 'chartVersions' ? 'NOT_FOUND' : undefined) });
    const el = await fixture<OcpVersionHistory>(
      html`<ocp-version-history .provider=${provider}></ocp-version-history>`,
    );
    expect(el.shadowRoot!.textContent).to.contain('Nothing selected');
    el.setAttribute('chart-id', 'missing');
    await waitUntil(() => el.state === 'error', 'error');
    await el.updateComplete;
    expect(el.shadowRoot!.querySelector('[role="alert"]')!.textContent).to.contain('Not found');
    const loading = await fixture<OcpVersionHistory>(
      html`<ocp-version-history chart-id="x" .provider=${demoProvider({ latency: Number.POSITIVE_INFINITY })}></ocp-version-history>`,
    );
    await loading.updateComplete;
    expect(loading.shadowRoot!.querySelector('[role="status"]')).to.exist;
  });
});
