import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { signedInPage } from './support/browser.js';
import { hostAndBrowser, screenshotsDir } from './support/suite.js';

const SHOTS = screenshotsDir('chart-types');
const SALES = 'month,sales,costs\nJan,120,80\nFeb,135,90\nMar,160,95\nApr,150,100\nMay,180,110\nJun,210,120';
const HEAT = `day,hour,load\n${['Mon', 'Tue', 'Wed']
  .flatMap((d, i) => [0, 6, 12, 18].map((hr) => `${d},${hr},${10 + i * 3 + hr}`))
  .join('\n')}`;
const OHLC = 'day,open,high,low,close\n2026-01-05,10,12,9,11\n2026-01-06,11,13,10,12.5\n2026-01-07,12.5,13,11,11.5';

/** Each offered type: the data and mapping it is drawn from, and the Plotly layer that must hold its drawing. */
const TYPES: Array<{ type: string; csv: string; x: string; y: string; series?: string; layer: string }> = [
  { type: 'bar', csv: SALES, x: 'month', y: 'sales, costs', layer: 'barlayer' },
  { type: 'line', csv: SALES, x: 'month', y: 'sales, costs', layer: 'scatterlayer' },
  { type: 'area', csv: SALES, x: 'month', y: 'sales', layer: 'scatterlayer' },
  { type: 'scatter', csv: SALES, x: 'month', y: 'sales, costs', layer: 'scatterlayer' },
  { type: 'pie', csv: SALES, x: 'month', y: 'sales', layer: 'pielayer' },
  { type: 'histogram', csv: SALES, x: 'month', y: 'sales', layer: 'barlayer' },
  { type: 'box', csv: SALES, x: 'month', y: 'sales, costs', layer: 'boxlayer' },
  { type: 'heatmap', csv: HEAT, x: 'day', y: 'load', series: 'hour', layer: 'heatmaplayer' },
  { type: 'candlestick', csv: OHLC, x: 'day', y: 'open, high, low, close', layer: 'boxlayer' },
  { type: 'metric', csv: SALES, x: 'month', y: 'sales', layer: 'indicatorlayer' },
  { type: 'indicator', csv: SALES, x: 'month', y: 'sales', layer: 'indicatorlayer' },
];

async function fill(page: Page, t: { type: string; csv: string; x: string; y: string; series?: string }) {
  await page.getByLabel('Type').selectOption(t.type);
  await page.getByLabel('Data (CSV, first row is the header)').fill(t.csv);
  await page.getByLabel('X column').fill(t.x);
  await page.getByLabel('Y columns (comma separated)').fill(t.y);
  await page.getByLabel('Series column (optional)').fill(t.series ?? '');
}

/** What the preview's plot holds: the child count of each Plotly layer. */
function layers(page: Page): Promise<Record<string, number>> {
  return page.locator('.preview ocp-chart').evaluate((chart) => {
    const root = chart.shadowRoot!;
    const out: Record<string, number> = {};
    for (const name of ['barlayer', 'scatterlayer', 'pielayer', 'boxlayer', 'heatmaplayer', 'indicatorlayer'])
      out[name] = Array.from(root.querySelectorAll(`.${name}`)).reduce((n, g) => n + g.childElementCount, 0);
    return out;
  });
}

describe('chart editor: every offered type draws or says why not (e2e, Chromium)', () => {
  const suite = hostAndBrowser();

  test('a preview per type (screenshots in .test-results/screenshots/chart-types), and a reason where it cannot draw', async () => {
    const { host, browser } = suite;
    const { context, page, errors } = await signedInPage(browser, host.url, 'Ty', { width: 1300, height: 850 });
    try {
      await page.goto(`${host.url}/charts/new`);
      await page.locator('.preview ocp-chart[state="ready"]').waitFor({ timeout: 30_000 });
      const offered = await page
        .getByLabel('Type')
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
      assert.deepEqual(offered.sort(), [...TYPES.map((t) => t.type), 'energy'].sort());
      const problem = page.locator('.chart-form .form-error');

      for (const t of TYPES) {
        await fill(page, t);
        await page
          .waitForFunction(
            (layer) => {
              const root = document.querySelector('.preview ocp-chart')?.shadowRoot;
              return Array.from(root?.querySelectorAll(`.${layer}`) ?? []).some((g) => g.childElementCount > 0);
            },
            t.layer,
            { timeout: 15_000 },
          )
          .catch(async () =>
            assert.fail(
              `${t.type}: nothing in ${t.layer}: ${JSON.stringify(await layers(page))}; ${await problem.textContent()}`,
            ),
          );
        assert.equal(await problem.textContent(), '', t.type);
        const hint = await page.locator('#chart-type-hint').textContent();
        assert.ok(hint && hint.length > 10, `${t.type} explains itself`);
        await page.locator('.preview').screenshot({ path: path.join(SHOTS, `${t.type}.png`) });
      }

      // A metric and a gauge carry a label (the heading, else the Y column), never a bare number.
      await fill(page, TYPES.find((t) => t.type === 'metric')!);
      await page.locator('.preview ocp-chart .indicatorlayer', { hasText: 'sales' }).waitFor();
      await page.getByLabel('Chart heading').fill('Sales this month');
      await page.locator('.preview ocp-chart .indicatorlayer', { hasText: 'Sales this month' }).waitFor();
      await page.getByLabel('Chart heading').fill('');

      // Where a type cannot draw, the form says why (no empty axes without a word).
      const reasons: Array<[Partial<(typeof TYPES)[number]> & { type: string }, RegExp]> = [
        [{ type: 'heatmap', csv: HEAT, x: 'day', y: 'load', series: '' }, /needs a series column/],
        [{ type: 'candlestick', csv: OHLC, x: 'day', y: 'open, close' }, /four Y columns.*you gave 2/],
        [{ type: 'pie', csv: SALES, x: 'month', y: 'sales, costs' }, /one Y column/],
        [{ type: 'energy', csv: SALES, x: 'month', y: 'sales' }, /choose the energy source kind/],
      ];
      for (const [t, reason] of reasons) {
        await fill(page, { csv: SALES, x: 'month', y: 'sales', ...t });
        await page.waitForFunction(([sel, re]) => new RegExp(re).test(document.querySelector(sel)?.textContent ?? ''), [
          '.chart-form .form-error',
          reason.source,
        ] as const);
      }
      await page.getByLabel('Type').selectOption('energy');
      await page.screenshot({ path: path.join(SHOTS, 'energy-explains.png') });
      assert.deepEqual(errors, []);
    } finally {
      await context.close();
    }
  });
});
