import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { type OcpDatabase, SYSTEM_TEMPLATES } from '@ocp/db';
import { createOcpServer } from '../src/index.js';
import { ISO_MICROS, TEMPLATE } from './fixtures.js';
import { type Harness, ok, startHarness, type TestUser } from './harness.js';

describe('HTTP: node handler', () => {
  let h: Harness;
  let me: TestUser;
  before(async () => {
    h = await startHarness();
    me = await h.user('wire');
  });
  after(() => h?.close());

  test('healthz reports the database reachable', async () => {
    const res = await fetch(`${h.url}/healthz`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('x-content-type-options'), 'nosniff');
  });

  test('wire format: templates.list over GET is plain JSON, no transformer envelope', async () => {
    const res = await fetch(`${h.url}/trpc/templates.list`);
    assert.equal(res.headers.get('content-type'), 'application/json');
    const body = (await res.json()) as { result: { data: Array<Record<string, unknown>> } };
    assert.equal(body.result.data.length, SYSTEM_TEMPLATES.length);
    assert.deepEqual(Object.keys(body.result.data[0]!).sort(), [
      'createdBy',
      'description',
      'id',
      'isSystemTemplate',
      'layoutConfig',
      'name',
      'ownerTeamId',
      'previewImageUrl',
      'slotCount',
    ]);
  });

  test('wire format with raw fetch: POST a mutation, GET a query, ISO timestamps, bearer auth', async () => {
    const created = await fetch(`${h.url}/trpc/dashboards.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${me.token}` },
      body: JSON.stringify({ title: 'Wire', templateId: TEMPLATE.single }),
    });
    assert.equal(created.status, 200);
    const { result } = (await created.json()) as {
      result: { data: { id: string; updatedAt: string; tabs: unknown[] } };
    };
    assert.match(result.data.updatedAt, ISO_MICROS);
    assert.equal(result.data.tabs.length, 1);
    const input = encodeURIComponent(JSON.stringify({ id: result.data.id }));
    const got = await fetch(`${h.url}/trpc/dashboards.get?input=${input}`, {
      headers: { authorization: `Bearer ${me.token}` },
    });
    assert.equal(got.status, 200);
    const body = (await got.json()) as { result: { data: { id: string; role: string } } };
    assert.equal(body.result.data.id, result.data.id);
    assert.equal(body.result.data.role, 'owner');
  });

  test('wire format: errors are { error: { message, code, data: { code, httpStatus, path, issues } } }', async () => {
    const input = encodeURIComponent(JSON.stringify({ id: crypto.randomUUID() }));
    const res = await fetch(`${h.url}/trpc/dashboards.get?input=${input}`, {
      headers: { authorization: `Bearer ${me.token}` },
    });
    assert.equal(res.status, 404);
    assert.deepEqual(await res.json(), {
      error: {
        message: 'Dashboard not found',
        code: -32004,
        data: { code: 'NOT_FOUND', httpStatus: 404, path: 'dashboards.get', issues: null },
      },
    });
    const anon = await fetch(`${h.url}/trpc/dashboards.list`);
    assert.equal(anon.status, 401);
    const bad = await fetch(`${h.url}/trpc/dashboards.get?input=${encodeURIComponent('{"id":"nope"}')}`, {
      headers: { authorization: `Bearer ${me.token}` },
    });
    assert.equal(bad.status, 400);
    const issues = ((await bad.json()) as { error: { data: { issues: Array<{ path: string }> } } }).error.data.issues;
    assert.equal(issues[0]!.path, 'id');
  });

  test('batching: two calls in one request, results in order', async () => {
    const res = await fetch(
      `${h.url}/trpc/templates.list,templates.get?batch=1&input=${encodeURIComponent(JSON.stringify({ 1: { id: TEMPLATE.hero } }))}`,
    );
    const body = (await res.json()) as Array<{ result: { data: { name?: string } } }>;
    assert.equal(body.length, 2);
    assert.equal(body[1]!.result.data.name, 'Hero + 3');
  });

  test('an invalid or expired token is anonymous: UNAUTHORIZED on signed-in procedures', async () => {
    const forged = `${me.token.slice(0, -4)}AAAA`;
    assert.equal((await h.call(forged, 'me.get')).code, 'UNAUTHORIZED');
    assert.equal((await h.call('not-a-jwt', 'me.get')).code, 'UNAUTHORIZED');
    assert.equal(ok(await h.call<{ id: string }>(me, 'me.get')).id, me.id);
  });

  test('a body over 1 MB (5 MB here) is refused with 413 before it is read', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const res = await fetch(`${h.url}/trpc/dashboards.create`, {
      method: 'POST',
      body: big,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${me.token}` },
    });
    assert.equal(res.status, 413);
    assert.equal(((await res.json()) as { error: { data: { code: string } } }).error.data.code, 'PAYLOAD_TOO_LARGE');
  });

  test('a 100,000-element array is BAD_REQUEST, quickly', async () => {
    for (const [path, input] of [
      ['workspace.items.create', { itemType: 'note', title: 'n', tags: Array(100_000).fill('x') }],
      ['tabs.reorder', { dashboardId: crypto.randomUUID(), tabIds: Array(100_000).fill(0) }],
    ] as const) {
      const started = performance.now();
      const res = await h.call(me, path, input);
      const ms = performance.now() - started;
      assert.equal(res.code, 'BAD_REQUEST', path);
      assert.ok(ms < 1000, `${path} took ${ms.toFixed(0)} ms`);
    }
  });

  test('1,000-deep JSON is BAD_REQUEST, quickly, without blowing the stack', async () => {
    const deep = `${'{"a":'.repeat(1000)}1${'}'.repeat(1000)}`;
    const started = performance.now();
    const res = await fetch(`${h.url}/trpc/dashboards.create`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${me.token}` },
      body: `{"title":"deep","templateId":"${TEMPLATE.single}","settings":${deep}}`,
    });
    assert.equal(res.status, 400);
    assert.match(await res.text(), /nested deeper than/);
    assert.ok(performance.now() - started < 1000);
  });

  test('__proto__, constructor and prototype keys are rejected (raw bodies, where JSON.parse keeps them)', async () => {
    const bodies = [
      `{"title":"p","templateId":"${TEMPLATE.single}","settings":{"__proto__":{"polluted":true}}}`,
      `{"__proto__":{"polluted":true},"title":"p","templateId":"${TEMPLATE.single}"}`,
      `{"title":"p","templateId":"${TEMPLATE.single}","settings":{"a":{"constructor":{"prototype":{"polluted":true}}}}}`,
      `{"title":"p","templateId":"${TEMPLATE.single}","settings":{"__proto__":1}}`,
    ];
    for (const body of bodies) {
      const res = await fetch(`${h.url}/trpc/dashboards.create`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${me.token}` },
        body,
      });
      assert.equal(res.status, 400, body);
      assert.match(await res.text(), /is not allowed/);
    }
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    const charts = await h.call(me, 'charts.create', {
      title: 'p',
      chartType: 'line',
      plotlyConfig: JSON.parse('{"data":[{"type":"scatter","__proto__":{"x":1}}]}'),
      dataSourceConfig: { kind: 'inline', columns: { x: [1] }, mapping: { x: 'x', y: ['x'] } },
    });
    assert.equal(charts.code, 'BAD_REQUEST');
  });

  test('owner XOR: a dashboard or chart for a user AND a team is BAD_REQUEST', async () => {
    const both = { ownerUserId: me.id, ownerTeamId: crypto.randomUUID() };
    assert.equal(
      (await h.call(me, 'dashboards.create', { title: 'x', templateId: TEMPLATE.single, ...both })).code,
      'BAD_REQUEST',
    );
    const chart = {
      title: 'x',
      chartType: 'bar',
      plotlyConfig: { data: [] },
      dataSourceConfig: { kind: 'inline', columns: { x: [1] }, mapping: { x: 'x', y: ['x'] } },
      ...both,
    };
    assert.equal((await h.call(me, 'charts.create', chart)).code, 'BAD_REQUEST');
  });

  test('the Fetch handler serves the same API from a web Request', async () => {
    const ocp = createOcpServer({ db: h.db.db, auth: h.auth });
    const res = await ocp.fetch(new Request('http://x/trpc/templates.list'));
    assert.equal(res.status, 200);
    const body = (await res.json()) as { result: { data: unknown[] } };
    assert.equal(body.result.data.length, SYSTEM_TEMPLATES.length);
    const mine = await ocp.fetch(
      new Request('http://x/trpc/me.get', { headers: { authorization: `Bearer ${me.token}` } }),
    );
    assert.equal(((await mine.json()) as { result: { data: { id: string } } }).result.data.id, me.id);
    const big = await ocp.fetch(
      new Request('http://x/trpc/templates.list', { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) }),
    );
    assert.equal(big.status, 413);
    assert.equal((await ocp.fetch(new Request('http://x/elsewhere'))).status, 404);
  });

  test('unbounded strings are BAD_REQUEST', async () => {
    const res = await h.call(me, 'dashboards.create', { title: 'x'.repeat(201), templateId: TEMPLATE.single });
    assert.equal(res.code, 'BAD_REQUEST');
  });
});

describe('HTTP: sharing links are absolute when the server knows its public URL', () => {
  let h: Harness;
  before(async () => {
    // As the reference host does without OCP_PUBLIC_URL: the origin the request came to.
    h = await startHarness({ publicUrl: ({ headers }) => `http://${headers.get('host')}` });
  });
  after(() => h?.close());

  test('sharing.create returns http://<the request host>/embed/<token>', async () => {
    const me = await h.user('linker');
    const created = ok(
      await h.call<{ id: string }>(me, 'dashboards.create', { title: 'D', templateId: TEMPLATE.grid }),
    );
    const link = ok(
      await h.call<{ token: string; url: string }>(me, 'sharing.create', {
        resourceType: 'dashboard',
        resourceId: created.id,
      }),
    );
    assert.equal(link.url, `${h.url}/embed/${link.token}`);
  });
});

