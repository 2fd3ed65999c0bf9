import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { DEMO_EMAIL } from '../../server/boot.js';
import { a11yViolations } from './support/a11y.js';
import { apiClient } from './support/api.js';
import { launchBrowser, newPage, sessionToken, signIn } from './support/browser.js';
import { startTestHost, type TestHost } from './support/host.js';

/**
 * Where the pictures go: an ignored folder in test runs (a test never changes tracked files). `pnpm screenshots`
 * points OCP_SCREENSHOTS_DIR at docs/screenshots/ to refresh the guides' pictures on purpose.
 */
const SHOTS = path.resolve(
  process.env.OCP_SCREENSHOTS_DIR ?? path.join(import.meta.dirname, '../../.test-results/screenshots/desktop'),
);
const DEMO_PASSWORD = 'demo-screenshots-1';

async function allChartsDrawn(page: Page, selector = 'ocp-dashboard'): Promise<void> {
  await page.locator(`${selector}[state="ready"]`).waitFor({ timeout: 60_000 });
  await page.waitForFunction(
    (sel) => {
      const charts = [...(document.querySelector(sel)?.shadowRoot?.querySelectorAll('ocp-chart, ocp-metric') ?? [])];
      return charts.length > 0 && charts.every((c) => ['ready', 'empty'].includes(c.getAttribute('state') ?? ''));
    },
    selector,
    { timeout: 60_000 },
  );
  await page.waitForTimeout(400); // Plotly's transitions
}

describe('screenshots of the demo (e2e, Chromium)', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  let dashboardId = '';

  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    [host, browser] = await Promise.all([startTestHost({ demo: true, demoPassword: DEMO_PASSWORD }), launchBrowser()]);
    ({ page } = await newPage(browser, { width: 1440, height: 960 }));
    await signIn(page, host.url, { email: DEMO_EMAIL, password: DEMO_PASSWORD });
  });
  after(async () => {
    await browser?.close();
    await host?.close();
  });

  test('the editor', async () => {
    await page.getByRole('link', { name: 'Energy overview' }).click();
    await allChartsDrawn(page);
    dashboardId = new URL(page.url()).pathname.split('/')[2]!;
    await page.screenshot({ path: path.join(SHOTS, 'editor.png') });
    assert.deepEqual(await a11yViolations(page), []);
  });

  test('the dashboard view', async () => {
    await page.getByRole('link', { name: 'View', exact: true }).click();
    await allChartsDrawn(page);
    await page.screenshot({ path: path.join(SHOTS, 'dashboard-view.png'), fullPage: true });
    assert.deepEqual(await a11yViolations(page), []);
  });

  test('the chart editor with its live preview', async () => {
    await page.goto(`${host.url}/dashboards/${dashboardId}`);
    await page.getByRole('link', { name: /^Edit Generation mix/ }).click();
    await page.locator('.preview ocp-chart[state="ready"]').waitFor({ timeout: 60_000 });
    await page.waitForTimeout(400);
    await page.screenshot({ path: path.join(SHOTS, 'chart-editor.png') });
    assert.deepEqual(await a11yViolations(page), []);
  });

  test('the template builder', async () => {
    await page.goto(`${host.url}/templates`);
    await page.getByRole('heading', { name: 'Custom templates' }).waitFor();
    assert.deepEqual(await a11yViolations(page), []);
    await page.getByRole('link', { name: 'New template' }).click();
    await page.getByLabel('Name', { exact: true }).fill('Site KPIs');
    for (let i = 0; i < 4; i++) await page.getByRole('button', { name: '+ Add slot' }).click();
    await page.getByLabel('Slot type').selectOption('metric');
    await page.getByRole('checkbox', { name: 'Metric (KPI)' }).check();
    await page.locator('.template-preview ocp-slot').nth(3).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'template-builder.png') });
    assert.deepEqual(await a11yViolations(page), []);
  });

  test('the embed viewer, and how fast it draws', async (t) => {
    const api = apiClient(host.url, await sessionToken(page));
    const link = await api.sharing.create.mutate({ resourceType: 'dashboard', resourceId: dashboardId });
    const { page: viewer } = await newPage(browser, { width: 1100, height: 900 });
    const started = Date.now();
    await viewer.goto(`${host.url}/embed/${link.token}`);
    await viewer.locator('ocp-dashboard ocp-chart[state="ready"]').first().waitFor({ timeout: 60_000 });
    const first = Date.now() - started;
    await allChartsDrawn(viewer);
    const all = Date.now() - started;
    t.diagnostic(`embed viewer: first chart drawn after ${first} ms, all charts after ${all} ms`);
    await viewer.screenshot({ path: path.join(SHOTS, 'embed-viewer.png'), fullPage: true });
    assert.deepEqual(await a11yViolations(viewer), []);
    for (const name of [
      'editor.png',
      'dashboard-view.png',
      'chart-editor.png',
      'template-builder.png',
      'embed-viewer.png',
    ])
      assert.ok(fs.statSync(path.join(SHOTS, name)).size > 20_000, `${name} has content`);
    await viewer.context().close();
  });

  test('sign-in, dashboards and teams pages have no serious accessibility violations', async () => {
    const { page: anonymous } = await newPage(browser);
    await anonymous.goto(`${host.url}/sign-in`);
    await anonymous.getByRole('button', { name: 'Sign in' }).waitFor();
    assert.deepEqual(await a11yViolations(anonymous), []);
    await anonymous.context().close();
    for (const route of ['/dashboards', '/teams', '/templates', '/profile']) {
      await page.goto(`${host.url}${route}`);
      await page
        .locator(route === '/profile' ? 'form[aria-label="Profile"]' : '.card')
        .first()
        .waitFor();
      assert.deepEqual(await a11yViolations(page), [], route);
    }
  });
});
