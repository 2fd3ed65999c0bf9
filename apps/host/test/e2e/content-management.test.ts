import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { a11yViolations } from './support/a11y.js';
import { createWorkspaceChart } from './support/api.js';
import { signedInPage } from './support/browser.js';
import { hostAndBrowser, screenshotsDir } from './support/suite.js';

const SHOTS = screenshotsDir();
const GRID = '00000000-0000-4000-8000-000000000003';

describe('content management: delete with undo, archive what is placed, public switch, undoable removal (e2e, Chromium)', () => {
  const suite = hostAndBrowser();

  test('dashboards, charts and placements', async () => {
    const { host, browser } = suite;
    const { context, page, errors, api } = await signedInPage(browser, host.url, 'Max');
    try {
      const board = await api.dashboards.create.mutate({ title: 'Old board', templateId: GRID });
      await api.dashboards.create.mutate({ title: 'Scratch', templateId: GRID });
      const placed = await createWorkspaceChart(api, 'Placed chart', 'bar');
      const lonely = await createWorkspaceChart(api, 'Lonely chart', 'bar');
      await api.placements.place.mutate({ tabId: board.tabs[0]!.id, slotKey: 'top-left', chartId: placed.id });

      // Delete a dashboard, undo, then delete it for good.
      await page.reload();
      const scratch = page.locator('.dashboard-card', { hasText: 'Scratch' });
      await scratch.waitFor();
      await page.getByRole('button', { name: 'Delete dashboard Scratch' }).click();
      const confirm = page.getByRole('dialog', { name: 'Delete dashboard Scratch?' });
      assert.match((await confirm.textContent()) ?? '', /charts stay in your workspace/);
      await confirm.getByRole('button', { name: 'Delete dashboard' }).click();
      await scratch.waitFor({ state: 'hidden' });
      await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
      await scratch.waitFor();
      await page.getByRole('status').getByText('Undone.').waitFor();
      await page.waitForTimeout(9000); // past the undo window: still there
      assert.ok((await api.dashboards.list.query()).some((d) => d.title === 'Scratch'));
      await page.getByRole('button', { name: 'Delete dashboard Scratch' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete dashboard' }).click();
      await scratch.waitFor({ state: 'hidden' });
      await page.waitForFunction(() => !document.querySelector('[role="status"] button'), null, { timeout: 15_000 });
      await page.waitForTimeout(500);
      assert.deepEqual(
        (await api.dashboards.list.query()).map((d) => d.title),
        ['Old board'],
      );

      // Public, with its one-sentence meaning.
      const oldCard = page.locator('.dashboard-card', { hasText: 'Old board' });
      assert.match((await oldCard.textContent()) ?? '', /Anyone signed in to this site can open it read-only/);
      await oldCard.getByRole('checkbox', { name: 'Public' }).check();
      await page.getByRole('status').getByText('Old board is now public.').waitFor();
      assert.equal((await api.dashboards.get.query({ id: board.id })).isPublic, true);
      assert.deepEqual(await a11yViolations(page), []);

      // A placed chart is archived, not deleted: the dialog says where it is.
      await page.goto(`${host.url}/charts/${placed.id}`);
      await page.getByRole('button', { name: 'Delete…' }).click();
      const where = page.getByRole('dialog', { name: 'Placed chart is on dashboards' });
      assert.match((await where.textContent()) ?? '', /placed 1 time, on Old board/);
      await page.screenshot({ path: path.join(SHOTS, 'chart-archive.png') });
      await where.getByRole('button', { name: 'Continue' }).click();
      await page
        .getByRole('status')
        .getByText(/archived/)
        .waitFor();
      const items = await api.workspace.items.list.query({ itemType: 'chart' });
      assert.equal(items.find((i) => i.referenceId === placed.id)?.folderPath, '/Archive');
      assert.equal((await api.charts.get.query({ id: placed.id })).title, 'Placed chart');

      // An unplaced chart is deleted, and the deletion can be undone.
      await page.goto(`${host.url}/charts/${lonely.id}`);
      await page.getByRole('button', { name: 'Delete…' }).click();
      await page
        .getByRole('dialog', { name: 'Delete chart Lonely chart?' })
        .getByRole('button', { name: 'Delete chart' })
        .click();
      await page.getByRole('heading', { name: 'Dashboards', level: 1 }).waitFor();
      await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
      await page.getByRole('heading', { name: 'Edit Lonely chart' }).waitFor();
      await page.waitForTimeout(9000);
      assert.equal((await api.charts.get.query({ id: lonely.id })).title, 'Lonely chart');

      // Removing a placement from its slot toolbar, then undoing it.
      await page.goto(`${host.url}/dashboards/${board.id}`);
      await page.locator('ocp-dashboard ocp-chart[slot="top-left"]').waitFor();
      await page
        .getByRole('toolbar', { name: 'Slot top-left' })
        .getByRole('button', { name: 'Remove Placed chart' })
        .click();
      await page.locator('ocp-dashboard ocp-chart[slot="top-left"]').waitFor({ state: 'detached' });
      await page.getByRole('status').getByText('Placed chart taken off slot top-left.').waitFor();
      await page.getByRole('status').getByRole('button', { name: 'Undo' }).click();
      await page.locator('ocp-dashboard ocp-chart[slot="top-left"]').waitFor({ timeout: 15_000 });
      await page.getByRole('status').getByText('Placed chart is back in slot top-left.').waitFor();
      const tab = (await api.dashboards.get.query({ id: board.id })).tabs[0]!;
      assert.deepEqual(
        tab.placements.map((p) => [p.slotKey, p.chartId]),
        [['top-left', placed.id]],
      );
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