describe('HTTP: errors in production shape', () => {
  /** A database whose every call fails like a driver would, quoting SQL. */
  function failingDb(code?: string): OcpDatabase {
    const fail = () => {
      const error = Object.assign(
        new Error('relation "secret_table" does not exist: SELECT password FROM secret_table'),
        {
          code,
        },
      );
      throw error;
    };
    return new Proxy({} as OcpDatabase, { get: () => fail });
  }

  test('an unexpected error is a generic 500: no stack, no SQL', async () => {
    const ocp = createOcpServer({ db: failingDb() });
    const original = console.error;
    console.error = () => {};
    try {
      const res = await ocp.fetch(new Request('http://x/trpc/templates.list'));
      assert.equal(res.status, 500);
      const text = await res.text();
      assert.doesNotMatch(text, /secret_table|SELECT|stack|\.ts:\d+/);
      assert.match(text, /Internal server error/);
    } finally {
      console.error = original;
    }
  });

  test('a database constraint error maps to a precise code with a fixed message', async () => {
    const ocp = createOcpServer({ db: failingDb('23505') });
    const res = await ocp.fetch(new Request('http://x/trpc/templates.list'));
    assert.equal(res.status, 409);
    const text = await res.text();
    assert.doesNotMatch(text, /secret_table|SELECT/);
    assert.match(text, /CONFLICT/);
  });
});
