import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { OcpClient } from '@ocp/client';
import type { Browser, Download, Page } from 'playwright-core';
import { apiClient, createAccount } from './support/api.js';
import { launchBrowser, newPage, signIn } from './support/browser.js';
import { startTestHost, type TestHost } from './support/host.js';

/** Pictures for docs/interactivity.md when OCP_SCREENSHOTS_DIR points at docs/screenshots; an ignored folder otherwise. */
const SHOTS = path.resolve(
  process.env.OCP_SCREENSHOTS_DIR ?? path.join(import.meta.dirname, '../../.test-results/screenshots/desktop'),
);
const DOWNLOADS = path.join(import.meta.dirname, '../../.test-results/downloads');
const SITES = ['North', 'South', 'East'];
const START = Date.UTC(2026, 9, 1);

function siteLoad() {
  const columns = { time: [] as string[], site: [] as string[], kw: [] as number[] };
  for (let h = 0; h < 14 * 24; h++) {
    SITES.forEach((s, i) => {
      columns.time.push(new Date(START + h * 3_600_000).toISOString());
      columns.site.push(s);
      columns.kw.push(Math.round(100 * (i + 1) + 40 * Math.sin((h / 24) * 2 * Math.PI)));
    });
  }
  return columns;
}

async function saved(download: Download, name: string): Promise<Buffer> {
  const file = path.join(DOWNLOADS, name);
  await download.saveAs(file);
  return fs.readFileSync(file);
}

