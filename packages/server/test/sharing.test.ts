import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { type DashboardDetail, dashboardDetailSchema, placedChartSchema } from '@ocp/contract';
import { rawQuery } from '@ocp/db/testing';
import { createCaller, createContextInner, createOcpServer } from '../src/index.js';
import { hashShareToken } from '../src/services/sharing.js';
import { chart, dashboard, TEMPLATE } from './fixtures.js';
import { codeOf, type Harness, serve, startHarness, type TestUser } from './harness.js';

describe('sharing links', () => {
  let h: Harness;
  let me: TestUser;
  let d: DashboardDetail;
  let onDashboard: { id: string };
  let offDashboard: { id: string };

  before(async () => {
    // Generous limits here: the rate limit has its own test below, on a second server with the defaults.
    h = await startHarness({
      rateLimits: { shareToken: { capacity: 100_000, perMinute: 100_000 } },
      publicUrl: 'https://dash.example.com/',
    });
    me = await h.user('sharer');
    onDashboard = await chart(h, me, { title: 'On it' });
    offDashboard = await chart(h, me, { title: 'Not on it', isPublic: true });
    const created = await dashboard(h, me, { templateId: TEMPLATE.grid });
    await h.as(me).placements.place({
      tabId: created.tabs[0]!.id,
      slotKey: 'top-left',
      chartId: onDashboard.id,
    });
    d = await h.as(me).dashboards.get({ id: created.id });
  });
  after(() => h?.close());

  const share = async (resourceType: 'dashboard' | 'chart' | 'template', resourceId: string, extra: object = {}) =>
    await h.as(me).sharing.create({
      resourceType,
      resourceId,
      ...extra,
    });

  test('create returns a 256-bit token once, with its URL; the database keeps only its SHA-256', async () => {
    const link = await share('dashboard', d.id);
    assert.deepEqual(Object.keys(link).sort(), ['id', 'token', 'url']);
    assert.match(link.token, /^[A-Za-z0-9_-]{43}$/);
    assert.equal(Buffer.from(link.token, 'base64url').length, 32);
    assert.equal(link.url, `https://dash.example.com/embed/${link.token}`);
    const [row] = await rawQuery<{ token: string }>(h.db, 'SELECT token FROM sharing_links WHERE id = $1', [link.id]);
    assert.equal(row!.token, hashShareToken(link.token));
    // The raw token is nowhere in the database: every row of every table, as text.
    const tables = await rawQuery<{ s: string; t: string }>(
      h.db,
      `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
        WHERE table_schema IN ('public', 'auth', 'ocp_private') AND table_type = 'BASE TABLE'`,
    );
    for (const { s, t } of tables) {
      const hits = await rawQuery(h.db, `SELECT 1 FROM "${s}"."${t}" x WHERE x::text LIKE '%' || $1 || '%'`, [
        link.token,
      ]);
      assert.equal(hits.length, 0, `${s}.${t} contains the raw token`);
    }
    const listed = await h.as(me).sharing.list({ resourceType: 'dashboard', resourceId: d.id });
    assert.ok(!JSON.stringify(listed).includes(link.token));
    assert.ok(!JSON.stringify(listed).includes(hashShareToken(link.token)));
  });

  test('resolve needs no sign-in, returns only what the link grants and records the access', async () => {
    const link = await share('dashboard', d.id, { permissions: { view: true, interact: true } });
    const res = await h.as(null).sharing.resolve({ token: link.token });
    assert.deepEqual(Object.keys(res).sort(), ['dashboard', 'permissions', 'resourceType']);
    assert.equal(res.resourceType, 'dashboard');
    if (res.resourceType !== 'dashboard') return;
    assert.deepEqual(res.permissions, { view: true, interact: true });
    assert.equal(res.dashboard.role, 'public');
    dashboardDetailSchema.parse(res.dashboard);
    assert.equal(res.dashboard.id, d.id);
    assert.deepEqual(
      res.dashboard.tabs[0]!.placements.map((p) => p.chartId),
      [onDashboard.id],
    );
    assert.ok(!JSON.stringify(res).includes('dataSourceConfig'), 'data sources stay private');
    // Nor does an anonymous viewer learn who owns or made anything (user and team ids).
    assert.ok(!JSON.stringify(res).includes(me.id), 'no user ids');
    assert.equal(res.dashboard.ownerUserId, null);
    assert.ok(res.dashboard.tabs.every((t) => t.template.createdBy === null));
    assert.ok(res.dashboard.tabs.every((t) => t.placements.every((p) => p.chart!.ownerUserId === null)));
    const [row] = await rawQuery<{ seen: boolean }>(
      h.db,
      'SELECT last_accessed_at IS NOT NULL AS seen FROM sharing_links WHERE id = $1',
      [link.id],
    );
    assert.equal(row!.seen, true);
  });

  test('chart and template links expose that one thing', async () => {
    const c = await share('chart', onDashboard.id);
    const chartRes = await h.as(null).sharing.resolve({ token: c.token });
    assert.equal(chartRes.resourceType, 'chart');
    if (chartRes.resourceType === 'chart') {
      placedChartSchema.parse(chartRes.chart); // exactly a placed chart: no data source, no secrets
    }
    const tpl = await h.as(me).templates.create({
      name: 'Shared frame',
      layoutConfig: { columns: 12, rowHeight: 80, gap: 8 },
      slots: [{ slotKey: 'main', positionConfig: { x: 0, y: 0, w: 12, h: 4 } }],
    });
    const t = await share('template', tpl.id);
    const tplRes = await h.as(null).sharing.resolve({ token: t.token });
    assert.equal(tplRes.resourceType === 'template' && tplRes.template.slots.length, 1);
  });

  test('chartData serves only charts on the shared resource', async () => {
    const dash = await share('dashboard', d.id);
    const data = await h.as(null).sharing.chartData({ token: dash.token, chartId: onDashboard.id, width: 300 });
    assert.equal(data.traces.length, 1);
    // A chart of the same owner, even a public one, is not part of this link.
    assert.equal(
      await codeOf(h.as(null).sharing.chartData({ token: dash.token, chartId: offDashboard.id })),
      'NOT_FOUND',
    );
    const single = await share('chart', offDashboard.id);
    await h.as(null).sharing.chartData({ token: single.token, chartId: offDashboard.id });
    assert.equal(
      await codeOf(h.as(null).sharing.chartData({ token: single.token, chartId: onDashboard.id })),
      'NOT_FOUND',
    );
  });

  test('expiry is checked with the database clock, at the boundary', async () => {
    assert.equal(
      await codeOf(
        h.as(me).sharing.create({
          resourceType: 'dashboard',
          resourceId: d.id,
          expiresAt: '2001-01-01T00:00:00Z',
        }),
      ),
      'BAD_REQUEST',
    );
    const link = await share('dashboard', d.id, { expiresAt: new Date(Date.now() + 3_600_000).toISOString() });
    // Expires exactly now (by the database): the next statement runs later, so the link is already dead.
    await rawQuery(h.db, 'UPDATE sharing_links SET expires_at = now() WHERE id = $1', [link.id]);
    assert.equal(await codeOf(h.as(null).sharing.resolve({ token: link.token })), 'NOT_FOUND');
    // Live for one more second by the database clock, whatever this process's clock says.
    await rawQuery(h.db, `UPDATE sharing_links SET expires_at = now() + interval '1 second' WHERE id = $1`, [link.id]);
    assert.equal(await codeOf(h.as(null).sharing.resolve({ token: link.token })), 'OK');
    await new Promise((r) => setTimeout(r, 1100));
    assert.equal(await codeOf(h.as(null).sharing.resolve({ token: link.token })), 'NOT_FOUND');
  });

  test('revoke takes effect immediately', async () => {
    const link = await share('dashboard', d.id);
    await h.as(null).sharing.resolve({ token: link.token });
    await h.as(me).sharing.revoke({ id: link.id });
    assert.equal(await codeOf(h.as(null).sharing.resolve({ token: link.token })), 'NOT_FOUND');
    assert.equal(
      await codeOf(h.as(null).sharing.chartData({ token: link.token, chartId: onDashboard.id })),
      'NOT_FOUND',
    );
  });

  test('1,000 random tokens: all NOT_FOUND, byte-identical to a revoked or expired token', async () => {
    const revoked = await share('dashboard', d.id);
    await h.as(me).sharing.revoke({ id: revoked.id });
    const expected = (await h.call(null, 'sharing.resolve', { token: revoked.token })).text;
    const tokens = Array.from({ length: 1000 }, () => randomBytes(32).toString('base64url'));
    for (let i = 0; i < tokens.length; i += 50) {
      const batch = await Promise.all(
        tokens.slice(i, i + 50).map((token) => h.call(null, 'sharing.resolve', { token })),
      );
      for (const res of batch) {
        assert.equal(res.status, 404);
        assert.equal(res.text, expected);
      }
    }
  });

  test('allowedOrigins must be origins: scheme, host, optional port, nothing else', async () => {
    const good = ['https://app.example.com', 'http://localhost:5173'];
    const link = await share('dashboard', d.id, { permissions: { view: true, allowedOrigins: good } });
    const res = await h.as(null).sharing.resolve({ token: link.token });
    assert.deepEqual(res.permissions.allowedOrigins, good);
    for (const bad of [
      '*',
      'https://app.example.com/',
      'https://a.com/path',
      'javascript:alert(1)',
      'https://user@a.com',
      'HTTPS://A.COM',
      'ftp://a.com',
    ]) {
      const r = await h.call(me, 'sharing.create', {
        resourceType: 'dashboard',
        resourceId: d.id,
        permissions: { view: true, allowedOrigins: [bad] },
      });
      assert.equal(r.code, 'BAD_REQUEST', bad);
    }
    assert.equal(
      await codeOf(
        h.as(me).sharing.create({
          resourceType: 'dashboard',
          resourceId: d.id,
          permissions: { view: false as never },
        }),
      ),
      'BAD_REQUEST',
    );
  });

  test('rate limit: with the default limits, guessing tokens gets TOO_MANY_REQUESTS; a valid link is never limited', async () => {
    // The server's clock stands still: however slow the machine, no token refills during the test.
    const now = Date.now();
    const ocp = createOcpServer({ db: h.db.db, auth: h.auth, clock: () => now });
    const served = await serve(ocp);
    const base = `${served.url}/trpc/sharing.resolve?input=`;
    const resolve = async (token: string) => (await fetch(base + encodeURIComponent(JSON.stringify({ token })))).status;
    try {
      const valid = await share('dashboard', d.id);
      for (let i = 0; i < 100; i++) assert.equal(await resolve(valid.token), 200, 'valid tokens are refunded');
      const statuses: number[] = [];
      for (let i = 0; i < 40; i++) statuses.push(await resolve(randomBytes(32).toString('base64url')));
      assert.deepEqual(statuses.slice(0, 30), Array(30).fill(404));
      assert.deepEqual(statuses.slice(30), Array(10).fill(429));
    } finally {
      await served.close();
      await ocp.close();
    }
  });

  test('rate limit: buckets refill by the server’s clock (30 wrong tokens a minute), not by the wall clock', async () => {
    let now = 1_000_000;
    const ocp = createOcpServer({ db: h.db.db, auth: h.auth, clock: () => now });
    const resolve = async (token: string) => {
      const caller = createCaller(createContextInner({ db: h.db.db, ip: '10.9.9.9', runtime: ocp.runtime }));
      return caller.sharing.resolve({ token }).then(
        () => 'OK',
        (e: { code?: string }) => e.code,
      );
    };
    const wrong = () => randomBytes(32).toString('base64url');
    try {
      for (let i = 0; i < 30; i++) assert.equal(await resolve(wrong()), 'NOT_FOUND');
      assert.equal(await resolve(wrong()), 'TOO_MANY_REQUESTS');
      now += 1_999; // not quite one token's worth (2 s)
      assert.equal(await resolve(wrong()), 'TOO_MANY_REQUESTS');
      now += 1;
      assert.equal(await resolve(wrong()), 'NOT_FOUND', 'one token came back after two seconds of server time');
      assert.equal(await resolve(wrong()), 'TOO_MANY_REQUESTS');
      now += 60_000;
      for (let i = 0; i < 30; i++) assert.equal(await resolve(wrong()), 'NOT_FOUND');
      assert.equal(await resolve(wrong()), 'TOO_MANY_REQUESTS');
    } finally {
      await ocp.close();
    }
  });
});
