import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { Browser, Frame, Page } from 'playwright-core';
import { DEMO_EMAIL } from '../../server/boot.js';
import { apiClient } from './support/api.js';
import { launchBrowser, newPage, sessionToken, signIn } from './support/browser.js';
import { startTestHost, type TestHost } from './support/host.js';

/** Screenshots of this run, for people to look at; ignored by git (never docs/ from a test). */
const SHOTS = path.resolve(import.meta.dirname, '../../.test-results/screenshots');
const DEMO_PASSWORD = 'demo-app-pages-1';

/**
 * Waits until every chart of the dashboard drew (or had nothing to draw). Charts draw when they come near the
 * viewport, so on a small screen each one is scrolled to in turn; the page ends scrolled back to the top.
 */
async function chartsDrawn(target: Page | Frame): Promise<void> {
  await target.locator('ocp-dashboard[state="ready"]').waitFor({ timeout: 60_000 });
  await target.waitForFunction(
    () => {
      const charts = [...(document.querySelector('ocp-dashboard')?.shadowRoot?.querySelectorAll('ocp-chart') ?? [])];
      const waiting = charts.find((c) => !['ready', 'empty'].includes(c.getAttribute('state') ?? ''));
      waiting?.scrollIntoView({ block: 'center' });
      if (charts.length > 0 && !waiting) scrollTo(0, 0);
      return charts.length > 0 && !waiting;
    },
    null,
    { timeout: 60_000, polling: 200 },
  );
}

interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}
const overlap = (a: Box, b: Box) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