describe('dashboard interactivity in the app (e2e, Chromium): range, cross-filter, downloads', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  let api: OcpClient;
  let dashboardId = '';

  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    fs.mkdirSync(DOWNLOADS, { recursive: true });
    [host, browser] = await Promise.all([startTestHost(), launchBrowser()]);
    const account = { email: 'interact@example.test', password: 'interactive-pass-1', displayName: 'Ines' };
    api = apiClient(host.url, await createAccount(host.url, account));
    const chart = (title: string, chartType: string, data: Record<string, unknown>, columns: object, mapping: object) =>
      api.charts.create.mutate({
        title,
        chartType,
        plotlyConfig: { data: [data] },
        dataSourceConfig: { kind: 'inline', columns, mapping } as never,
      });
    const totals = { site: SITES, kw: [3100, 5200, 4100] };
    const load = await chart('Load by hour', 'line', { type: 'scatter', mode: 'lines' }, siteLoad(), {
      x: 'time',
      y: ['kw'],
      series: 'site',
    });
    const bars = await chart('Load by site', 'bar', { type: 'bar' }, totals, { x: 'site', y: ['kw'] });
    const pie = await chart('Share by site', 'pie', { type: 'pie' }, totals, { x: 'site', y: ['kw'] });
    const templates = await api.templates.list.query();
    const grid = templates.find((t) => t.name === '2×2 grid')!;
    const d = await api.dashboards.create.mutate({
      title: 'Sites',
      templateId: grid.id,
      settings: {
        timeRange: { from: '2026-10-01T00:00:00Z', to: '2026-10-15T00:00:00Z' },
        filters: [{ column: 'site', label: 'Site' }],
      },
    });
    dashboardId = d.id;
    const tabId = d.tabs[0]!.id;
    await api.placements.place.mutate({ tabId, slotKey: 'top-left', chartId: load.id });
    await api.placements.place.mutate({ tabId, slotKey: 'top-right', chartId: bars.id });
    await api.placements.place.mutate({
      tabId,
      slotKey: 'bottom-left',
      chartId: pie.id,
      customizations: { drill: { chartId: load.id } },
    });
    ({ page } = await newPage(browser, { width: 1440, height: 1000 }));
    await signIn(page, host.url, account);
  });
  after(async () => {
    await browser?.close();
    await host?.close();
  });

  const dashboard = () => page.locator('ocp-dashboard');
  const chartsReady = async () => {
    await page.waitForFunction(
      () => {
        const charts = [...(document.querySelector('ocp-dashboard')?.shadowRoot?.querySelectorAll('ocp-chart') ?? [])];
        return charts.length > 0 && charts.every((c) => c.getAttribute('state') === 'ready');
      },
      null,
      { timeout: 60_000 },
    );
    await page.waitForTimeout(400);
  };

  test('the time range: the default from settings, a preset changes the URL, Back restores it', async () => {
    await page.goto(`${host.url}/dashboards/${dashboardId}?mode=view`);
    await chartsReady();
    const trigger = dashboard().locator('ocp-time-range [part="trigger"]');
    assert.match((await trigger.getAttribute('aria-label')) ?? '', /Oct 1, 2026|1 Oct 2026/);
    await trigger.click();
    await page.screenshot({ path: path.join(SHOTS, 'interactivity-time-range.png') });
    await dashboard().locator('ocp-time-range [part="preset"]', { hasText: 'Last 7 days' }).click();
    await page.waitForURL(/from=now-7d/);
    await page.goBack();
    await page.waitForURL((url) => !url.search.includes('now-7d'));
    await chartsReady();
  });

  test('a click on a bar cross-filters the other charts; the chip clears it', async () => {
    // Plotly's drag layer lies over the bars, and receives the click as it would from a person: force skips the
    // "another element would receive the click" check, not the click.
    await dashboard().locator('ocp-chart[slot="top-right"] .point path').nth(1).click({ force: true });
    const chip = dashboard().locator('[part="chip"]');
    await chip.waitFor();
    assert.equal(await chip.getAttribute('aria-label'), 'Clear the cross-filter site: South');
    await page.waitForURL(/xf=/);
    await chartsReady();
    await page.screenshot({ path: path.join(SHOTS, 'interactivity-cross-filter.png') });
    await chip.click();
    await chip.waitFor({ state: 'detached' });
  });

  test('downloads: chart PNG, SVG and CSV, and the tab as PNG and PDF, are valid files named after their titles', async () => {
    const menu = dashboard().locator('ocp-chart[slot="top-left"] ocp-chart-menu');
    const take = async (item: string) => {
      await menu.locator('[part="button"]').click();
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        menu.locator('[part="item"]', { hasText: item }).click(),
      ]);
      return download;
    };
    const png = await take('Download PNG');
    assert.equal(png.suggestedFilename(), 'Load by hour.png');
    assert.deepEqual(
      [...(await saved(png, 'chart.png')).subarray(0, 8)],
      [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
    );
    const svg = await take('Download SVG');
    assert.equal(svg.suggestedFilename(), 'Load by hour.svg');
    const svgText = (await saved(svg, 'chart.svg')).toString('utf8');
    assert.match(svgText, /^<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.match(svgText, /<\/svg>$/);
    const csv = await take('Download data (CSV)');
    assert.equal(csv.suggestedFilename(), 'Load by hour.csv');
    const lines = (await saved(csv, 'chart.csv')).toString('utf8').trimEnd().split('\r\n');
    assert.equal(lines[0], 'time,site,kw');
    // The dashboard's default range (14 days, both ends included) of three sites, at full resolution.
    assert.equal(lines.length - 1, (14 * 24 + 0) * 3);
    const [tabPng] = await Promise.all([
      page.waitForEvent('download'),
      dashboard().getByRole('button', { name: 'Download this tab as PNG' }).click(),
    ]);
    assert.match(tabPng.suggestedFilename(), /^Sites .*\.png$/);
    assert.deepEqual([...(await saved(tabPng, 'tab.png')).subarray(1, 4)], [0x50, 0x4e, 0x47]);
    const [tabPdf] = await Promise.all([
      page.waitForEvent('download'),
      dashboard().getByRole('button', { name: 'Download this tab as PDF' }).click(),
    ]);
    const pdf = (await saved(tabPdf, 'tab.pdf')).toString('latin1');
    assert.ok(pdf.startsWith('%PDF-1.4'));
    assert.ok(pdf.trimEnd().endsWith('%%EOF'));
    assert.match(pdf, /\/Subtype \/Image .*\/Filter \/DCTDecode/);
  });

  test('drill-down from a slice, and back by the breadcrumb', async () => {
    await dashboard().locator('ocp-chart[slot="bottom-left"] .slice path').first().click({ force: true });
    const crumbs = dashboard().getByRole('navigation', { name: 'Drill-down' });
    await crumbs.waitFor();
    await chartsReady();
    await page.screenshot({ path: path.join(SHOTS, 'interactivity-drill-down.png') });
    await crumbs.getByRole('button', { name: 'Sites' }).click();
    await crumbs.waitFor({ state: 'detached' });
  });
});
