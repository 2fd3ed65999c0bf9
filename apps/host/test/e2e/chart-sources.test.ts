import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { OcpClient } from '@ocp/client';
import { energyReadings, energySeries, energySites } from '@ocp/db';
import type { Browser, Locator, Page } from 'playwright-core';
import { a11yViolations } from './support/a11y.js';
import { apiClient } from './support/api.js';
import { launchBrowser, newPage, sessionToken, signUp } from './support/browser.js';
import { startTestHost, type TestHost } from './support/host.js';

const SHOTS = path.resolve(import.meta.dirname, '../../.test-results/screenshots/chart-sources');

/** The form as drawn, for a look (not compared). */
const shot = (page: Page, name: string) => page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });

/** The field error a control is described by (not its hint). */
function describedBy(control: Locator): Promise<string> {
  return control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id))
      .filter((e) => e?.classList.contains('field-error'))
      .map((e) => e!.textContent ?? '')
      .join(' | '),
  );
}

/** Waits until `control` (or a group: a list, a table) is marked invalid with a message matching `pattern` next to it. */
async function fieldError(control: Locator, pattern: RegExp): Promise<string> {
  const deadline = Date.now() + 15_000;
  let text = '';
  while (Date.now() < deadline) {
    text = await describedBy(control);
    const invalid = (await control.getAttribute('aria-invalid')) ?? (await control.getAttribute('data-invalid'));
    if (invalid === 'true' && pattern.test(text)) return text;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`no field error matching ${pattern} (described by: "${text}")`);
}

/** The preview's figure once its first trace's x values are `x` (or, given a number, that many). */
async function previewDraws(page: Page, x: unknown[] | number): Promise<Array<{ x?: unknown[]; y?: unknown[] }>> {
  await page.waitForFunction(
    (want) => {
      const chart = document.querySelector('.preview ocp-chart') as
        | (Element & { figure?: { data: Array<{ x?: unknown[] }> } })
        | null;
      const got = chart?.figure?.data?.[0]?.x;
      return typeof want === 'number' ? got?.length === want : JSON.stringify(got) === JSON.stringify(want);
    },
    x,
    { timeout: 30_000 },
  );
  await page.locator('.preview ocp-chart[state="ready"]').waitFor({ timeout: 30_000 });
  return page
    .locator('.preview ocp-chart')
    .evaluate((el) => (el as unknown as { figure: { data: Array<{ x?: unknown[]; y?: unknown[] }> } }).figure.data);
}

async function create(page: Page, title: string): Promise<string> {
  await page.getByRole('button', { name: 'Create chart' }).click();
  await page.getByRole('heading', { name: `Edit ${title}` }).waitFor();
  return new URL(page.url()).pathname.split('/')[2]!;
}

/** Reloads the saved chart's editor and waits for the form to be back. */
async function reopen(page: Page, title: string): Promise<void> {
  await page.reload();
  await page.getByRole('heading', { name: `Edit ${title}` }).waitFor();
}

