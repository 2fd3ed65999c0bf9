import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { appRouter } from '@ocp/server';
import type { Browser, Frame, Page } from 'playwright-core';
import { apiClient, createAccount, createWorkspaceChart } from './support/api.js';
import { launchBrowser, newPage } from './support/browser.js';
import { startTestHost, type TestHost } from './support/host.js';
import { type ParentSite, startParentSite } from './support/origins.js';

/** Every mutation of the API except sign-up/sign-in (which are public by design and touch no shared data). */
function writeProcedures(): string[] {
  const procedures = (appRouter._def as unknown as { procedures: Record<string, { _def: { type: string } }> })
    .procedures;
  return Object.entries(procedures)
    .filter(([path, p]) => p._def.type === 'mutation' && !path.startsWith('auth.'))
    .map(([path]) => path)
    .sort();
}

async function embedFrame(page: Page, hostUrl: string): Promise<Frame> {
  for (let i = 0; i < 100; i++) {
    const frame = page.frames().find((f) => f.url().startsWith(`${hostUrl}/embed/`));
    if (frame) return frame;
    await page.waitForTimeout(100);
  }
  throw new Error('no embed frame');
}

describe('sharing-link viewer /embed/<token> (e2e, Chromium)', () => {
  let host: TestHost;
  let browser: Browser;
  let allowed: ParentSite;
  let other: ParentSite;
  let token = '';
  let linkId = '';
  let ownerToken = '';

  before(async () => {
    [host, browser, allowed, other] = await Promise.all([
      startTestHost(),
      launchBrowser(),
      startParentSite(),
      startParentSite(),
    ]);
    ownerToken = await createAccount(host.url, {
      email: `owner-${Date.now()}@example.com`,
      password: 'correct horse battery',
      displayName: 'Owner',
    });
    const api = apiClient(host.url, ownerToken);
    const templates = await api.templates.list.query();
    const dashboard = await api.dashboards.create.mutate({
      title: 'Shared sales',
      templateId: templates.find((t) => t.name === 'Two columns')!.id,
    });
    const tab = dashboard.tabs[0]!;
    const a = await createWorkspaceChart(api, 'Revenue');
    const b = await createWorkspaceChart(api, 'Costs', 'line');
    await api.placements.place.mutate({ tabId: tab.id, slotKey: 'left', chartId: a.id });
    await api.placements.place.mutate({ tabId: tab.id, slotKey: 'right', chartId: b.id });
    const link = await api.sharing.create.mutate({
      resourceType: 'dashboard',
      resourceId: dashboard.id,
      permissions: { view: true, interact: true, allowedOrigins: [allowed.origin] },
    });
    token = link.token;
    linkId = link.id;
  });
  after(async () => {
    await browser?.close();
    await Promise.all([host?.close(), allowed?.close(), other?.close()]);
  });

  test('the response names exactly the allowed origins in CSP frame-ancestors, sets no cookie, and is not cached', async () => {
    const res = await fetch(`${host.url}/embed/${token}`);
    assert.equal(res.status, 200);
    assert.match(
      res.headers.get('content-security-policy') ?? '',
      new RegExp(`frame-ancestors ${allowed.origin}(;|$)`),
    );
    assert.equal(res.headers.get('set-cookie'), null);
    assert.equal(res.headers.get('cache-control'), 'no-store');
    // A link that allows no embedding: frame-ancestors 'none'.
    const api = apiClient(host.url, ownerToken);
    const { resourceId } = (await api.sharing.list.query({})).find((l) => l.id === linkId)!;
    const plain = await api.sharing.create.mutate({ resourceType: 'dashboard', resourceId });
    const res2 = await fetch(`${host.url}/embed/${plain.token}`);
    assert.match(res2.headers.get('content-security-policy') ?? '', /frame-ancestors 'none'/);
  });

  test('framed on an allowed origin it renders the charts, reports its height to that origin only, and ignores other origins', async (t) => {
    const { page, errors, problems, offHost } = await newPage(browser);
    // The same browser is signed in to the app: the viewer must still send no credentials.
    await page.goto(`${host.url}/sign-in`);
    await page.evaluate(
      (tok) => localStorage.setItem('ocp.session', JSON.stringify({ token: tok, user: {} })),
      ownerToken,
    );
    const apiCalls: Array<{ url: string; auth: string | undefined; cookie: string | undefined }> = [];
    page.on('request', (r) => {
      if (r.url().startsWith(`${host.url}/trpc`))
        apiCalls.push({ url: r.url(), auth: r.headers().authorization, cookie: r.headers().cookie });
    });

    const started = Date.now();
    const src = `${host.url}/embed/${token}`;
    await page.goto(
      `${allowed.origin}/frame?src=${encodeURIComponent(src)}&poster=${encodeURIComponent(`${other.origin}/poster`)}`,
    );
    const frame = await embedFrame(page, host.url);
    await frame.locator('ocp-chart[state="ready"]').nth(1).waitFor({ timeout: 30_000 });
    t.diagnostic(`embed: both charts drawn ${Date.now() - started} ms after navigation`);
    assert.equal(await frame.locator('ocp-chart').count(), 2);
    assert.equal(await frame.locator('ocp-dashboard').getAttribute('state'), 'ready');
    // Each chart shows its title.
    assert.deepEqual(await frame.locator('ocp-chart [part="title"]').allTextContents(), ['Revenue', 'Costs']);
    // The mode bar exports, and has nothing that uploads the figure (Plotly Cloud) or links off the host.
    await frame.locator('ocp-chart').first().hover();
    const buttons = await frame
      .locator('ocp-chart .modebar-btn')
      .evaluateAll((all) => all.map((b) => b.getAttribute('data-title') ?? ''));
    assert.ok(buttons.includes('Download plot as a PNG'), buttons.join());
    assert.deepEqual(
      buttons.filter((b) => /share|cloud|studio/i.test(b)),
      [],
    );
    assert.equal(await frame.locator('ocp-chart .modebar a[href]').count(), 0);

    // Height reports reach the parent, from the viewer's origin.
    await page.waitForFunction(() =>
      (window as unknown as { messages: Array<{ data: { type?: string } }> }).messages.some(
        (m) => m.data?.type === 'ocp:embed-height',
      ),
    );
    const messages = await page.evaluate(
      () =>
        (window as unknown as { messages: Array<{ origin: string; data: { type: string; height?: number } }> })
          .messages,
    );
    const heights = messages.filter((m) => m.data.type === 'ocp:embed-height');
    assert.ok(heights.every((m) => m.origin === host.url));
    assert.ok(heights.at(-1)!.data.height! > 200);

    // The intruder frame (another origin) asked for dark theme: ignored.
    const poster = page.frames().find((f) => f.url().startsWith(`${other.origin}/poster`))!;
    await poster.waitForFunction(() => document.title === 'posted');
    await page.waitForTimeout(300);
    assert.equal(await frame.locator('ocp-dashboard').getAttribute('theme'), null);
    // The embedding page itself may.
    await page.evaluate(() =>
      (document.getElementById('ocp') as HTMLIFrameElement).contentWindow!.postMessage(
        { type: 'ocp:set-theme', theme: 'dark' },
        '*',
      ),
    );
    await frame.locator('ocp-dashboard[theme="dark"]').waitFor();

    // No credentials on any API call of the viewer, and only the sharing procedures.
    assert.ok(apiCalls.length > 0);
    for (const call of apiCalls) {
      assert.equal(call.auth, undefined, call.url);
      assert.equal(call.cookie, undefined, call.url);
      assert.match(new URL(call.url).pathname, /^\/trpc\/(sharing\.(resolve|chartData),?)+$/, call.url);
    }
    assert.deepEqual(errors, []);
    // No request left loopback while the dashboard rendered, and nothing broke the viewer's CSP.
    assert.deepEqual(offHost, []);
    assert.deepEqual(
      problems.filter((p) => !/frame-ancestors/.test(p)),
      [],
    );
    await page.context().close();
  });

  test('the frame follows its content both ways: taller tab, shorter tab, narrower and wider frame; a view-only link still switches tabs', async (t) => {
    const api = apiClient(host.url, ownerToken);
    const templates = await api.templates.list.query();
    const template = (name: string) => templates.find((x) => x.name === name)!.id;
    const dashboard = await api.dashboards.create.mutate({ title: 'Fitting', templateId: template('2×2 grid') });
    await api.tabs.update.mutate({ id: dashboard.tabs[0]!.id, title: 'Big' });
    const small = await api.tabs.create.mutate({
      dashboardId: dashboard.id,
      title: 'Small',
      templateId: template('Two columns'),
    });
    const chart = await createWorkspaceChart(api, 'Margin');
    await api.placements.place.mutate({ tabId: dashboard.tabs[0]!.id, slotKey: 'top-left', chartId: chart.id });
    await api.placements.place.mutate({ tabId: small.id, slotKey: 'left', chartId: chart.id });
    const link = await api.sharing.create.mutate({
      resourceType: 'dashboard',
      resourceId: dashboard.id,
      permissions: { view: true, interact: false, allowedOrigins: [allowed.origin] },
    });

    const { page, errors } = await newPage(browser, { width: 1400, height: 700 });
    await page.goto(`${allowed.origin}/frame?fit=1&src=${encodeURIComponent(`${host.url}/embed/${link.token}`)}`);
    const frame = await embedFrame(page, host.url);
    await frame.locator('ocp-dashboard ocp-chart[state="ready"]').waitFor({ timeout: 30_000 });
    const iframe = page.locator('#ocp');

    /** The frame's height once it matches the viewer's content and no longer changes; the content must fit. */
    const settled = async () => {
      let previous = -1;
      for (let i = 0; i < 100; i++) {
        const [frameHeight, content] = await Promise.all([
          iframe.evaluate((f) => (f as HTMLElement).getBoundingClientRect().height),
          frame.evaluate(() => Math.ceil(document.getElementById('viewer')!.getBoundingClientRect().height)),
        ]);
        if (Math.abs(frameHeight - content) <= 1 && frameHeight === previous) {
          const scrolls = await frame.evaluate(() => document.documentElement.scrollHeight > innerHeight + 1);
          assert.equal(scrolls, false, 'the content fits the frame without scrolling');
          return frameHeight;
        }
        previous = frameHeight;
        await page.waitForTimeout(100);
      }
      throw new Error('the frame did not settle on its content height');
    };

    const big = await settled();
    // interact: false keeps the charts static, not the tabs.
    assert.equal(await frame.locator('ocp-chart[static-plot]').count(), 1);
    await frame.getByRole('tab', { name: 'Small' }).click({ timeout: 5_000 });
    const shorter = await settled();
    assert.ok(shorter < big - 150, `a shorter tab shrinks the frame: ${big} → ${shorter}`);
    await iframe.evaluate((f) => {
      (f as HTMLElement).style.width = '420px';
    });
    const narrow = await settled();
    assert.ok(narrow > shorter + 150, `a narrower frame stacks the slots and grows: ${shorter} → ${narrow}`);
    await iframe.evaluate((f) => {
      (f as HTMLElement).style.width = '1200px';
    });
    const wide = await settled();
    assert.ok(wide < narrow - 150, `a wider frame shrinks again: ${narrow} → ${wide}`);
    await frame.getByRole('tab', { name: 'Big' }).click({ timeout: 5_000 });
    const taller = await settled();
    assert.ok(taller > wide + 150, `a taller tab grows the frame: ${wide} → ${taller}`);
    t.diagnostic(`frame heights: big ${big}, small ${shorter}, narrow ${narrow}, wide ${wide}, big again ${taller}`);
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('the viewer cannot call any write procedure', async () => {
    const { page } = await newPage(browser);
    await page.goto(`${allowed.origin}/frame?src=${encodeURIComponent(`${host.url}/embed/${token}`)}`);
    const frame = await embedFrame(page, host.url);
    await frame.locator('ocp-dashboard[state="ready"]').waitFor({ timeout: 30_000 });
    const paths = writeProcedures();
    assert.ok(paths.length >= 30, `found ${paths.length} write procedures`);
    const results = await frame.evaluate(
      async ({ paths, token }) => {
        const out: Record<string, number[]> = {};
        for (const path of paths) {
          const anonymous = await fetch(`/trpc/${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: '{}',
          });
          // The sharing token is not a credential either.
          const withToken = await fetch(`/trpc/${path}`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
            body: '{}',
          });
          out[path] = [anonymous.status, withToken.status];
        }
        return out;
      },
      { paths, token },
    );
    for (const [path, statuses] of Object.entries(results)) assert.deepEqual(statuses, [401, 401], path);
    await page.context().close();
  });

  test('an origin the link does not allow cannot frame it', async () => {
    const { page } = await newPage(browser);
    const refusals: string[] = [];
    page.on('console', (m) => {
      if (/frame-ancestors/.test(m.text())) refusals.push(m.text());
    });
    await page.goto(`${other.origin}/frame?src=${encodeURIComponent(`${host.url}/embed/${token}`)}`);
    for (let i = 0; i < 50 && refusals.length === 0; i++) await page.waitForTimeout(100);
    assert.equal(refusals.length, 1, 'Chromium reports the CSP frame-ancestors refusal');
    // Nothing of the viewer ran in the frame.
    for (const frame of page.frames()) {
      if (frame === page.mainFrame()) continue;
      const count = await frame
        .locator('ocp-dashboard')
        .count()
        .catch(() => 0);
      assert.equal(count, 0, frame.url());
    }
    await page.context().close();
  });

  test('the plain-HTML example (one module script + <ocp-dashboard>) shows the shared dashboard', async () => {
    const { page, errors } = await newPage(browser);
    await page.goto(`${host.url}/examples/plain.html?share=${token}`);
    await page.locator('ocp-dashboard[state="ready"]').waitFor({ timeout: 30_000 });
    await page.locator('ocp-dashboard ocp-chart[state="ready"]').nth(1).waitFor({ timeout: 30_000 });
    assert.deepEqual(errors, []);
    await page.context().close();
  });

  test('a revoked link shows the "no longer available" page, inside the frame too', async () => {
    await apiClient(host.url, ownerToken).sharing.revoke.mutate({ id: linkId });
    const { page } = await newPage(browser);
    await page.goto(`${allowed.origin}/frame?src=${encodeURIComponent(`${host.url}/embed/${token}`)}`);
    const frame = await embedFrame(page, host.url);
    await frame.getByRole('heading', { name: 'This link is no longer available' }).waitFor();
    assert.match((await frame.locator('body').textContent()) ?? '', /expired or been revoked/);
    const res = await fetch(`${host.url}/embed/${token}`);
    assert.equal(res.status, 404);
    assert.doesNotMatch(await res.text(), /Shared sales/);
    await page.context().close();
  });

  // Last: it empties this address's bucket for wrong tokens.
  test('guessing tokens at /embed is rate limited like sharing.resolve', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) {
      const guess = `guess${i}`.padEnd(43, 'x');
      statuses.push((await fetch(`${host.url}/embed/${guess}`)).status);
    }
    assert.equal(statuses[0], 404);
    assert.equal(statuses.at(-1), 429);
  });
});
