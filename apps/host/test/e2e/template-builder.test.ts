import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { a11yViolations } from './support/a11y.js';
import { createWorkspaceChart } from './support/api.js';
import { signedInPage } from './support/browser.js';
import { hostAndBrowser, screenshotsDir } from './support/suite.js';

const SHOTS = screenshotsDir();

/** Drags across the builder's grid from cell (x1, y1) to cell (x2, y2). */
async function draw(page: Page, from: [number, number], to: [number, number]) {
  const cell = (x: number, y: number) => page.locator(`.draw-cell[data-x="${x}"][data-y="${y}"]`);
  const a = (await cell(...from).boundingBox())!;
  const b = (await cell(...to).boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  await page.mouse.move((a.x + b.x) / 2 + b.width / 2, (a.y + b.y) / 2 + b.height / 2, { steps: 4 });
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 4 });
  await page.mouse.up();
}

async function placements(page: Page): Promise<Record<string, string>> {
  return page.evaluate(() => {
    const board = document.querySelector('ocp-dashboard') as HTMLElement & {
      dashboard?: { tabs: Array<{ placements: Array<{ slotKey: string; chart: { title: string } }> }> };
    };
    return Object.fromEntries((board.dashboard?.tabs[0]?.placements ?? []).map((p) => [p.slotKey, p.chart.title]));
  });
}