describe('chart editor: a form per data-source kind, checked as typed, previewed before saving (e2e, Chromium)', () => {
  let host: TestHost;
  let browser: Browser;
  let page: Page;
  let api: OcpClient;
  let upstream: http.Server;
  let origin = '';
  let pageErrors: string[] = [];
  let createdRoles: string[] = [];

  before(async () => {
    [host, browser] = await Promise.all([startTestHost(), launchBrowser()]);
    fs.mkdirSync(SHOTS, { recursive: true });
    // An upstream the http source reads, on loopback (allowed below for this host only).
    upstream = http.createServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          rows: [
            { t: '2026-01-01', kw: 5 },
            { t: '2026-01-02', kw: 8 },
            { t: '2026-01-03', kw: 6 },
          ],
        }),
      );
    });
    await new Promise<void>((r) => upstream.listen(0, '127.0.0.1', r));
    origin = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
    host.host.runtime.engine.configureHttp({ allowedOrigins: [origin], addressPolicy: { allow: ['127.0.0.0/8'] } });

    const opened = await newPage(browser);
    page = opened.page;
    pageErrors = opened.errors;
    await signUp(page, host.url, {
      email: `sources-${Date.now()}@example.com`,
      password: 'correct horse battery',
      name: 'Sol',
    });
    api = apiClient(host.url, await sessionToken(page));
    const me = await api.me.get.query();

    // A read-only sql connection for this user on the host's own database. PGlite (allowed explicitly) runs it as a
    // built-in reading role; PostgreSQL refuses a superuser login, so a login and a role of their own are made.
    const { database } = host.host;
    let target: { url: string } | { pglite: NonNullable<typeof database.pglite>; allowPglite: true };
    let role = 'pg_read_all_data';
    if (database.kind === 'pglite') target = { pglite: database.pglite!, allowPglite: true };
    else {
      const suffix = randomBytes(4).toString('hex');
      role = `ocp_e2e_reader_${suffix}`;
      const login = `ocp_e2e_login_${suffix}`;
      await database.sql!.unsafe(
        `CREATE ROLE ${role} NOLOGIN; CREATE ROLE ${login} LOGIN NOINHERIT; GRANT ${role} TO ${login}`,
      );
      createdRoles = [login, role];
      const url = new URL(process.env.DATABASE_URL!);
      url.username = login;
      url.password = '';
      target = { url: url.toString() };
    }
    host.host.runtime.engine.registerSqlConnection({ name: 'warehouse', ...target, role, allowedUsers: [me.id] });

    // One energy site with two days of hourly solar and demand readings.
    const [site] = await database.db
      .insert(energySites)
      .values({ name: 'Harbour roof', ownerUserId: me.id })
      .returning({ id: energySites.id });
    const series = await database.db
      .insert(energySeries)
      .values([
        { siteId: site!.id, meter: 'pv-1', source: 'solar' },
        { siteId: site!.id, meter: 'main', source: 'demand' },
      ])
      .returning({ id: energySeries.id });
    const start = Date.UTC(2026, 0, 5);
    await database.db.insert(energyReadings).values(
      series.flatMap((s, k) =>
        Array.from({ length: 48 }, (_, i) => ({
          seriesId: s.id,
          ts: new Date(start + i * 3_600_000).toISOString(),
          kwh: k === 0 ? Math.max(0, 10 - Math.abs(12 - (i % 24))) : 6 + (i % 3),
        })),
      ),
    );
  });
  after(async () => {
    await new Promise((r) => upstream?.close(r));
    await browser?.close();
    // Roles are cluster-wide: drop them once the connection's pool is closed.
    if (createdRoles.length) {
      await host.host.runtime.engine.sql.unregister('warehouse');
      await host.host.database.sql!.unsafe(createdRoles.map((r) => `DROP ROLE IF EXISTS ${r}`).join('; '));
    }
    await host?.close();
  });

  test('inline: a table editor (rows and columns added, removed, edited) that the CSV box follows', async () => {
    await page.goto(`${host.url}/charts/new`);
    await page.getByLabel('Title', { exact: true }).fill('Inline table');
    await previewDraws(page, ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun']);

    await page.getByRole('button', { name: 'Add row' }).click();
    await page.getByLabel('Row 7, month').fill('Jul');
    await page.getByLabel('Row 7, sales').fill('230');
    await page.getByLabel('Row 7, costs').fill('125');
    await page.getByRole('button', { name: 'Remove row 1' }).click(); // Jan goes
    await page.getByRole('button', { name: 'Add column' }).click();
    await page.getByLabel('Column 4 name').fill('profit');
    for (let r = 1; r <= 6; r++) await page.getByLabel(`Row ${r}, column4`).fill(String(r * 10));
    assert.match(
      await page.getByLabel('Data (CSV, first row is the header)').inputValue(),
      /^month,sales,costs,profit\nFeb,135,90,/,
    );
    // Pick y from the columns: costs too.
    await page.getByRole('group', { name: 'Pick Y columns' }).getByLabel('costs').check();
    assert.equal(await page.getByLabel('Y columns (comma separated)').inputValue(), 'sales, costs');
    await page.waitForFunction(
      () =>
        (document.querySelector('.preview ocp-chart') as unknown as { figure: { data: unknown[] } }).figure.data
          .length === 2,
    );
    const traces = await previewDraws(page, ['Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul']);
    assert.deepEqual(traces[1]!.y, [90, 95, 100, 110, 120, 125]);

    // A mapping naming no column of the table: the error sits under the field, the preview waits.
    const x = page.getByLabel('X column');
    await x.fill('week');
    assert.match(await fieldError(x, /no column "week"/), /no column "week"/);
    await x.fill('');
    await fieldError(x, /required/);
    await shot(page, 'inline-error');
    await x.fill('month');
    await page.waitForFunction(() => document.querySelector('[name="x"]')?.getAttribute('aria-invalid') === null);
    assert.deepEqual(await a11yViolations(page), []);

    // Advanced (JSON): the whole source, for what the forms do not cover (transforms); applying fills the form back.
    await page.getByText('Advanced (JSON)').click();
    const json = page.getByLabel('Source as JSON');
    // Filled on the disclosure's toggle event, which fires a task after the click.
    await page.waitForFunction((el) => (el as HTMLTextAreaElement).value !== '', await json.elementHandle());
    const source = JSON.parse(await json.inputValue());
    assert.equal(source.kind, 'inline');
    assert.deepEqual(source.mapping, { x: 'month', y: ['sales', 'costs'] });
    await json.fill(JSON.stringify({ ...source, transforms: [{ type: 'downsample', method: 'none' }] }));
    await page.getByRole('button', { name: 'Apply JSON' }).click();
    assert.equal(await page.getByLabel('Row 6, month').inputValue(), 'Jul');

    const chartId = await create(page, 'Inline table');
    const saved = await api.charts.get.query({ id: chartId });
    assert.deepEqual(saved.dataSourceConfig?.transforms, [{ type: 'downsample', method: 'none' }]);
    await reopen(page, 'Inline table');
    assert.equal(await page.getByLabel('Kind').inputValue(), 'inline');
    assert.equal(await page.getByLabel('Row 6, month').inputValue(), 'Jul');
    assert.equal(await page.getByLabel('Column 1 name').inputValue(), 'month');
    assert.equal(await page.getByLabel('Y columns (comma separated)').inputValue(), 'sales, costs');
    await previewDraws(page, ['Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul']);
  });

  test('dataset: an imported file previews its rows and draws before saving; the file column order is kept', async () => {
    await page.goto(`${host.url}/charts/new`);
    await page.getByLabel('Title', { exact: true }).fill('Zones');
    await page.getByLabel(/import a CSV or JSON file/).setInputFiles({
      name: 'zones.csv',
      mimeType: 'text/csv',
      // Year-like names: the file's order (zone, 2024, 2023, note) is what the preview and the saved chart keep.
      buffer: Buffer.from('zone,2024,2023,note\nNorth,12,10,a\nSouth,7,9,b\nEast,4,3,c\n'),
    });
    await page.getByRole('status').filter({ hasText: 'Imported 3 rows from zones.csv' }).waitFor();
    assert.equal(await page.getByLabel('Kind').inputValue(), 'dataset');
    const table = page.getByRole('region', { name: 'Dataset preview' }).getByRole('table');
    await table.waitFor();
    assert.deepEqual(
      await table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.firstChild?.textContent)),
      ['zone', '2024', '2023', 'note'],
    );
    assert.deepEqual(await table.locator('tbody tr').first().locator('td').allTextContents(), [
      'North',
      '12',
      '10',
      'a',
    ]);
    // Before saving: the mapping offers the file's columns, and the preview draws the first two.
    assert.equal(await page.getByLabel('X column').inputValue(), 'zone');
    assert.equal(await page.getByLabel('Y columns (comma separated)').inputValue(), '2024');
    let traces = await previewDraws(page, ['North', 'South', 'East']);
    assert.deepEqual(traces[0]!.y, [12, 7, 4]);
    await page.getByRole('group', { name: 'Pick Y columns' }).getByLabel('2023').check();
    traces = await previewDraws(page, ['North', 'South', 'East']);
    await page.waitForFunction(
      () =>
        (document.querySelector('.preview ocp-chart') as unknown as { figure: { data: unknown[] } }).figure.data
          .length === 2,
    );
    assert.deepEqual(await a11yViolations(page), []);
    await shot(page, 'dataset-import');

    // No dataset chosen is a field error.
    const select = page.getByLabel('Dataset', { exact: true });
    const datasetId = await select.inputValue();
    await select.selectOption('');
    await fieldError(select, /choose a dataset/);
    await select.selectOption(datasetId);

    const chartId = await create(page, 'Zones');
    const preview = await api.charts.datasetPreview.query({ datasetId });
    assert.deepEqual(
      preview.schema.map((c) => c.name),
      ['zone', '2024', '2023', 'note'],
    );
    const data = await api.charts.data.query({ chartId });
    assert.deepEqual(
      data.traces.map((t) => t.y),
      [
        [12, 7, 4],
        [10, 9, 3],
      ],
    );

    await reopen(page, 'Zones');
    assert.equal(await page.getByLabel('Kind').inputValue(), 'dataset');
    // The select is filled once the list of datasets arrives.
    await page.waitForFunction(([el, id]) => (el as HTMLSelectElement).value === id, [
      await page.getByLabel('Dataset', { exact: true }).elementHandle(),
      datasetId,
    ] as const);
    await table.waitFor();
    assert.deepEqual(
      await table.locator('thead th').evaluateAll((ths) => ths.map((th) => th.firstChild?.textContent)),
      ['zone', '2024', '2023', 'note'],
    );
    assert.equal(await page.getByLabel('Y columns (comma separated)').inputValue(), '2024, 2023');
    await previewDraws(page, ['North', 'South', 'East']);
  });

  test('http: the URL is checked as typed and by the server policy; its refusal shows under the field', async () => {
    await page.goto(`${host.url}/charts/new`);
    await page.getByLabel('Title', { exact: true }).fill('Feed');
    await page.getByLabel('Kind').selectOption('http');
    const url = page.getByLabel('URL', { exact: true });
    await url.fill('not a url');
    await fieldError(url, /full http\(s\) address/);
    await page.getByLabel('X column').fill('t');
    await page.getByLabel('Y columns (comma separated)').fill('kw');
    await page.getByLabel('Path to the rows (JSON, optional)').fill('rows');
    // Not on the allow-list: the server says so, under the URL.
    await url.fill('https://data.not-allowed.example/readings.json');
    const refused = await fieldError(url, /origin https:\/\/data\.not-allowed\.example is not allow-listed/);
    assert.doesNotMatch(refused, /stack|at \w+ \(/);
    await shot(page, 'http-refused');
    assert.deepEqual(await a11yViolations(page), []);

    await url.fill(`${origin}/readings.json`);
    const traces = await previewDraws(page, 3);
    assert.match(String(traces[0]!.x![0]), /^2026-01-01/);
    assert.deepEqual(traces[0]!.y, [5, 8, 6]);
    await create(page, 'Feed');
    await reopen(page, 'Feed');
    assert.equal(await page.getByLabel('Kind').inputValue(), 'http');
    assert.equal(await url.inputValue(), `${origin}/readings.json`);
    assert.equal(await page.getByLabel('Path to the rows (JSON, optional)').inputValue(), 'rows');
    assert.equal(await page.getByLabel('Format').inputValue(), 'json');
    await previewDraws(page, 3);
  });

  test('sql: a registered connection, a query and its parameters (added, typed, removed)', async () => {
    await page.goto(`${host.url}/charts/new`);
    await page.getByLabel('Title', { exact: true }).fill('Warehouse');
    await page.getByLabel('Kind').selectOption('sql');
    const connection = page.getByLabel('Connection', { exact: true });
    await page.locator('select[name="connection"] option[value="warehouse"]').waitFor({ state: 'attached' });
    await connection.selectOption('warehouse');
    await page
      .getByLabel('Query', { exact: true })
      .fill(
        "SELECT * FROM (VALUES ('North', 12), ('South', 7), ('East', 3)) AS t(site, kwh) WHERE kwh > $1 ORDER BY kwh DESC",
      );
    await page.getByLabel('X column').fill('site');
    await page.getByLabel('Y columns (comma separated)').fill('kwh');
    await page.getByRole('button', { name: 'Add parameter' }).click();
    await page.getByRole('button', { name: 'Add parameter' }).click();
    await page.getByLabel('Parameter $1 type').selectOption('number');
    const value = page.getByLabel('Parameter $1 value');
    await value.fill('five');
    await fieldError(page.getByRole('list').filter({ has: value }), /"five" is not a number/);
    await value.fill('5');
    await page.getByRole('button', { name: 'Remove parameter $2' }).click();
    const traces = await previewDraws(page, ['North', 'South']);
    assert.deepEqual(traces[0]!.y, [12, 7]);
    assert.deepEqual(await a11yViolations(page), []);
    await shot(page, 'sql');
    await create(page, 'Warehouse');

    await reopen(page, 'Warehouse');
    assert.equal(await page.getByLabel('Kind').inputValue(), 'sql');
    await page.locator('select[name="connection"]').waitFor();
    assert.equal(await page.getByLabel('Connection', { exact: true }).inputValue(), 'warehouse');
    assert.match(await page.getByLabel('Query', { exact: true }).inputValue(), /WHERE kwh > \$1/);
    assert.equal(await page.getByLabel('Parameter $1 type').inputValue(), 'number');
    assert.equal(await page.getByLabel('Parameter $1 value').inputValue(), '5');
    assert.equal(await page.getByLabel('Parameter $2 type').count(), 0);
    await previewDraws(page, ['North', 'South']);
  });

  test('energy: sites, bucket, measure and the forecast and anomaly switches', async () => {
    await page.goto(`${host.url}/charts/new`);
    await page.getByLabel('Title', { exact: true }).fill('Harbour');
    await page.getByLabel('Type').selectOption('energy');
    await page.getByLabel('Kind').selectOption('energy');
    assert.equal(await page.getByLabel('X column').inputValue(), 'time');
    await page.getByRole('group', { name: 'Sites' }).getByLabel('Harbour roof').check();
    await page.getByLabel('Time bucket').selectOption('day');
    await page.getByLabel('Measure').selectOption('energy');
    await page.getByLabel('Show the forecast band').uncheck();
    assert.equal(await page.getByLabel('Forecast model').isDisabled(), true);
    const traces = await previewDraws(page, 2);
    const days = traces[0]!.x!;
    assert.match(String(days[0]), /^2026-01-05/);
    // Solar per day (kWh summed): the same 100 kWh curve on both days.
    assert.deepEqual(traces[0]!.y, [100, 100]);
    assert.deepEqual(await a11yViolations(page), []);
    await shot(page, 'energy');
    // An empty x column is a field error.
    await page.getByLabel('X column').fill('');
    await fieldError(page.getByLabel('X column'), /required/);
    await page.getByLabel('X column').fill('time');
    await previewDraws(page, days);
    await create(page, 'Harbour');

    await reopen(page, 'Harbour');
    assert.equal(await page.getByLabel('Kind').inputValue(), 'energy');
    await page.getByRole('group', { name: 'Sites' }).getByLabel('Harbour roof').waitFor();
    assert.equal(await page.getByRole('group', { name: 'Sites' }).getByLabel('Harbour roof').isChecked(), true);
    assert.equal(await page.getByLabel('Time bucket').inputValue(), 'day');
    assert.equal(await page.getByLabel('Measure').inputValue(), 'energy');
    assert.equal(await page.getByLabel('Show the forecast band').isChecked(), false);
    assert.equal(await page.getByLabel('Mark anomalies').isChecked(), true);
    await previewDraws(page, days);
    assert.deepEqual(pageErrors, []);
  });
});
