import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { ChartData, DashboardDetail } from '@ocp/contract';
import { chart, dashboard, TEMPLATE } from './fixtures.js';
import { codeOf, type Harness, startHarness, type TestUser } from './harness.js';

const HOUR = 3_600_000;
const START = Date.UTC(2026, 0, 1);
/** 10 days of hourly readings at three sites: 720 rows, every value known. */
const rows = Array.from({ length: 240 * 3 }, (_, i) => ({
  time: new Date(START + Math.floor(i / 3) * HOUR).toISOString(),
  site: ['North', 'South', 'East'][i % 3]!,
  kw: i,
}));
const columns = {
  time: rows.map((r) => r.time),
  site: rows.map((r) => r.site),
  kw: rows.map((r) => r.kw),
};

const xs = (data: ChartData) => data.traces.flatMap((t) => (t.x as string[]) ?? []);
const ys = (data: ChartData) => data.traces.flatMap((t) => (t.y as number[]) ?? []);

describe('dashboard interactivity: range, filters, filter values, locked links, CSV export', () => {
  let h: Harness;
  let me: TestUser;
  let stranger: TestUser;
  let load: { id: string };
  let d: DashboardDetail;

  before(async () => {
    h = await startHarness({ rateLimits: { shareToken: { capacity: 100_000, perMinute: 100_000 } } });
    [me, stranger] = await Promise.all([h.user('author'), h.user('stranger')]);
    load = await chart(h, me, {
      title: 'Site load',
      plotlyConfig: { data: [{ type: 'scatter', mode: 'lines' }] },
      dataSourceConfig: { kind: 'inline', columns, mapping: { x: 'time', y: ['kw'] } },
    });
    const created = await dashboard(h, me, { templateId: TEMPLATE.grid });
    await h.as(me).placements.place({ tabId: created.tabs[0]!.id, slotKey: 'top-left', chartId: load.id });
    d = await h.as(me).dashboards.get({ id: created.id });
  });
  after(() => h?.close());

  test('a range keeps only the rows in it, and says the chart is time-based', async () => {
    const all = await h.as(me).charts.data({ chartId: load.id });
    assert.equal(all.meta.returnedPoints, 720);
    assert.equal(all.meta.timeBased, true);
    assert.deepEqual([...(all.meta.columns ?? [])].sort(), ['kw', 'site', 'time']);
    const from = new Date(START + 24 * HOUR).toISOString();
    const to = new Date(START + 48 * HOUR).toISOString();
    const day = await h.as(me).charts.data({ chartId: load.id, range: { from, to } });
    assert.equal(day.meta.returnedPoints, 25 * 3, 'both ends included: 25 hours of 3 sites');
    assert.ok(xs(day).every((x) => x >= from && x <= to));
    assert.deepEqual(
      ys(day),
      rows.filter((r) => r.time >= from && r.time <= to).map((r) => r.kw),
    );
  });

  test('relative ranges resolve on the server (now-…); a range ending before the data is empty', async () => {
    const recent = await h.as(me).charts.data({ chartId: load.id, range: { from: 'now-7d', to: 'now' } });
    assert.equal(recent.meta.returnedPoints, 0, 'the data is from January 2026, long before the last 7 days');
    const year = await h.as(me).charts.data({
      chartId: load.id,
      range: { from: 'now/y', to: 'now', timezone: 'Europe/Paris' },
    });
    const thisYear = new Date().getUTCFullYear() === 2026 ? 720 : 0;
    assert.equal(year.meta.returnedPoints, thisYear);
    assert.equal(await codeOf(h.as(me).charts.data({ chartId: load.id, range: { from: 'yesterday' } })), 'BAD_REQUEST');
    assert.equal(
      await codeOf(h.as(me).charts.data({ chartId: load.id, range: { from: 'now-1d', timezone: 'Mars/Olympus' } })),
      'BAD_REQUEST',
    );
  });

  test('filters keep the rows whose column holds one of the values; a filter on a missing column does not apply', async () => {
    const north = await h.as(me).charts.data({ chartId: load.id, filters: [{ column: 'site', values: ['North'] }] });
    assert.equal(north.meta.returnedPoints, 240);
    assert.deepEqual(
      ys(north),
      rows.filter((r) => r.site === 'North').map((r) => r.kw),
    );
    assert.deepEqual(north.meta.filtered, ['site']);
    const two = await h.as(me).charts.data({
      chartId: load.id,
      filters: [
        { column: 'site', values: ['North', 'East'] },
        { column: 'category', values: ['x'] },
      ],
    });
    assert.equal(two.meta.returnedPoints, 480);
    assert.deepEqual(two.meta.filtered, ['site']);
  });

  test('filterValues: distinct values, bounded, only for who may read the chart', async () => {
    const values = await h.as(me).charts.filterValues({ chartId: load.id, column: 'site' });
    assert.deepEqual([...values.values].sort(), ['East', 'North', 'South']);
    assert.equal(values.truncated, false);
    const one = await h.as(me).charts.filterValues({ chartId: load.id, column: 'site', limit: 1 });
    assert.equal(one.values.length, 1);
    assert.equal(one.truncated, true);
    const searched = await h.as(me).charts.filterValues({ chartId: load.id, column: 'site', search: 'th' });
    assert.deepEqual([...searched.values].sort(), ['North', 'South']);
    assert.equal(await codeOf(h.as(stranger).charts.filterValues({ chartId: load.id, column: 'site' })), 'NOT_FOUND');
    const tooMany = await h.call(me, 'charts.filterValues', { chartId: load.id, column: 'site', limit: 5000 });
    assert.equal(tooMany.code, 'BAD_REQUEST');
  });

  test('a link locks the range and filters: the viewer narrows them but never widens them, by API or URL', async () => {
    const lockedFrom = new Date(START + 24 * HOUR).toISOString();
    const lockedTo = new Date(START + 72 * HOUR).toISOString();
    const link = await h.as(me).sharing.create({
      resourceType: 'dashboard',
      resourceId: d.id,
      permissions: {
        view: true,
        lockedRange: { from: lockedFrom, to: lockedTo },
        lockedFilters: [{ column: 'site', values: ['North', 'South'] }],
      },
    });
    const inLock = (data: ChartData) => {
      assert.ok(
        xs(data).every((x) => x >= lockedFrom && x <= lockedTo),
        'every point inside the locked range',
      );
    };
    const plain = await h.as(null).sharing.chartData({ token: link.token, chartId: load.id });
    inLock(plain);
    assert.equal(plain.meta.returnedPoints, 49 * 2);
    // Asking for everything, for another site, or for a wider range gets nothing more.
    const wider = await h.as(null).sharing.chartData({
      token: link.token,
      chartId: load.id,
      range: { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' },
      filters: [{ column: 'site', values: ['North', 'South', 'East'] }],
    });
    inLock(wider);
    assert.equal(wider.meta.returnedPoints, 49 * 2);
    const east = await h.as(null).sharing.chartData({
      token: link.token,
      chartId: load.id,
      filters: [{ column: 'site', values: ['East'] }],
    });
    assert.equal(east.meta.returnedPoints, 0, 'a value outside the lock matches nothing');
    // Narrowing works: one site, one day.
    const narrow = await h.as(null).sharing.chartData({
      token: link.token,
      chartId: load.id,
      range: { from: lockedFrom, to: new Date(START + 47 * HOUR).toISOString() },
      filters: [{ column: 'site', values: ['North'] }],
    });
    assert.equal(narrow.meta.returnedPoints, 24);
    // The same over HTTP (what a URL edit in the viewer sends).
    const overHttp = await h.call(null, 'sharing.chartData', {
      token: link.token,
      chartId: load.id,
      range: { from: 'now-100y', to: 'now' },
    });
    assert.equal(overHttp.code, 'OK');
    inLock(overHttp.data as ChartData);
    // Filter options name only what the link lets through.
    const options = await h.as(null).sharing.filterValues({ token: link.token, chartId: load.id, column: 'site' });
    assert.deepEqual([...options.values].sort(), ['North', 'South']);
  });

  const csvUrl = (input: object) => `${h.url}/trpc/charts.exportCsv?input=${encodeURIComponent(JSON.stringify(input))}`;
  const parseCsv = (text: string) =>
    text
      .trimEnd()
      .split('\r\n')
      .map((line) => line.split(','));

  test('CSV export: the source rows for the range, at full resolution, as the signed-in reader', async () => {
    const from = new Date(START + 24 * HOUR).toISOString();
    const to = new Date(START + 48 * HOUR).toISOString();
    const res = await fetch(csvUrl({ chartId: load.id, range: { from, to } }), {
      headers: { authorization: `Bearer ${me.token}` },
    });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    const [header, ...body] = parseCsv(await res.text());
    assert.deepEqual(header, ['time', 'kw']);
    const expected = rows.filter((r) => r.time >= from && r.time <= to).map((r) => [r.time, String(r.kw)]);
    assert.deepEqual(body, expected);
    // Much more than the plot would get (downsampled to 2 points per pixel): every source row of the range.
    const wide = await h.as(me).charts.data({ chartId: load.id, width: 20 });
    assert.ok(wide.meta.returnedPoints < 720);
    const all = await fetch(csvUrl({ chartId: load.id }), { headers: { authorization: `Bearer ${me.token}` } });
    assert.equal(parseCsv(await all.text()).length, 721);
  });

  test('CSV export: NOT_FOUND for a stranger, UNAUTHORIZED without sign-in, FORBIDDEN through a link without allowExport', async () => {
    const stranger404 = await fetch(csvUrl({ chartId: load.id }), {
      headers: { authorization: `Bearer ${stranger.token}` },
    });
    assert.equal(stranger404.status, 404);
    const anonymous = await fetch(csvUrl({ chartId: load.id }));
    assert.equal(anonymous.status, 401);
    const viewOnly = await h.as(me).sharing.create({ resourceType: 'dashboard', resourceId: d.id });
    const refused = await fetch(csvUrl({ token: viewOnly.token, chartId: load.id }));
    assert.equal(refused.status, 403);
    const body = (await refused.json()) as { error: { data: { code: string } } };
    assert.equal(body.error.data.code, 'FORBIDDEN');
    const exporting = await h.as(me).sharing.create({
      resourceType: 'dashboard',
      resourceId: d.id,
      permissions: { view: true, allowExport: true, lockedFilters: [{ column: 'site', values: ['East'] }] },
    });
    const allowed = await fetch(csvUrl({ token: exporting.token, chartId: load.id }));
    assert.equal(allowed.status, 200);
    const [, ...lines] = parseCsv(await allowed.text());
    assert.deepEqual(
      lines.map((l) => Number(l[1])),
      rows.filter((r) => r.site === 'East').map((r) => r.kw),
      'the export is held to the link locks too',
    );
    const wrongChart = await fetch(csvUrl({ token: exporting.token, chartId: crypto.randomUUID() }));
    assert.equal(wrongChart.status, 404);
    const bad = await fetch(`${h.url}/trpc/charts.exportCsv?input=nope`, {
      headers: { authorization: `Bearer ${me.token}` },
    });
    assert.equal(bad.status, 400);
  });

  test('a pinned placement keeps its version after the chart changes; a floating one updates; usage lists them', async () => {
    const c = await chart(h, me, {
      title: 'Versioned',
      plotlyConfig: { data: [{ type: 'bar' }] },
      dataSourceConfig: { kind: 'inline', columns: { k: ['a', 'b'], v: [1, 2] }, mapping: { x: 'k', y: ['v'] } },
    });
    const board = await dashboard(h, me, { templateId: TEMPLATE.grid, title: 'Pins' });
    const tabId = board.tabs[0]!.id;
    const floating = await h.as(me).placements.place({ tabId, slotKey: 'top-left', chartId: c.id });
    const pinned = await h.as(me).placements.place({
      tabId,
      slotKey: 'top-right',
      chartId: c.id,
      customizations: { pinnedVersion: 1, title: 'Kept' },
    });
    const usage = await h.as(me).charts.usage({ id: c.id });
    assert.equal(usage.currentVersion, 1);
    assert.deepEqual(
      usage.dashboards.map((d) => [d.title, d.placements.map((p) => p.pinnedVersion).sort()]),
      [['Pins', [1, null]]],
    );
    assert.equal(await codeOf(h.as(stranger).charts.usage({ id: c.id })), 'NOT_FOUND');

    await h.as(me).charts.update({
      id: c.id,
      plotlyConfig: { data: [{ type: 'scatter', mode: 'lines' }] },
      dataSourceConfig: {
        kind: 'inline',
        columns: { k: ['a', 'b', 'c'], v: [5, 6, 7] },
        mapping: { x: 'k', y: ['v'] },
      },
    });
    const after = await h.as(me).dashboards.get({ id: board.id });
    const shown = (id: string) => after.tabs[0]!.placements.find((p) => p.id === id)!;
    assert.equal(shown(floating.id).chart!.plotlyConfig.data[0]!.type, 'scatter', 'floating follows the edit');
    assert.equal(shown(pinned.id).chart!.plotlyConfig.data[0]!.type, 'bar', 'pinned keeps version 1');
    const latest = await h.as(me).charts.data({ chartId: c.id });
    const v1 = await h.as(me).charts.data({ chartId: c.id, version: 1 });
    assert.deepEqual(latest.traces[0]!.y, [5, 6, 7]);
    assert.deepEqual(v1.traces[0]!.y, [1, 2]);
    assert.equal(v1.traces[0]!.type, 'bar');
    // Through a link to the dashboard: the pinned version, and no other old version.
    const link = await h.as(me).sharing.create({ resourceType: 'dashboard', resourceId: board.id });
    const shared = await h.as(null).sharing.chartData({ token: link.token, chartId: c.id, version: 1 });
    assert.deepEqual(shared.traces[0]!.y, [1, 2]);
    await h.as(me).placements.update({ id: pinned.id, customizations: { pinnedVersion: 2 } });
    assert.equal(
      await codeOf(h.as(null).sharing.chartData({ token: link.token, chartId: c.id, version: 1 })),
      'NOT_FOUND',
      'version 1 is pinned nowhere any more',
    );
    assert.equal(await codeOf(h.as(stranger).charts.data({ chartId: c.id, version: 1 })), 'NOT_FOUND');
  });

  test("the default time range is the dashboard's settings.timeRange; links reject a locked range that is not a time", async () => {
    const board = await dashboard(h, me, { templateId: TEMPLATE.grid, title: 'Defaults' });
    const updated = await h.as(me).dashboards.update({
      id: board.id,
      expectedUpdatedAt: board.updatedAt,
      settings: { timeRange: { from: 'now-30d', to: 'now' }, filters: [{ column: 'site', label: 'Site' }] },
    });
    const again = await h.as(me).dashboards.get({ id: updated.id });
    assert.deepEqual(again.settings.timeRange, { from: 'now-30d', to: 'now' });
    assert.equal(
      await codeOf(
        h.as(me).sharing.create({
          resourceType: 'dashboard',
          resourceId: board.id,
          permissions: { view: true, lockedRange: { from: 'last tuesday' } },
        }),
      ),
      'BAD_REQUEST',
    );
  });
});
