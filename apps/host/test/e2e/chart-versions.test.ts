import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import { a11yViolations } from './support/a11y.js';
import { createWorkspaceChart } from './support/api.js';
import { signedInPage } from './support/browser.js';
import { hostAndBrowser, screenshotsDir } from './support/suite.js';

const SHOTS = screenshotsDir();

describe('chart versions: compare, then restore the whole version (e2e, Chromium)', () => {
  const suite = hostAndBrowser();

  test('restoring a bar version of a chart that is now a line makes it a bar chart again, workspace badge included', async () => {
    const { host, browser } = suite;
    const { context, page, errors, api } = await signedInPage(browser, host.url, 'Vera');
    try {
      const chart = await createWorkspaceChart(api, 'Sales', 'bar');
      await api.charts.update.mutate({
        id: chart.id,
        title: 'Sales trend',
        chartType: 'line',
        plotlyConfig: { data: [{ type: 'scatter', mode: 'lines' }], layout: { title: { text: 'Sales trend' } } },
        changeSummary: 'As a line',
      });
      // A KPI template: its tiles accept metric and indicator only, which the dashboard judges from the chart's type.
      const board = await api.dashboards.create.mutate({
        title: 'Review',
        templateId: '00000000-0000-4000-8000-000000000006',
      });
      await page.goto(`${host.url}/charts/${chart.id}`);
      await page.getByRole('heading', { name: 'Edit Sales trend' }).waitFor();
      const versions = page.getByRole('region', { name: 'Chart versions' });
      await versions.locator('li[data-version="2"]').getByText('Current').waitFor();
      assert.match((await versions.locator('li[data-version="1"]').textContent()) ?? '', /v1\s*Bar\s*Created/);

      await versions.getByRole('button', { name: 'Compare and restore version 1' }).click();
      const dialog = page.getByRole('dialog', { name: 'Version 1 · Sales' });
      await dialog.locator('ocp-chart[state="ready"]').waitFor({ timeout: 30_000 });
      const rows = await dialog
        .locator('table.diff tbody tr')
        .evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent?.trim())));
      assert.deepEqual(rows.slice(0, 2), [
        ['Title', '“Sales trend”', '“Sales”'],
        ['Type', 'Line', 'Bar'],
      ]);
      // The preview draws the version's bars, not the current line.
      assert.equal((await dialog.locator('ocp-chart .barlayer .point').count()) > 0, true);
      assert.deepEqual(await a11yViolations(page), []);
      await page.screenshot({ path: path.join(SHOTS, 'chart-version-compare.png') });
      await dialog.getByRole('button', { name: 'Restore version 1' }).click();

      // The form reloads from the restored chart: bar, "Sales", with a third version saying what happened.
      await page.getByRole('heading', { name: 'Edit Sales', exact: true }).waitFor();
      assert.equal(await page.getByLabel('Type').inputValue(), 'bar');
      assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Sales');
      await versions.locator('li[data-version="3"]').getByText('Restored version 1').waitFor();
      const saved = await api.charts.get.query({ id: chart.id });
      assert.deepEqual([saved.chartType, saved.title, saved.plotlyConfig.data[0]!.type], ['bar', 'Sales', 'bar']);

      // The workspace badge says BAR, and a KPI tile refuses the chart as a bar chart.
      await page.goto(`${host.url}/dashboards/${board.id}`);
      const item = page.locator('ocp-workspace [part~="chart-item"]', { hasText: 'Sales' });
      await item.waitFor();
      assert.match((await item.locator('.type').textContent()) ?? '', /bar/i);
      await page.getByRole('button', { name: 'Place Sales on the dashboard' }).click();
      // Keyboard placement starts on the first slot that takes a bar chart (not a KPI tile); a tile says why not.
      await page.locator('ocp-dashboard ocp-slot[armed][slot-key="chart-left"]').waitFor();
      await page.keyboard.press('ArrowUp');
      await page
        .locator('ocp-dashboard ocp-template-grid [part="live-region"]', {
          hasText: /Slot kpi-\d, Bar charts can't go here/,
        })
        .waitFor({ timeout: 10_000 });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
