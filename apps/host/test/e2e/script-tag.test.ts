import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { readSdkIntegrity, SDK_VERSION, type SdkIntegrity } from '../../server/sdk.js';
import { apiClient, createAccount, createWorkspaceChart } from './support/api.js';
import { launchBrowser, newPage } from './support/browser.js';
import { startTestHost, type TestHost } from './support/host.js';
import { type ParentSite, startParentSite } from './support/origins.js';

/** A customer's page on another origin: the SDK by script tag (pinned by `integrity`), one shared dashboard. */
function customerPage(sdk: string, integrity: string, api: string, token: string, plotly = 'full'): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Customer page</title>
<script type="module" src="${sdk}" integrity="${integrity}" crossorigin="anonymous"></script>
<script type="module">
  import { connect } from '${sdk}';
  connect({ url: '${api}', plotly: '${plotly}' });
  document.querySelector('ocp-dashboard').setAttribute('share-token', '${token}');
</script></head>
<body><h1>Customer page</h1><ocp-dashboard></ocp-dashboard></body></html>`;
}

describe('the script-tag SDK from another origin (e2e, Chromium)', () => {
  let host: TestHost;
  let browser: Browser;
  let site: ParentSite;
  let integrity: SdkIntegrity;
  let token = '';
  let basicToken = '';
  const pages: Record<string, string> = {};

  before(async () => {
    // The customer's site first: the API must allow its origin (OCP_CORS_ORIGINS), and its port is ephemeral.
    site = await startParentSite(pages);
    [host, browser] = await Promise.all([startTestHost({ corsOrigins: [site.origin] }), launchBrowser()]);
    integrity = readSdkIntegrity()!;
    const owner = await createAccount(host.url, {
      email: `sdk-${Date.now()}@example.com`,
      password: 'correct horse battery',
      displayName: 'Owner',
    });
    const api = apiClient(host.url, owner);
    const templates = await api.templates.list.query();
    const twoColumns = templates.find((t) => t.name === 'Two columns')!.id;

    const dashboard = await api.dashboards.create.mutate({ title: 'Shared sales', templateId: twoColumns });
    const tab = dashboard.tabs[0]!;
    const revenue = await createWorkspaceChart(api, 'Revenue');
    const costs = await createWorkspaceChart(api, 'Costs', 'line');
    await api.placements.place.mutate({ tabId: tab.id, slotKey: 'left', chartId: revenue.id });
    await api.placements.place.mutate({ tabId: tab.id, slotKey: 'right', chartId: costs.id });
    ({ token } = await api.sharing.create.mutate({ resourceType: 'dashboard', resourceId: dashboard.id }));

    // A bar chart (in the basic bundle) beside a heatmap (not in it).
    const mixed = await api.dashboards.create.mutate({ title: 'Mixed', templateId: twoColumns });
    const heatmap = await api.charts.create.mutate({
      title: 'Load by hour',
      chartType: 'heatmap',
      plotlyConfig: {
        data: [
          {
            type: 'heatmap',
            z: [
              [1, 2],
              [3, 4],
            ],
          },
        ],
      },
      dataSourceConfig: { kind: 'inline', columns: { v: [1] }, mapping: { x: 'v', y: ['v'] } },
    });
    await api.placements.place.mutate({ tabId: mixed.tabs[0]!.id, slotKey: 'left', chartId: revenue.id });
    await api.placements.place.mutate({ tabId: mixed.tabs[0]!.id, slotKey: 'right', chartId: heatmap.id });
    ({ token: basicToken } = await api.sharing.create.mutate({ resourceType: 'dashboard', resourceId: mixed.id }));

    const sdk = `${host.url}/sdk/${SDK_VERSION}/ocp.js`;
    const sri = integrity.files['ocp.js']!;
    pages['/pinned'] = customerPage(sdk, sri, `${host.url}/trpc`, token);
    pages['/tampered'] = customerPage(sdk, `sha384-${crypto.randomBytes(48).toString('base64')}`, '', token);
    pages['/basic'] = customerPage(sdk, sri, `${host.url}/trpc`, basicToken, 'basic');
  });
  after(async () => {
    await browser?.close();
    await Promise.all([host?.close(), site?.close()]);
  });

  test('/sdk/<version>/ is immutable and loadable from any origin; its integrity.json matches the bytes served', async () => {
    assert.ok(integrity, 'the build wrote integrity.json');
    assert.equal(integrity.version, SDK_VERSION);
    const plotlyChunks = Object.keys(integrity.files).filter((f) => f.startsWith('plotly'));
    assert.equal(plotlyChunks.length, 2, 'the full and the basic Plotly chunks sit beside ocp.js');
    for (const [file, hash] of Object.entries(integrity.files)) {
      const res = await fetch(`${host.url}/sdk/${SDK_VERSION}/${file}`, { headers: { origin: site.origin } });
      assert.equal(res.status, 200, file);
      assert.equal(res.headers.get('access-control-allow-origin'), '*', file);
      assert.equal(res.headers.get('cache-control'), 'public, max-age=31536000, immutable', file);
      assert.match(res.headers.get('content-type') ?? '', /^text\/javascript/, file);
      const digest = `sha384-${crypto
        .createHash('sha384')
        .update(Buffer.from(await res.arrayBuffer()))
        .digest('base64')}`;
      assert.equal(digest, hash, file);
    }
    // The unversioned URL follows the current version, so it revalidates.
    const latest = await fetch(`${host.url}/sdk/ocp.js`);
    assert.equal(latest.headers.get('access-control-allow-origin'), '*');
    assert.equal(latest.headers.get('cache-control'), 'no-cache');
    assert.match(await latest.text(), new RegExp(`from './${SDK_VERSION.replace(/\./g, '\\.')}/ocp\\.js'`));
  });

  test('a page on a second loopback origin loads the pinned SDK and renders a shared dashboard; nothing leaves loopback', async () => {
    const { page, errors, problems, offHost } = await newPage(browser);
    const sdkRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${host.url}/sdk/`)) sdkRequests.push(r.url());
    });
    await page.goto(`${site.origin}/pinned`);
    await page.locator('ocp-dashboard[state="ready"]').waitFor({ timeout: 30_000 });
    await page.locator('ocp-dashboard ocp-chart[state="ready"]').nth(1).waitFor({ timeout: 30_000 });
    assert.equal(await page.evaluate(() => location.origin), site.origin);
    assert.ok(
      sdkRequests.some((u) => /\/plotly-strict\.min-[^/]+\.js$/.test(u)),
      'the full (CSP-safe) Plotly chunk came from the SDK folder',
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(problems, []);
    assert.deepEqual(offHost, []);
    await page.context().close();
  });

  test('a tampered copy (integrity mismatch) is refused by the browser', async () => {
    const { page, problems } = await newPage(browser);
    await page.goto(`${site.origin}/tampered`);
    for (let i = 0; i < 50 && !problems.some((p) => /integrity/i.test(p)); i++) await page.waitForTimeout(100);
    assert.ok(
      problems.some((p) => /integrity/i.test(p)),
      problems.join('\n'),
    );
    assert.equal(await page.evaluate(() => customElements.get('ocp-dashboard')), undefined);
    await page.context().close();
  });

  test("connect({ plotly: 'basic' }) loads the basic bundle only, and a chart it cannot draw says which bundle it needs", async () => {
    const { page, errors, offHost } = await newPage(browser);
    const plotlyChunks: string[] = [];
    page.on('request', (r) => {
      const name = /\/sdk\/[^/]+\/(plotly[^/]*\.js)$/.exec(r.url())?.[1];
      if (name) plotlyChunks.push(name);
    });
    await page.goto(`${site.origin}/basic`);
    await page.locator('ocp-dashboard ocp-chart[state="ready"]').first().waitFor({ timeout: 30_000 });
    const heatmap = page.locator('ocp-dashboard ocp-chart[state="error"]');
    await heatmap.waitFor({ timeout: 30_000 });
    assert.match((await heatmap.locator('[part="error"]').textContent()) ?? '', /heatmap.*full Plotly bundle/i);
    assert.equal(plotlyChunks.length, 1, plotlyChunks.join());
    assert.match(plotlyChunks[0]!, /^plotly-basic\.min-/);
    assert.deepEqual(errors, []);
    assert.deepEqual(offHost, []);
    await page.context().close();
  });
});
