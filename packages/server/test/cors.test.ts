import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createOcpServer } from '../src/index.js';
import { type Harness, startHarness } from './harness.js';

const APP = 'https://app.example.test';

describe('CORS for hosts on another origin', () => {
  let h: Harness;
  let closed: Harness;
  before(async () => {
    h = await startHarness({ corsOrigins: [APP] });
    closed = await startHarness();
  });
  after(async () => {
    await h?.close();
    await closed?.close();
  });

  const preflight = (base: string, origin: string) =>
    fetch(`${base}/trpc/dashboards.list`, {
      method: 'OPTIONS',
      headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
    });

  test('an allowed origin gets a preflight answer and its own origin back, never credentials', async () => {
    const pre = await preflight(h.url, APP);
    assert.equal(pre.status, 204);
    assert.equal(pre.headers.get('access-control-allow-origin'), APP);
    assert.match(pre.headers.get('access-control-allow-headers')!, /authorization/);
    assert.match(pre.headers.get('access-control-allow-methods')!, /POST/);
    assert.equal(pre.headers.get('access-control-allow-credentials'), null);
    const res = await fetch(`${h.url}/trpc/templates.list`, { headers: { origin: APP } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), APP);
    assert.match(res.headers.get('vary')!, /\borigin\b/);
    assert.match(res.headers.get('vary')!, /trpc-accept/, "tRPC's own Vary is kept");
  });

  test('other origins, and servers without corsOrigins, get no CORS headers', async () => {
    for (const [base, origin] of [
      [h.url, 'https://evil.example.test'],
      [h.url, `${APP}.evil.test`],
      [closed.url, APP],
    ] as const) {
      const pre = await preflight(base, origin);
      assert.equal(pre.headers.get('access-control-allow-origin'), null, `${base} ${origin}`);
      const res = await fetch(`${base}/trpc/templates.list`, { headers: { origin } });
      assert.equal(res.headers.get('access-control-allow-origin'), null);
    }
  });

  test('the Fetch handler applies the same policy, and bad origins are refused at startup', async () => {
    const ocp = createOcpServer({ db: h.db.db, auth: h.auth, corsOrigins: [APP] });
    const res = await ocp.fetch(new Request('http://x/trpc/templates.list', { headers: { origin: APP } }));
    assert.equal(res.headers.get('access-control-allow-origin'), APP);
    assert.match(res.headers.get('vary')!, /\borigin\b/);
    const pre = await ocp.fetch(
      new Request('http://x/trpc/templates.list', { method: 'OPTIONS', headers: { origin: APP } }),
    );
    assert.equal(pre.status, 204);
    const other = await ocp.fetch(
      new Request('http://x/trpc/templates.list', { headers: { origin: 'https://x.test' } }),
    );
    assert.equal(other.headers.get('access-control-allow-origin'), null);
    assert.throws(() => createOcpServer({ db: h.db.db, corsOrigins: ['https://app.example.test/'] }), /not an origin/);
    assert.throws(() => createOcpServer({ db: h.db.db, corsOrigins: ['app.example.test'] }), /not an origin/);
  });
});
