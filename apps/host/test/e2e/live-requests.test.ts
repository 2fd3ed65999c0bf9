import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { OcpClient } from '@ocp/client';
import type { Browser, Page } from 'playwright-core';
import { apiClient, createAccount, createWorkspaceChart } from './support/api.js';
import { launchBrowser, newPage, signIn } from './support/browser.js';
import { startTestHost, type TestHost } from './support/host.js';

/**
 * The procedures a page calls, as the network sees them: tRPC batches name several procedures in one URL
 * (`/trpc/dashboards.get,charts.data?batch=1&input={"0":…,"1":…}`), so each one is counted with its input.
 */
function recordCalls(page: Page) {
  const calls: Array<{ procedure: string; input: Record<string, unknown> }> = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!url.pathname.startsWith('/trpc/')) return;
    const procedures = decodeURIComponent(url.pathname.slice('/trpc/'.length)).split(',');
    const raw = url.searchParams.get('input') ?? request.postData() ?? '{}';
    let inputs: Record<string, Record<string, unknown>> = {};
    try {
      inputs = JSON.parse(raw) as typeof inputs;
    } catch {}
    procedures.forEach((procedure, i) => {
      calls.push({ procedure, input: inputs[String(i)] ?? {} });
    });
  });
  return {
    calls,
    count: (procedure: string, where: (input: Record<string, unknown>) => boolean = () => true) =>
      calls.filter((c) => c.procedure === procedure && where(c.input)).length,
    clear: () => calls.splice(0),
  };
}

type Board = HTMLElement & {
  dashboard?: {
    tabs: Array<{ placements: Array<{ slotKey: string; chartId: string; chart: { title: string } | null }> }>;
  };
};

/** Every chart of the dashboard drawn (and so every data fetch of the first load done). */
async function allDrawn(page: Page, charts: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const board = document.querySelector('ocp-dashboard');
      const drawn = [...(board?.shadowRoot?.querySelectorAll('ocp-chart') ?? [])];
      return drawn.length === n && drawn.every((c) => c.getAttribute('state') === 'ready');
    },
    charts,
    { timeout: 60_000 },
  );
}

describe('live updates in place: what a change costs the page (e2e, Chromium)', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  let api: OcpClient;
  const account = { email: `live-${Date.now()}@example.com`, password: 'correct horse battery', displayName: 'Liv' };
  const charts: Array<{ id: string; title: string }> = [];
  let hero = '';

  before(async () => {
    [host, browser] = await Promise.all([startTestHost(), launchBrowser()]);
    api = apiClient(host.url, await createAccount(host.url, account));
    for (const title of ['North', 'South', 'East', 'West', 'Extra'])
      charts.push(await createWorkspaceChart(api, title));
    hero = (await api.templates.list.query()).find((t) => t.name === 'Hero + 3')!.id;
    ({ page } = await newPage(browser, { width: 1500, height: 1000 }));
    await signIn(page, host.url, account);
  });
  after(async () => {
    await browser?.close();
    await host?.close();
  });

  test('renaming one of four charts: no dashboard reload, no data fetch for any chart', async () => {
    const d = await api.dashboards.create.mutate({ title: 'Four charts', templateId: hero });
    const tabId = d.tabs[0]!.id;
    const slots = ['hero', 'bottom-left', 'bottom-center', 'bottom-right'];
    for (const [i, slotKey] of slots.entries())
      await api.placements.place.mutate({ tabId, slotKey, chartId: charts[i]!.id });
    const network = recordCalls(page);
    await page.goto(`${host.url}/dashboards/${d.id}?mode=view`);
    await allDrawn(page, 4);
    assert.equal(network.count('dashboards.get'), 1);
    assert.equal(network.count('charts.data'), 4, 'one data fetch per chart on the first load');
    network.clear();

    const renamed = charts[1]!;
    await api.charts.update.mutate({ id: renamed.id, title: 'South (renamed)' });
    await page.waitForFunction(
      (id) =>
        (document.querySelector('ocp-dashboard') as Board).dashboard?.tabs[0]?.placements.find((p) => p.chartId === id)
          ?.chart?.title === 'South (renamed)',
      renamed.id,
      { timeout: 10_000 },
    );
    await page.waitForTimeout(1000); // time for any fetch a reload would have made
    await allDrawn(page, 4);
    assert.equal(network.count('dashboards.get'), 0, 'the dashboard was not reloaded');
    for (const other of charts.slice(0, 4).filter((c) => c.id !== renamed.id))
      assert.equal(
        network.count('charts.data', (i) => i.chartId === other.id),
        0,
        `no data fetch for ${other.title}`,
      );
    assert.equal(network.count('charts.data'), 0, 'a new title needs no new data');
  });

  test('placing a chart: one write, no reload, one data fetch (the new chart)', async () => {
    const d = await api.dashboards.create.mutate({ title: 'Three charts', templateId: hero });
    const tabId = d.tabs[0]!.id;
    for (const [i, slotKey] of ['bottom-left', 'bottom-center', 'bottom-right'].entries())
      await api.placements.place.mutate({ tabId, slotKey, chartId: charts[i]!.id });
    const network = recordCalls(page);
    await page.goto(`${host.url}/dashboards/${d.id}`);
    await allDrawn(page, 3);
    await page.locator('ocp-workspace [part~="chart-item"]', { hasText: 'Extra' }).waitFor();
    network.clear();

    // Keyboard placement: Place, then Enter on the first free slot that accepts it (the empty hero slot).
    await page.getByRole('button', { name: 'Place Extra on the dashboard' }).click();
    assert.equal(await page.locator('ocp-dashboard ocp-slot[armed]').getAttribute('slot-key'), 'hero');
    await page.keyboard.press('Enter');
    await allDrawn(page, 4);
    await page.waitForTimeout(1000); // time for the live event of the placement, and for any reload it would cause
    await allDrawn(page, 4);
    const writes = network.calls.filter((c) => !['charts.data', 'events.dashboard'].includes(c.procedure));
    assert.deepEqual(
      writes.map((c) => c.procedure),
      ['placements.place'],
      'one write, and neither the element, nor the host, nor the live event reloads the dashboard',
    );
    assert.deepEqual(
      network.calls.filter((c) => c.procedure === 'charts.data').map((c) => c.input.chartId),
      [charts[4]!.id],
      'only the placed chart fetches its data',
    );
  });
});
