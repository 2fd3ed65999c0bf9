import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SYSTEM_TEMPLATES } from '@ocp/db';
import { createOcpServer } from '../src/index.js';
import { type Harness, startHarness } from './harness.js';

describe('HTTP: node handler', () => {
  let h: Harness;
  before(async () => {
    h = await startHarness();
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
      'previewImageUrl',
      'slotCount',
    ]);
  });

  test('batching: two calls in one request', async () => {
    const res = await fetch(`${h.url}/trpc/templates.list,templates.list?batch=1&input=${encodeURIComponent('{}')}`);
    const body = (await res.json()) as unknown[];
    assert.equal(body.length, 2);
  });

  test('a body over 1 MB is refused with 413 before it is read', async () => {
    const big = 'x'.repeat(5 * 1024 * 1024);
    const res = await fetch(`${h.url}/trpc/templates.list`, {
      method: 'POST',
      body: big,
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(res.status, 413);
  });
});

describe('HTTP: fetch handler', () => {
  test('serves the same API from a web Request', async () => {
    const h = await startHarness();
    try {
      const ocp = createOcpServer({ db: h.db.db });
      const res = await ocp.fetch(new Request('http://x/trpc/templates.list'));
      assert.equal(res.status, 200);
      const body = (await res.json()) as { result: { data: unknown[] } };
      assert.equal(body.result.data.length, SYSTEM_TEMPLATES.length);
      const big = await ocp.fetch(
        new Request('http://x/trpc/templates.list', { method: 'POST', body: 'x'.repeat(2 * 1024 * 1024) }),
      );
      assert.equal(big.status, 413);
      assert.equal((await ocp.fetch(new Request('http://x/elsewhere'))).status, 404);
    } finally {
      await h.close();
    }
  });
});
