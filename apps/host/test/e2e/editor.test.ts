import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { apiClient, createAccount, createWorkspaceChart } from './support/api.js';
import { launchBrowser, newPage, sessionToken, signIn, signUp } from './support/browser.js';
import { startTestHost, type TestHost } from './support/host.js';

/** The charts `<ocp-dashboard>` shows, by slot: `{ 'top-left': 'Revenue', … }` (titles from the loaded dashboard). */
async function placedBySlot(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const board = document.querySelector('ocp-dashboard') as HTMLElement & {
      dashboard?: { tabs: Array<{ placements: Array<{ slotKey: string; chart: { title: string } }> }> };
    };
    const out: Record<string, string> = {};
    for (const p of board.dashboard?.tabs[0]?.placements ?? []) out[p.slotKey] = p.chart.title;
    return out;
  });
}

/** Marks the page's window; a reload (or navigation) loses the mark, so `isMarked` proves an update came live. */
async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { ocpMark?: boolean }).ocpMark = true;
  });
}
const isMarked = (page: Page) => page.evaluate(() => (window as unknown as { ocpMark?: boolean }).ocpMark === true);

async function waitForPlacements(page: Page, count: number): Promise<void> {
  await page.waitForFunction(
    (n) => {
      const board = document.querySelector('ocp-dashboard') as HTMLElement & {
        dashboard?: { tabs: Array<{ placements: unknown[] }> };
      };
      return board?.getAttribute('state') === 'ready' && (board.dashboard?.tabs[0]?.placements.length ?? -1) >= n;
    },
    count,
    { timeout: 20_000 },
  );
}