describe('app pages: CSP, phones (e2e, Chromium)', () => {
  let host: TestHost;
  let browser: Browser;
  let dashboardId = '';
  let shareToken = '';
  let token = '';

  before(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    [host, browser] = await Promise.all([startTestHost({ demo: true, demoPassword: DEMO_PASSWORD }), launchBrowser()]);
    const { page, context } = await newPage(browser);
    await signIn(page, host.url, { email: DEMO_EMAIL, password: DEMO_PASSWORD });
    token = await sessionToken(page);
    await context.close();
    const api = apiClient(host.url, token);
    dashboardId = (await api.dashboards.list.query({ search: 'Energy overview' }))[0]!.id;
    ({ token: shareToken } = await api.sharing.create.mutate({
      resourceType: 'dashboard',
      resourceId: dashboardId,
      permissions: { view: true, interact: true },
    }));
  });
  after(async () => {
    await browser?.close();
    await host?.close();
  });

  test('every app page is sent with a strict CSP: scripts from the host only, no inline script, never framed', async () => {
    for (const route of ['/', '/sign-in', `/dashboards/${dashboardId}`, '/index.html']) {
      const res = await fetch(`${host.url}${route}`, { headers: { accept: 'text/html' } });
      assert.equal(res.status, 200, route);
      const csp = res.headers.get('content-security-policy') ?? '';
      const scriptSrc = /(?:^|;\s*)script-src ([^;]*)/.exec(csp)?.[1];
      assert.equal(scriptSrc, "'self'", `${route}: ${csp}`);
      assert.match(csp, /default-src 'self'/, route);
      assert.match(csp, /object-src 'none'/, route);
      assert.match(csp, /frame-ancestors 'none'/, route);
      assert.doesNotMatch(await res.text(), /<script(?![^>]*\bsrc=)[^>]*>/, `${route} has no inline script`);
    }
  });

  test('the app works under it: sign-in, dashboards, editor (with a WebGL chart), chart editor, teams — no violation, no dev-mode Lit', async () => {
    const api = apiClient(host.url, token);
    const templates = await api.templates.list.query();
    // More markers than <ocp-chart> draws as SVG anyway (SVG_MARKER_POINTS), kept whole: the chart needs WebGL.
    const many = Array.from({ length: 1500 }, (_, i) => i);
    const gl = await api.charts.create.mutate({
      title: 'Many points',
      chartType: 'scatter',
      plotlyConfig: { data: [{ type: 'scattergl', mode: 'markers' }] },
      dataSourceConfig: {
        kind: 'inline',
        columns: { x: many, y: many.map((i) => (i * 7) % 13) },
        mapping: { x: 'x', y: ['y'] },
        transforms: [{ type: 'downsample', method: 'none' }],
      },
    });
    const board = await api.dashboards.create.mutate({
      title: 'WebGL board',
      templateId: templates.find((t) => t.name === 'Single')!.id,
    });
    await api.placements.place.mutate({ tabId: board.tabs[0]!.id, slotKey: 'main', chartId: gl.id });

    const { page, errors, problems, offHost } = await newPage(browser);
    await page.goto(`${host.url}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.evaluate((t) => localStorage.setItem('ocp.session', JSON.stringify({ token: t, user: {} })), token);
    await page.goto(`${host.url}/dashboards`);
    await page.locator('.card').first().waitFor();
    await page.goto(`${host.url}/dashboards/${dashboardId}`);
    await chartsDrawn(page);
    await page.goto(`${host.url}/dashboards/${board.id}?mode=view`);
    await chartsDrawn(page);
    assert.equal(await page.locator('ocp-chart[renderer="webgl"]').count(), 1, 'the scattergl chart drew with WebGL');
    await page.goto(`${host.url}/charts/${gl.id}`);
    await page.locator('.preview ocp-chart[state="ready"]').waitFor({ timeout: 30_000 });
    await page.goto(`${host.url}/teams`);
    await page.getByRole('button', { name: 'New team' }).waitFor();

    // An injected inline script does not run: the policy holds.
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.inlineRan = true';
      document.body.append(script);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { inlineRan?: boolean }).inlineRan === true;
    });
    assert.equal(ran, false);
    assert.ok(
      problems.some((p) => /CSP violation: script-src/.test(p)),
      problems.join('\n'),
    );
    assert.deepEqual(
      problems.filter(
        (p) =>
          // The injected script's refusal (expected), and the software GL's performance notes (not the app's).
          !/CSP violation: script-src(-elem)? blocked inline|Executing inline script violates|GL Driver Message/.test(
            p,
          ),
      ),
      [],
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(offHost, []);
    await page.context().close();
  });

  test('390 px phone: the header does not overflow, and the mode bar never covers a legend', async (t) => {
    const { page, errors } = await newPage(browser, { width: 390, height: 844, mobile: true });
    await page.goto(`${host.url}/sign-in`);
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, 'phone-sign-in.png') });
    await page.evaluate(
      (tok) =>
        localStorage.setItem(
          'ocp.session',
          JSON.stringify({ token: tok, user: { displayName: 'Demo User', email: 'demo@ocp.local' } }),
        ),
      token,
    );

    const pages: Array<[string, string, () => Promise<unknown>]> = [
      ['/dashboards', 'phone-dashboards.png', () => page.locator('.card').first().waitFor()],
      [`/dashboards/${dashboardId}?mode=view`, 'phone-dashboard-view.png', () => chartsDrawn(page)],
      [`/dashboards/${dashboardId}`, 'phone-editor.png', () => chartsDrawn(page)],
      ['/teams', 'phone-teams.png', () => page.getByRole('button', { name: 'New team' }).waitFor()],
    ];
    for (const [route, shot, ready] of pages) {
      await page.goto(`${host.url}${route}`);
      await ready();
      await page.waitForTimeout(300);
      const widths = await page.evaluate(() => {
        const header = document.querySelector('.app-header') as HTMLElement;
        return {
          page: document.documentElement.scrollWidth,
          header: header.scrollWidth,
          headerBox: Math.round(header.getBoundingClientRect().right),
        };
      });
      t.diagnostic(`${route}: ${JSON.stringify(widths)}`);
      assert.ok(
        widths.header <= 390 && widths.headerBox <= 390,
        `${route}: the header fits (${JSON.stringify(widths)})`,
      );
      assert.ok(widths.page <= 390, `${route}: the page does not scroll sideways (${JSON.stringify(widths)})`);
      await page.screenshot({ path: path.join(SHOTS, shot), fullPage: true });
    }

    // The embed viewer on a phone: tap each chart (a touch screen shows the mode bar for good), then compare.
    await page.goto(`${host.url}/embed/${shareToken}`);
    await chartsDrawn(page);
    const charts = page.locator('ocp-chart[state="ready"]');
    let legends = 0;
    for (let i = 0; i < (await charts.count()); i++) {
      const chart = charts.nth(i);
      await chart.scrollIntoViewIfNeeded();
      const plot = await chart.locator('[part="plot"]').boundingBox();
      await page.touchscreen.tap(plot!.x + plot!.width / 2, plot!.y + plot!.height - 12);
      await page.waitForTimeout(400);
      if ((await chart.locator('.legend').count()) === 0) continue; // e.g. a heatmap: a colour bar, no legend
      const modebar = await chart.locator('.modebar').boundingBox();
      const legend = await chart.locator('.legend').first().boundingBox();
      if (!modebar || !legend) continue;
      legends++;
      assert.ok(
        !overlap(modebar, legend),
        `chart ${i}: mode bar ${JSON.stringify(modebar)} covers legend ${JSON.stringify(legend)}`,
      );
    }
    assert.ok(legends >= 2, `checked ${legends} charts with a legend`);
    await page.evaluate(() => scrollTo(0, 0));
    await page.screenshot({ path: path.join(SHOTS, 'phone-embed-viewer.png'), fullPage: true });
    assert.deepEqual(errors, []);
    await page.context().close();
  });
});