describe('template builder: draw a template, use it, its constraints hold (e2e, Chromium)', () => {
  const suite = hostAndBrowser();

  test('draw two slots (a KPI tile for metrics only, a wide chart slot), create a dashboard with it, place charts', async () => {
    const { host, browser } = suite;
    const { context, page, errors, api } = await signedInPage(browser, host.url, 'Bea');
    try {
      const revenue = await createWorkspaceChart(api, 'Revenue', 'bar');
      await createWorkspaceChart(api, 'Uptime', 'metric');

      await page.getByRole('link', { name: 'Templates', exact: true }).click();
      await page.getByText('No custom templates yet').waitFor();
      await page.getByRole('link', { name: 'New template' }).click();
      await page.getByLabel('Name', { exact: true }).fill('Ops board');

      // A 4×2 KPI tile, limited to metrics.
      await draw(page, [0, 0], [3, 1]);
      await page.locator('.draw-slot[data-slot-key="slot-1"]').waitFor();
      await page.getByLabel('Label (letters, digits, - and _)').fill('kpi');
      await page.getByLabel('Label (letters, digits, - and _)').press('Tab');
      await page.getByLabel('Slot type').selectOption('metric');
      await page.getByRole('checkbox', { name: 'Metric (KPI)' }).check();
      // An 8×4 chart slot beside it, at least 6 columns wide.
      await draw(page, [4, 0], [11, 3]);
      // Labels are free again once renamed: the new slot is "slot-1" too.
      await page.locator('.draw-slot[data-slot-key="slot-1"]').waitFor();
      assert.equal(await page.locator('.draw-slot').count(), 2);
      await page.getByLabel('Label (letters, digits, - and _)').fill('main');
      await page.getByLabel('Label (letters, digits, - and _)').press('Tab');
      await page.getByLabel('Minimum width (columns)').fill('6');
      await page.getByLabel('Minimum width (columns)').press('Tab');
      // Narrower than its minimum: the builder says so; back to 8 it is fine.
      await page.getByLabel('Width (columns)', { exact: true }).fill('4');
      await page.getByLabel('Width (columns)', { exact: true }).press('Tab');
      await page.getByText('Slot "main" is 4 columns wide, less than its minimum of 6.').waitFor();
      await page.getByLabel('Width (columns)', { exact: true }).fill('8');
      await page.getByLabel('Width (columns)', { exact: true }).press('Tab');
      // A slot drawn over another is refused.
      await draw(page, [2, 1], [6, 2]);
      assert.equal(await page.locator('.draw-slot').count(), 2);

      // The preview lays the two slots out side by side, in the proportions drawn.
      const preview = page.locator('.template-preview ocp-template-grid');
      await preview.locator('ocp-slot[slot-key="main"]').waitFor();
      const kpiBox = (await preview.locator('ocp-slot[slot-key="kpi"]').boundingBox())!;
      const mainBox = (await preview.locator('ocp-slot[slot-key="main"]').boundingBox())!;
      assert.ok(Math.abs(kpiBox.y - mainBox.y) < 1 && mainBox.x > kpiBox.x + kpiBox.width, 'side by side');
      assert.ok(Math.abs(mainBox.width / kpiBox.width - (8 * 1 + 7 * 0.1) / (4 + 3 * 0.1)) < 0.4, 'proportions');
      assert.deepEqual(await a11yViolations(page), []);
      await page.screenshot({ path: path.join(SHOTS, 'template-builder.png'), fullPage: true });

      await page.getByRole('button', { name: 'Create template' }).click();
      await page.getByRole('heading', { name: 'Edit Ops board' }).waitFor();
      const id = page.url().split('/').pop()!;
      const saved = await api.templates.get.query({ id });
      assert.deepEqual(
        saved.slots.map((s) => [s.slotKey, s.slotType, s.positionConfig, s.constraints]),
        [
          ['kpi', 'metric', { x: 0, y: 0, w: 4, h: 2 }, { allowedChartTypes: ['metric'] }],
          ['main', 'chart', { x: 4, y: 0, w: 8, h: 4 }, { minW: 6 }],
        ],
      );

      // A dashboard on it.
      await page.getByRole('link', { name: 'Dashboards', exact: true }).click();
      await page.getByRole('button', { name: 'New dashboard' }).click();
      const dialog = page.getByRole('dialog', { name: 'New dashboard' });
      await dialog.getByLabel('Title').fill('Operations');
      await dialog.getByRole('radio', { name: 'Ops board' }).click();
      await dialog.getByRole('button', { name: 'Create dashboard' }).click();
      await page.locator('ocp-dashboard[state="ready"]').waitFor();

      // Revenue (bar) with the keyboard: it starts on "main"; the KPI tile refuses it and Enter there places nothing.
      await page.getByRole('button', { name: 'Place Revenue on the dashboard' }).click();
      await page.locator('ocp-dashboard ocp-slot[armed][slot-key="main"]').waitFor();
      await page.keyboard.press('ArrowLeft');
      await page.locator('ocp-dashboard ocp-slot[armed][slot-key="kpi"]').waitFor();
      await page.keyboard.press('Enter');
      await page
        .locator('ocp-dashboard [part="live-region"]', { hasText: "Bar charts can't go here (allowed: metric)" })
        .waitFor();
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => {
        const b = document.querySelector('ocp-dashboard') as HTMLElement & {
          dashboard?: { tabs: Array<{ placements: unknown[] }> };
        };
        return b.dashboard?.tabs[0]?.placements.length === 1;
      });
      // Uptime (metric) goes to the KPI tile.
      await page.getByRole('button', { name: 'Place Uptime on the dashboard' }).click();
      await page.locator('ocp-dashboard ocp-slot[armed][slot-key="kpi"]').waitFor();
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => {
        const b = document.querySelector('ocp-dashboard') as HTMLElement & {
          dashboard?: { tabs: Array<{ placements: unknown[] }> };
        };
        return b.dashboard?.tabs[0]?.placements.length === 2;
      });
      assert.deepEqual(await placements(page), { main: 'Revenue', kpi: 'Uptime' });
      // The server holds the same rule: a bar chart in the KPI tile is refused whatever the UI does.
      const board = (await api.dashboards.list.query()).find((d) => d.title === 'Operations')!;
      const tab = (await api.dashboards.get.query({ id: board.id })).tabs[0]!;
      await assert.rejects(
        api.placements.place.mutate({ tabId: tab.id, slotKey: 'kpi', chartId: revenue.id, replace: true }),
        /bar/,
      );
      await page.screenshot({ path: path.join(SHOTS, 'template-builder-dashboard.png') });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
  test('a template shared with a team: a team-mate sees it, an outsider does not', async () => {
    const { host, browser } = suite;
    const [owner, mate, outsider] = await Promise.all([
      signedInPage(browser, host.url, 'Tess'),
      signedInPage(browser, host.url, 'Tim'),
      signedInPage(browser, host.url, 'Olga'),
    ]);
    try {
      const team = await owner.api.teams.create.mutate({ name: 'Grid makers' });
      const invitation = await owner.api.teams.invitations.create.mutate({
        teamId: team.id,
        email: mate.user.email,
        role: 'viewer',
      });
      await mate.api.teams.invitations.accept.mutate({ id: invitation.id });

      const page = owner.page;
      await page.goto(`${host.url}/templates/new`);
      await page.getByLabel('Name', { exact: true }).fill('Shared grid');
      await page.getByRole('button', { name: '+ Add slot' }).click();
      const share = page.getByLabel('Share with');
      assert.deepEqual(await share.locator('option').allTextContents(), ['Only me', 'Team Grid makers']);
      await share.selectOption({ label: 'Team Grid makers' });
      await page.getByText('Members of Grid makers can use it for their dashboards; only you change it.').waitFor();
      assert.deepEqual(await a11yViolations(page), []);
      await page.getByRole('button', { name: 'Create template' }).click();
      await page.getByRole('heading', { name: 'Edit Shared grid', level: 1 }).waitFor();
      assert.equal(
        await page.getByLabel('Share with').inputValue(),
        team.id,
        'the builder shows whom it is shared with',
      );

      await mate.page.goto(`${host.url}/templates`);
      await mate.page.locator('.template-card', { hasText: 'Shared grid' }).waitFor();
      await outsider.page.goto(`${host.url}/templates`);
      await outsider.page.getByRole('heading', { name: 'Built in' }).waitFor();
      assert.equal(await outsider.page.locator('.template-card', { hasText: 'Shared grid' }).count(), 0);
      const [made] = (await owner.api.templates.list.query()).filter((t) => t.name === 'Shared grid');
      assert.equal(made?.ownerTeamId, team.id);
      await assert.rejects(outsider.api.templates.get.query({ id: made!.id }), /not found/i);
      for (const p of [owner, mate, outsider]) assert.deepEqual(p.errors, []);
    } finally {
      await Promise.all([owner, mate, outsider].map((p) => p.context.close()));
    }
  });
});
