import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import type { ChartData, ChartDetail, DashboardDetail } from '@ocp/contract';
import { rawQuery } from '@ocp/db/testing';
import { chartInput, dashboard, TEMPLATE, type Team, team } from './fixtures.js';
import { type CallResult, type Harness, ok, startHarness, type TestUser } from './harness.js';

// Issue 10.8: an http source's secrets are stored apart from its config, read only by the server when it fetches,
// sent only to their own origin, and never returned; the config itself goes only to those who may edit the chart.

const KEY = 'k3y-0f-the-upstream-5f9c2e';
const BEARER = 'Bearer t0ken-0f-the-upstream-77ad1';

interface Seen {
  url: string;
  authorization: string | undefined;
}

/** A data API on loopback that answers only with the key in the query and the bearer token in a header. */
async function upstream(): Promise<{ origin: string; seen: Seen[]; close(): Promise<void>; redirectTo?: string }> {
  const seen: Seen[] = [];
  const state: { origin: string; seen: Seen[]; close(): Promise<void>; redirectTo?: string } = {
    origin: '',
    seen,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    seen.push({ url: req.url ?? '', authorization: req.headers.authorization });
    if (url.pathname === '/redirect' && state.redirectTo) {
      res.writeHead(302, { location: `${state.redirectTo}/readings.json?${url.searchParams}` });
      res.end();
      return;
    }
    const keyOnly = url.pathname === '/key-only.json';
    if (url.searchParams.get('api_key') !== KEY || (!keyOnly && req.headers.authorization !== BEARER)) {
      res.writeHead(401, { 'content-type': 'application/json' });
      res.end('{"error":"unauthorized"}');
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        rows: [
          { t: 1, kw: 11 },
          { t: 2, kw: 22 },
        ],
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return state;
}

describe('data-source secrets', () => {
  let h: Harness;
  let t: Team;
  let api: Awaited<ReturnType<typeof upstream>>;
  let elsewhere: Awaited<ReturnType<typeof upstream>>;
  /** Every response of this file, as sent: none may hold a secret. */
  const responses: string[] = [];
  const call = async <T>(who: TestUser | null, path: string, input?: unknown): Promise<CallResult<T>> => {
    const res = await h.call<T>(who, path, input);
    responses.push(res.text);
    return res;
  };

  before(async () => {
    h = await startHarness({ rateLimits: { shareToken: { capacity: 100_000, perMinute: 100_000 } } });
    t = await team(h);
    [api, elsewhere] = await Promise.all([upstream(), upstream()]);
    h.runtime.engine.configureHttp({
      allowedOrigins: [api.origin, elsewhere.origin],
      addressPolicy: { allow: ['127.0.0.0/8'] },
    });
  });
  after(async () => {
    await Promise.all([api?.close(), elsewhere?.close()]);
    await h?.close();
  });

  const httpSource = (origin: string, extra: Record<string, unknown> = {}) => ({
    kind: 'http',
    url: `${origin}/readings.json?region=eu&api_key=${KEY}`,
    headers: { Authorization: BEARER },
    path: 'rows',
    mapping: { x: 't', y: ['kw'] },
    ...extra,
  });

  test('the reported case: a public chart whose URL carries api_key=… (no headers)', async () => {
    const owner = await h.user('key-owner');
    const source = {
      kind: 'http',
      url: `${api.origin}/key-only.json?api_key=${KEY}`,
      path: 'rows',
      mapping: { x: 't', y: ['kw'] },
    };
    const c = ok(
      await call<ChartDetail>(owner, 'charts.create', chartInput({ isPublic: true, dataSourceConfig: source })),
    );
    const seen = await call<ChartDetail>(t.stranger, 'charts.get', { id: c.id });
    assert.ok(!seen.text.includes(KEY), 'a signed-in stranger gets the key');
    assert.equal(ok(seen).dataSourceConfig, null);
    const own = ok(await call<ChartDetail>(owner, 'charts.get', { id: c.id }));
    assert.equal((own.dataSourceConfig as { url: string }).url, `${api.origin}/key-only.json`);
    assert.deepEqual(own.dataSourceSecrets, { headers: [], query: ['api_key'] });
    assert.deepEqual(ok(await call<ChartData>(t.stranger, 'charts.data', { chartId: c.id })).traces[0]!.y, [11, 22]);
  });

  test("a public chart's source reaches only its editors, and its secrets nobody: every procedure, every table", async () => {
    const created = ok(
      await call<ChartDetail>(
        t.editor,
        'charts.create',
        chartInput({ title: 'Metered', ownerTeamId: t.teamId, dataSourceConfig: httpSource(api.origin) }),
      ),
    );
    ok(await call(t.admin, 'charts.update', { id: created.id, isPublic: true }));
    // Editors see the source without its secrets, and which secrets are stored.
    for (const editor of [t.editor, t.admin]) {
      const mine = ok(await call<ChartDetail>(editor, 'charts.get', { id: created.id }));
      assert.deepEqual(mine.dataSourceConfig, {
        kind: 'http',
        url: `${api.origin}/readings.json?region=eu`,
        format: 'json',
        path: 'rows',
        mapping: { x: 't', y: ['kw'] },
      });
      assert.deepEqual(mine.dataSourceSecrets, { headers: ['Authorization'], query: ['api_key'] });
    }
    // A team viewer, and every signed-in user (the chart is public), read the chart without its source.
    for (const reader of [t.viewer, t.stranger]) {
      const res = await call<ChartDetail>(reader, 'charts.get', { id: created.id });
      assert.equal(ok(res).dataSourceConfig, null);
      assert.equal(ok(res).dataSourceSecrets, null);
      assert.ok(!res.text.includes('readings.json'), 'not even the URL');
    }
    // The data still comes: the server added the key and the header, for everyone who may read the chart.
    for (const reader of [t.editor, t.viewer, t.stranger]) {
      assert.deepEqual(
        ok(await call<ChartData>(reader, 'charts.data', { chartId: created.id })).traces[0]!.y,
        [11, 22],
      );
    }
    const fetched = api.seen.at(-1)!;
    assert.equal(fetched.authorization, BEARER);
    assert.equal(new URL(fetched.url, 'http://x').searchParams.get('api_key'), KEY);
    // Everywhere else the chart appears.
    const d = await dashboard(h, t.stranger, { templateId: TEMPLATE.grid });
    ok(await call(t.stranger, 'placements.place', { tabId: d.tabs[0]!.id, slotKey: 'top-left', chartId: created.id }));
    ok(await call<DashboardDetail>(t.stranger, 'dashboards.get', { id: d.id }));
    ok(await call(t.stranger, 'charts.list', { includePublic: true }));
    ok(await call(t.editor, 'charts.versions', { chartId: created.id, includeConfig: true }));
    const { token } = ok(
      await call<{ token: string }>(t.editor, 'sharing.create', { resourceType: 'chart', resourceId: created.id }),
    );
    ok(await call(null, 'sharing.resolve', { token }));
    assert.deepEqual(
      ok(await call<ChartData>(null, 'sharing.chartData', { token, chartId: created.id })).traces[0]!.y,
      [11, 22],
    );
    // Stored apart: no table the API reads holds them (charts, versions, everything in public), only ocp_private.
    const tables = await rawQuery<{ name: string }>(
      h.db,
      `SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`,
    );
    const leaked: string[] = [];
    for (const { name } of tables) {
      const [row] = await rawQuery<{ n: number }>(
        h.db,
        `SELECT count(*)::int AS n FROM public."${name}" x WHERE row_to_json(x)::text LIKE $1 OR row_to_json(x)::text LIKE $2`,
        [`%${KEY}%`, `%${BEARER.slice(7)}%`],
      );
      if (row!.n > 0) leaked.push(name);
    }
    assert.deepEqual(leaked, []);
    const [stored] = await rawQuery<{ origin: string; headers: unknown; query: unknown }>(
      h.db,
      'SELECT origin, headers, query FROM ocp_private.chart_source_secrets WHERE chart_id = $1',
      [created.id],
    );
    assert.deepEqual(
      { ...stored, headers: JSON.parse(JSON.stringify(stored!.headers)) },
      { origin: api.origin, headers: { Authorization: BEARER }, query: [`api_key=${KEY}`] },
    );
  });

  test('secrets follow their origin: an editor cannot point the chart elsewhere to collect them', async () => {
    const c = ok(
      await call<ChartDetail>(t.editor, 'charts.create', chartInput({ dataSourceConfig: httpSource(api.origin) })),
    );
    // An edit that keeps the origin keeps the secrets (what the chart editor sends back: the config as returned).
    const kept = ok(await call<ChartDetail>(t.editor, 'charts.get', { id: c.id })).dataSourceConfig!;
    ok(
      await call(t.editor, 'charts.update', {
        id: c.id,
        dataSourceConfig: { ...kept, path: 'rows' },
        title: 'Renamed',
      }),
    );
    assert.deepEqual(ok(await call<ChartData>(t.editor, 'charts.data', { chartId: c.id })).traces[0]!.y, [11, 22]);
    // Another origin: the fetch goes there without them, and they are gone for good.
    const before = elsewhere.seen.length;
    const moved = { ...kept, url: `${elsewhere.origin}/readings.json?region=eu` };
    ok(await call(t.editor, 'charts.update', { id: c.id, dataSourceConfig: moved }));
    assert.equal((await call(t.editor, 'charts.data', { chartId: c.id })).code, 'BAD_GATEWAY');
    assert.deepEqual(elsewhere.seen.slice(before), [{ url: '/readings.json?region=eu', authorization: undefined }]);
    assert.equal(ok(await call<ChartDetail>(t.editor, 'charts.get', { id: c.id })).dataSourceSecrets, null);
    ok(await call(t.editor, 'charts.update', { id: c.id, dataSourceConfig: kept }));
    assert.equal((await call(t.editor, 'charts.data', { chartId: c.id })).code, 'BAD_GATEWAY');
    // Restoring the version that had them does not bring them back either (versions never held them).
    ok(await call(t.editor, 'charts.restoreVersion', { chartId: c.id, versionNumber: 1 }));
    assert.equal((await call(t.editor, 'charts.data', { chartId: c.id })).code, 'BAD_GATEWAY');
    // Given again, they work again; `headers: {}` with no key in the URL clears them all.
    ok(await call(t.editor, 'charts.update', { id: c.id, dataSourceConfig: httpSource(api.origin) }));
    assert.deepEqual(ok(await call<ChartData>(t.editor, 'charts.data', { chartId: c.id })).traces[0]!.y, [11, 22]);
    ok(await call(t.editor, 'charts.update', { id: c.id, dataSourceConfig: { ...kept, headers: {} } }));
    assert.equal(ok(await call<ChartDetail>(t.editor, 'charts.get', { id: c.id })).dataSourceSecrets, null);
  });

  test('a redirect to another origin is followed without the secret headers', async () => {
    api.redirectTo = elsewhere.origin;
    const c = ok(
      await call<ChartDetail>(
        t.editor,
        'charts.create',
        chartInput({ dataSourceConfig: httpSource(api.origin, { url: `${api.origin}/redirect?api_key=${KEY}` }) }),
      ),
    );
    const before = elsewhere.seen.length;
    await call(t.editor, 'charts.data', { chartId: c.id });
    const hop = elsewhere.seen.slice(before);
    assert.equal(hop.length, 1);
    assert.equal(hop[0]!.authorization, undefined);
  });

  test('header names and values are checked; reserved headers are refused', async () => {
    for (const headers of [{ Host: 'example.com' }, { 'Bad Name': 'x' }, { 'X-Key': 'a\r\nInjected: 1' }]) {
      const res = await call(
        t.editor,
        'charts.create',
        chartInput({ dataSourceConfig: httpSource(api.origin, { headers }) }),
      );
      assert.equal(res.code, 'BAD_REQUEST');
    }
  });

  test('no response of this file held a secret (raw HTTP text)', () => {
    assert.ok(responses.length >= 30, `only ${responses.length} responses collected`);
    for (const text of responses) {
      assert.ok(!text.includes(KEY) && !text.includes(BEARER.slice(7)), `a response held a secret: ${text}`);
    }
  });
});