describe('editor (e2e, Chromium)', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  let errors: string[];
  let dashboardUrl = '';
  const user = { email: `editor-${Date.now()}@example.com`, password: 'correct horse battery', name: 'Edith Editor' };

  before(async () => {
    [host, browser] = await Promise.all([startTestHost(), launchBrowser()]);
    ({ page, errors } = await newPage(browser));
  });
  after(async () => {
    await browser?.close();
    await host?.close();
  });

  test('a new user signs up, creates a dashboard from a template, drags one chart and places another with the keyboard; both survive a reload', async () => {
    await signUp(page, host.url, user);
    await page.getByText(/No dashboards yet/).waitFor(); // a new account starts empty

    // One chart made in the chart editor (it lands in the workspace), one made through the API as the same user.
    await page.goto(`${host.url}/charts/new`);
    await page.getByLabel('Title', { exact: true }).fill('Revenue');
    await page.locator('ocp-chart[state="ready"]').waitFor({ timeout: 30_000 }); // the live preview drew
    await page.getByRole('button', { name: 'Create chart' }).click();
    await page.getByRole('heading', { name: 'Edit Revenue' }).waitFor();
    await createWorkspaceChart(apiClient(host.url, await sessionToken(page)), 'Costs');

    // New dashboard from the "2×2 grid" template.
    await page.getByRole('link', { name: 'Dashboards', exact: true }).click();
    await page.getByRole('button', { name: 'New dashboard' }).click();
    const dialog = page.getByRole('dialog', { name: 'New dashboard' });
    await dialog.getByLabel('Title').fill('Quarterly review');
    await dialog.getByRole('radio', { name: '2×2 grid' }).click();
    await dialog.getByRole('button', { name: 'Create dashboard' }).click();
    await page.getByRole('heading', { name: 'Quarterly review', level: 1 }).waitFor();
    await page.locator('ocp-dashboard[state="ready"]').waitFor();
    dashboardUrl = page.url();

    // Drag "Revenue" from the workspace onto the top-left slot.
    const revenue = page.locator('ocp-workspace [part~="chart-item"]', { hasText: 'Revenue' });
    await revenue.waitFor();
    await revenue.dragTo(page.locator('ocp-dashboard ocp-slot[slot-key="top-left"]'));
    await waitForPlacements(page, 1);

    // Place "Costs" with the keyboard only: Place, then an arrow key to the next slot, then Enter.
    await page.getByRole('button', { name: 'Place Costs on the dashboard' }).focus();
    await page.keyboard.press('Enter');
    await page.locator('ocp-dashboard ocp-slot[armed]').waitFor();
    const armed = await page.locator('ocp-dashboard ocp-slot[armed]').getAttribute('slot-key');
    await page.keyboard.press(armed === 'top-left' ? 'ArrowRight' : 'ArrowDown');
    const target = await page.locator('ocp-dashboard ocp-slot[armed]').getAttribute('slot-key');
    await page.keyboard.press('Enter');
    await waitForPlacements(page, 2);
    assert.notEqual(target, 'top-left');

    await page.reload();
    await waitForPlacements(page, 2);
    assert.deepEqual(await placedBySlot(page), { 'top-left': 'Revenue', [target!]: 'Costs' });
    // Both render as charts in their slots.
    await page.locator('ocp-dashboard ocp-chart[slot="top-left"][state="ready"]').waitFor({ timeout: 30_000 });
    await page.locator(`ocp-dashboard ocp-chart[slot="${target}"][state="ready"]`).waitFor({ timeout: 30_000 });
    // Each chart's remove button sits in its corner; a click on the chart itself removes nothing.
    const remove = await page.getByRole('button', { name: 'Remove Revenue' }).boundingBox();
    assert.ok(remove && remove.width < 80 && remove.height < 60, JSON.stringify(remove));
    assert.deepEqual(errors, []);
  });

  test('a dashboard open in a second tab follows placements made in the first, live (no reload)', async () => {
    assert.ok(dashboardUrl, 'needs the dashboard of the first test');
    await page.goto(dashboardUrl);
    await waitForPlacements(page, 2);
    const viewer = await page.context().newPage(); // same session, second tab
    await viewer.goto(`${dashboardUrl}?mode=view`);
    await waitForPlacements(viewer, 2);
    await markPage(viewer);
    const costsSlot = Object.entries(await placedBySlot(viewer)).find(([, title]) => title === 'Costs')![0];

    // Removed in the editor: gone from the viewer.
    await page.bringToFront(); // the editor acts in front; the viewer, in the background, still follows
    await page.getByRole('button', { name: 'Remove Costs' }).click();
    await viewer.waitForFunction(
      () =>
        (
          document.querySelector('ocp-dashboard') as HTMLElement & {
            dashboard?: { tabs: Array<{ placements: unknown[] }> };
          }
        )?.dashboard?.tabs[0]?.placements.length === 1,
      null,
      { timeout: 10_000 },
    );
    // Dragged back from the workspace: drawn in the viewer.
    const costs = page.locator('ocp-workspace [part~="chart-item"]', { hasText: 'Costs' });
    await costs.dragTo(page.locator(`ocp-dashboard ocp-slot[slot-key="${costsSlot}"]`));
    await waitForPlacements(viewer, 2);
    assert.equal((await placedBySlot(viewer))[costsSlot], 'Costs');
    await viewer.locator(`ocp-dashboard ocp-chart[slot="${costsSlot}"][state="ready"]`).waitFor({ timeout: 30_000 });
    assert.equal(await isMarked(viewer), true, 'the viewer was not reloaded');
    await viewer.close();
  });

  test('editing a chart in one tab updates it on the dashboard open in a second tab, live and after reload', async () => {
    assert.ok(dashboardUrl, 'needs the dashboard of the first test');
    const viewer = await page.context().newPage(); // same session, second tab
    await viewer.goto(`${dashboardUrl}?mode=view`);
    await waitForPlacements(viewer, 2);
    await viewer.locator('ocp-dashboard ocp-chart[slot="top-left"][state="ready"]').waitFor({ timeout: 30_000 });
    await markPage(viewer);

    await page.getByRole('link', { name: 'Edit Revenue' }).click();
    await page.getByRole('heading', { name: 'Edit Revenue' }).waitFor();
    await page.getByLabel('Title', { exact: true }).fill('Revenue (EUR)');
    await page.getByLabel('Chart heading').fill('Revenue by month');
    await page.getByLabel('Type').selectOption('line');
    await page.getByRole('button', { name: 'Save' }).click();
    // Before saving, the dashboards the edit changes are listed, each with the offer to pin it (not taken here).
    const usage = page.getByRole('dialog', { name: 'Dashboards this edit changes' });
    await usage.getByRole('checkbox', { name: /pin to version/ }).waitFor();
    await usage.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved.' }).waitFor();

    const chart = viewer.locator('ocp-dashboard ocp-chart[slot="top-left"][state="ready"]');
    const showsTheEdit = async () => {
      assert.equal((await placedBySlot(viewer))['top-left'], 'Revenue (EUR)');
      await chart.waitFor({ timeout: 30_000 });
      // The new Plotly heading is drawn, and the trace is now a line (scatter) instead of bars.
      await chart.locator('.gtitle', { hasText: 'Revenue by month' }).waitFor({ timeout: 10_000 });
      assert.equal(await chart.locator('.scatterlayer .trace').count(), 1);
      assert.equal(await chart.locator('.barlayer .trace').count(), 0);
    };
    // Live, through events.dashboard: the viewer page was not reloaded.
    await chart.locator('.gtitle', { hasText: 'Revenue by month' }).waitFor({ timeout: 10_000 });
    await showsTheEdit();
    assert.equal(await isMarked(viewer), true, 'the viewer was not reloaded');
    // And the same after a reload.
    await viewer.reload();
    await waitForPlacements(viewer, 2);
    await showsTheEdit();
    await viewer.close();
  });

  test('the chart keeps its history: the first version can be restored', async () => {
    const versions = page.getByRole('region', { name: 'Chart versions' }).locator('.version-list li');
    await versions.nth(1).waitFor();
    assert.ok((await versions.count()) >= 2);
    await page.getByRole('button', { name: 'Compare and restore version 1' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Restore version 1' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /Restored version/ })
      .waitFor();
    const token = await sessionToken(page);
    const api = apiClient(host.url, token);
    const chartId = new URL(page.url()).pathname.split('/')[2]!;
    const chart = await api.charts.get.query({ id: chartId });
    assert.equal(chart.plotlyConfig.data[0]!.type, 'bar', 'the restored version is the original bar chart');
    // The whole version comes back, its title too.
    assert.equal(chart.title, 'Revenue');
  });

  test('the share dialog creates a link with its permissions and revokes it', async () => {
    await page.goto(dashboardUrl);
    await page.locator('ocp-dashboard[state="ready"]').waitFor();
    await page.getByRole('button', { name: 'Share', exact: true }).click();
    const dialog = page.locator('ocp-share-dialog');
    await dialog.getByRole('textbox', { name: 'Origins allowed to embed' }).fill('https://www.customer.example');
    await dialog.getByRole('combobox', { name: 'Expires' }).selectOption('30');
    await dialog.getByRole('button', { name: 'Create link' }).click();
    const created = dialog.getByRole('textbox', { name: 'New link' });
    await created.waitFor();
    const url = await created.inputValue();
    assert.match(url, new RegExp(`^${host.url}/embed/[A-Za-z0-9_-]{43}$`));
    const res = await fetch(url);
    assert.match(res.headers.get('content-security-policy') ?? '', /frame-ancestors https:\/\/www\.customer\.example;/);

    await dialog.getByRole('button', { name: /^Revoke link/ }).click();
    await dialog.getByText('No links yet.').waitFor();
    assert.equal((await fetch(url)).status, 404);
    await dialog.getByRole('button', { name: 'Close' }).click();
  });

  test('team management: create a team, invite a colleague who accepts, change their role, remove them; revoke an invitation', async () => {
    const colleague = { email: `colleague-${Date.now()}@example.com`, password: 'correct horse battery' };
    await createAccount(host.url, { ...colleague, displayName: 'Colin Colleague' });

    await page.getByRole('link', { name: 'Teams', exact: true }).click();
    await page.getByRole('button', { name: 'New team' }).click();
    await page.getByRole('dialog', { name: 'New team' }).getByLabel('Team name').fill('Analysts');
    await page.getByRole('button', { name: 'Create team' }).click();
    await page.getByRole('heading', { name: 'Analysts members' }).waitFor();

    const members = page.locator('table.members:not(.invitations) tbody tr');
    await page.getByLabel('Email to invite').fill(colleague.email.toUpperCase());
    await page.getByLabel('Role of the invitee').selectOption('editor');
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Invitation sent to ${colleague.email}` })
      .waitFor();
    await page.getByRole('button', { name: `Revoke the invitation of ${colleague.email}` }).waitFor();
    assert.equal(await members.count(), 1, 'nobody joins without accepting');
    // An address without an account gets the very same treatment; the admin revokes that one.
    const stranger = `nobody-${Date.now()}@example.com`;
    await page.getByLabel('Email to invite').fill(stranger);
    await page.getByRole('button', { name: 'Send invitation' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Invitation sent to ${stranger}` })
      .waitFor();
    await page.getByRole('button', { name: `Revoke the invitation of ${stranger}` }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Invitation of ${stranger} revoked.` })
      .waitFor();
    await page.getByRole('button', { name: `Revoke the invitation of ${stranger}` }).waitFor({ state: 'detached' });

    // The colleague signs in, finds the invitation on the teams page and accepts it.
    const { context: theirs, page: colin } = await newPage(browser);
    try {
      await signIn(colin, host.url, colleague);
      await colin.getByRole('link', { name: 'Teams', exact: true }).click();
      await colin.getByRole('heading', { name: 'Invitations for you' }).waitFor();
      await colin.getByRole('button', { name: 'Accept the invitation to Analysts' }).click();
      await colin.getByRole('heading', { name: 'Analysts members' }).waitFor();
      assert.equal(await colin.getByRole('heading', { name: 'Invitations for you' }).count(), 0);
    } finally {
      await theirs.close();
    }

    await page.reload();
    await page.getByRole('combobox', { name: 'Role of Colin Colleague' }).waitFor();
    await page.getByText('No pending invitations.').waitFor();
    assert.equal(await members.count(), 2);
    assert.equal(await page.getByRole('combobox', { name: 'Role of Colin Colleague' }).inputValue(), 'editor');

    await page.getByRole('combobox', { name: 'Role of Colin Colleague' }).selectOption('viewer');
    await page.getByRole('status').filter({ hasText: 'Colin Colleague is now viewer.' }).waitFor();
    const api = apiClient(host.url, await sessionToken(page));
    const team = (await api.teams.list.query()).find((t) => t.name === 'Analysts')!;
    const roles = (await api.teams.members.list.query({ teamId: team.id })).map((m) => m.role).sort();
    assert.deepEqual(roles, ['admin', 'viewer']);

    await members.filter({ hasText: 'Colin Colleague' }).getByRole('button', { name: 'Remove' }).click();
    await page.getByRole('status').filter({ hasText: 'removed' }).waitFor();
    await page.getByRole('heading', { name: 'Analysts members' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('table.members tbody tr').length === 1);
  });

  test('tabs: add one with its own template, rename it, move it first; a saved dashboard version restores placements', async () => {
    await page.goto(dashboardUrl);
    await page.locator('ocp-dashboard[state="ready"]').waitFor();
    await page.getByRole('button', { name: '+ Add tab' }).click();
    const add = page.getByRole('dialog', { name: 'Add a tab' });
    await add.getByLabel('Tab title').fill('Details');
    await add.getByRole('radio', { name: 'Single' }).click();
    await add.getByRole('button', { name: 'Add tab' }).click();
    await page.locator('.tab-chip', { hasText: 'Details' }).waitFor();

    await page.getByRole('button', { name: 'Rename tab Details' }).click();
    const rename = page.getByRole('dialog', { name: 'Rename tab' });
    await rename.getByLabel('Tab title').fill('Detail view');
    await rename.getByRole('button', { name: 'Rename' }).click();
    await page.getByRole('button', { name: 'Move tab Detail view left' }).click();
    await page.getByRole('status').filter({ hasText: 'Tabs reordered.' }).waitFor();

    const api = apiClient(host.url, await sessionToken(page));
    const id = new URL(dashboardUrl).pathname.split('/')[2]!;
    let dashboard = await api.dashboards.get.query({ id });
    assert.deepEqual(
      dashboard.tabs.map((t) => [t.title, t.template.name]),
      [
        ['Detail view', 'Single'],
        ['Overview', '2×2 grid'],
      ],
    );

    // Save a version, remove a chart through the UI, save again, then restore the first version from the history.
    const history = page.getByRole('dialog', { name: 'Version history' });
    const saveVersion = async (summary: string) => {
      await page.getByRole('button', { name: 'History' }).click();
      await history.getByRole('textbox', { name: 'Version description' }).fill(summary);
      await history.getByRole('button', { name: 'Save version' }).click();
      await history.getByText(summary).waitFor();
      await history.getByRole('button', { name: 'Close' }).click();
    };
    await saveVersion('Two charts');
    await page.locator('ocp-dashboard').getByRole('tab', { name: 'Overview' }).click();
    await page.getByRole('button', { name: 'Remove Costs' }).click();
    await page.getByRole('button', { name: 'Remove Costs' }).waitFor({ state: 'detached' });
    dashboard = await api.dashboards.get.query({ id });
    assert.equal(dashboard.tabs[1]!.placements.length, 1);
    await saveVersion('Without costs');

    await page.getByRole('button', { name: 'History' }).click();
    await history
      .getByRole('listitem')
      .filter({ hasText: 'Two charts' })
      .getByRole('button', { name: /^Restore version/ })
      .click();
    await page
      .getByRole('status')
      .filter({ hasText: /Restored version/ })
      .waitFor();
    dashboard = await api.dashboards.get.query({ id });
    const overview = dashboard.tabs.find((t) => t.title === 'Overview')!;
    assert.deepEqual(overview.placements.map((p) => p.chart?.title).sort(), ['Costs', 'Revenue']);
  });

  test('workspace panel: search, folders, tags and favorites narrow the list', async () => {
    await page.goto(dashboardUrl);
    const workspace = page.locator('ocp-workspace');
    const items = workspace.locator('[part~="item"]');
    await items.first().waitFor();
    assert.equal(await items.count(), 2);

    await workspace.getByRole('searchbox', { name: 'Search the workspace' }).fill('costs');
    await page.waitForFunction(
      () => document.querySelector('ocp-workspace')?.shadowRoot?.querySelectorAll('[part~="item"]').length === 1,
    );
    assert.match((await items.first().textContent()) ?? '', /Costs/);
    await workspace.getByRole('searchbox', { name: 'Search the workspace' }).fill('');

    await workspace.getByRole('button', { name: /Sales/ }).first().click(); // the /Sales folder holds Costs only
    await page.waitForFunction(
      () => document.querySelector('ocp-workspace')?.shadowRoot?.querySelectorAll('[part~="item"]').length === 1,
    );
    await workspace.getByRole('button', { name: 'All items' }).click();

    await workspace.getByRole('button', { name: 'Favorite Revenue', exact: true }).click();
    await workspace.getByRole('button', { name: 'Favorite Revenue', pressed: true, exact: true }).waitFor();
    await workspace.getByRole('button', { name: '★ Favorites' }).click();
    await page.waitForFunction(
      () => document.querySelector('ocp-workspace')?.shadowRoot?.querySelectorAll('[part~="item"]').length === 1,
    );
    assert.match((await items.first().textContent()) ?? '', /Revenue/);
    await workspace.getByRole('button', { name: '★ Favorites' }).click();

    await workspace.getByRole('button', { name: '#sales' }).click();
    await page.waitForFunction(
      () => document.querySelector('ocp-workspace')?.shadowRoot?.querySelectorAll('[part~="item"]').length === 1,
    );
  });

  test('a CSV file imported in the chart editor becomes a dataset the saved chart draws', async () => {
    await page.goto(`${host.url}/charts/new`);
    await page.getByLabel('Title', { exact: true }).fill('Imported sites');
    await page.getByLabel(/import a CSV or JSON file/).setInputFiles({
      name: 'site energy.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from('site,"energy kWh"\nNorth,120\nSouth,95.5\nEast,60\n'),
    });
    await page.getByRole('status').filter({ hasText: 'Imported 3 rows from site energy.csv' }).waitFor();
    assert.equal(await page.getByLabel('Kind').inputValue(), 'dataset');
    const datasetId = await page.getByLabel('Dataset', { exact: true }).inputValue();
    await page.getByLabel('X column').fill('site');
    await page.getByLabel('Y columns (comma separated)').fill('energy kWh');
    await page.getByRole('button', { name: 'Create chart' }).click();
    await page.getByRole('heading', { name: 'Edit Imported sites' }).waitFor();

    const api = apiClient(host.url, await sessionToken(page));
    const item = await api.workspace.items.get.query({ id: datasetId });
    assert.equal(item.itemType, 'dataset');
    assert.equal(item.title, 'site energy');
    const chartId = new URL(page.url()).pathname.split('/')[2]!;
    const data = await api.charts.data.query({ chartId });
    assert.deepEqual(data.traces[0]!.x, ['North', 'South', 'East']);
    assert.deepEqual(data.traces[0]!.y, [120, 95.5, 60]);
  });

  test('a team viewer reads the dashboard: chart titles, and no editing controls or placeholders anywhere', async () => {
    const owner = apiClient(host.url, await sessionToken(page));
    const team = await owner.teams.create.mutate({ name: 'Readers' });
    const reader = { email: `reader-${Date.now()}@example.com`, password: 'correct horse battery', displayName: 'Rea' };
    await createAccount(host.url, reader);
    const session = await apiClient(host.url).auth.signIn.mutate({ email: reader.email, password: reader.password });
    const invitation = await owner.teams.invitations.create.mutate({
      teamId: team.id,
      email: reader.email,
      role: 'viewer',
    });
    await apiClient(host.url, session.token).teams.invitations.accept.mutate({ id: invitation.id });
    const templates = await owner.templates.list.query();
    const board = await owner.dashboards.create.mutate({
      title: 'Team board',
      templateId: templates.find((t) => t.name === '2×2 grid')!.id,
      ownerTeamId: team.id,
    });
    const chart = await owner.charts.create.mutate({
      title: 'Team revenue',
      description: 'Revenue of the whole team, by month.',
      chartType: 'bar',
      ownerTeamId: team.id,
      plotlyConfig: { data: [{ type: 'bar' }] },
      dataSourceConfig: {
        kind: 'inline',
        columns: { month: ['Jan', 'Feb'], value: [3, 5] },
        mapping: { x: 'month', y: ['value'] },
      },
    });
    await owner.placements.place.mutate({ tabId: board.tabs[0]!.id, slotKey: 'top-left', chartId: chart.id });

    const { page: rp, errors } = await newPage(browser);
    await rp.goto(`${host.url}/sign-in`);
    await rp.evaluate((s) => localStorage.setItem('ocp.session', JSON.stringify(s)), session);
    // The dashboard's own address opens the editor for editors; a viewer gets the dashboard alone.
    for (const url of [`${host.url}/dashboards/${board.id}`, `${host.url}/dashboards/${board.id}?mode=view`]) {
      await rp.goto(url);
      await rp.locator('ocp-dashboard ocp-chart[state="ready"]').waitFor({ timeout: 30_000 });
      await rp.getByRole('heading', { name: 'Team board', level: 1 }).waitFor();
      assert.equal(await rp.locator('ocp-chart [part="title"]').textContent(), 'Team revenue', url);
      for (const name of ['Rename', 'History', 'Share', 'New chart', 'Edit', 'View', '+ Add tab']) {
        assert.equal(await rp.getByRole('button', { name, exact: true }).count(), 0, `${name} button at ${url}`);
        assert.equal(await rp.getByRole('link', { name, exact: true }).count(), 0, `${name} link at ${url}`);
      }
      assert.equal(await rp.getByRole('button', { name: /^Remove / }).count(), 0, url);
      assert.equal(await rp.locator('aside.side:visible, .tab-manager:visible').count(), 0, url);
      assert.equal(await rp.getByText(/Drop a chart here|Accepts:/).count(), 0, url);
      assert.equal(await rp.locator('ocp-dashboard[mode="edit"]').count(), 0, url);
    }
    assert.deepEqual(errors, []);
    await rp.context().close();
  });
});
